// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/RelayClient.h"
#include "core/sim/SimCallRunner.h"
#include "tests/support/ResultMessage.h"
#include "tests/support/TestRelay.h"
#include "ui/history/CallHistoryModel.h"
#include "ui/history/HistoryPage.h"
#include "ui/history/RecordingPlayer.h"
#include "ui/main/ContactCache.h"

#include <QFile>
#include <QLabel>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace CallBridge;

using Test::why;

class TestHistoryPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void listsTheAgentsCallsNewestFirst();
    void contactNamesArriveLazily();
    void filtersMissedIncomingOutgoing();
    void filtersByDate();
    void pagesWithTheRelaysCursor();
    void streamUpdatesARowOrAddsOne();
    void recordingDownloadsAndPlaysToTheEnd();
    void recordingSavesToAFile();
    void callsWithoutARecordingSaySo();
    void refusedRecordingShowsTheRelaysText();

private:
    void load();
    QString playCall(const QString &caller, SimScenario::Outcome outcome, bool recorded = false);
    QStringList listedStates() const;

    Test::TestRelay m_relay;
    Test::TestRelay::Account m_agent;
    QNetworkAccessManager m_network;
    std::unique_ptr<RelayClient> m_client;
    std::unique_ptr<ContactCache> m_cache;
    std::unique_ptr<HistoryPage> m_page;
    QString m_recorded;
    QString m_outbound;
    int m_agentCalls = 0;
};

QString TestHistoryPage::playCall(const QString &caller, SimScenario::Outcome outcome,
                                  bool recorded)
{
    const auto played = m_relay.playCall(
            Test::TestRelay::inboundCall(caller, QStringLiteral("101"), outcome, recorded));
    return played ? played.value()->pbxCallId : QString();
}

void TestHistoryPage::initTestCase()
{
    // Without a sound server the player plays silently at the recording's pace, so the end is
    // reached offscreen as well; Qt's complaints about the server say nothing about the page.
    QLoggingCategory::setFilterRules(QStringLiteral("qt.multimedia.*.warning=false"));
    const auto started = m_relay.start();
    QVERIFY2(started, why(started).constData());
    auto agent = m_relay.addUser(QStringLiteral("anna"), QStringLiteral("Anna Kowalska"),
                                 QStringLiteral("101"));
    QVERIFY2(agent, why(agent).constData());
    m_agent = agent.value();
    QVERIFY(m_relay.addUser(QStringLiteral("jan"), QStringLiteral("Jan"), QStringLiteral("102")));
    QVERIFY(m_relay.addContact(QStringLiteral("Maria Kowalska"),
                               QStringLiteral("Kowalski & Synowie"), QStringLiteral("+48600100200"),
                               m_agent.id));

    QVERIFY(!playCall(QStringLiteral("+34600111222"), SimScenario::Outcome::NoAnswer).isEmpty());
    QVERIFY(!playCall(QStringLiteral("+447700900123"), SimScenario::Outcome::Answered).isEmpty());
    SimScenario outbound;
    outbound.direction = SimScenario::Direction::Outbound;
    outbound.extension = QStringLiteral("101");
    outbound.destination = QStringLiteral("+48221234567");
    outbound.outcome = SimScenario::Outcome::Answered;
    const auto placed = m_relay.playCall(outbound);
    QVERIFY2(placed, why(placed).constData());
    m_outbound = placed.value()->pbxCallId;
    QVERIFY(!playCall(QStringLiteral("+48600100200"), SimScenario::Outcome::Cancel).isEmpty());
    m_recorded = playCall(QStringLiteral("+48600100200"), SimScenario::Outcome::Answered, true);
    QVERIFY(!m_recorded.isEmpty());
    m_agentCalls = 5;
    // Someone else's call, which anna does not see.
    QVERIFY(m_relay.playCall(Test::TestRelay::inboundCall(QStringLiteral("+33140000000"),
                                                          QStringLiteral("102"),
                                                          SimScenario::Outcome::Answered)));
}

void TestHistoryPage::init()
{
    m_client = std::make_unique<RelayClient>(&m_network);
    m_client->setRelayUrl(m_relay.url());
    m_client->setToken(m_agent.token);
    m_cache = std::make_unique<ContactCache>(m_client.get());
    m_page = std::make_unique<HistoryPage>(m_client.get(), m_cache.get());
    m_page->resize(1000, 640);
    m_page->show();
}

void TestHistoryPage::cleanup()
{
    m_page.reset();
    m_cache.reset();
    m_client.reset();
}

void TestHistoryPage::load()
{
    QSignalSpy loaded(m_page.get(), &HistoryPage::loaded);
    m_page->refresh();
    QVERIFY(loaded.wait(3000));
}

QStringList TestHistoryPage::listedStates() const
{
    QStringList states;
    for (const CallInfo &call : m_page->model()->calls())
        states << call.state;
    return states;
}

void TestHistoryPage::listsTheAgentsCallsNewestFirst()
{
    load();
    CallHistoryModel *model = m_page->model();
    QCOMPARE(model->rowCount(), m_agentCalls);
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->call(row - 1).startedAt >= model->call(row).startedAt);
    const int row = model->rowOf(m_recorded);
    QVERIFY(row >= 0);
    QCOMPARE(model->index(row, CallHistoryModel::NumberColumn).data().toString(),
             QStringLiteral("+48 600 100 200"));
    QCOMPARE(model->index(row, CallHistoryModel::DurationColumn).data().toString(),
             QStringLiteral("1:00"));
    QCOMPARE(model->index(row, CallHistoryModel::StatusColumn).data().toString(),
             QStringLiteral("Answered"));
    QVERIFY(model->index(row, 0).data(CallHistoryModel::PlayableRole).toBool());
    QVERIFY(!model->index(model->rowOf(m_outbound), 0)
                     .data(CallHistoryModel::PlayableRole)
                     .toBool());
    QVERIFY(!m_page->hasMore());
    QVERIFY(m_page->findChild<QLabel *>()->text().contains(u"Your calls"));
}

void TestHistoryPage::contactNamesArriveLazily()
{
    load();
    const QModelIndex contact = m_page->model()->index(m_page->model()->rowOf(m_recorded),
                                                       CallHistoryModel::ContactColumn);
    QTRY_COMPARE(contact.data().toString(), QStringLiteral("Maria Kowalska"));
    // The caller with no contact has no name.
    const int row = m_page->model()->rowOf(m_outbound);
    QVERIFY(row >= 0);
    QVERIFY(m_page->model()
                    ->index(row, CallHistoryModel::ContactColumn)
                    .data()
                    .toString()
                    .isEmpty());
}

void TestHistoryPage::filtersMissedIncomingOutgoing()
{
    load();
    QSignalSpy loaded(m_page.get(), &HistoryPage::loaded);
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("filter1")), Qt::LeftButton);
    QCOMPARE(m_page->filter(), HistoryPage::Filter::Missed);
    QVERIFY(loaded.wait(3000));
    QCOMPARE(listedStates(), (QStringList { QStringLiteral("missed"), QStringLiteral("missed") }));

    m_page->setFilter(HistoryPage::Filter::Inbound);
    QVERIFY(loaded.wait(3000));
    QCOMPARE(m_page->model()->rowCount(), 4);
    for (const CallInfo &call : m_page->model()->calls())
        QCOMPARE(call.direction, QStringLiteral("inbound"));

    m_page->setFilter(HistoryPage::Filter::Outbound);
    QVERIFY(loaded.wait(3000));
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(m_page->model()->call(0).pbxCallId, m_outbound);
}

void TestHistoryPage::filtersByDate()
{
    const QDate today = QDate::currentDate();
    QSignalSpy loaded(m_page.get(), &HistoryPage::loaded);
    m_page->setDateRange(today.addDays(1), QDate());
    QVERIFY(loaded.wait(3000));
    QCOMPARE(m_page->model()->rowCount(), 0);
    m_page->setDateRange(today, today);
    QVERIFY(loaded.wait(3000));
    QCOMPARE(m_page->model()->rowCount(), m_agentCalls);
    m_page->setDateRange(QDate(), today.addDays(-1));
    QVERIFY(loaded.wait(3000));
    QCOMPARE(m_page->model()->rowCount(), 0);
}

void TestHistoryPage::pagesWithTheRelaysCursor()
{
    m_page->setPageSize(2);
    load();
    QCOMPARE(m_page->model()->rowCount(), 2);
    QVERIFY(m_page->hasMore());
    QVERIFY(m_page->loadMoreButton()->isVisible());
    QSignalSpy loaded(m_page.get(), &HistoryPage::loaded);
    QTest::mouseClick(m_page->loadMoreButton(), Qt::LeftButton);
    QVERIFY(loaded.wait(3000));
    QCOMPARE(m_page->model()->rowCount(), 4);
    m_page->loadMore();
    QVERIFY(loaded.wait(3000));
    QCOMPARE(m_page->model()->rowCount(), m_agentCalls);
    QVERIFY(!m_page->hasMore());
    QVERIFY(!m_page->loadMoreButton()->isVisible());
    QSet<QString> ids;
    for (const CallInfo &call : m_page->model()->calls())
        ids.insert(call.pbxCallId);
    QCOMPARE(ids.size(), m_agentCalls);
}

void TestHistoryPage::streamUpdatesARowOrAddsOne()
{
    load();
    const int before = m_page->model()->rowCount();
    // A new call arrives while the page is open, as the stream delivers it.
    const QString id = playCall(QStringLiteral("+34600999888"), SimScenario::Outcome::NoAnswer);
    ++m_agentCalls;
    CallInfo fresh;
    bool got = false;
    m_client->call(id, this, [&](RelayResult<CallInfo> result) {
        QVERIFY(result);
        fresh = result.value();
        got = true;
    });
    QTRY_VERIFY(got);
    CallUpdate update;
    update.type = QStringLiteral("call.missed");
    update.call = fresh;
    m_page->callChanged(update);
    QCOMPARE(m_page->model()->rowCount(), before + 1);
    QCOMPARE(m_page->model()->call(0).pbxCallId, id);

    // The same call again updates its row.
    update.call.disposition = QStringLiteral("busy");
    m_page->callChanged(update);
    QCOMPARE(m_page->model()->rowCount(), before + 1);
    QCOMPARE(m_page->model()->index(0, CallHistoryModel::StatusColumn).data().toString(),
             QStringLiteral("Missed (busy)"));

    // Filtered out: an answered call is not added to the missed list.
    m_page->setFilter(HistoryPage::Filter::Missed);
    QTRY_VERIFY(!m_page->isLoading());
    const int missed = m_page->model()->rowCount();
    update.call.pbxCallId = QStringLiteral("in_other");
    update.call.state = QStringLiteral("ended");
    m_page->callChanged(update);
    QCOMPARE(m_page->model()->rowCount(), missed);
}

void TestHistoryPage::recordingDownloadsAndPlaysToTheEnd()
{
    load();
    m_page->selectCall(m_recorded);
    QCOMPARE(m_page->selectedCall(), m_recorded);
    RecordingPlayer *player = m_page->player();
    QCOMPARE(player->stage(), RecordingPlayer::Stage::Ready);
    QSignalSpy downloaded(player, &RecordingPlayer::downloaded);
    QSignalSpy finished(player, &RecordingPlayer::playbackFinished);
    QTest::mouseClick(m_page->findChild<QWidget *>(QStringLiteral("playRecording")),
                      Qt::LeftButton);
    QVERIFY(downloaded.wait(3000));
    QCOMPARE(player->stage(), RecordingPlayer::Stage::Downloaded);
    QVERIFY(QFile::exists(player->downloadedFile()));
    QTRY_COMPARE(player->playbackState(), QMediaPlayer::PlayingState);
    QVERIFY(finished.wait(5000));
    QVERIFY(player->playedToTheEnd());
    QCOMPARE(player->playbackState(), QMediaPlayer::StoppedState);
    QCOMPARE(player->duration(), 1000); // the simulator records 1 s
    QCOMPARE(player->position(), 1000);
    QCOMPARE(player->positionText(), QStringLiteral("0:01 / 0:01"));
}

void TestHistoryPage::recordingSavesToAFile()
{
    load();
    m_page->selectCall(m_recorded);
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("call.wav"));
    QSignalSpy saved(m_page->player(), &RecordingPlayer::saved);
    QVERIFY(m_page->player()->saveTo(path)); // downloads first
    QVERIFY(saved.wait(3000));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(4) == "RIFF");
    QVERIFY(m_page->player()->message().startsWith(u"Saved to "));
}

void TestHistoryPage::callsWithoutARecordingSaySo()
{
    load();
    m_page->selectCall(m_outbound);
    QCOMPARE(m_page->player()->stage(), RecordingPlayer::Stage::Unavailable);
    QCOMPARE(m_page->player()->message(), QStringLiteral("No recording for this call"));
    QVERIFY(!m_page->findChild<QWidget *>(QStringLiteral("playRecording"))->isEnabled());
}

void TestHistoryPage::refusedRecordingShowsTheRelaysText()
{
    RecordingPlayer player(m_client.get());
    CallInfo call;
    call.pbxCallId = QStringLiteral("in_no_such_call");
    call.isRecorded = true;
    call.recordingReady = true;
    player.setCall(call);
    QSignalSpy failed(&player, &RecordingPlayer::failed);
    player.play();
    QVERIFY(failed.wait(3000));
    QCOMPARE(player.stage(), RecordingPlayer::Stage::Failed);
    QCOMPARE(player.message(), QStringLiteral("No recording for this call"));

    // Any other refusal is the relay's own words.
    m_client->setToken(QStringLiteral("not-a-token"));
    call.pbxCallId = m_recorded;
    RecordingPlayer other(m_client.get());
    other.setCall(call);
    QSignalSpy otherFailed(&other, &RecordingPlayer::failed);
    other.play();
    QVERIFY(otherFailed.wait(3000));
    QVERIFY2(other.message().startsWith(u"Could not get the recording: "),
             qPrintable(other.message()));
    QVERIFY(other.message().size() > 30);
}

QTEST_MAIN(TestHistoryPage)
#include "TestHistoryPage.moc"
