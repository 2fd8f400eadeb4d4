// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/popup/CallPopup.h"
#include "ui/popup/PopupStack.h"

#include <QGuiApplication>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace CallBridge;
using namespace std::chrono_literals;

namespace {

CallUpdate call(const QString &id, const QString &state = QStringLiteral("ringing"))
{
    CallUpdate update;
    update.type = QStringLiteral("call.") + state;
    update.call.pbxCallId = id;
    update.call.direction = QStringLiteral("inbound");
    update.call.state = state;
    update.call.clientNumber = QStringLiteral("+48600100200");
    return update;
}

// The ids of the calls on screen, oldest first: "a,b".
QString ids(const PopupStack &stack)
{
    QStringList result;
    for (const CallPopup *popup : stack.popups())
        result << popup->pbxCallId();
    return result.join(u',');
}

} // namespace

class TestPopupStack : public QObject
{
    Q_OBJECT

private slots:
    void onePopupPerCall()
    {
        PopupStack stack;
        QSignalSpy shown(&stack, &PopupStack::shown);
        stack.show(call(QStringLiteral("a")));
        CallPopup *first = stack.popup(QStringLiteral("a"));
        QVERIFY(first);
        QVERIFY(first->isVisible());
        stack.show(call(QStringLiteral("a"), QStringLiteral("answered")));
        QCOMPARE(stack.popups().size(), 1);
        QCOMPARE(stack.popup(QStringLiteral("a")), first);
        QVERIFY(!first->isRinging());
        stack.show(call(QStringLiteral("b")));
        QCOMPARE(ids(stack), QStringLiteral("a,b"));
        QCOMPARE(shown.size(), 2);
        QVERIFY(!stack.popup(QStringLiteral("c")));
    }

    void updatesInPlaceOnly()
    {
        PopupStack stack;
        stack.setOwnExtension(QStringLiteral("101"));
        stack.show(call(QStringLiteral("a")));
        CallPopup *popup = stack.popup(QStringLiteral("a"));
        CallUpdate answered = call(QStringLiteral("a"), QStringLiteral("answered"));
        answered.call.answeredBy = QStringLiteral("101");
        stack.update(answered);
        QCOMPARE(stack.popup(QStringLiteral("a")), popup);
        QCOMPARE(popup->stateText(), QStringLiteral("Answered by you"));

        // A call without a pop-up (never shown, or dismissed) does not get one from an update.
        stack.update(call(QStringLiteral("b"), QStringLiteral("missed")));
        QCOMPARE(stack.popups().size(), 1);
        stack.dismiss(QStringLiteral("a"));
        stack.update(call(QStringLiteral("a"), QStringLiteral("ended")));
        QVERIFY(stack.popups().isEmpty());
    }

    void settingsReachEveryPopup()
    {
        PopupStack stack;
        stack.show(call(QStringLiteral("a"), QStringLiteral("ended")));
        stack.setRegion(QStringLiteral("PL"));
        stack.setCrmUrlTemplate(QStringLiteral("https://crm.example.com/find?q={phone}"));
        stack.show(call(QStringLiteral("b"), QStringLiteral("ended")));
        for (const CallPopup *popup : stack.popups()) {
            QCOMPARE(popup->findChild<QLabel *>(QStringLiteral("name"))->text(),
                     QStringLiteral("600 100 200"));
            QVERIFY(popup->crmUrl().isValid());
        }
        stack.setLastInteraction(QStringLiteral("b"), QStringLiteral("Last call: yesterday"));
        QCOMPARE(stack.popup(QStringLiteral("b"))
                         ->findChild<QLabel *>(QStringLiteral("lastInteraction"))
                         ->text(),
                 QStringLiteral("Last call: yesterday"));
    }

    void limitClosesTheOldestFinishedFirst()
    {
        PopupStack stack;
        QCOMPARE(stack.limit(), 3);
        for (const char *id : { "a", "b", "c" })
            stack.show(call(QString::fromLatin1(id)));
        stack.update(call(QStringLiteral("b"), QStringLiteral("ended")));
        QPointer<CallPopup> b = stack.popup(QStringLiteral("b"));

        stack.show(call(QStringLiteral("d")));
        QCOMPARE(ids(stack), QStringLiteral("a,c,d"));
        QTRY_VERIFY(b.isNull()); // deleted, not just hidden

        // Nothing finished: the oldest goes.
        stack.show(call(QStringLiteral("e")));
        QCOMPARE(ids(stack), QStringLiteral("c,d,e"));

        // The newest stays even when it is the only finished one.
        stack.show(call(QStringLiteral("f"), QStringLiteral("missed")));
        QCOMPARE(ids(stack), QStringLiteral("d,e,f"));

        stack.setLimit(1);
        QCOMPARE(ids(stack), QStringLiteral("f"));
        stack.setLimit(0);
        QCOMPARE(stack.limit(), 1);
    }

    void dismissAll()
    {
        PopupStack stack;
        QSignalSpy dismissed(&stack, &PopupStack::dismissed);
        QPushButton *all = stack.dismissAllButton();
        stack.show(call(QStringLiteral("a")));
        QVERIFY(!all->isVisible());
        stack.show(call(QStringLiteral("b")));
        QVERIFY(all->isVisible());
        QCOMPARE(all->text(), QStringLiteral("Dismiss all (2)"));
        QCOMPARE(all->focusPolicy(), Qt::NoFocus);
        QVERIFY(all->testAttribute(Qt::WA_ShowWithoutActivating));
        stack.show(call(QStringLiteral("c")));
        QCOMPARE(all->text(), QStringLiteral("Dismiss all (3)"));

        all->click();
        QVERIFY(stack.popups().isEmpty());
        QCOMPARE(dismissed.size(), 3);
        QVERIFY(!all->isVisible());
    }

    void dismissedByTheAgent()
    {
        PopupStack stack;
        QSignalSpy dismissed(&stack, &PopupStack::dismissed);
        QSignalSpy count(&stack, &PopupStack::countChanged);
        stack.show(call(QStringLiteral("a")));
        stack.show(call(QStringLiteral("b")));
        stack.popup(QStringLiteral("a"))
                ->findChild<QToolButton *>(QStringLiteral("dismiss"))
                ->click();
        QCOMPARE(ids(stack), QStringLiteral("b"));
        QCOMPARE(dismissed.size(), 1);
        QCOMPARE(dismissed.first().first().toString(), QStringLiteral("a"));
        QCOMPARE(count.last().first().toInt(), 1);
        QVERIFY(!stack.dismissAllButton()->isVisible());
    }

    void endedPopupsCloseOnTheirOwn()
    {
        PopupStack stack;
        stack.setAutoCloseAfterEnd(10ms);
        QSignalSpy count(&stack, &PopupStack::countChanged);
        QSignalSpy dismissed(&stack, &PopupStack::dismissed);
        stack.show(call(QStringLiteral("a")));
        stack.show(call(QStringLiteral("b")));
        stack.update(call(QStringLiteral("a"), QStringLiteral("ended")));
        stack.update(call(QStringLiteral("b"), QStringLiteral("missed")));
        QTRY_COMPARE(ids(stack), QStringLiteral("b"));
        QCOMPARE(dismissed.size(), 0); // nobody dismissed it
    }

    void stacksBottomRightInsideTheScreen()
    {
        PopupStack stack;
        const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
        stack.show(call(QStringLiteral("a")));
        stack.show(call(QStringLiteral("b"), QStringLiteral("ended")));
        CallUpdate known = call(QStringLiteral("c"));
        known.contact = ContactCard();
        known.contact->id = 5;
        known.contact->name = QStringLiteral("Maria Kowalska");
        known.contact->company = QStringLiteral("Kowalski & Sons");
        stack.show(known);

        const QList<CallPopup *> popups = stack.popups();
        QCOMPARE(popups.size(), 3);
        // The oldest at the bottom, right edges aligned with the margin.
        QCOMPARE(popups.first()->geometry().bottom(), screen.bottom() - PopupStack::margin);
        for (int i = 0; i < popups.size(); ++i) {
            const QRect frame = popups.at(i)->geometry();
            QVERIFY(screen.contains(frame));
            QCOMPARE(frame.right(), screen.right() - PopupStack::margin);
            if (i > 0) {
                const QRect below = popups.at(i - 1)->geometry();
                QCOMPARE(frame.bottom() + 1 + PopupStack::spacing, below.top());
            }
        }
        const QRect all = stack.dismissAllButton()->geometry();
        QVERIFY(screen.contains(all));
        QVERIFY(all.bottom() < popups.last()->geometry().top());
        QCOMPARE(all.right(), screen.right() - PopupStack::margin);

        // When the bottom one goes, the others move down.
        const int height = popups.at(1)->height();
        stack.dismiss(QStringLiteral("a"));
        QCOMPARE(popups.at(1)->geometry().bottom(), screen.bottom() - PopupStack::margin);
        QCOMPARE(popups.at(1)->height(), height);

        // And when one grows, the ones above it move up.
        const int top = popups.at(2)->geometry().top();
        popups.at(1)->setLastInteraction(QStringLiteral("yesterday, 3 minutes"));
        QVERIFY(popups.at(1)->height() > height);
        QCOMPARE(popups.at(2)->geometry().top(), top - (popups.at(1)->height() - height));
    }

    void ringsWhileAShownCallRings()
    {
        PopupStack stack;
        QVERIFY(stack.isRingSoundEnabled());
        QVERIFY(!stack.isRingPlaying());
        stack.show(call(QStringLiteral("a")));
        stack.show(call(QStringLiteral("b"), QStringLiteral("answered")));
        QVERIFY(stack.anyRinging());
        QVERIFY(stack.isRingPlaying());
        QCoreApplication::processEvents(); // the sound starts late, and fails quietly offscreen

        stack.setRingSoundEnabled(false);
        QVERIFY(!stack.isRingPlaying());
        stack.setRingSoundEnabled(true);
        QVERIFY(stack.isRingPlaying());

        stack.update(call(QStringLiteral("a"), QStringLiteral("answered")));
        QVERIFY(!stack.anyRinging());
        QVERIFY(!stack.isRingPlaying());

        stack.show(call(QStringLiteral("c")));
        QVERIFY(stack.isRingPlaying());
        stack.dismiss(QStringLiteral("c"));
        QVERIFY(!stack.isRingPlaying());
    }

    void forwardsThePopupsRequests()
    {
        PopupStack stack;
        stack.setCrmUrlTemplate(QStringLiteral("https://crm.example.com/find?q={phone}"));
        QSignalSpy crm(&stack, &PopupStack::openInCrmRequested);
        QSignalSpy back(&stack, &PopupStack::callBackRequested);
        QSignalSpy create(&stack, &PopupStack::createContactRequested);
        stack.show(call(QStringLiteral("a"), QStringLiteral("missed")));
        CallPopup *popup = stack.popup(QStringLiteral("a"));
        for (const char *name : { "openInCrm", "callBack", "createContact" })
            popup->findChild<QPushButton *>(QString::fromLatin1(name))->click();
        QCOMPARE(crm.size(), 1);
        QCOMPARE(back.size(), 1);
        QCOMPARE(create.size(), 1);
        QCOMPARE(create.first().first().toString(), QStringLiteral("+48600100200"));
    }
};

QTEST_MAIN(TestPopupStack)
#include "TestPopupStack.moc"
