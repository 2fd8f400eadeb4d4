// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/desktop/DialRequest.h"

#include <QTest>

using namespace CallBridge;
using namespace Qt::StringLiterals;

class TestDialRequest : public QObject
{
    Q_OBJECT

private slots:
    void parsesNumbers_data();
    void parsesNumbers();
    void refusesWhatIsNotANumber_data();
    void refusesWhatIsNotANumber();
    void fromArguments_data();
    void fromArguments();
};

void TestDialRequest::parsesNumbers_data()
{
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("number");

    QTest::newRow("plain") << u"4955551234"_s << u"4955551234"_s;
    QTest::newRow("plain international") << u"+34911234567"_s << u"+34911234567"_s;
    QTest::newRow("spaces around") << u"  +34 911 234 567 \n"_s << u"+34911234567"_s;
    QTest::newRow("visual separators") << u"+1 (555) 010-12.34"_s << u"+15550101234"_s;
    QTest::newRow("tel") << u"tel:+1-201-555-0123"_s << u"+12015550123"_s;
    QTest::newRow("TEL upper case") << u"TEL:+12015550123"_s << u"+12015550123"_s;
    QTest::newRow("tel with slashes") << u"tel://+12015550123"_s << u"+12015550123"_s;
    QTest::newRow("tel local with phone-context")
            << u"tel:7042;phone-context=example.com"_s << u"7042"_s;
    QTest::newRow("tel with extension") << u"tel:+1-201-555-0123;ext=1234"_s << u"+12015550123"_s;
    QTest::newRow("tel with isdn-subaddress")
            << u"tel:+358-555-1234567;isub=1411"_s << u"+3585551234567"_s;
    QTest::newRow("tel percent-encoded plus") << u"tel:%2B34911234567"_s << u"+34911234567"_s;
    QTest::newRow("tel percent-encoded space")
            << u"tel:+34%20911%20234%20567"_s << u"+34911234567"_s;
    QTest::newRow("tel percent-encoded lower case") << u"tel:%2b34911234567"_s << u"+34911234567"_s;
    QTest::newRow("callto") << u"callto:+34911234567"_s << u"+34911234567"_s;
    QTest::newRow("callto with slashes") << u"callto://+34911234567"_s << u"+34911234567"_s;
    QTest::newRow("callto percent-encoded") << u"callto://%2B34%20911234567"_s << u"+34911234567"_s;
    QTest::newRow("query dropped") << u"callto:+34911234567?call"_s << u"+34911234567"_s;
    QTest::newRow("extension") << u"101"_s << u"101"_s;
    QTest::newRow("20 digits") << u"+12345678901234567890"_s << u"+12345678901234567890"_s;
    QTest::newRow("unicode dash") << u"+7 495 555–12–34"_s << u"+74955551234"_s;
    QTest::newRow("no-break space") << u"+7\u00a0495\u00a05551234"_s << u"+74955551234"_s;
}

void TestDialRequest::parsesNumbers()
{
    QFETCH(QString, argument);
    QFETCH(QString, number);

    const Result<DialRequest> request = DialRequest::parse(argument);
    QVERIFY2(request.hasValue(),
             qPrintable(request.hasValue() ? QString() : request.error().message));
    QCOMPARE(request->number, number);
}

void TestDialRequest::refusesWhatIsNotANumber_data()
{
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("empty") << QString() << u"No phone number"_s;
    QTest::newRow("blank") << u"   "_s << u"No phone number"_s;
    QTest::newRow("tel without number") << u"tel:"_s << u"holds no phone number"_s;
    QTest::newRow("only separators") << u"tel:-()."_s << u"holds no phone number"_s;
    QTest::newRow("only plus") << u"+"_s << u"holds no phone number"_s;
    QTest::newRow("only parameters") << u"tel:;ext=12"_s << u"holds no phone number"_s;
    QTest::newRow("letters") << u"tel:+1-800-FLOWERS"_s << u"contains letters"_s;
    QTest::newRow("a name") << u"John"_s << u"contains letters"_s;
    QTest::newRow("a path") << u"/usr/bin/callbridge"_s << u"cannot be dialled"_s;
    QTest::newRow("other scheme") << u"sip:101@pbx.example"_s << u"contains letters"_s;
    QTest::newRow("web address") << u"https://example.com"_s << u"contains letters"_s;
    QTest::newRow("plus in the middle") << u"34+911234567"_s << u"+ may only come first"_s;
    QTest::newRow("two pluses") << u"++34911234567"_s << u"+ may only come first"_s;
    QTest::newRow("hash") << u"*21#"_s << u"cannot be dialled"_s;
    QTest::newRow("broken percent escape") << u"tel:%2G34911"_s << u"is not a phone number"_s;
    QTest::newRow("encoded semicolon") << u"tel:123%3Bext=1"_s << u"cannot be dialled"_s;
    QTest::newRow("21 digits") << u"+123456789012345678901"_s << u"too long"_s;
    QTest::newRow("very long") << QString(500, u'9') << u"too long"_s;
}

void TestDialRequest::refusesWhatIsNotANumber()
{
    QFETCH(QString, argument);
    QFETCH(QString, messagePart);

    const Result<DialRequest> request = DialRequest::parse(argument);
    QVERIFY(!request.hasValue());
    QVERIFY2(request.error().message.contains(messagePart), qPrintable(request.error().message));
    // The message quotes what was given, shortened so that it fits a dialog.
    QVERIFY(request.error().message.size() < 150);
}

void TestDialRequest::fromArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("number"); // empty: none

    QTest::newRow("none") << QStringList() << QString();
    QTest::newRow("program only") << QStringList { u"/usr/bin/callbridge"_s } << QString();
    QTest::newRow("program and link")
            << QStringList { u"/usr/bin/callbridge"_s, u"tel:+34911234567"_s } << u"+34911234567"_s;
    QTest::newRow("options ignored")
            << QStringList { u"callbridge"_s, u"--minimized"_s, u"-v"_s, u"callto:101"_s }
            << u"101"_s;
    QTest::newRow("a number-like option is still an option")
            << QStringList { u"callbridge"_s, u"-1234"_s } << QString();
    QTest::newRow("first of two") << QStringList { u"callbridge"_s, u"tel:101"_s, u"tel:102"_s }
                                  << u"101"_s;
    QTest::newRow("broken link skipped")
            << QStringList { u"callbridge"_s, u"tel:abc"_s, u"+34 911 234 567"_s }
            << u"+34911234567"_s;
    QTest::newRow("option values are not numbers")
            << QStringList { u"callbridge"_s, u"-platform"_s, u"offscreen"_s } << QString();
}

void TestDialRequest::fromArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, number);

    const std::optional<DialRequest> request = DialRequest::fromArguments(arguments);
    QCOMPARE(request.has_value(), !number.isEmpty());
    if (request)
        QCOMPARE(request->number, number);
}

QTEST_GUILESS_MAIN(TestDialRequest)
#include "TestDialRequest.moc"
