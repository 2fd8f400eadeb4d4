// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/desktop/LiveCalls.h"
#include "tests/support/FakeClock.h"

#include <QSignalSpy>
#include <QTest>

using namespace CallBridge;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Policy = ClientSettings::PopupPolicy;

Q_DECLARE_METATYPE(CallBridge::ClientSettings::PopupPolicy)

namespace {

QString shortType(const CallUpdate &update)
{
    QString type = update.type;
    return type.remove(u"call."_s);
}

// Records every signal of a LiveCalls, in order, as "popup c1 ringing", "ring on", "missed 2".
class Recorder : public QObject
{
public:
    explicit Recorder(LiveCalls *calls)
    {
        connect(calls, &LiveCalls::popupRequested, this, [this](const CallUpdate &update) {
            events << u"popup %1 %2"_s.arg(update.call.pbxCallId, shortType(update));
        });
        connect(calls, &LiveCalls::popupUpdated, this, [this](const CallUpdate &update) {
            events << u"update %1 %2"_s.arg(update.call.pbxCallId, shortType(update));
        });
        connect(calls, &LiveCalls::ringingChanged, this,
                [this](bool on) { events << (on ? u"ring on"_s : u"ring off"_s); });
        connect(calls, &LiveCalls::unseenMissedChanged, this,
                [this](int count) { events << u"missed %1"_s.arg(count); });
    }

    QStringList events;
};

} // namespace

class TestLiveCalls : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void decisions_data();
    void decisions();
    void missedCallsCountUntilSeen();
    void missedCallsOfOthersDoNotCount();
    void forgetsFinishedCallsAfterTenMinutes();
    void keepsAtMost200Calls();
    void neverPopsUpTwiceAfterForgetting();
    void latestAndAnsweredHere();
    void policyChangesTakeEffectForNewCalls();
    void ignoresCallsWithoutId();

private:
    // A step: "[replay] <ringing|answered|ended|missed|recording> [id=c1] [seq=N] [age=S]
    // [rings=101,102] [ext=101] [by=101]", or "wait <seconds>".
    void run(LiveCalls &calls, const QString &step);
    CallUpdate update(const QString &id, const QString &kind, int ageSeconds = 5,
                      const QStringList &rings = { u"101"_s }, const QString &by = {});

    std::unique_ptr<Test::FakeClock> m_clock;
    qint64 m_seq = 0;
};

void TestLiveCalls::init()
{
    m_clock = std::make_unique<Test::FakeClock>();
    m_seq = 0;
}

CallUpdate TestLiveCalls::update(const QString &id, const QString &kind, int ageSeconds,
                                 const QStringList &rings, const QString &by)
{
    CallUpdate update;
    update.seq = ++m_seq;
    update.call.pbxCallId = id;
    update.call.direction = u"inbound"_s;
    update.call.startedAt = m_clock->now().addSecs(-ageSeconds);
    update.call.updatedAt = m_clock->now();
    update.call.clientNumber = u"+34911234567"_s;
    update.call.ringingExtensions = rings;
    update.call.answeredBy = by;
    if (kind == u"recording") {
        update.type = u"call.recording_ready"_s;
        update.call.state = u"ended"_s;
        update.call.recordingReady = true;
    } else {
        update.type = u"call."_s + kind;
        update.call.state = kind;
    }
    return update;
}

void TestLiveCalls::run(LiveCalls &calls, const QString &step)
{
    QStringList words = step.split(u' ', Qt::SkipEmptyParts);
    if (words.value(0) == u"wait") {
        m_clock->advance(std::chrono::seconds(words.value(1).toInt()));
        return;
    }
    const bool replayed = words.value(0) == u"replay";
    if (replayed)
        words.removeFirst();
    const QString kind = words.takeFirst();
    QString id = u"c1"_s;
    int age = 5;
    QStringList rings { u"101"_s };
    QString extension;
    QString by;
    qint64 seq = -1;
    for (const QString &word : std::as_const(words)) {
        const QString key = word.section(u'=', 0, 0);
        const QString value = word.section(u'=', 1);
        if (key == u"id")
            id = value;
        else if (key == u"age")
            age = value.toInt();
        else if (key == u"rings")
            rings = value.split(u',', Qt::SkipEmptyParts);
        else if (key == u"ext")
            extension = value;
        else if (key == u"by")
            by = value;
        else if (key == u"seq")
            seq = value.toLongLong();
        else
            QFAIL(qPrintable(u"Unknown word in step: "_s + word));
    }
    CallUpdate made = update(id, kind, age, rings, by);
    made.call.extension = extension;
    if (seq >= 0)
        made.seq = seq;
    calls.apply(made, replayed);
}

void TestLiveCalls::decisions_data()
{
    QTest::addColumn<Policy>("policy");
    QTest::addColumn<bool>("doNotDisturb");
    QTest::addColumn<QString>("ownExtension");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QStringList>("events");

    const auto row = [](const char *name, Policy policy, bool dnd, const QString &own,
                        const QStringList &steps, const QStringList &events) {
        QTest::newRow(name) << policy << dnd << own << steps << events;
    };
    const QString own = u"101"_s;

    // At ring.
    row("ring: a whole answered call", Policy::OnRing, false, own,
        { u"ringing"_s, u"answered by=101"_s, u"ended"_s, u"recording"_s },
        { u"popup c1 ringing"_s, u"ring on"_s, u"update c1 answered"_s, u"ring off"_s,
          u"update c1 ended"_s, u"update c1 recording_ready"_s });
    row("ring: first heard of when answered", Policy::OnRing, false, own, { u"answered by=101"_s },
        { u"popup c1 answered"_s });
    row("ring: a missed call", Policy::OnRing, false, own, { u"ringing"_s, u"missed"_s },
        { u"popup c1 ringing"_s, u"ring on"_s, u"update c1 missed"_s, u"missed 1"_s,
          u"ring off"_s });
    row("ring: rings at a colleague only", Policy::OnRing, false, own,
        { u"ringing rings=102"_s, u"answered rings=102 by=102"_s, u"ended rings=102 by=102"_s },
        {});
    row("ring: reaches us after the menu", Policy::OnRing, false, own,
        { u"ringing rings="_s, u"ringing rings=102,101"_s, u"answered rings=102,101 by=102"_s },
        { u"popup c1 ringing"_s, u"ring on"_s, u"update c1 answered"_s, u"ring off"_s });
    row("ring: no own extension known", Policy::OnRing, false, QString(),
        { u"ringing rings=102"_s }, { u"popup c1 ringing"_s, u"ring on"_s });
    row("ring: outbound from our extension", Policy::OnRing, false, own,
        { u"ringing rings= ext=101"_s, u"answered rings= ext=101"_s },
        { u"popup c1 ringing"_s, u"ring on"_s, u"update c1 answered"_s, u"ring off"_s });
    row("ring: two calls at once", Policy::OnRing, false, own,
        { u"ringing id=a"_s, u"ringing id=b"_s, u"ended id=a"_s, u"missed id=b"_s },
        { u"popup a ringing"_s, u"ring on"_s, u"popup b ringing"_s, u"update a ended"_s,
          u"update b missed"_s, u"missed 1"_s, u"ring off"_s });

    // Over when it arrives.
    row("over: ended", Policy::OnRing, false, own, { u"ended by=101"_s }, {});
    row("over: missed", Policy::OnRing, false, own, { u"missed"_s }, { u"missed 1"_s });
    row("over: recording", Policy::OnRing, false, own, { u"recording"_s }, {});
    row("over: does not start again", Policy::OnRing, false, own,
        { u"ended"_s, u"ringing"_s, u"answered by=101"_s }, {});

    // At answer.
    row("answer: answered here", Policy::OnAnswer, false, own,
        { u"ringing"_s, u"answered by=101"_s, u"ended by=101"_s },
        { u"ring on"_s, u"popup c1 answered"_s, u"ring off"_s, u"update c1 ended"_s });
    row("answer: answered by a colleague", Policy::OnAnswer, false, own,
        { u"ringing rings=101,102"_s, u"answered rings=101,102 by=102"_s,
          u"ended rings=101,102 by=102"_s },
        { u"ring on"_s, u"ring off"_s });
    row("answer: missed", Policy::OnAnswer, false, own, { u"ringing"_s, u"missed"_s },
        { u"ring on"_s, u"missed 1"_s, u"ring off"_s });
    row("answer: outbound names no answering extension", Policy::OnAnswer, false, own,
        { u"ringing rings= ext=101"_s, u"answered rings= ext=101"_s },
        { u"ring on"_s, u"popup c1 answered"_s, u"ring off"_s });
    row("answer: no own extension known", Policy::OnAnswer, false, QString(),
        { u"answered by=102"_s }, { u"popup c1 answered"_s });

    // No pop-ups, still tracked.
    row("never", Policy::Never, false, own, { u"ringing"_s, u"answered by=101"_s, u"ended"_s },
        { u"ring on"_s, u"ring off"_s });
    row("do not disturb at ring", Policy::OnRing, true, own, { u"ringing"_s, u"missed"_s },
        { u"ring on"_s, u"missed 1"_s, u"ring off"_s });
    row("do not disturb at answer", Policy::OnAnswer, true, own,
        { u"ringing"_s, u"answered by=101"_s }, { u"ring on"_s, u"ring off"_s });

    // Replays after a reconnect.
    row("replay: a young ringing call", Policy::OnRing, false, own, { u"replay ringing age=30"_s },
        { u"popup c1 ringing"_s, u"ring on"_s });
    row("replay: an old ringing call", Policy::OnRing, false, own, { u"replay ringing age=90"_s },
        {});
    row("replay: just under a minute", Policy::OnRing, false, own, { u"replay ringing age=59"_s },
        { u"popup c1 ringing"_s, u"ring on"_s });
    row("replay: a minute", Policy::OnRing, false, own, { u"replay ringing age=60"_s }, {});
    row("replay: old, then live again", Policy::OnRing, false, own,
        { u"replay ringing age=90"_s, u"answered age=95 by=101"_s }, { u"popup c1 answered"_s });
    row("replay: a young answered call at answer", Policy::OnAnswer, false, own,
        { u"replay answered age=20 by=101"_s }, { u"popup c1 answered"_s });
    row("replay: an old answered call at answer", Policy::OnAnswer, false, own,
        { u"replay answered age=300 by=101"_s }, {});
    row("replay: ended", Policy::OnRing, false, own, { u"replay ended age=10"_s }, {});
    row("replay: missed while offline", Policy::OnRing, false, own,
        { u"replay missed age=3600"_s, u"replay missed id=c2 age=1800"_s },
        { u"missed 1"_s, u"missed 2"_s });
    row("replay: a live call's pop-up is updated", Policy::OnRing, false, own,
        { u"ringing age=0"_s, u"wait 70"_s, u"replay answered age=70 by=101"_s },
        { u"popup c1 ringing"_s, u"ring on"_s, u"update c1 answered"_s, u"ring off"_s });
    row("replay: a call that still rings keeps ringing", Policy::OnRing, false, own,
        { u"ringing age=0"_s, u"wait 70"_s, u"replay ringing rings=101,102 age=70"_s },
        { u"popup c1 ringing"_s, u"ring on"_s, u"update c1 ringing"_s });

    // Duplicates.
    row("duplicate ringing", Policy::OnRing, false, own,
        { u"ringing seq=1"_s, u"replay ringing seq=1"_s }, { u"popup c1 ringing"_s, u"ring on"_s });
    row("older item after a newer one", Policy::OnRing, false, own,
        { u"ringing seq=1"_s, u"answered seq=3 by=101"_s, u"ringing seq=2"_s },
        { u"popup c1 ringing"_s, u"ring on"_s, u"update c1 answered"_s, u"ring off"_s });
    row("duplicate missed", Policy::OnRing, false, own,
        { u"missed seq=5"_s, u"replay missed seq=5"_s, u"replay missed seq=6"_s },
        { u"missed 1"_s });

    // Time.
    row("a ring without its end stops after five minutes", Policy::OnRing, false, own,
        { u"ringing"_s, u"wait 299"_s, u"wait 1"_s },
        { u"popup c1 ringing"_s, u"ring on"_s, u"ring off"_s });
    row("news of a ringing call keeps it ringing", Policy::OnRing, false, own,
        { u"ringing"_s, u"wait 200"_s, u"ringing rings=101,102"_s, u"wait 200"_s },
        { u"popup c1 ringing"_s, u"ring on"_s, u"update c1 ringing"_s });
}

void TestLiveCalls::decisions()
{
    QFETCH(Policy, policy);
    QFETCH(bool, doNotDisturb);
    QFETCH(QString, ownExtension);
    QFETCH(QStringList, steps);
    QFETCH(QStringList, events);

    LiveCalls calls(m_clock.get());
    calls.setPolicy(policy);
    calls.setDoNotDisturb(doNotDisturb);
    calls.setOwnExtension(ownExtension);
    Recorder recorder(&calls);
    for (const QString &step : std::as_const(steps)) {
        run(calls, step);
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(recorder.events, events);
}

void TestLiveCalls::missedCallsCountUntilSeen()
{
    LiveCalls calls(m_clock.get());
    calls.setOwnExtension(u"101"_s);
    QSignalSpy changed(&calls, &LiveCalls::unseenMissedChanged);

    calls.apply(update(u"a"_s, u"missed"_s), false);
    calls.apply(update(u"b"_s, u"missed"_s), true);
    QCOMPARE(calls.unseenMissed(), 2);
    QCOMPARE(changed.count(), 2);

    calls.markMissedSeen();
    QCOMPARE(calls.unseenMissed(), 0);
    QCOMPARE(changed.count(), 3);
    QCOMPARE(changed.last().at(0).toInt(), 0);
    calls.markMissedSeen(); // nothing new to see
    QCOMPARE(changed.count(), 3);

    // Seen ones do not come back with a later delivery of the same call.
    calls.apply(update(u"a"_s, u"missed"_s), true);
    calls.apply(update(u"b"_s, u"recording"_s), false);
    QCOMPARE(calls.unseenMissed(), 0);

    calls.apply(update(u"c"_s, u"ringing"_s), false);
    calls.apply(update(u"c"_s, u"missed"_s), false);
    QCOMPARE(calls.unseenMissed(), 1);
    QCOMPARE(changed.last().at(0).toInt(), 1);
}

void TestLiveCalls::missedCallsOfOthersDoNotCount()
{
    LiveCalls calls(m_clock.get());
    calls.setOwnExtension(u"101"_s);

    calls.apply(update(u"colleague"_s, u"missed"_s, 5, { u"102"_s }), false);
    QCOMPARE(calls.unseenMissed(), 0);
    calls.apply(update(u"group"_s, u"missed"_s, 5, { u"102"_s, u"101"_s }), false);
    QCOMPARE(calls.unseenMissed(), 1);
    // Back-filled from the PBX's statistics: no extension named; the relay sent it to us.
    CallUpdate backfilled = update(u"backfilled"_s, u"missed"_s, 7200, {});
    backfilled.backfilled = true;
    calls.apply(backfilled, true);
    QCOMPARE(calls.unseenMissed(), 2);
    // An ended call is no missed call, even when nobody answered it here.
    calls.apply(update(u"ended"_s, u"ended"_s), false);
    QCOMPARE(calls.unseenMissed(), 2);
}

void TestLiveCalls::forgetsFinishedCallsAfterTenMinutes()
{
    LiveCalls calls(m_clock.get());
    calls.setOwnExtension(u"101"_s);
    calls.apply(update(u"done"_s, u"ringing"_s), false);
    calls.apply(update(u"done"_s, u"ended"_s), false);
    calls.apply(update(u"talking"_s, u"answered"_s, 5, { u"101"_s }, u"101"_s), false);

    m_clock->advance(9min + 59s);
    QVERIFY(calls.latest(u"done"_s));
    m_clock->advance(1s);
    QVERIFY(!calls.latest(u"done"_s));
    QVERIFY(calls.latest(u"talking"_s));
    m_clock->advance(2h);
    QVERIFY(calls.latest(u"talking"_s));

    // A later item of a finished call (its recording) restarts nothing: it goes ten minutes on.
    calls.apply(update(u"talking"_s, u"ended"_s, 5, { u"101"_s }, u"101"_s), false);
    m_clock->advance(5min);
    calls.apply(update(u"talking"_s, u"recording"_s, 5, { u"101"_s }, u"101"_s), false);
    QCOMPARE(calls.latest(u"talking"_s)->type, u"call.recording_ready"_s);
    m_clock->advance(5min);
    QVERIFY(!calls.latest(u"talking"_s));
}

void TestLiveCalls::keepsAtMost200Calls()
{
    LiveCalls calls(m_clock.get());
    calls.setPolicy(Policy::Never);
    calls.apply(update(u"live"_s, u"ringing"_s), false);
    for (int i = 0; i < 250; ++i) {
        calls.apply(update(u"old%1"_s.arg(i), u"ended"_s), false);
        m_clock->advance(1s);
    }
    QVERIFY(!calls.latest(u"old0"_s));
    QVERIFY(!calls.latest(u"old50"_s));
    QVERIFY(calls.latest(u"old51"_s));
    QVERIFY(calls.latest(u"old249"_s));
    // Finished calls go first.
    QVERIFY(calls.latest(u"live"_s));
    QVERIFY(calls.anyRinging());
}

void TestLiveCalls::neverPopsUpTwiceAfterForgetting()
{
    LiveCalls calls(m_clock.get());
    Recorder recorder(&calls);
    calls.apply(update(u"x"_s, u"ringing"_s, 0), false);
    calls.apply(update(u"x"_s, u"ended"_s, 0), false);
    m_clock->advance(11min);
    QVERIFY(!calls.latest(u"x"_s));

    // Forgotten as a call, remembered as one that had its pop-up.
    calls.apply(update(u"x"_s, u"recording"_s), false);
    calls.apply(update(u"x"_s, u"answered"_s, 0, { u"101"_s }, u"101"_s), false);
    QCOMPARE(recorder.events,
             QStringList({ u"popup x ringing"_s, u"ring on"_s, u"update x ended"_s, u"ring off"_s,
                           u"update x recording_ready"_s }));

    // The memory of pop-ups is bounded (500), not the guarantee for recent calls.
    for (int i = 0; i < 499; ++i)
        calls.apply(update(u"n%1"_s.arg(i), u"answered"_s, 0, { u"101"_s }, u"101"_s), false);
    calls.apply(update(u"x"_s, u"recording"_s), false);
    QCOMPARE(recorder.events.last(), u"update x recording_ready"_s);
}

void TestLiveCalls::latestAndAnsweredHere()
{
    LiveCalls calls(m_clock.get());
    QVERIFY(!calls.latest(u"c1"_s));
    const CallUpdate ringing = update(u"c1"_s, u"ringing"_s);
    const CallUpdate mine = update(u"c1"_s, u"answered"_s, 5, { u"101"_s, u"102"_s }, u"101"_s);
    const CallUpdate theirs = update(u"c2"_s, u"answered"_s, 5, { u"101"_s, u"102"_s }, u"102"_s);

    // Without an own extension nothing is "answered by you".
    QVERIFY(!calls.answeredHere(mine));
    calls.setOwnExtension(u" 101 "_s);
    QVERIFY(calls.answeredHere(mine));
    QVERIFY(!calls.answeredHere(theirs));
    QVERIFY(!calls.answeredHere(update(u"c3"_s, u"ringing"_s)));

    calls.apply(ringing, false);
    QCOMPARE(calls.latest(u"c1"_s)->call.state, u"ringing"_s);
    calls.apply(mine, false);
    const std::optional<CallUpdate> latest = calls.latest(u"c1"_s);
    QVERIFY(latest);
    QCOMPARE(latest->seq, mine.seq);
    QCOMPARE(latest->call.state, u"answered"_s);
    QCOMPARE(latest->call.answeredBy, u"101"_s);
}

void TestLiveCalls::policyChangesTakeEffectForNewCalls()
{
    LiveCalls calls(m_clock.get());
    Recorder recorder(&calls);
    calls.apply(update(u"a"_s, u"ringing"_s), false);
    calls.setPolicy(Policy::Never);
    calls.apply(update(u"b"_s, u"ringing"_s), false);
    calls.apply(update(u"a"_s, u"answered"_s, 5, { u"101"_s }, u"101"_s), false);
    calls.setPolicy(Policy::OnRing);
    calls.setDoNotDisturb(true);
    calls.apply(update(u"c"_s, u"ringing"_s), false);
    calls.setDoNotDisturb(false);
    calls.apply(update(u"d"_s, u"ringing"_s), false);
    QCOMPARE(recorder.events,
             QStringList({ u"popup a ringing"_s, u"ring on"_s, u"update a answered"_s,
                           u"popup d ringing"_s }));
}

void TestLiveCalls::ignoresCallsWithoutId()
{
    LiveCalls calls(m_clock.get());
    Recorder recorder(&calls);
    calls.apply(update(QString(), u"ringing"_s), false);
    calls.apply(update(QString(), u"missed"_s), false);
    QVERIFY(recorder.events.isEmpty());
    QVERIFY(!calls.anyRinging());
}

QTEST_GUILESS_MAIN(TestLiveCalls)
#include "TestLiveCalls.moc"
