// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/contacts/ContactCardView.h"

#include "ui/main/CallFormat.h"
#include "ui/main/PageIcons.h"

#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace CallBridge {

namespace {

constexpr int avatarSize = 56;

QLabel *sectionLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QFrame *separator(QWidget *parent)
{
    auto *line = new QFrame(parent);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Plain);
    line->setStyleSheet(QStringLiteral("color: #e3e6ea;"));
    return line;
}

} // namespace

ContactCardView::ContactCardView(QWidget *parent)
    : QWidget(parent),
      m_avatar(new QLabel(this)),
      m_name(new QLabel(this)),
      m_company(new QLabel(this)),
      m_edit(new QPushButton(tr("Edit"), this)),
      m_details(new QWidget(this)),
      m_form(new QFormLayout(m_details)),
      m_callsMessage(new QLabel(this)),
      m_calls(new QTreeWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 16);
    layout->setSpacing(12);

    auto *header = new QHBoxLayout;
    header->setSpacing(14);
    m_avatar->setFixedSize(avatarSize, avatarSize);
    header->addWidget(m_avatar, 0, Qt::AlignTop);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.45);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    m_name->setWordWrap(true);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_company->setWordWrap(true);
    m_company->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_company->setStyleSheet(QStringLiteral("color: %1;").arg(PageIcons::mutedColor().name()));
    titles->addStretch(1);
    titles->addWidget(m_name);
    titles->addWidget(m_company);
    titles->addStretch(1);
    header->addLayout(titles, 1);
    m_edit->setObjectName(QStringLiteral("editContact"));
    m_edit->setIcon(PageIcons::icon(PageIcons::Glyph::Pencil, PageIcons::mutedColor()));
    header->addWidget(m_edit, 0, Qt::AlignTop);
    layout->addLayout(header);
    connect(m_edit, &QPushButton::clicked, this, &ContactCardView::editRequested);

    layout->addWidget(separator(this));
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setHorizontalSpacing(18);
    m_form->setVerticalSpacing(10);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    // Every field as wide as the pane, so that wrapped notes get their full height.
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addWidget(m_details);

    layout->addWidget(separator(this));
    layout->addWidget(sectionLabel(tr("Recent calls"), this));
    m_callsMessage->setStyleSheet(QStringLiteral("color: %1;").arg(PageIcons::mutedColor().name()));
    layout->addWidget(m_callsMessage);
    m_calls->setObjectName(QStringLiteral("recentCalls"));
    m_calls->setColumnCount(4);
    m_calls->setHeaderHidden(true);
    m_calls->setRootIsDecorated(false);
    m_calls->setSelectionMode(QAbstractItemView::NoSelection);
    m_calls->setFocusPolicy(Qt::NoFocus);
    m_calls->setFrameShape(QFrame::NoFrame);
    m_calls->setIconSize(QSize(16, 16));
    m_calls->header()->setStretchLastSection(true);
    m_calls->setStyleSheet(QStringLiteral("QTreeWidget { background: transparent; }"));
    layout->addWidget(m_calls, 1);
}

void ContactCardView::addRow(const QString &label, QWidget *field)
{
    auto *name = new QLabel(label, m_details);
    name->setStyleSheet(QStringLiteral("color: %1;").arg(PageIcons::mutedColor().name()));
    m_form->addRow(name, field);
}

void ContactCardView::setContact(const ContactCard &contact)
{
    m_contact = contact;
    const QString title = !CallFormat::isNumberLike(contact.name) ? contact.name
            : contact.phones.isEmpty()                            ? tr("Unnamed contact")
                                       : m_normalizer.formatForDisplay(contact.phones.constFirst());
    m_avatar->setPixmap(PageIcons::avatar(contact.name, avatarSize, devicePixelRatioF()));
    m_name->setText(title);
    m_company->setText(contact.company);
    m_company->setVisible(!contact.company.trimmed().isEmpty());

    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_callButtons.clear();

    const QColor phoneColor = PageIcons::okColor();
    for (int i = 0; i < contact.phones.size(); ++i) {
        const QString &phone = contact.phones.at(i);
        auto *row = new QWidget(m_details);
        auto *rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->setSpacing(10);
        auto *number = new QLabel(m_normalizer.formatForDisplay(phone), row);
        number->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QFont numberFont = number->font();
        numberFont.setPointSizeF(numberFont.pointSizeF() * 1.1);
        number->setFont(numberFont);
        rowLayout->addWidget(number);
        auto *call = new QPushButton(PageIcons::icon(PageIcons::Glyph::Phone, phoneColor),
                                     tr("Call"), row);
        call->setProperty("number", phone);
        call->setToolTip(tr("Ring your phone first, then %1").arg(number->text()));
        call->setCursor(Qt::PointingHandCursor);
        connect(call, &QPushButton::clicked, this, [this, phone] { emit callRequested(phone); });
        rowLayout->addWidget(call);
        rowLayout->addStretch(1);
        m_callButtons.append(call);
        addRow(i == 0 ? tr("Phone") : QString(), row);
    }
    if (contact.phones.isEmpty()) {
        auto *none = new QLabel(tr("No phone number"), m_details);
        none->setStyleSheet(QStringLiteral("color: %1;").arg(PageIcons::mutedColor().name()));
        addRow(tr("Phone"), none);
    }
    if (!contact.email.trimmed().isEmpty()) {
        auto *email = new QLabel(m_details);
        email->setText(QStringLiteral("<a href=\"mailto:%1\">%2</a>")
                               .arg(contact.email.toHtmlEscaped(), contact.email.toHtmlEscaped()));
        email->setOpenExternalLinks(true);
        email->setTextInteractionFlags(Qt::TextBrowserInteraction);
        addRow(tr("Email"), email);
    }
    if (contact.responsible) {
        const UserRef &user = *contact.responsible;
        auto *responsible = new QLabel(
                user.extension.isEmpty() ? user.shownName()
                                         : tr("%1 (ext. %2)").arg(user.shownName(), user.extension),
                m_details);
        addRow(tr("Responsible"), responsible);
    }
    if (!contact.notes.trimmed().isEmpty()) {
        auto *notes = new QLabel(contact.notes, m_details);
        notes->setWordWrap(true);
        notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
        notes->setTextFormat(Qt::PlainText);
        addRow(tr("Notes"), notes);
    }
    m_calls->clear();
    setRecentCallsMessage(QString());
}

void ContactCardView::setRecentCalls(const QList<CallInfo> &calls)
{
    m_calls->clear();
    const QDateTime now = QDateTime::currentDateTime();
    for (const CallInfo &call : calls) {
        auto *item = new QTreeWidgetItem(m_calls);
        item->setIcon(0,
                      PageIcons::icon(CallFormat::directionGlyph(call),
                                      CallFormat::directionColor(call)));
        item->setText(0, CallFormat::when(call.startedAt, now));
        item->setText(1, CallFormat::direction(call));
        item->setText(2,
                      call.durationSeconds > 0 ? CallFormat::duration(call.durationSeconds)
                                               : QString());
        item->setText(3, CallFormat::status(call));
        item->setData(0, Qt::UserRole, call.pbxCallId);
    }
    for (int column = 0; column < 3; ++column)
        m_calls->resizeColumnToContents(column);
    for (int column = 0; column < 3; ++column)
        m_calls->setColumnWidth(column, m_calls->columnWidth(column) + 16);
    setRecentCallsMessage(calls.isEmpty() ? tr("No calls with this contact yet.") : QString());
}

void ContactCardView::setRecentCallsMessage(const QString &text)
{
    m_callsMessage->setText(text);
    m_callsMessage->setVisible(!text.isEmpty());
}

} // namespace CallBridge
