// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/BlacklistPage.h"

#include "core/client/RelayClient.h"
#include "ui/settings/StatusLine.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace CallBridge {

namespace {
enum Column { NumberColumn, ReasonColumn, AddedColumn, ColumnCount };
constexpr int numberRole = Qt::UserRole;
} // namespace

BlacklistPage::BlacklistPage(RelayClient *relay, QWidget *parent)
    : SettingsPage(tr("Blacklist"),
                   tr("Callers the relay hangs up on, as long as hanging up on blacklisted "
                      "callers is turned on in the routing settings."),
                   parent),
      m_relay(relay),
      m_table(new QTableWidget(0, ColumnCount, this)),
      m_empty(new QLabel(tr("No numbers on the blacklist."), this)),
      m_remove(new QPushButton(tr("Remove…"), this)),
      m_refresh(new QPushButton(tr("Refresh"), this)),
      m_status(new StatusLine(this)),
      m_number(new QLineEdit(this)),
      m_reason(new QLineEdit(this)),
      m_add(new QPushButton(tr("Add to blacklist"), this)),
      m_addStatus(new StatusLine(this))
{
    m_table->setObjectName(QStringLiteral("blacklistTable"));
    m_table->setHorizontalHeaderLabels({ tr("Number"), tr("Reason"), tr("Added") });
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(NumberColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ReasonColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(AddedColumn, QHeaderView::ResizeToContents);
    header->setMinimumSectionSize(140);
    body()->addWidget(m_table, 1);
    m_empty->setObjectName(QStringLiteral("blacklistEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    QPalette emptyPalette = m_empty->palette();
    emptyPalette.setColor(QPalette::WindowText, emptyPalette.color(QPalette::PlaceholderText));
    m_empty->setPalette(emptyPalette);
    m_empty->setVisible(false);

    m_remove->setObjectName(QStringLiteral("removeFromBlacklist"));
    m_refresh->setObjectName(QStringLiteral("refreshBlacklist"));
    m_remove->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    m_refresh->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_remove);
    actions->addWidget(m_empty, 1);
    actions->addStretch(); // the buttons stay at the ends while the empty note is hidden
    actions->addWidget(m_refresh);
    body()->addLayout(actions);
    m_status->setObjectName(QStringLiteral("blacklistStatus"));
    body()->addWidget(m_status);

    auto *add = new QGroupBox(tr("Add a number"), this);
    auto *addLayout = new QGridLayout(add);
    addLayout->setHorizontalSpacing(8);
    addLayout->setVerticalSpacing(8);
    m_number->setObjectName(QStringLiteral("blacklistNumber"));
    m_number->setPlaceholderText(tr("+48 600 100 200"));
    m_reason->setObjectName(QStringLiteral("blacklistReason"));
    m_reason->setPlaceholderText(tr("Optional, for the other admins"));
    m_add->setObjectName(QStringLiteral("addToBlacklist"));
    m_addStatus->setObjectName(QStringLiteral("blacklistAddStatus"));
    addLayout->addWidget(new QLabel(tr("Number:"), add), 0, 0, Qt::AlignRight);
    addLayout->addWidget(m_number, 0, 1);
    addLayout->addWidget(new QLabel(tr("Reason:"), add), 0, 2, Qt::AlignRight);
    addLayout->addWidget(m_reason, 0, 3);
    addLayout->addWidget(m_add, 0, 4);
    addLayout->addWidget(m_addStatus, 1, 1, 1, 4);
    addLayout->setColumnStretch(1, 2);
    addLayout->setColumnStretch(3, 3);
    body()->addWidget(add);

    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_table->selectedItems().isEmpty()); });
    connect(m_refresh, &QPushButton::clicked, this, [this] { fetch(); });
    connect(m_remove, &QPushButton::clicked, this, &BlacklistPage::confirmRemove);
    connect(m_add, &QPushButton::clicked, this, &BlacklistPage::add);
    connect(m_number, &QLineEdit::returnPressed, this, &BlacklistPage::add);
    connect(m_reason, &QLineEdit::returnPressed, this, &BlacklistPage::add);
    m_remove->setEnabled(false);
}

void BlacklistPage::reload()
{
    fetch();
}

void BlacklistPage::fetch(std::function<void()> then)
{
    m_refresh->setEnabled(false);
    if (!then)
        m_status->setBusy(tr("Loading the blacklist…"));
    m_relay->blacklist(this, [this, then](RelayResult<QList<BlacklistEntryInfo>> entries) {
        m_refresh->setEnabled(true);
        if (!entries) {
            m_status->setError(tr("Could not load the blacklist: %1").arg(entries.error().message));
            return;
        }
        display(entries.value());
        if (then)
            then();
        else
            m_status->clear();
    });
}

void BlacklistPage::display(const QList<BlacklistEntryInfo> &entries)
{
    m_entries = entries;
    m_table->setRowCount(0);
    m_table->setRowCount(int(entries.size()));
    const QLocale locale;
    for (int row = 0; row < entries.size(); ++row) {
        const BlacklistEntryInfo &entry = entries.at(row);
        auto *number = new QTableWidgetItem(m_numbers.formatForDisplay(entry.number));
        number->setData(numberRole, entry.number);
        number->setToolTip(entry.number);
        m_table->setItem(row, NumberColumn, number);
        m_table->setItem(row, ReasonColumn, new QTableWidgetItem(entry.reason));
        m_table->setItem(
                row, AddedColumn,
                new QTableWidgetItem(entry.createdAt.isValid() ? locale.toString(
                                             entry.createdAt.toLocalTime(), QLocale::ShortFormat)
                                                               : QString()));
    }
    m_empty->setVisible(entries.isEmpty());
    m_remove->setEnabled(!m_table->selectedItems().isEmpty());
}

void BlacklistPage::add()
{
    const QString number = m_number->text().trimmed();
    if (number.isEmpty()) {
        m_addStatus->setError(tr("Enter the number with its country code."));
        m_number->setFocus();
        return;
    }
    m_add->setEnabled(false);
    m_addStatus->setBusy(tr("Adding %1…").arg(number));
    m_relay->addToBlacklist(number, m_reason->text().trimmed(), this,
                            [this](RelayResult<BlacklistEntryInfo> added) {
                                m_add->setEnabled(true);
                                if (!added) {
                                    m_addStatus->setError(added.error().message);
                                    return;
                                }
                                m_addStatus->setOk(
                                        tr("%1 is on the blacklist.")
                                                .arg(m_numbers.formatForDisplay(added->number)));
                                m_number->clear();
                                m_reason->clear();
                                fetch([] {});
                            });
}

void BlacklistPage::confirmRemove()
{
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    if (items.isEmpty())
        return;
    const QString number
            = m_table->item(items.first()->row(), NumberColumn)->data(numberRole).toString();
    const QString shown = m_numbers.formatForDisplay(number);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove %1?").arg(shown),
                                tr("Take %1 off the blacklist?").arg(shown), QMessageBox::Cancel,
                                this);
    box->setObjectName(QStringLiteral("confirmUnblock"));
    box->setInformativeText(tr("Calls from this number will ring again."));
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::AcceptRole);
    box->setDefaultButton(remove);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, remove, number, shown] {
        if (box->clickedButton() != remove)
            return;
        m_remove->setEnabled(false);
        m_status->setBusy(tr("Removing %1…").arg(shown));
        m_relay->removeFromBlacklist(number, this, [this, shown](RelayResult<bool> removed) {
            if (!removed) {
                m_status->setError(
                        tr("Could not remove %1: %2").arg(shown, removed.error().message));
                m_remove->setEnabled(!m_table->selectedItems().isEmpty());
                return;
            }
            fetch([this, shown] {
                m_status->setOk(tr("%1 was taken off the blacklist.").arg(shown));
            });
        });
    });
    box->open();
}

} // namespace CallBridge
