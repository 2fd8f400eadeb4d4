// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/SettingsDialog.h"

#include "ui/UiLogging.h"
#include "ui/settings/BlacklistPage.h"
#include "ui/settings/ConnectionPage.h"
#include "ui/settings/RoutingPage.h"
#include "ui/settings/SettingsIcons.h"
#include "ui/settings/UsersPage.h"
#include "ui/settings/ZadarmaAccountPage.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QShowEvent>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace CallBridge {

namespace {

constexpr int pageRole = Qt::UserRole;

SettingsIcons::Glyph glyphOf(SettingsDialog::Page page)
{
    switch (page) {
    case SettingsDialog::Page::Connection:
        return SettingsIcons::Glyph::Bell;
    case SettingsDialog::Page::ZadarmaAccount:
        return SettingsIcons::Glyph::Key;
    case SettingsDialog::Page::Users:
        return SettingsIcons::Glyph::People;
    case SettingsDialog::Page::Routing:
        return SettingsIcons::Glyph::Routing;
    case SettingsDialog::Page::Blacklist:
        return SettingsIcons::Glyph::Ban;
    }
    return SettingsIcons::Glyph::Info;
}

bool isAdminPage(SettingsDialog::Page page)
{
    return page != SettingsDialog::Page::Connection;
}

} // namespace

SettingsDialog::SettingsDialog(ClientSettings *settings, RelayClient *relay, QWidget *parent)
    : QDialog(parent),
      m_pageList(new QListWidget(this)),
      m_stack(new QStackedWidget(this)),
      m_connection(new ConnectionPage(settings, this)),
      m_zadarma(new ZadarmaAccountPage(relay, this)),
      m_users(new UsersPage(relay, this)),
      m_routing(new RoutingPage(relay, this)),
      m_blacklist(new BlacklistPage(relay, this))
{
    setWindowTitle(tr("CallBridge Settings"));
    setObjectName(QStringLiteral("settingsDialog"));

    m_pageList->setObjectName(QStringLiteral("pageList"));
    m_pageList->setIconSize(QSize(24, 24));
    m_pageList->setSpacing(1);
    m_pageList->setFixedWidth(210);
    m_pageList->setFrameShape(QFrame::NoFrame);
    m_pageList->setFocusPolicy(Qt::StrongFocus);
    m_pageList->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_pageList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // The list sits on the window's colour, like the sidebars of system settings.
    QPalette listPalette = m_pageList->palette();
    listPalette.setColor(QPalette::Base, palette().color(QPalette::Window));
    m_pageList->setPalette(listPalette);
    QFont listFont = m_pageList->font();
    listFont.setPointSizeF(listFont.pointSizeF() * 1.05);
    m_pageList->setFont(listFont);

    addPage(Page::Connection, m_connection);
    auto *section = new QListWidgetItem(tr("ADMINISTRATION"), m_pageList);
    section->setFlags(Qt::NoItemFlags);
    QFont sectionFont = m_pageList->font();
    sectionFont.setPointSizeF(sectionFont.pointSizeF() * 0.8);
    sectionFont.setBold(true);
    section->setFont(sectionFont);
    section->setSizeHint(QSize(0, 34));
    section->setTextAlignment(Qt::AlignLeft | Qt::AlignBottom);
    addPage(Page::ZadarmaAccount, m_zadarma);
    addPage(Page::Users, m_users);
    addPage(Page::Routing, m_routing);
    addPage(Page::Blacklist, m_blacklist);

    auto *buttons = new QDialogButtonBox(
            QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this);
    buttons->setObjectName(QStringLiteral("dialogButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &SettingsDialog::apply);

    auto *pageArea = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(pageArea);
    pageLayout->setContentsMargins(20, 16, 20, 12);
    pageLayout->addWidget(m_stack);

    auto *separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);

    auto *columns = new QHBoxLayout;
    columns->setContentsMargins(0, 0, 0, 0);
    columns->setSpacing(0);
    columns->addWidget(m_pageList);
    columns->addWidget(separator);
    columns->addWidget(pageArea, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 12, 12);
    layout->setSpacing(8);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    connect(m_pageList, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            m_stack->setCurrentWidget(page(item->data(pageRole).value<Page>()));
    });
    connect(m_users, &UsersPage::usersChanged, m_routing, &RoutingPage::setUsers);

    setUser(UserInfo());
    showPage(Page::Connection);
    resize(900, 660);
    setMinimumSize(780, 580);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::addPage(Page page, SettingsPage *widget)
{
    auto *item = new QListWidgetItem(widget->title(), m_pageList);
    item->setData(pageRole, QVariant::fromValue(page));
    item->setSizeHint(QSize(0, 36));
    widget->setObjectName(QStringLiteral("page%1").arg(int(page)));
    m_stack->addWidget(widget);
}

void SettingsDialog::setUser(const UserInfo &user)
{
    m_user = user;
    m_connection->setUser(user);
    const bool admin = user.isAdmin();
    const QString reason = user.id == 0 && user.name.isEmpty()
            ? tr("Only an administrator can change the telephony settings. Connect to the relay "
                 "with an administrator's token to open them.")
            : tr("Only an administrator can change the telephony settings.");
    m_users->setCurrentUser(user.id);
    for (SettingsPage *locked :
         { static_cast<SettingsPage *>(m_zadarma), static_cast<SettingsPage *>(m_users),
           static_cast<SettingsPage *>(m_routing), static_cast<SettingsPage *>(m_blacklist) })
        locked->setLocked(!admin, reason);
    updatePageIcons();
    qCDebug(lcUiSettings) << "admin pages" << (admin ? "open" : "locked");
}

void SettingsDialog::updatePageIcons()
{
    const bool admin = m_user.isAdmin();
    for (int row = 0; row < m_pageList->count(); ++row) {
        QListWidgetItem *item = m_pageList->item(row);
        if (!item->data(pageRole).isValid())
            continue;
        const Page page = item->data(pageRole).value<Page>();
        const bool locked = isAdminPage(page) && !admin;
        item->setIcon(SettingsIcons::pageIcon(glyphOf(page), locked));
        item->setToolTip(locked ? tr("Only an administrator can change the telephony settings.")
                                : QString());
    }
}

void SettingsDialog::setTokenStored(bool stored)
{
    m_connection->setTokenStored(stored);
}

void SettingsDialog::showTokenError(const QString &message)
{
    m_connection->showTokenError(message);
}

void SettingsDialog::showPage(Page page)
{
    for (int row = 0; row < m_pageList->count(); ++row) {
        QListWidgetItem *item = m_pageList->item(row);
        if (item->data(pageRole).isValid() && item->data(pageRole).value<Page>() == page) {
            m_pageList->setCurrentItem(item);
            return;
        }
    }
}

SettingsDialog::Page SettingsDialog::currentPage() const
{
    const QListWidgetItem *item = m_pageList->currentItem();
    return item ? item->data(pageRole).value<Page>() : Page::Connection;
}

SettingsPage *SettingsDialog::page(Page page) const
{
    switch (page) {
    case Page::Connection:
        return m_connection;
    case Page::ZadarmaAccount:
        return m_zadarma;
    case Page::Users:
        return m_users;
    case Page::Routing:
        return m_routing;
    case Page::Blacklist:
        return m_blacklist;
    }
    return m_connection;
}

void SettingsDialog::load()
{
    m_connection->load();
}

bool SettingsDialog::apply()
{
    if (!m_connection->save()) {
        showPage(Page::Connection);
        return false;
    }
    const QString token = m_connection->enteredToken();
    if (!token.isEmpty()) {
        m_connection->clearEnteredToken();
        m_connection->setTokenSaving();
        emit tokenEntered(token);
    }
    return true;
}

void SettingsDialog::accept()
{
    if (!apply())
        return;
    // OK closes only what it saved; relay changes left unsent would be lost without a word.
    if (m_routing->hasChanges()) {
        showPage(Page::Routing);
        m_routing->remindUnsaved();
        return;
    }
    QDialog::accept();
}

void SettingsDialog::showEvent(QShowEvent *event)
{
    if (!event->spontaneous())
        load();
    QDialog::showEvent(event);
}

void SettingsDialog::hideEvent(QHideEvent *event)
{
    QDialog::hideEvent(event);
    // Like the main window: a closed dialog lets its native window and backing store go (2 MB);
    // show() makes new ones.
    QTimer::singleShot(0, this, [this] {
        if (isHidden() && windowHandle())
            destroy();
    });
}

} // namespace CallBridge
