// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/UsersPage.h"

#include "core/client/RelayClient.h"
#include "ui/UiLogging.h"
#include "ui/main/PageIcons.h"
#include "ui/settings/SettingsIcons.h"
#include "ui/settings/StatusLine.h"

#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace CallBridge {

namespace {

enum Column { NameColumn, DisplayNameColumn, RoleColumn, ExtensionColumn, ColumnCount };

constexpr int userIdRole = Qt::UserRole;

QString roleText(const QString &role)
{
    return role == u"admin" ? UsersPage::tr("Administrator") : UsersPage::tr("Agent");
}

void fillExtensionChoices(QComboBox *combo, const QStringList &choices, const QString &current)
{
    combo->clear();
    combo->addItem(UsersPage::tr("None"), QString());
    for (const QString &extension : choices)
        combo->addItem(extension, extension);
    const int index = combo->findData(current);
    combo->setCurrentIndex(index < 0 ? 0 : index);
}

} // namespace

UsersPage::UsersPage(RelayClient *relay, QWidget *parent)
    : SettingsPage(tr("Users & extensions"),
                   tr("Everyone who uses CallBridge, and the PBX extension each one answers. An "
                      "extension belongs to one user at most."),
                   parent),
      m_relay(relay),
      m_table(new QTableWidget(0, ColumnCount, this)),
      m_extensionList(new QTreeWidget(this)),
      m_newToken(new QPushButton(tr("New token…"), this)),
      m_remove(new QPushButton(tr("Remove…"), this)),
      m_refresh(new QPushButton(tr("Refresh"), this)),
      m_status(new StatusLine(this)),
      m_newName(new QLineEdit(this)),
      m_newDisplayName(new QLineEdit(this)),
      m_newRole(new QComboBox(this)),
      m_newExtension(new QComboBox(this)),
      m_add(new QPushButton(tr("Add user"), this)),
      m_addStatus(new StatusLine(this)),
      m_tokenPanel(new QFrame(this)),
      m_tokenWarning(new QLabel(m_tokenPanel)),
      m_token(new QLineEdit(m_tokenPanel))
{
    m_table->setObjectName(QStringLiteral("usersTable"));
    m_table->setHorizontalHeaderLabels(
            { tr("User name"), tr("Display name"), tr("Role"), tr("Extension") });
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(QComboBox().sizeHint().height() + 6);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(DisplayNameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(RoleColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ExtensionColumn, QHeaderView::Fixed);
    header->resizeSection(ExtensionColumn, 112);

    m_extensionList->setObjectName(QStringLiteral("extensionsList"));
    m_extensionList->setHeaderLabels({ tr("Extension"), tr("Held by") });
    m_extensionList->setRootIsDecorated(false);
    m_extensionList->setSelectionMode(QAbstractItemView::NoSelection);
    m_extensionList->setFocusPolicy(Qt::NoFocus);
    m_extensionList->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_extensionList->setFixedWidth(200);

    auto *lists = new QHBoxLayout;
    lists->setSpacing(10);
    lists->addWidget(m_table, 1);
    lists->addWidget(m_extensionList);
    body()->addLayout(lists, 1);

    m_newToken->setObjectName(QStringLiteral("newToken"));
    m_remove->setObjectName(QStringLiteral("removeUser"));
    m_refresh->setObjectName(QStringLiteral("refreshUsers"));
    auto *actions = new QHBoxLayout;
    actions->setSpacing(6);
    actions->addWidget(m_newToken);
    actions->addWidget(m_remove);
    actions->addStretch(1);
    actions->addWidget(m_refresh);
    body()->addLayout(actions);
    m_status->setObjectName(QStringLiteral("usersStatus"));
    body()->addWidget(m_status);

    // The one-time token, right where the admin is looking after adding a user.
    m_tokenPanel->setObjectName(QStringLiteral("tokenPanel"));
    m_tokenPanel->setFrameShape(QFrame::StyledPanel);
    m_tokenPanel->setAutoFillBackground(true);
    QPalette panelPalette = m_tokenPanel->palette();
    panelPalette.setColor(QPalette::Window, QColor(0xfd, 0xf6, 0xe3));
    panelPalette.setColor(QPalette::WindowText, QColor(0x5c, 0x4a, 0x12));
    m_tokenPanel->setPalette(panelPalette);
    auto *panelLayout = new QGridLayout(m_tokenPanel);
    panelLayout->setContentsMargins(10, 8, 10, 8);
    panelLayout->setHorizontalSpacing(8);
    auto *warningIcon = new QLabel(m_tokenPanel);
    warningIcon->setPixmap(SettingsIcons::glyph(SettingsIcons::Glyph::Warning,
                                                QColor(0xd9, 0x8c, 0x1a), 18, devicePixelRatioF()));
    panelLayout->addWidget(warningIcon, 0, 0, Qt::AlignTop);
    m_tokenWarning->setWordWrap(true);
    panelLayout->addWidget(m_tokenWarning, 0, 1, 1, 3);
    m_token->setObjectName(QStringLiteral("oneTimeToken"));
    m_token->setReadOnly(true);
    m_token->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    panelLayout->addWidget(m_token, 1, 1);
    auto *copy = new QPushButton(tr("Copy"), m_tokenPanel);
    copy->setObjectName(QStringLiteral("copyToken"));
    panelLayout->addWidget(copy, 1, 2);
    auto *done = new QPushButton(tr("Done"), m_tokenPanel);
    done->setObjectName(QStringLiteral("hideToken"));
    panelLayout->addWidget(done, 1, 3);
    panelLayout->setColumnStretch(1, 1);
    m_tokenPanel->setVisible(false);
    body()->addWidget(m_tokenPanel);
    connect(copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_token->text());
        m_token->selectAll();
    });
    connect(done, &QPushButton::clicked, this, [this] {
        m_token->clear();
        m_tokenPanel->setVisible(false);
    });

    auto *add = new QGroupBox(tr("Add a user"), this);
    auto *addLayout = new QGridLayout(add);
    addLayout->setHorizontalSpacing(8);
    addLayout->setVerticalSpacing(8);
    m_newName->setObjectName(QStringLiteral("newUserName"));
    m_newName->setPlaceholderText(tr("e.g. maria"));
    m_newDisplayName->setObjectName(QStringLiteral("newUserDisplayName"));
    m_newDisplayName->setPlaceholderText(tr("e.g. María García"));
    m_newRole->setObjectName(QStringLiteral("newUserRole"));
    m_newRole->addItem(tr("Agent"), QStringLiteral("agent"));
    m_newRole->addItem(tr("Administrator"), QStringLiteral("admin"));
    m_newExtension->setObjectName(QStringLiteral("newUserExtension"));
    m_add->setObjectName(QStringLiteral("addUser"));
    m_addStatus->setObjectName(QStringLiteral("addUserStatus"));
    addLayout->addWidget(new QLabel(tr("User name:"), add), 0, 0, Qt::AlignRight);
    addLayout->addWidget(m_newName, 0, 1);
    addLayout->addWidget(new QLabel(tr("Display name:"), add), 0, 2, Qt::AlignRight);
    addLayout->addWidget(m_newDisplayName, 0, 3);
    addLayout->addWidget(new QLabel(tr("Role:"), add), 1, 0, Qt::AlignRight);
    addLayout->addWidget(m_newRole, 1, 1);
    addLayout->addWidget(new QLabel(tr("Extension:"), add), 1, 2, Qt::AlignRight);
    auto *extensionRow = new QHBoxLayout;
    extensionRow->addWidget(m_newExtension, 1);
    extensionRow->addWidget(m_add);
    addLayout->addLayout(extensionRow, 1, 3);
    addLayout->addWidget(m_addStatus, 2, 1, 1, 3);
    addLayout->setColumnStretch(1, 1);
    addLayout->setColumnStretch(3, 1);
    body()->addWidget(add);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, &UsersPage::updateButtons);
    connect(m_refresh, &QPushButton::clicked, this, [this] { fetch(); });
    connect(m_newToken, &QPushButton::clicked, this, &UsersPage::confirmNewToken);
    connect(m_remove, &QPushButton::clicked, this, &UsersPage::confirmRemove);
    connect(m_add, &QPushButton::clicked, this, &UsersPage::addUser);
    connect(m_newName, &QLineEdit::returnPressed, this, &UsersPage::addUser);
    fillExtensionChoices(m_newExtension, {}, QString());
    updateButtons();
}

void UsersPage::setCurrentUser(qint64 id)
{
    m_currentUserId = id;
    rebuild();
}

void UsersPage::reload()
{
    fetch();
}

QStringList UsersPage::choicesFor(const ExtensionList &extensions, const QString &own)
{
    QStringList choices;
    for (const ExtensionInfo &info : extensions.extensions) {
        if (info.free || info.extension == own)
            choices.append(info.extension);
    }
    // Kept even when the PBX no longer lists it, so that the combo shows the truth.
    if (!own.isEmpty() && !choices.contains(own))
        choices.append(own);
    return choices;
}

void UsersPage::fetch(std::function<void()> then)
{
    const int generation = ++m_generation;
    m_refresh->setEnabled(false);
    if (!then)
        m_status->setBusy(tr("Loading users and extensions…"));

    struct Pending
    {
        int left = 2;
        QStringList errors;
    };
    auto pending = std::make_shared<Pending>();
    auto finish = [this, generation, pending, then = std::move(then)] {
        if (--pending->left > 0 || generation != m_generation)
            return;
        m_refresh->setEnabled(true);
        rebuild();
        if (!pending->errors.isEmpty())
            m_status->setError(pending->errors.join(u'\n'));
        else if (then)
            then();
        else
            m_status->clear();
    };
    m_relay->users(this, [this, generation, pending, finish](RelayResult<QList<UserInfo>> users) {
        if (generation != m_generation)
            return;
        if (users) {
            m_users = users.value();
            emit usersChanged(m_users);
        } else {
            pending->errors.append(tr("Could not list the users: %1").arg(users.error().message));
        }
        finish();
    });
    m_relay->extensions(this, [this, generation, pending, finish](RelayResult<ExtensionList> list) {
        if (generation != m_generation)
            return;
        if (list) {
            m_extensions = list.value();
            m_extensionsKnown = true;
        } else {
            m_extensionsKnown = false;
            pending->errors.append(
                    tr("Could not list the PBX's extensions: %1").arg(list.error().message));
        }
        finish();
    });
}

void UsersPage::rebuild()
{
    const UserInfo *selected = selectedUser();
    const qint64 selectedId = selected ? selected->id : 0;
    m_table->setRowCount(0);
    m_table->setRowCount(int(m_users.size()));
    for (int row = 0; row < m_users.size(); ++row) {
        const UserInfo &user = m_users.at(row);
        auto *name = new QTableWidgetItem(user.id == m_currentUserId ? tr("%1 (you)").arg(user.name)
                                                                     : user.name);
        name->setData(userIdRole, user.id);
        m_table->setItem(row, NameColumn, name);
        m_table->setItem(row, DisplayNameColumn, new QTableWidgetItem(user.displayName));
        m_table->setItem(row, RoleColumn, new QTableWidgetItem(roleText(user.role)));
        m_table->setItem(row, ExtensionColumn, new QTableWidgetItem);
        auto *cell = new QWidget;
        auto *cellLayout = new QHBoxLayout(cell);
        cellLayout->setContentsMargins(4, 2, 4, 2);
        cellLayout->addWidget(extensionCombo(user));
        m_table->setCellWidget(row, ExtensionColumn, cell);
        if (user.id == selectedId)
            m_table->selectRow(row);
    }

    m_extensionList->clear();
    for (const ExtensionInfo &info : std::as_const(m_extensions.extensions)) {
        auto *item = new QTreeWidgetItem(m_extensionList);
        item->setText(0, info.extension);
        item->setSizeHint(0, QSize(0, 22));
        if (info.free || !info.holder) {
            item->setText(1, tr("free"));
            item->setForeground(1, PageIcons::okColor());
        } else {
            // The relay names the holder by login; the display name is friendlier.
            QString holder = info.holder->shownName();
            for (const UserInfo &user : std::as_const(m_users)) {
                if (user.id == info.holder->id)
                    holder = user.shownName();
            }
            item->setText(1, holder);
        }
    }

    const QString newExtension = m_newExtension->currentData().toString();
    fillExtensionChoices(m_newExtension, choicesFor(m_extensions, QString()), newExtension);
    updateButtons();
}

QComboBox *UsersPage::extensionCombo(const UserInfo &user)
{
    auto *combo = new QComboBox;
    combo->setObjectName(QStringLiteral("extensionCombo"));
    combo->setProperty("userId", user.id);
    fillExtensionChoices(combo, choicesFor(m_extensions, user.extension), user.extension);
    if (!m_extensionsKnown)
        combo->setToolTip(tr("The PBX's extensions could not be listed."));
    const qint64 id = user.id;
    connect(combo, &QComboBox::activated, this, [this, combo, id](int index) {
        const QString extension = combo->itemData(index).toString();
        for (const UserInfo &holder : std::as_const(m_users)) {
            if (holder.id == id && holder.extension != extension) {
                combo->setEnabled(false);
                assignExtension(id, extension);
            }
        }
    });
    return combo;
}

const UserInfo *UsersPage::selectedUser() const
{
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    for (const QTableWidgetItem *item : items) {
        if (item->column() != NameColumn)
            continue;
        const qint64 id = item->data(userIdRole).toLongLong();
        for (const UserInfo &user : m_users) {
            if (user.id == id)
                return &user;
        }
    }
    return nullptr;
}

void UsersPage::updateButtons()
{
    const UserInfo *user = selectedUser();
    m_newToken->setEnabled(user != nullptr);
    m_remove->setEnabled(user != nullptr && user->id != m_currentUserId);
    m_remove->setToolTip(user && user->id == m_currentUserId
                                 ? tr("You cannot remove yourself; another administrator can.")
                                 : QString());
}

void UsersPage::assignExtension(qint64 userId, const QString &extension)
{
    QString who;
    for (const UserInfo &user : std::as_const(m_users)) {
        if (user.id == userId)
            who = user.shownName();
    }
    m_status->setBusy(extension.isEmpty() ? tr("Taking the extension from %1…").arg(who)
                                          : tr("Giving extension %1 to %2…").arg(extension, who));
    m_relay->updateUser(userId, QJsonObject { { QStringLiteral("extension"), extension } }, this,
                        [this, who, extension](RelayResult<UserInfo> updated) {
                            if (!updated) {
                                const QString message = extension.isEmpty()
                                        ? tr("Could not take the extension from %1: %2")
                                                  .arg(who, updated.error().message)
                                        : tr("Could not give extension %1 to %2: %3")
                                                  .arg(extension, who, updated.error().message);
                                qCInfo(lcUiSettings).noquote() << "extension refused:" << message;
                                // The lists were stale; show what is true now, with the refusal.
                                fetch([this, message] { m_status->setError(message); });
                                return;
                            }
                            const QString done = extension.isEmpty()
                                    ? tr("%1 has no extension now.").arg(who)
                                    : tr("%1 now answers extension %2.").arg(who, extension);
                            fetch([this, done] { m_status->setOk(done); });
                        });
}

void UsersPage::addUser()
{
    NewUser user;
    user.name = m_newName->text().trimmed();
    user.displayName = m_newDisplayName->text().trimmed();
    user.role = m_newRole->currentData().toString();
    user.extension = m_newExtension->currentData().toString();
    if (user.name.isEmpty()) {
        m_addStatus->setError(tr("Enter a user name: one word, used to sign in and in logs."));
        m_newName->setFocus();
        return;
    }
    m_add->setEnabled(false);
    m_addStatus->setBusy(tr("Adding %1…").arg(user.name));
    m_relay->createUser(user, this, [this](RelayResult<CreatedUser> created) {
        m_add->setEnabled(true);
        if (!created) {
            m_addStatus->setError(created.error().message);
            return;
        }
        m_addStatus->setOk(tr("%1 was added.").arg(created->user.shownName()));
        m_newName->clear();
        m_newDisplayName->clear();
        m_newRole->setCurrentIndex(0);
        m_newExtension->setCurrentIndex(0);
        showToken(created->user.shownName(), created->token);
        fetch([] {});
    });
}

void UsersPage::confirmRemove()
{
    const UserInfo *user = selectedUser();
    if (!user)
        return;
    const qint64 id = user->id;
    const QString who = user->shownName();
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Remove %1?").arg(who),
                                tr("Remove %1?").arg(who), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmRemove"));
    box->setInformativeText(
            user->extension.isEmpty()
                    ? tr("Their token stops working at once. Their calls and contacts stay.")
                    : tr("Their token stops working at once and extension %1 becomes free. "
                         "Their calls and contacts stay.")
                              .arg(user->extension));
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, remove, id, who] {
        if (box->clickedButton() != remove)
            return;
        m_remove->setEnabled(false);
        m_status->setBusy(tr("Removing %1…").arg(who));
        m_relay->removeUser(id, this, [this, who](RelayResult<bool> removed) {
            if (!removed) {
                const QString message
                        = tr("Could not remove %1: %2").arg(who, removed.error().message);
                fetch([this, message] { m_status->setError(message); });
                return;
            }
            fetch([this, who] { m_status->setOk(tr("%1 was removed.").arg(who)); });
        });
    });
    box->open();
}

void UsersPage::confirmNewToken()
{
    const UserInfo *user = selectedUser();
    if (!user)
        return;
    const qint64 id = user->id;
    const QString who = user->shownName();
    auto *box = new QMessageBox(QMessageBox::Question, tr("New token for %1?").arg(who),
                                tr("Give %1 a new token?").arg(who), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmNewToken"));
    box->setInformativeText(tr("The current token stops working at once; CallBridge on their "
                               "computer will ask for the new one."));
    QPushButton *renew = box->addButton(tr("New token"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, renew, id, who] {
        if (box->clickedButton() != renew)
            return;
        m_newToken->setEnabled(false);
        m_status->setBusy(tr("Making a new token for %1…").arg(who));
        m_relay->newToken(id, this, [this, who](RelayResult<QString> token) {
            updateButtons();
            if (!token) {
                m_status->setError(tr("Could not make a new token for %1: %2")
                                           .arg(who, token.error().message));
                return;
            }
            m_status->setOk(tr("%1 has a new token; the old one no longer works.").arg(who));
            showToken(who, token.value());
        });
    });
    box->open();
}

void UsersPage::showToken(const QString &userName, const QString &token)
{
    m_tokenWarning->setText(tr("<b>Copy %1's token now.</b> It is shown only this once: the relay "
                               "keeps only a fingerprint of it. %1 pastes it into CallBridge's "
                               "settings.")
                                    .arg(userName.toHtmlEscaped()));
    m_token->setText(token);
    m_token->setCursorPosition(0);
    m_tokenPanel->setVisible(true);
}

} // namespace CallBridge
