// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/popup/CallPopup.h"

#include <QApplication>
#include <QCursor>
#include <QEnterEvent>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QWindow>

using namespace CallBridge;
using namespace std::chrono_literals;

namespace {

CallUpdate call(const QString &state, const QString &direction = QStringLiteral("inbound"))
{
    CallUpdate update;
    update.type = QStringLiteral("call.") + state;
    update.call.pbxCallId = QStringLiteral("in_1700000000.1");
    update.call.direction = direction;
    update.call.state = state;
    update.call.clientNumber = QStringLiteral("+48600100200");
    update.call.callerId = QStringLiteral("48600100200");
    return update;
}

ContactCard maria()
{
    ContactCard card;
    card.id = 42;
    card.name = QStringLiteral("Maria Kowalska");
    card.company = QStringLiteral("Kowalski & Sons");
    card.phones = { QStringLiteral("+48600100200") };
    UserRef anna;
    anna.id = 7;
    anna.name = QStringLiteral("anna");
    anna.displayName = QStringLiteral("Anna Smith");
    anna.extension = QStringLiteral("102");
    card.responsible = anna;
    return card;
}

CallUpdate known(const QString &state)
{
    CallUpdate update = call(state);
    update.contact = maria();
    return update;
}

} // namespace

class TestCallPopup : public QObject
{
    Q_OBJECT

private:
    static QLabel *label(const CallPopup &popup, const char *name)
    {
        return popup.findChild<QLabel *>(QString::fromLatin1(name));
    }
    static QPushButton *button(const CallPopup &popup, const char *name)
    {
        return popup.findChild<QPushButton *>(QString::fromLatin1(name));
    }
    static bool shown(const QWidget *widget) { return !widget->isHidden(); }

private slots:
    void neverTakesTheFocus()
    {
        CallPopup popup(call(QStringLiteral("ringing")));
        const Qt::WindowFlags flags = popup.windowFlags();
        QVERIFY(flags.testFlag(Qt::Tool));
        QVERIFY(flags.testFlag(Qt::FramelessWindowHint));
        QVERIFY(flags.testFlag(Qt::WindowStaysOnTopHint));
        QVERIFY(flags.testFlag(Qt::WindowDoesNotAcceptFocus));
        QVERIFY(popup.testAttribute(Qt::WA_ShowWithoutActivating));
        QCOMPARE(popup.focusPolicy(), Qt::NoFocus);
        const QList<QAbstractButton *> buttons = popup.findChildren<QAbstractButton *>();
        QCOMPARE(buttons.size(), 4);
        for (const QAbstractButton *button : buttons)
            QCOMPARE(button->focusPolicy(), Qt::NoFocus);
        popup.winId(); // the native window carries the flags to the window system
        QVERIFY(popup.windowHandle()->flags().testFlag(Qt::WindowDoesNotAcceptFocus));
        // Whether a window manager honours these is beyond an offscreen test (offscreen activates
        // every window shown; Xvfb without a window manager activates none).
    }

    void stateLine_data()
    {
        QTest::addColumn<QString>("direction");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("answeredBy");
        QTest::addColumn<int>("duration");
        QTest::addColumn<QString>("text");
        const QString in = QStringLiteral("inbound");
        const QString out = QStringLiteral("outbound");
        QTest::newRow("ringing") << in << "ringing"
                                 << "" << 0 << "Incoming call — ringing";
        QTest::newRow("outgoing ringing") << out << "ringing"
                                          << "" << 0 << "Outgoing call — ringing";
        QTest::newRow("click-to-call ringing") << "callback"
                                               << "ringing"
                                               << "" << 0 << "Outgoing call — ringing";
        QTest::newRow("answered by me") << in << "answered"
                                        << "101" << 0 << "Answered by you";
        QTest::newRow("answered by a colleague") << in << "answered"
                                                 << "103" << 0 << "Answered by Boris Ivanov (103)";
        QTest::newRow("answered by the responsible")
                << in << "answered"
                << "102" << 0 << "Answered by Anna Smith (102)";
        QTest::newRow("answered by a stranger") << in << "answered"
                                                << "109" << 0 << "Answered by extension 109";
        QTest::newRow("answered, nobody named") << in << "answered"
                                                << "" << 0 << "Answered";
        QTest::newRow("outgoing answered") << out << "answered"
                                           << "101" << 0 << "Outgoing call — answered";
        QTest::newRow("ended") << in << "ended"
                               << "101" << 151 << "Ended, 2:31";
        QTest::newRow("ended long") << in << "ended"
                                    << "101" << 3725 << "Ended, 1:02:05";
        QTest::newRow("ended short") << in << "ended"
                                     << "101" << 7 << "Ended, 0:07";
        QTest::newRow("ended at once") << in << "ended"
                                       << "" << 0 << "Ended";
        QTest::newRow("missed") << in << "missed"
                                << "" << 0 << "Missed call";
        QTest::newRow("outgoing missed") << out << "missed"
                                         << "" << 0 << "Not answered";
    }

    void stateLine()
    {
        QFETCH(QString, direction);
        QFETCH(QString, state);
        QFETCH(QString, answeredBy);
        QFETCH(int, duration);
        QFETCH(QString, text);
        CallUpdate update = known(state);
        update.call.direction = direction;
        update.call.answeredBy = answeredBy;
        update.call.durationSeconds = duration;
        CallPopup popup(update);
        popup.setOwnExtension(QStringLiteral("101"));
        popup.setColleagues({ { QStringLiteral("103"), QStringLiteral("Boris Ivanov") } });
        QCOMPARE(popup.stateText(), text);
        QCOMPARE(label(popup, "state")->text(), text);
    }

    void knownCaller()
    {
        CallPopup popup(known(QStringLiteral("ringing")));
        popup.setRegion(QStringLiteral("PL"));
        QCOMPARE(label(popup, "name")->text(), QStringLiteral("Maria Kowalska"));
        QCOMPARE(label(popup, "number")->text(), QStringLiteral("600 100 200"));
        QCOMPARE(label(popup, "company")->text(), QStringLiteral("Kowalski & Sons"));
        QCOMPARE(label(popup, "responsible")->text(),
                 QStringLiteral("Responsible: Anna Smith (102)"));
        QCOMPARE(label(popup, "lastInteraction")->text(), QStringLiteral("Last call: …"));
        QVERIFY(shown(label(popup, "lastInteraction")));
        QVERIFY(!shown(button(popup, "createContact")));
        QVERIFY(!shown(button(popup, "openInCrm"))); // no CRM link configured
        QVERIFY(!shown(button(popup, "callBack"))); // the call is still on

        popup.setRegion(QStringLiteral("ES"));
        QCOMPARE(label(popup, "number")->text(), QStringLiteral("+48 600 100 200"));

        const int height = popup.height();
        const QString twoLines
                = QStringLiteral("Last call: answered on 12 March at 14:05 by Anna Smith, who "
                                 "talked for a while");
        popup.setLastInteraction(twoLines);
        QCOMPARE(label(popup, "lastInteraction")->text(), twoLines); // the app's words, as they are
        QVERIFY(popup.height() > height); // two lines

        popup.setLastInteraction(QStringLiteral("Last call: missed yesterday"));
        QCOMPARE(popup.height(), height);
        popup.setLastInteraction(QString());
        QVERIFY(!shown(label(popup, "lastInteraction")));
        QVERIFY(popup.height() < height);
    }

    void showsWhenTheCallStarted()
    {
        CallUpdate update = known(QStringLiteral("missed"));
        CallPopup popup(update);
        QVERIFY(!shown(label(popup, "time")));
        update.call.startedAt = QDateTime(QDate(2026, 3, 12), QTime(14, 5, 33));
        popup.update(update);
        QVERIFY(shown(label(popup, "time")));
        QVERIFY(label(popup, "time")->text().contains(QStringLiteral("05")));
        QVERIFY(!label(popup, "time")->text().contains(QStringLiteral("33")));
    }

    void contactWithoutCompanyOrResponsible()
    {
        CallUpdate update = known(QStringLiteral("ringing"));
        update.contact->company.clear();
        update.contact->responsible.reset();
        CallPopup popup(update);
        QVERIFY(!shown(label(popup, "company")));
        QVERIFY(!shown(label(popup, "responsible")));
    }

    void newCaller()
    {
        CallPopup popup(call(QStringLiteral("ringing")));
        popup.setRegion(QStringLiteral("PL"));
        QCOMPARE(label(popup, "name")->text(), QStringLiteral("600 100 200"));
        QCOMPARE(label(popup, "number")->text(), QStringLiteral("New caller"));
        QVERIFY(!shown(label(popup, "company")));
        QVERIFY(!shown(label(popup, "responsible")));
        QVERIFY(!shown(label(popup, "lastInteraction"))); // nothing to wait for
        QVERIFY(shown(button(popup, "createContact")));
        // A link to a contact that does not exist yet makes no sense.
        popup.setCrmUrlTemplate(QStringLiteral("https://crm.example.com/contacts/{id}"));
        QVERIFY(!shown(button(popup, "openInCrm")));
        // A search by number does.
        popup.setCrmUrlTemplate(QStringLiteral("https://crm.example.com/search?q={phone}"));
        QVERIFY(shown(button(popup, "openInCrm")));

        // The contact is created while it rings: the pop-up turns into a known caller's.
        popup.update(known(QStringLiteral("answered")));
        QCOMPARE(label(popup, "name")->text(), QStringLiteral("Maria Kowalska"));
        QVERIFY(!shown(button(popup, "createContact")));
    }

    void hiddenNumber()
    {
        CallUpdate update = call(QStringLiteral("missed"));
        update.call.clientNumber.clear();
        update.call.callerId = QStringLiteral("0");
        CallPopup popup(update);
        QCOMPARE(label(popup, "name")->text(), QStringLiteral("Hidden number"));
        QVERIFY(!shown(button(popup, "createContact")));
        QVERIFY(!shown(button(popup, "callBack")));
    }

    void crmUrl_data()
    {
        QTest::addColumn<QString>("urlTemplate");
        QTest::addColumn<qint64>("id");
        QTest::addColumn<QString>("phone");
        QTest::addColumn<QString>("url");
        QTest::newRow("id") << "https://crm.example.com/contacts/{id}" << qint64(42)
                            << "+48600100200"
                            << "https://crm.example.com/contacts/42";
        QTest::newRow("phone") << "https://crm.example.com/find?phone={phone}" << qint64(0)
                               << "+48600100200"
                               << "https://crm.example.com/find?phone=%2B48600100200";
        QTest::newRow("both") << "https://crm.example.com/c/{id}?from={phone}&x=1" << qint64(7)
                              << "+1 555 & 0100"
                              << "https://crm.example.com/c/7?from=%2B1%20555%20%26%200100&x=1";
        QTest::newRow("no contact")
                << "https://crm.example.com/contacts/{id}" << qint64(0) << "+48600100200"
                << "";
        QTest::newRow("no number")
                << "https://crm.example.com/find?phone={phone}" << qint64(3) << ""
                << "";
        QTest::newRow("no template") << "" << qint64(42) << "+48600100200"
                                     << "";
        QTest::newRow("not a URL") << "contacts {id}" << qint64(42) << "+48600100200"
                                   << "";
    }

    void crmUrl()
    {
        QFETCH(QString, urlTemplate);
        QFETCH(qint64, id);
        QFETCH(QString, phone);
        QFETCH(QString, url);
        const QUrl made = CallPopup::crmUrl(urlTemplate, id, phone);
        QCOMPARE(made.toString(QUrl::FullyEncoded), url);
        QCOMPARE(made.isValid(), !url.isEmpty());
    }

    // A contact copied from an external CRM carries its page there; it wins over the template,
    // and a contact without one (or with something that is not a web address) keeps it.
    void contactsOwnCrmPageComesFirst()
    {
        CallUpdate update = known(QStringLiteral("ringing"));
        update.contact->externalUrl = QStringLiteral("https://espo.example.com/#Contact/view/6a1");
        CallPopup popup(update);
        popup.setCrmUrlTemplate(QStringLiteral("https://crm.example.com/contacts/{id}"));
        QCOMPARE(popup.crmUrl(),
                 QUrl(QStringLiteral("https://espo.example.com/#Contact/view/6a1")));
        QSignalSpy crm(&popup, &CallPopup::openInCrmRequested);
        QVERIFY(shown(button(popup, "openInCrm")));
        button(popup, "openInCrm")->click();
        QCOMPARE(crm.first().first().toUrl(), popup.crmUrl());

        update.contact->externalUrl = QStringLiteral("javascript:alert(1)");
        CallPopup unsafe(update);
        unsafe.setCrmUrlTemplate(QStringLiteral("https://crm.example.com/contacts/{id}"));
        QCOMPARE(unsafe.crmUrl(), QUrl(QStringLiteral("https://crm.example.com/contacts/42")));
        update.contact->externalUrl.clear();
        CallPopup noLink(update);
        QVERIFY(!noLink.crmUrl().isValid());
        QVERIFY(!shown(button(noLink, "openInCrm")));
    }

    void buttonsEmit()
    {
        CallPopup popup(known(QStringLiteral("ended")));
        popup.setCrmUrlTemplate(QStringLiteral("https://crm.example.com/contacts/{id}?p={phone}"));
        QSignalSpy crm(&popup, &CallPopup::openInCrmRequested);
        QSignalSpy back(&popup, &CallPopup::callBackRequested);
        QSignalSpy dismissed(&popup, &CallPopup::dismissed);
        QVERIFY(shown(button(popup, "openInCrm")));
        QVERIFY(shown(button(popup, "callBack")));
        button(popup, "openInCrm")->click();
        QCOMPARE(crm.size(), 1);
        QCOMPARE(crm.first().first().toUrl(),
                 QUrl(QStringLiteral("https://crm.example.com/contacts/42?p=%2B48600100200")));
        button(popup, "callBack")->click();
        QCOMPARE(back.size(), 1);
        QCOMPARE(back.first().first().toString(), QStringLiteral("+48600100200"));

        CallPopup stranger(call(QStringLiteral("missed")));
        QSignalSpy create(&stranger, &CallPopup::createContactRequested);
        button(stranger, "createContact")->click();
        QCOMPARE(create.size(), 1);
        QCOMPARE(create.first().first().toString(), QStringLiteral("+48600100200"));

        popup.show();
        popup.findChild<QToolButton *>(QStringLiteral("dismiss"))->click();
        QCOMPARE(dismissed.size(), 1);
        QCOMPARE(dismissed.first().first().toString(), QStringLiteral("in_1700000000.1"));
        QVERIFY(popup.isHidden());
    }

    void updatesInPlace()
    {
        CallPopup popup(call(QStringLiteral("ringing")));
        popup.setOwnExtension(QStringLiteral("101"));
        QVERIFY(popup.isRinging());
        CallUpdate answered = known(QStringLiteral("answered"));
        answered.call.answeredBy = QStringLiteral("101");
        popup.update(answered);
        QCOMPARE(label(popup, "state")->text(), QStringLiteral("Answered by you"));
        QVERIFY(!popup.isRinging());

        CallUpdate ended = call(QStringLiteral("ended")); // no card this time
        ended.call.durationSeconds = 65;
        popup.update(ended);
        QCOMPARE(label(popup, "state")->text(), QStringLiteral("Ended, 1:05"));
        QCOMPARE(label(popup, "name")->text(), QStringLiteral("Maria Kowalska"));
        QVERIFY(popup.isFinished());
        QVERIFY(shown(button(popup, "callBack")));

        // A late ring does not bring an ended call back.
        popup.update(call(QStringLiteral("ringing")));
        QCOMPARE(label(popup, "state")->text(), QStringLiteral("Ended, 1:05"));

        // Another call's update is not this pop-up's business.
        CallUpdate other = call(QStringLiteral("missed"));
        other.call.pbxCallId = QStringLiteral("in_other");
        popup.update(other);
        QCOMPARE(popup.pbxCallId(), QStringLiteral("in_1700000000.1"));
        QCOMPARE(label(popup, "state")->text(), QStringLiteral("Ended, 1:05"));
    }

    void endedClosesOnItsOwn()
    {
        CallPopup popup(known(QStringLiteral("answered")));
        popup.setAutoCloseAfterEnd(20ms);
        QSignalSpy expired(&popup, &CallPopup::expired);
        popup.move(QCursor::pos() + QPoint(50, 50)); // the pointer on it keeps it open
        popup.show();
        QVERIFY(!expired.wait(60)); // not while the call is on
        popup.update(known(QStringLiteral("ended")));
        QVERIFY(expired.wait(1000));
        QCOMPARE(expired.first().first().toString(), QStringLiteral("in_1700000000.1"));
        QVERIFY(popup.isHidden());
    }

    void pointerOnItKeepsItOpen()
    {
        CallPopup popup(known(QStringLiteral("ended")));
        QSignalSpy expired(&popup, &CallPopup::expired);
        popup.setAutoCloseAfterEnd(30ms);
        QEnterEvent enter(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5));
        QCoreApplication::sendEvent(&popup, &enter);
        QVERIFY(!expired.wait(80));
        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(&popup, &leave);
        QVERIFY(expired.wait(1000));
    }

    void missedStaysUntilDismissed()
    {
        CallPopup popup(call(QStringLiteral("ringing")));
        popup.setAutoCloseAfterEnd(10ms);
        QSignalSpy expired(&popup, &CallPopup::expired);
        popup.show();
        popup.update(call(QStringLiteral("missed")));
        QVERIFY(!expired.wait(80));
        QVERIFY(popup.isVisible());
    }

    void noAutoCloseWhenTurnedOff()
    {
        CallPopup popup(known(QStringLiteral("ended")));
        QSignalSpy expired(&popup, &CallPopup::expired);
        popup.setAutoCloseAfterEnd(0ms);
        QVERIFY(!expired.wait(60));
    }

    void longNamesAreElided()
    {
        CallUpdate update = known(QStringLiteral("ringing"));
        update.contact->name = QStringLiteral("Maria Magdalena Kowalska-Wiśniewska-Zielińska")
                + QStringLiteral(" von und zu Brzęczyszczykiewicz");
        CallPopup popup(update);
        QLabel *name = label(popup, "name");
        QVERIFY(name->text().endsWith(QChar(0x2026)));
        QCOMPARE(name->toolTip(), update.contact->name);
        QVERIFY(name->geometry().right() < popup.width());
        QVERIFY(popup.width() < name->fontMetrics().horizontalAdvance(update.contact->name));
    }

    // The title line shares its row with the time and the close button: a long one (a
    // colleague's long name, a long translation) ends in "…" there, whole in the tooltip.
    void longTitlesAreElided()
    {
        CallUpdate update = known(QStringLiteral("answered"));
        update.call.answeredBy = QStringLiteral("103");
        update.call.startedAt = QDateTime(QDate(2026, 3, 12), QTime(14, 5));
        CallPopup popup(update);
        popup.setColleagues({ { QStringLiteral("103"),
                                QStringLiteral("Aleksandra Konstantinopolska-Wiśniewska") } });
        const QString title
                = QStringLiteral("Answered by Aleksandra Konstantinopolska-Wiśniewska (103)");
        QCOMPARE(popup.stateText(), title);
        QLabel *state = label(popup, "state");
        QLabel *time = label(popup, "time");
        QVERIFY2(state->text().endsWith(QChar(0x2026)), qPrintable(state->text()));
        QCOMPARE(state->toolTip(), title);
        QVERIFY(state->geometry().right() < time->geometry().left());
        QVERIFY(time->geometry().right() < popup.width());
        const int fits = state->fontMetrics().horizontalAdvance(state->text());
        QVERIFY(fits <= state->contentsRect().width());

        // Shown and resized, it is elided again for the new width.
        popup.show();
        QVERIFY(QTest::qWaitForWindowExposed(&popup));
        const QString wide = state->text();
        state->resize(state->width() / 2, state->height());
        QVERIFY(state->text().size() < wide.size());
        QVERIFY(state->text().endsWith(QChar(0x2026)));
        QCOMPARE(state->toolTip(), title);

        // A short title is whole again, with no tooltip.
        popup.setColleagues({ { QStringLiteral("103"), QStringLiteral("Boris") } });
        QTRY_COMPARE(state->text(), QStringLiteral("Answered by Boris (103)"));
        QVERIFY(state->toolTip().isEmpty());
    }
};

QTEST_MAIN(TestCallPopup)
#include "TestCallPopup.moc"
