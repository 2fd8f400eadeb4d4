// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/RelayClient.h"
#include "core/sim/SimCallRunner.h"
#include "tests/support/ResultMessage.h"
#include "tests/support/TestRelay.h"
#include "ui/contacts/ContactEditor.h"
#include "ui/contacts/ContactListModel.h"
#include "ui/contacts/ContactSearch.h"
#include "ui/contacts/ContactsPage.h"
#include "ui/history/CallHistoryModel.h"
#include "ui/history/HistoryPage.h"
#include "ui/history/RecordingPlayer.h"
#include "ui/main/Banner.h"
#include "ui/main/MainWindow.h"
#include "ui/main/SidebarDelegate.h"
#include "ui/reminders/RemindersPage.h"

#include <QAction>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace CallBridge;

using Test::why;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void hasItsTitleAndStartsOnContacts();
    void switchesPages();
    void showsConnectionAndUser();
    void settingsActionAsksForTheDialog();
    void refreshFillsEveryPage();
    void aTelLinkDialsFromTheContactsPage();
    void reminderCountFollowsTheTasks();
    void closedToTheTrayItComesBackAsItWas();
    void screenshots();

private:
    void refreshAll();
    void shoot(const QString &name);

    Test::TestRelay m_relay;
    Test::TestRelay::Account m_agent;
    QNetworkAccessManager m_network;
    std::unique_ptr<RelayClient> m_client;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_maria = 0;
    QString m_recorded;
};

void TestMainWindow::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("qt.multimedia.*.warning=false"));
    const auto started = m_relay.start();
    QVERIFY2(started, why(started).constData());
    auto agent = m_relay.addUser(QStringLiteral("anna"), QStringLiteral("Anna Kowalska"),
                                 QStringLiteral("101"));
    QVERIFY2(agent, why(agent).constData());
    m_agent = agent.value();
    QVERIFY(m_relay.addUser(QStringLiteral("tomasz"), QStringLiteral("Tomasz Zieliński"),
                            QStringLiteral("102")));
    QVERIFY(m_relay.setSetting(QStringLiteral("users.default_responsible"), m_agent.name));

    // A realistic little CRM, so that the screenshots look like a working day.
    const QList<std::tuple<QString, QString, QString>> contacts {
        { QStringLiteral("Maria Kowalska"), QStringLiteral("Kowalski & Synowie"),
          QStringLiteral("+48600100200") },
        { QStringLiteral("Jan Nowak"), QStringLiteral("Nowak Logistics"),
          QStringLiteral("+48221234567") },
        { QStringLiteral("Lucía García"), QStringLiteral("Hotel Sol Madrid"),
          QStringLiteral("+34911000111") },
        { QStringLiteral("Olga Wiśniewska"), QStringLiteral("Studio Olga"),
          QStringLiteral("+48501222333") },
        { QStringLiteral("Thomas Becker"), QStringLiteral("Becker Maschinenbau GmbH"),
          QStringLiteral("+493012345678") },
        { QStringLiteral("Emma Johnson"), QStringLiteral("Brightline Ltd"),
          QStringLiteral("+442079460000") },
        { QStringLiteral("Pierre Martin"), QStringLiteral("Martin & Fils"),
          QStringLiteral("+33140000000") },
        { QStringLiteral("Sofia Rossi"), QStringLiteral("Rossi Trasporti"),
          QStringLiteral("+390612345678") },
    };
    for (const auto &[name, company, phone] : contacts) {
        const auto id = m_relay.addContact(name, company, phone, m_agent.id);
        QVERIFY2(id, why(id).constData());
        if (name == u"Maria Kowalska")
            m_maria = id.value();
    }
    const QJsonObject details {
        { QStringLiteral("email"), QStringLiteral("maria.kowalska@kowalski-synowie.pl") },
        { QStringLiteral("notes"),
          QStringLiteral("Orders every second month. Prefers calls before "
                         "noon; invoices go to accounting.") },
        { QStringLiteral("phones"),
          QJsonArray { QStringLiteral("+48600100200"), QStringLiteral("+48226543210") } },
    };
    QCOMPARE(m_relay.send("PATCH", QStringLiteral("/v1/contacts/%1").arg(m_maria), m_agent.token,
                          QJsonDocument(details).toJson(QJsonDocument::Compact))
                     .status,
             200);

    using Outcome = SimScenario::Outcome;
    auto play = [this](const QString &caller, Outcome outcome, bool recorded = false) {
        const auto played = m_relay.playCall(
                Test::TestRelay::inboundCall(caller, QStringLiteral("101"), outcome, recorded));
        return played ? played.value()->pbxCallId : QString();
    };
    QVERIFY(!play(QStringLiteral("+442079460000"), Outcome::Answered).isEmpty());
    QVERIFY(!play(QStringLiteral("+34600111222"), Outcome::NoAnswer).isEmpty());
    SimScenario outbound;
    outbound.direction = SimScenario::Direction::Outbound;
    outbound.extension = QStringLiteral("101");
    outbound.destination = QStringLiteral("+34911000111");
    outbound.outcome = Outcome::Answered;
    outbound.duration = 245;
    QVERIFY(m_relay.playCall(outbound));
    QVERIFY(!play(QStringLiteral("+493012345678"), Outcome::Busy).isEmpty());
    QVERIFY(!play(QStringLiteral("+48221234567"), Outcome::Cancel).isEmpty());
    m_recorded = play(QStringLiteral("+48600100200"), Outcome::Answered, true);
    QVERIFY(!m_recorded.isEmpty());

    m_client = std::make_unique<RelayClient>(&m_network);
    m_client->setRelayUrl(m_relay.url());
    m_client->setToken(m_agent.token);
    m_window = std::make_unique<MainWindow>(m_client.get());
    m_window->resize(1120, 720);
    m_window->show();
}

void TestMainWindow::refreshAll()
{
    QSignalSpy contacts(m_window->contactsPage()->search(), &ContactSearch::resultsReady);
    QSignalSpy history(m_window->historyPage(), &HistoryPage::loaded);
    QSignalSpy reminders(m_window->remindersPage(), &RemindersPage::loaded);
    m_window->refresh();
    QTRY_VERIFY(!contacts.isEmpty() && !history.isEmpty() && !reminders.isEmpty());
}

void TestMainWindow::hasItsTitleAndStartsOnContacts()
{
    QCOMPARE(m_window->windowTitle(), QStringLiteral("CallBridge"));
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Contacts);
}

void TestMainWindow::switchesPages()
{
    m_window->showHistory();
    QCOMPARE(m_window->currentPage(), MainWindow::Page::History);
    QVERIFY(m_window->historyPage()->isVisible());
    m_window->showReminders();
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Reminders);
    QVERIFY(m_window->remindersPage()->isVisible());
    // The sidebar switches as well.
    auto *sidebar = m_window->findChild<QListWidget *>(QStringLiteral("pages"));
    QVERIFY(sidebar);
    sidebar->setCurrentRow(0);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Contacts);
    QVERIFY(m_window->contactsPage()->isVisible());
}

void TestMainWindow::showsConnectionAndUser()
{
    QCOMPARE(m_window->connectionStatus(), QStringLiteral("Not connected"));
    m_window->setConnectionStatus(QStringLiteral("Connected to 127.0.0.1"));
    m_window->setOnline(true);
    QCOMPARE(m_window->connectionStatus(), QStringLiteral("Connected to 127.0.0.1"));

    bool got = false;
    m_client->me(this, [&](RelayResult<UserInfo> me) {
        QVERIFY(me);
        m_window->setUser(me.value());
        got = true;
    });
    QTRY_VERIFY(got);
    QCOMPARE(m_window->userText(), QStringLiteral("Anna Kowalska · ext. 101"));
}

void TestMainWindow::settingsActionAsksForTheDialog()
{
    QSignalSpy requested(m_window.get(), &MainWindow::settingsRequested);
    m_window->settingsAction()->trigger();
    QCOMPARE(requested.count(), 1);
}

void TestMainWindow::refreshFillsEveryPage()
{
    refreshAll();
    QCOMPARE(m_window->contactsPage()->model()->rowCount(), 9); // 8 and the unknown caller
    QCOMPARE(m_window->historyPage()->model()->rowCount(), 6);
    QCOMPARE(m_window->remindersPage()->count(), 3); // missed, busy and cancelled
}

void TestMainWindow::aTelLinkDialsFromTheContactsPage()
{
    m_window->showReminders();
    QSignalSpy placed(m_window->contactsPage(), &ContactsPage::callPlaced);
    m_window->dial(QStringLiteral("+48600100200"));
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Contacts);
    QVERIFY(placed.wait(3000));
    QCOMPARE(m_window->contactsPage()->banner()->text(),
             QStringLiteral("Calling +48 600 100 200 — your phone (ext. 101) rings first"));
}

void TestMainWindow::reminderCountFollowsTheTasks()
{
    refreshAll();
    auto *sidebar = m_window->findChild<QListWidget *>(QStringLiteral("pages"));
    QListWidgetItem *reminders = sidebar->item(int(MainWindow::Page::Reminders));
    const int open = m_window->remindersPage()->count();
    QCOMPARE(reminders->data(SidebarDelegate::BadgeRole).toInt(), open);
    TaskInfo task = m_window->remindersPage()->tasks().constFirst();
    task.done = true;
    m_window->taskChanged(task, false);
    QCOMPARE(reminders->data(SidebarDelegate::BadgeRole).toInt(), open - 1);
    task.done = false;
    m_window->taskChanged(task, true);
    QCOMPARE(reminders->data(SidebarDelegate::BadgeRole).toInt(), open);
}

// Closing lets the native window and its backing store go (memory while in the tray); showing
// again makes new ones, and the window is as it was left.
void TestMainWindow::closedToTheTrayItComesBackAsItWas()
{
    refreshAll();
    m_window->showHistory();
    HistoryPage *history = m_window->historyPage();
    history->selectCall(m_recorded);
    QCOMPARE(history->selectedCall(), m_recorded);
    const QSize size = m_window->size();
    QVERIFY(m_window->windowHandle());

    QVERIFY(m_window->close());
    QTRY_VERIFY(!m_window->windowHandle());
    QVERIFY(m_window->isHidden());

    m_window->show();
    QVERIFY(m_window->windowHandle());
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->currentPage(), MainWindow::Page::History);
    QCOMPARE(history->selectedCall(), m_recorded);
    QCOMPARE(history->player()->pbxCallId(), m_recorded);
    QCOMPARE(m_window->size(), size);
    QCOMPARE(m_window->grab().size(), size);

    // Minimised is not closed: it keeps its window.
    m_window->showMinimized();
    QTest::qWait(20);
    QVERIFY(m_window->windowHandle());
    m_window->showNormal();
}

void TestMainWindow::shoot(const QString &name)
{
    const QString folder = qEnvironmentVariable("CALLBRIDGE_SCREENSHOTS");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    QTest::qWait(50); // let pending layouts and repaints settle
    QVERIFY(m_window->grab().save(QDir(folder).filePath(name + QStringLiteral(".png"))));
}

void TestMainWindow::screenshots()
{
    refreshAll();
    // Contacts: Maria's card, just after click-to-call.
    m_window->setConnectionStatus(QStringLiteral("Connected · live updates on"));
    m_window->setOnline(true);
    m_window->showContacts();
    ContactsPage *contacts = m_window->contactsPage();
    contacts->showContact(m_maria);
    QTRY_COMPARE(contacts->shownContactId(), m_maria);
    QSignalSpy placed(contacts, &ContactsPage::callPlaced);
    contacts->dial(QStringLiteral("+48600100200"));
    QVERIFY(placed.wait(3000));
    QTest::qWait(100); // the card's recent calls
    shoot(QStringLiteral("contacts"));

    contacts->showNewContact(QStringLiteral("+34600111222"));
    contacts->banner()->clear();
    shoot(QStringLiteral("contacts-new"));
    // The relay's refusal, shown in the form.
    contacts->editor()->nameField()->setText(QStringLiteral("Carlos Ruiz"));
    contacts->editor()->phoneFields().constFirst()->setText(QStringLiteral("6001112"));
    contacts->editor()->saveButton()->click();
    QTRY_VERIFY(!contacts->editor()->errorText().isEmpty());
    shoot(QStringLiteral("contacts-refused"));

    // History: the recorded call selected, its recording played a little.
    m_window->showHistory();
    HistoryPage *history = m_window->historyPage();
    history->selectCall(m_recorded);
    QTRY_VERIFY(
            !history->model()
                     ->index(history->model()->rowOf(m_recorded), CallHistoryModel::ContactColumn)
                     .data()
                     .toString()
                     .startsWith(u'…'));
    QSignalSpy downloaded(history->player(), &RecordingPlayer::downloaded);
    history->player()->play();
    QVERIFY(downloaded.wait(3000));
    QTRY_VERIFY(history->player()->position() > 300);
    history->player()->pause();
    shoot(QStringLiteral("history"));

    m_window->showReminders();
    shoot(QStringLiteral("reminders"));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
