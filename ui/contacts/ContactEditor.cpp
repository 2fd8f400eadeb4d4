// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/contacts/ContactEditor.h"

#include "ui/main/PageIcons.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace CallBridge {

ContactEditor::ContactEditor(QWidget *parent)
    : QWidget(parent),
      m_title(new QLabel(this)),
      m_error(new QLabel(this)),
      m_name(new QLineEdit(this)),
      m_company(new QLineEdit(this)),
      m_phoneRows(new QVBoxLayout),
      m_email(new QLineEdit(this)),
      m_notes(new QPlainTextEdit(this)),
      m_save(new QPushButton(tr("Save"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    setStyleSheet(QStringLiteral("*[invalid=\"true\"] { border: 1px solid %1; border-radius: 3px; "
                                 "padding: 2px; }")
                          .arg(PageIcons::errorColor().name()));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(12);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_error->setObjectName(QStringLiteral("contactError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: %1;").arg(PageIcons::errorColor().name()));
    m_error->setVisible(false);
    layout->addWidget(m_error);

    auto *form = new QFormLayout;
    form->setHorizontalSpacing(14);
    form->setVerticalSpacing(10);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_name->setObjectName(QStringLiteral("contactName"));
    m_name->setPlaceholderText(tr("First and last name"));
    form->addRow(tr("&Name:"), m_name);
    m_company->setObjectName(QStringLiteral("contactCompany"));
    m_company->setPlaceholderText(tr("Company (optional)"));
    form->addRow(tr("C&ompany:"), m_company);

    auto *phones = new QWidget(this);
    auto *phonesLayout = new QVBoxLayout(phones);
    phonesLayout->setContentsMargins(0, 0, 0, 0);
    phonesLayout->setSpacing(6);
    m_phoneRows->setSpacing(6);
    phonesLayout->addLayout(m_phoneRows);
    auto *addPhone
            = new QPushButton(PageIcons::icon(PageIcons::Glyph::Plus, PageIcons::accentColor()),
                              tr("Add another number"), phones);
    addPhone->setFlat(true);
    addPhone->setCursor(Qt::PointingHandCursor);
    addPhone->setStyleSheet(
            QStringLiteral("QPushButton { color: %1; text-align: left; padding: 2px; }")
                    .arg(PageIcons::accentColor().name()));
    connect(addPhone, &QPushButton::clicked, this, [this] { addPhoneField()->setFocus(); });
    phonesLayout->addWidget(addPhone, 0, Qt::AlignLeft);
    form->addRow(tr("&Phone:"), phones);
    qobject_cast<QLabel *>(form->labelForField(phones))
            ->setAlignment(Qt::AlignRight | Qt::AlignTop);

    m_email->setObjectName(QStringLiteral("contactEmail"));
    m_email->setPlaceholderText(tr("name@example.com"));
    form->addRow(tr("&Email:"), m_email);
    m_notes->setObjectName(QStringLiteral("contactNotes"));
    m_notes->setPlaceholderText(tr("Anything the next person on the phone should know"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMinimumHeight(90);
    form->addRow(tr("No&tes:"), m_notes);
    layout->addLayout(form);
    layout->addStretch(1);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    m_save->setObjectName(QStringLiteral("saveContact"));
    m_save->setDefault(true);
    m_save->setIcon(PageIcons::icon(PageIcons::Glyph::Check, PageIcons::okColor()));
    buttons->addWidget(m_save);
    layout->addLayout(buttons);

    connect(m_save, &QPushButton::clicked, this, &ContactEditor::saveRequested);
    connect(m_cancel, &QPushButton::clicked, this, &ContactEditor::cancelled);
    connect(m_name, &QLineEdit::returnPressed, this, &ContactEditor::saveRequested);
    startNew();
}

void ContactEditor::startNew(const QString &number)
{
    m_title->setText(tr("New contact"));
    ContactCard empty;
    if (!number.isEmpty())
        empty.phones = { number };
    reset(empty);
    m_original = ContactCard();
    m_name->setFocus();
}

void ContactEditor::startEdit(const ContactCard &contact)
{
    m_title->setText(tr("Edit contact"));
    reset(contact);
}

void ContactEditor::reset(const ContactCard &contact)
{
    m_original = contact;
    m_name->setText(contact.name);
    m_company->setText(contact.company);
    m_email->setText(contact.email);
    m_notes->setPlainText(contact.notes);
    for (QLineEdit *field : std::as_const(m_phones))
        field->parentWidget()->deleteLater();
    m_phones.clear();
    for (const QString &phone : contact.phones)
        addPhoneField(m_normalizer.formatForDisplay(phone));
    if (m_phones.isEmpty())
        addPhoneField();
    showError(QString());
    setBusy(false);
}

QLineEdit *ContactEditor::addPhoneField(const QString &number)
{
    auto *row = new QWidget(this);
    auto *rowLayout = new QHBoxLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->setSpacing(4);
    auto *field = new QLineEdit(number, row);
    field->setObjectName(QStringLiteral("contactPhone"));
    field->setPlaceholderText(tr("+48 600 100 200"));
    rowLayout->addWidget(field, 1);
    auto *remove = new QToolButton(row);
    remove->setText(QStringLiteral("✕"));
    remove->setAutoRaise(true);
    remove->setToolTip(tr("Remove this number"));
    rowLayout->addWidget(remove);
    connect(remove, &QToolButton::clicked, this, [this, row, field] {
        if (m_phones.size() == 1) {
            field->clear();
            return;
        }
        m_phones.removeOne(field);
        row->deleteLater();
    });
    connect(field, &QLineEdit::returnPressed, this, &ContactEditor::saveRequested);
    m_phoneRows->addWidget(row);
    m_phones.append(field);
    return field;
}

QStringList ContactEditor::phones() const
{
    QStringList numbers;
    for (const QLineEdit *field : m_phones) {
        const QString number = field->text().trimmed();
        if (!number.isEmpty())
            numbers << number;
    }
    return numbers;
}

ContactDraft ContactEditor::draft() const
{
    ContactDraft draft;
    const auto changed = [this](const QString &now, const QString &before) {
        return isNew() ? !now.isEmpty() : now != before;
    };
    const QString name = m_name->text().trimmed();
    if (changed(name, m_original.name))
        draft.name = name;
    const QString company = m_company->text().trimmed();
    if (changed(company, m_original.company))
        draft.company = company;
    const QString email = m_email->text().trimmed();
    if (changed(email, m_original.email))
        draft.email = email;
    const QString notes = m_notes->toPlainText().trimmed();
    if (changed(notes, m_original.notes.trimmed()))
        draft.notes = notes;

    const QStringList numbers = phones();
    QStringList canonical;
    for (const QString &number : numbers)
        canonical << m_normalizer.normalize(number).canonical();
    QStringList before;
    for (const QString &number : m_original.phones)
        before << m_normalizer.normalize(number).canonical();
    if (isNew() ? !numbers.isEmpty() : canonical != before)
        draft.phones = numbers;
    return draft;
}

bool ContactEditor::hasChanges() const
{
    const ContactDraft changes = draft();
    return changes.name || changes.company || changes.email || changes.notes || changes.phones;
}

void ContactEditor::setBusy(bool busy)
{
    m_save->setEnabled(!busy);
    m_save->setText(busy ? tr("Saving…") : tr("Save"));
}

void ContactEditor::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    // The relay names the field it refuses in quotes: "phones": "abc" is not a phone number.
    const bool needsNameOrPhone = message.contains(u"name or a phone");
    markInvalid(m_name, message.contains(u"\"name\"") || needsNameOrPhone);
    markInvalid(m_company, message.contains(u"\"company\""));
    markInvalid(m_email, message.contains(u"\"email\""));
    markInvalid(m_notes, message.contains(u"\"notes\""));
    for (QLineEdit *field : std::as_const(m_phones))
        markInvalid(field, message.contains(u"\"phones\"") || needsNameOrPhone);
}

QString ContactEditor::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ContactEditor::markInvalid(QWidget *field, bool invalid)
{
    if (field->property("invalid").toBool() == invalid)
        return;
    field->setProperty("invalid", invalid);
    field->style()->unpolish(field);
    field->style()->polish(field);
}

} // namespace CallBridge
