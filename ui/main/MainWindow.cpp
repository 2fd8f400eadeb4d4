// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/main/MainWindow.h"

#include "ui/contacts/ContactsPage.h"
#include "ui/history/HistoryPage.h"
#include "ui/main/ContactCache.h"
#include "ui/main/PageIcons.h"
#include "ui/main/SidebarDelegate.h"
#include "ui/reminders/RemindersPage.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPainter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace CallBridge {

namespace {

QPixmap dot(const QColor &color, qreal devicePixelRatio)
{
    constexpr int size = 10;
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    return pixmap;
}

} // namespace

MainWindow::MainWindow(RelayClient *client, QWidget *parent)
    : QMainWindow(parent),
      m_cache(new ContactCache(client, this)),
      m_contacts(new ContactsPage(client, m_cache, this)),
      m_history(new HistoryPage(client, m_cache, this)),
      m_reminders(new RemindersPage(client, m_cache, this)),
      m_sidebar(new QListWidget(this)),
      m_pages(new QStackedWidget(this)),
      m_settings(new QAction(tr("&Settings…"), this)),
      m_connectionDot(new QLabel(this)),
      m_connection(new QLabel(this)),
      m_user(new QLabel(this))
{
    setWindowTitle(tr("CallBridge"));
    resize(1040, 700);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *side = new QFrame(central);
    side->setObjectName(QStringLiteral("sidebar"));
    side->setStyleSheet(QStringLiteral("#sidebar { background: #f3f5f8; border-right: 1px solid "
                                       "#e1e4e8; } #sidebar QListWidget { background: transparent; "
                                       "border: none; }"));
    side->setFixedWidth(184);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 14, 0, 10);
    sideLayout->setSpacing(6);
    auto *brand = new QLabel(tr("CallBridge"), side);
    QFont brandFont = brand->font();
    brandFont.setPointSizeF(brandFont.pointSizeF() * 1.25);
    brandFont.setBold(true);
    brand->setFont(brandFont);
    brand->setStyleSheet(QStringLiteral("color: %1; padding-left: 18px; padding-bottom: 6px;")
                                 .arg(PageIcons::accentColor().name()));
    sideLayout->addWidget(brand);

    m_sidebar->setObjectName(QStringLiteral("pages"));
    m_sidebar->setItemDelegate(new SidebarDelegate(m_sidebar));
    m_sidebar->setMouseTracking(true);
    m_sidebar->setFocusPolicy(Qt::NoFocus);
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebar->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const QColor iconColor(0x4b, 0x55, 0x63);
    const QList<std::pair<PageIcons::Glyph, QString>> pages {
        { PageIcons::Glyph::Person, tr("Contacts") },
        { PageIcons::Glyph::Clock, tr("History") },
        { PageIcons::Glyph::Bell, tr("Reminders") },
    };
    for (const auto &[glyph, name] : pages)
        new QListWidgetItem(PageIcons::icon(glyph, iconColor), name, m_sidebar);
    sideLayout->addWidget(m_sidebar, 1);

    auto *settingsButton = new QToolButton(side);
    settingsButton->setDefaultAction(m_settings);
    settingsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    settingsButton->setAutoRaise(true);
    settingsButton->setIconSize(QSize(18, 18));
    settingsButton->setCursor(Qt::PointingHandCursor);
    settingsButton->setStyleSheet(
            QStringLiteral("QToolButton { padding: 6px 10px; color: #374151; }"));
    auto *settingsRow = new QHBoxLayout;
    settingsRow->setContentsMargins(10, 0, 10, 0);
    settingsRow->addWidget(settingsButton);
    settingsRow->addStretch(1);
    sideLayout->addLayout(settingsRow);
    sideLayout->setContentsMargins(0, 14, 0, 10);
    layout->addWidget(side);

    m_pages->addWidget(m_contacts);
    m_pages->addWidget(m_history);
    m_pages->addWidget(m_reminders);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_settings->setObjectName(QStringLiteral("settings"));
    m_settings->setIcon(PageIcons::icon(PageIcons::Glyph::Gear, iconColor));
    m_settings->setShortcut(QKeySequence::Preferences);
    m_settings->setMenuRole(QAction::PreferencesRole);
    connect(m_settings, &QAction::triggered, this, &MainWindow::settingsRequested);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_settings);
    file->addSeparator();
    QAction *close = file->addAction(tr("&Close window"), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);
    QMenu *go = menuBar()->addMenu(tr("&Go"));
    const QList<std::pair<QString, Page>> goTo { { tr("&Contacts"), Page::Contacts },
                                                 { tr("&History"), Page::History },
                                                 { tr("&Reminders"), Page::Reminders } };
    for (int i = 0; i < goTo.size(); ++i) {
        const Page page = goTo.at(i).second;
        QAction *action = go->addAction(goTo.at(i).first, this, [this, page] { showPage(page); });
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }
    QAction *reload = go->addAction(tr("Re&fresh"), this, &MainWindow::refresh);
    reload->setShortcut(QKeySequence::Refresh);

    statusBar()->setSizeGripEnabled(false);
    statusBar()->setStyleSheet(QStringLiteral("QStatusBar { border-top: 1px solid #e1e4e8; } "
                                              "QStatusBar::item { border: none; }"));
    auto *connection = new QWidget(this);
    auto *connectionLayout = new QHBoxLayout(connection);
    connectionLayout->setContentsMargins(8, 0, 0, 0);
    connectionLayout->setSpacing(6);
    m_connectionDot->setFixedSize(10, 10);
    connectionLayout->addWidget(m_connectionDot);
    m_connection->setObjectName(QStringLiteral("connectionStatus"));
    connectionLayout->addWidget(m_connection);
    statusBar()->addWidget(connection, 1);
    m_user->setObjectName(QStringLiteral("signedInUser"));
    m_user->setContentsMargins(0, 0, 8, 0);
    statusBar()->addPermanentWidget(m_user);

    connect(m_sidebar, &QListWidget::currentRowChanged, this, &MainWindow::pageChanged);
    connect(m_reminders, &RemindersPage::countChanged, this, &MainWindow::showReminderCount);
    m_sidebar->setCurrentRow(0);
    setConnectionStatus(tr("Not connected"));
    setOnline(false);
    m_user->setText(tr("Not signed in"));
}

void MainWindow::setNumberFormat(const PhoneNumberNormalizer &normalizer)
{
    m_contacts->setNumberFormat(normalizer);
    m_history->setNumberFormat(normalizer);
    m_reminders->setNumberFormat(normalizer);
}

void MainWindow::setUser(const UserInfo &user)
{
    QStringList parts { user.shownName() };
    if (!user.extension.isEmpty())
        parts << tr("ext. %1").arg(user.extension);
    if (user.isAdmin())
        parts << tr("administrator");
    m_user->setText(parts.join(QStringLiteral(" · ")));
    m_user->setToolTip(tr("Signed in as %1").arg(user.name));
    m_history->setAdministrator(user.isAdmin());
}

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

QString MainWindow::connectionStatus() const
{
    return m_connection->text();
}

QString MainWindow::userText() const
{
    return m_user->text();
}

void MainWindow::setConnectionStatus(const QString &text)
{
    m_connection->setText(text);
}

void MainWindow::setOnline(bool online)
{
    m_online = online;
    m_connectionDot->setPixmap(
            dot(online ? PageIcons::okColor() : PageIcons::mutedColor(), devicePixelRatioF()));
}

void MainWindow::showContacts()
{
    showPage(Page::Contacts);
}

void MainWindow::showHistory()
{
    showPage(Page::History);
}

void MainWindow::showReminders()
{
    showPage(Page::Reminders);
}

void MainWindow::showPage(Page page)
{
    m_sidebar->setCurrentRow(int(page));
}

void MainWindow::pageChanged(int index)
{
    m_pages->setCurrentIndex(index);
    // Keyboard focus follows: the search field, the calls table; never a hidden page's widget.
    if (QWidget *page = m_pages->currentWidget(); page && isVisible())
        page->setFocus();
}

void MainWindow::dial(const QString &number)
{
    showContacts();
    m_contacts->dial(number);
}

void MainWindow::showNewContact(const QString &number)
{
    showContacts();
    m_contacts->showNewContact(number);
}

void MainWindow::refresh()
{
    m_contacts->refresh();
    m_history->refresh();
    m_reminders->refresh();
}

void MainWindow::callChanged(const CallUpdate &update)
{
    m_history->callChanged(update);
}

void MainWindow::taskChanged(const TaskInfo &task, bool created)
{
    m_reminders->taskChanged(task, created);
}

void MainWindow::contactChanged(const ContactCard &contact)
{
    m_cache->insert(contact);
    m_contacts->contactChanged(contact);
}

void MainWindow::hideEvent(QHideEvent *event)
{
    QMainWindow::hideEvent(event);
    // Closed to the tray, the window would keep its backing store (an image of the window, 3 MB
    // at 1100 × 700) for good: close() lets go of the native window only. Both go once it is
    // still hidden after this event (not when minimised); show() makes new ones and the widgets
    // keep their state.
    QTimer::singleShot(0, this, [this] {
        if (isHidden() && windowHandle())
            destroy();
    });
}

void MainWindow::showReminderCount(int open)
{
    if (QListWidgetItem *item = m_sidebar->item(int(Page::Reminders)))
        item->setData(SidebarDelegate::BadgeRole, open);
}

} // namespace CallBridge
