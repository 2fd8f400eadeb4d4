// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/tray/TrayIcon.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

using namespace CallBridge;
using namespace std::chrono_literals;

class TestTrayIcon : public QObject
{
    Q_OBJECT

private:
    static QAction *action(TrayIcon &tray, const QString &text)
    {
        const QList<QAction *> actions = tray.menu()->actions();
        for (QAction *action : actions) {
            if (action->text() == text)
                return action;
        }
        return nullptr;
    }

    static QImage image(const QIcon &icon) { return icon.pixmap(32, 32).toImage(); }

private slots:
    void startsOfflineWithAnIcon()
    {
        TrayIcon tray;
        QCOMPARE(tray.state(), TrayIcon::State::Offline);
        QVERIFY(!tray.icon().isNull());
        QVERIFY(!tray.isBlinking());
        QVERIFY(!tray.isReady());
        QCOMPARE(tray.systemTrayIcon()->contextMenu(), tray.menu());
    }

    void eachStateHasItsOwnIcon()
    {
        TrayIcon tray;
        tray.setMissedCount(2);
        QList<QImage> images;
        for (const TrayIcon::State state :
             { TrayIcon::State::Offline, TrayIcon::State::Connected, TrayIcon::State::Ringing,
               TrayIcon::State::MissedWaiting }) {
            tray.setState(state);
            QCOMPARE(tray.state(), state);
            const QImage current = image(tray.icon());
            QVERIFY(!images.contains(current));
            images << current;
            QCOMPARE(image(tray.systemTrayIcon()->icon()), current);
        }
    }

    void stateFor_data()
    {
        QTest::addColumn<bool>("connected");
        QTest::addColumn<bool>("ringing");
        QTest::addColumn<int>("missed");
        QTest::addColumn<TrayIcon::State>("state");
        QTest::newRow("offline") << false << false << 0 << TrayIcon::State::Offline;
        QTest::newRow("connected") << true << false << 0 << TrayIcon::State::Connected;
        QTest::newRow("missed") << true << false << 3 << TrayIcon::State::MissedWaiting;
        QTest::newRow("offline with missed")
                << false << false << 1 << TrayIcon::State::MissedWaiting;
        QTest::newRow("ringing beats missed") << true << true << 3 << TrayIcon::State::Ringing;
    }

    void stateFor()
    {
        QFETCH(bool, connected);
        QFETCH(bool, ringing);
        QFETCH(int, missed);
        QFETCH(TrayIcon::State, state);
        QCOMPARE(TrayIcon::stateFor(connected, ringing, missed), state);
    }

    void tooltipSaysStateUserAndWhyOffline()
    {
        TrayIcon tray;
        tray.setUser(QStringLiteral("Anna Smith"), QStringLiteral("101"));
        tray.setOfflineReason(QStringLiteral("The relay cannot be reached."));
        QCOMPARE(tray.toolTip(),
                 QStringLiteral("CallBridge: Offline\nThe relay cannot be reached.\n"
                                "Anna Smith, extension 101"));
        QCOMPARE(tray.systemTrayIcon()->toolTip(), tray.toolTip());

        tray.setState(TrayIcon::State::Connected);
        QCOMPARE(tray.toolTip(),
                 QStringLiteral("CallBridge: Connected\nAnna Smith, extension 101"));
        tray.setDoNotDisturb(true);
        QVERIFY(tray.toolTip().startsWith(QStringLiteral("CallBridge: Connected, do not disturb")));
        tray.setDoNotDisturb(false);

        tray.setMissedCount(3);
        tray.setState(TrayIcon::State::MissedWaiting);
        QVERIFY(tray.toolTip().startsWith(QStringLiteral("CallBridge: 3 missed calls\n")));
        tray.setMissedCount(1);
        QVERIFY(tray.toolTip().startsWith(QStringLiteral("CallBridge: 1 missed call\n")));
        // The menu's first line says the same.
        QCOMPARE(tray.menu()->actions().first()->text(), tray.toolTip().section(u'\n', 0, 0));
        QVERIFY(!tray.menu()->actions().first()->isEnabled());
    }

    void missedCallsBlinkUntilSeen()
    {
        TrayIcon tray;
        tray.setBlinkInterval(10ms);
        tray.setMissedCount(2);
        tray.setState(TrayIcon::State::MissedWaiting);
        QVERIFY(tray.isBlinking());

        QSignalSpy changed(&tray, &TrayIcon::iconChanged);
        const QImage first = image(tray.icon());
        QVERIFY(changed.wait(1000));
        const QImage second = image(tray.icon());
        QVERIFY(second != first);
        QTRY_COMPARE_WITH_TIMEOUT(image(tray.icon()), first, 1000);

        tray.setMissedSeen();
        QVERIFY(!tray.isBlinking());
        QCOMPARE(image(tray.icon()), first); // steady, at full strength
        changed.clear();
        QVERIFY(!changed.wait(60));

        // Another missed call wants attention again.
        tray.setMissedCount(3);
        QVERIFY(tray.isBlinking());
        tray.setState(TrayIcon::State::Connected);
        QVERIFY(!tray.isBlinking());
    }

    void ringingShakes()
    {
        TrayIcon tray;
        tray.setBlinkInterval(20ms);
        tray.setState(TrayIcon::State::Ringing);
        QSignalSpy changed(&tray, &TrayIcon::iconChanged);
        const QImage first = image(tray.icon());
        QVERIFY(changed.wait(1000));
        QVERIFY(image(tray.icon()) != first);
        tray.setState(TrayIcon::State::Connected);
        changed.clear();
        QVERIFY(!changed.wait(60));
    }

    void menuActionsEmit()
    {
        TrayIcon tray;
        QSignalSpy open(&tray, &TrayIcon::openMainWindowRequested);
        QSignalSpy dnd(&tray, &TrayIcon::doNotDisturbToggled);
        QSignalSpy settings(&tray, &TrayIcon::settingsRequested);
        QSignalSpy quit(&tray, &TrayIcon::quitRequested);

        QAction *openAction = action(tray, QStringLiteral("Open CallBridge"));
        QAction *dndAction = action(tray, QStringLiteral("Do not disturb"));
        QAction *settingsAction = action(tray, QStringLiteral("Settings…"));
        QAction *quitAction = action(tray, QStringLiteral("Quit"));
        QVERIFY(openAction && dndAction && settingsAction && quitAction);
        QVERIFY(dndAction->isCheckable());
        QVERIFY(tray.menu()
                        ->actions()
                        .at(tray.menu()->actions().indexOf(quitAction) - 1)
                        ->isSeparator());

        openAction->trigger();
        QCOMPARE(open.size(), 1);
        dndAction->trigger();
        QCOMPARE(dnd.size(), 1);
        QCOMPARE(dnd.first().first().toBool(), true);
        QVERIFY(tray.doNotDisturb());
        dndAction->trigger();
        QCOMPARE(dnd.last().first().toBool(), false);
        settingsAction->trigger();
        QCOMPARE(settings.size(), 1);
        quitAction->trigger();
        QCOMPARE(quit.size(), 1);

        // Following the setting from elsewhere does not echo back.
        tray.setDoNotDisturb(true);
        QVERIFY(dndAction->isChecked());
        QCOMPARE(dnd.size(), 2);
    }

    void clickOpensTheMainWindow()
    {
        TrayIcon tray;
        QSignalSpy open(&tray, &TrayIcon::openMainWindowRequested);
        emit tray.systemTrayIcon()->activated(QSystemTrayIcon::Trigger);
        emit tray.systemTrayIcon()->activated(QSystemTrayIcon::DoubleClick);
        QCOMPARE(open.size(), 2);
        emit tray.systemTrayIcon()->activated(QSystemTrayIcon::Context);
        QCOMPARE(open.size(), 2);
    }

    void givesUpWithoutATray()
    {
        // Offscreen there is no tray host: the real check says so, every time.
        QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());
        TrayIcon tray;
        int checks = 0;
        tray.setAvailabilityCheck([&checks] {
            ++checks;
            return QSystemTrayIcon::isSystemTrayAvailable();
        });
        tray.setRetry(5ms, 4);
        QSignalSpy ready(&tray, &TrayIcon::trayReady);
        QSignalSpy unavailable(&tray, &TrayIcon::trayUnavailable);
        tray.start();
        QCOMPARE(unavailable.size(), 0); // not at once: it keeps looking
        QVERIFY(unavailable.wait(2000));
        QCOMPARE(checks, 5); // the first look and four more
        QCOMPARE(ready.size(), 0);
        QVERIFY(!tray.isReady());
        QVERIFY(!unavailable.wait(50));
        tray.showMessage(QStringLiteral("Missed call"), QStringLiteral("No tray, no crash"));
    }

    void showsOnceTheTrayAppears()
    {
        TrayIcon tray;
        int checks = 0;
        tray.setAvailabilityCheck([&checks] { return ++checks >= 3; });
        tray.setRetry(5ms, 30);
        QSignalSpy ready(&tray, &TrayIcon::trayReady);
        QSignalSpy unavailable(&tray, &TrayIcon::trayUnavailable);
        tray.start();
        QVERIFY(ready.wait(2000));
        QCOMPARE(checks, 3);
        QVERIFY(tray.isReady());
        QVERIFY(tray.systemTrayIcon()->isVisible());
        QVERIFY(!ready.wait(50));
        QCOMPARE(ready.size(), 1);
        QCOMPARE(unavailable.size(), 0);
        tray.start(); // already there: nothing more
        QCOMPARE(ready.size(), 1);
    }

    void showsAtOnceWhenTheTrayIsUp()
    {
        TrayIcon tray;
        tray.setAvailabilityCheck([] { return true; });
        QSignalSpy ready(&tray, &TrayIcon::trayReady);
        tray.start();
        QCOMPARE(ready.size(), 1);
        tray.showMessage(QStringLiteral("Missed call"), QStringLiteral("From +34 600 100 200"));
    }
};

QTEST_MAIN(TestTrayIcon)
#include "TestTrayIcon.moc"
