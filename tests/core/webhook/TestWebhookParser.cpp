// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/webhook/WebhookParser.h"
#include "core/webhook/WebhookVerifier.h"
#include "core/webhook/ZdEcho.h"

#include <QTest>

using namespace CallBridge;

namespace {

QByteArray multipart(const QByteArray &boundary, const FormFields &fields,
                     const QByteArray &eol = "\r\n")
{
    QByteArray body = "preamble to ignore" + eol;
    for (const auto &[name, value] : fields.entries()) {
        body += "--" + boundary + eol;
        body += "Content-Disposition: form-data; name=\"" + name.toUtf8() + "\"" + eol + eol;
        body += value.toUtf8() + eol;
    }
    body += "--" + boundary + "--" + eol;
    return body;
}

const FormFields endFields {
    { QStringLiteral("event"), QStringLiteral("NOTIFY_END") },
    { QStringLiteral("call_start"), QStringLiteral("2026-11-24 10:15:00") },
    { QStringLiteral("pbx_call_id"),
      QStringLiteral("in_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567") },
    { QStringLiteral("caller_id"), QStringLiteral("+48600100200") },
    { QStringLiteral("called_did"), QStringLiteral("48221234567") },
    { QStringLiteral("internal"), QStringLiteral("101") },
    { QStringLiteral("duration"), QStringLiteral("42") },
    { QStringLiteral("disposition"), QStringLiteral("no money, no limit") },
    { QStringLiteral("status_code"), QStringLiteral("16") },
    { QStringLiteral("is_recorded"), QStringLiteral("1") },
    { QStringLiteral("call_id_with_rec"), QStringLiteral("1764062100.3427761") },
    { QStringLiteral("last_internal"), QStringLiteral("101") },
    { QStringLiteral("calltype"), QStringLiteral("callback_leg2") },
};

} // namespace

class TestWebhookParser : public QObject
{
    Q_OBJECT

private slots:
    void urlEncodedDecodesLikePhp();
    void typedFieldsOfEveryEvent_data();
    void typedFieldsOfEveryEvent();
    void multipartGivesTheSameEventAsUrlEncoded_data();
    void multipartGivesTheSameEventAsUrlEncoded();
    void multipartWithMismatchedBoundaryIsRecovered();
    void multipartSkipsFilesAndHandlesQuotes();
    void unknownEventsAreKeptRaw();
    void ivrDigitsArePicked();
    void lenientNumbers();
    void badBodiesAreTypedRejections_data();
    void badBodiesAreTypedRejections();
    void zdEcho_data();
    void zdEcho();
};

void TestWebhookParser::urlEncodedDecodesLikePhp()
{
    const auto fields = parseUrlEncodedForm("a=1+2%2B3&b=&c&d=%zz%4&&e=%D0%9F&a=last");
    QVERIFY(fields);
    QCOMPARE(fields->size(), 6);
    QCOMPARE(fields->value(QStringLiteral("a")),
             QStringLiteral("last")); // last one wins, as in $_POST
    QCOMPARE(fields->entries().first().second, QStringLiteral("1 2+3"));
    QVERIFY(fields->contains(QStringLiteral("b")));
    QCOMPARE(fields->value(QStringLiteral("c")), QString());
    QCOMPARE(fields->value(QStringLiteral("d")), QStringLiteral("%zz%4"));
    QCOMPARE(fields->value(QStringLiteral("e")), QStringLiteral("П"));
    QVERIFY(endFields.toUrlEncoded().startsWith(
            "event=NOTIFY_END&call_start=2026-11-24+10%3A15%3A00&pbx_call_id=in_"));
}

void TestWebhookParser::typedFieldsOfEveryEvent_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<WebhookEventType>("type");
    QTest::addColumn<bool>("inbound");
    QTest::addColumn<bool>("outbound");
    const std::pair<const char *, WebhookEventType> events[] = {
        { "NOTIFY_START", WebhookEventType::NotifyStart },
        { "NOTIFY_INTERNAL", WebhookEventType::NotifyInternal },
        { "NOTIFY_ANSWER", WebhookEventType::NotifyAnswer },
        { "NOTIFY_END", WebhookEventType::NotifyEnd },
        { "NOTIFY_OUT_START", WebhookEventType::NotifyOutStart },
        { "NOTIFY_OUT_END", WebhookEventType::NotifyOutEnd },
        { "NOTIFY_RECORD", WebhookEventType::NotifyRecord },
        { "NOTIFY_IVR", WebhookEventType::NotifyIvr },
        { "SMS", WebhookEventType::Sms },
        { "SPEECH_RECOGNITION", WebhookEventType::SpeechRecognition },
        { "NUMBER_LOOKUP", WebhookEventType::NumberLookup },
        { "CALL_TRACKING", WebhookEventType::CallTracking },
    };
    for (const auto &[name, type] : events) {
        const QString eventName = QString::fromLatin1(name);
        QTest::newRow(name) << eventName << type
                            << (eventName.startsWith(QLatin1StringView("NOTIFY_"))
                                && !eventName.contains(QLatin1StringView("OUT"))
                                && eventName != QLatin1StringView("NOTIFY_RECORD"))
                            << eventName.contains(QLatin1StringView("_OUT_"));
    }
}

void TestWebhookParser::typedFieldsOfEveryEvent()
{
    QFETCH(QString, name);
    FormFields fields;
    for (const auto &[field, value] : endFields.entries())
        fields.append(field, field == QLatin1StringView("event") ? name : value);
    fields.append(QStringLiteral("destination"), QStringLiteral("+442037691880"));
    fields.append(QStringLiteral("result"),
                  QStringLiteral(R"({"caller_id":"+48600100200","text":"hola"})"));

    const auto event = parseWebhook("application/x-www-form-urlencoded; charset=UTF-8",
                                    fields.toUrlEncoded());
    QVERIFY2(event, event ? "" : qPrintable(event.error().message));
    QTEST(event->type, "type");
    QCOMPARE(toText(event->type), name);
    QTEST(event->isInbound(), "inbound");
    QTEST(event->isOutbound(), "outbound");
    QCOMPARE(event->fields, fields);
    QCOMPARE(event->pbxCallId, QStringLiteral("in_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"));
    QCOMPARE(event->callStart, QStringLiteral("2026-11-24 10:15:00"));
    QCOMPARE(event->callerId, QStringLiteral("+48600100200"));
    QCOMPARE(event->calledDid, QStringLiteral("48221234567")); // raw: no '+' added
    QCOMPARE(event->internal, QStringLiteral("101"));
    QCOMPARE(event->destination, QStringLiteral("+442037691880"));
    QCOMPARE(event->lastInternal, QStringLiteral("101"));
    QCOMPARE(event->duration, 42);
    QCOMPARE(event->statusCode, 16);
    QCOMPARE(event->isRecorded, true);
    QCOMPARE(event->callIdWithRec, QStringLiteral("1764062100.3427761"));
    QCOMPARE(event->disposition, Disposition::NoMoneyNoLimit);
    QCOMPARE(event->dispositionText, QStringLiteral("no money, no limit"));
    QCOMPARE(event->legType, CallLegType::CallbackLeg2);
    QCOMPARE(event->result, QStringLiteral(R"({"caller_id":"+48600100200","text":"hola"})"));
}

void TestWebhookParser::multipartGivesTheSameEventAsUrlEncoded_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("crlf") << QByteArray("multipart/form-data; boundary=----zadarma123")
                          << multipart("----zadarma123", endFields);
    QTest::newRow("quoted boundary")
            << QByteArray("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b;c\"")
            << multipart("a b;c", endFields);
    QTest::newRow("bare lf") << QByteArray("multipart/form-data; boundary=XYZ")
                             << multipart("XYZ", endFields, "\n");
}

void TestWebhookParser::multipartGivesTheSameEventAsUrlEncoded()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    const auto fromMultipart = parseWebhook(contentType, body);
    QVERIFY2(fromMultipart, fromMultipart ? "" : qPrintable(fromMultipart.error().message));
    const auto fromForm
            = parseWebhook("application/x-www-form-urlencoded", endFields.toUrlEncoded());
    QCOMPARE(fromMultipart->fields, fromForm->fields);
    QCOMPARE(fromMultipart->duration, 42);
    const QByteArray signature
            = WebhookVerifier::sign(WebhookEventType::NotifyEnd, endFields, "s3cr3t").value();
    QVERIFY(WebhookVerifier("s3cr3t").verify(fromMultipart.value(), signature));
}

void TestWebhookParser::multipartWithMismatchedBoundaryIsRecovered()
{
    // Reported in the field: the header names one boundary, the body uses another.
    const auto event = parseWebhook("multipart/form-data; boundary=declared",
                                    multipart("used", endFields).mid(20));
    QVERIFY2(event, event ? "" : qPrintable(event.error().message));
    QCOMPARE(event->fields, endFields);
}

void TestWebhookParser::multipartSkipsFilesAndHandlesQuotes()
{
    const QByteArray body
            = "--b\r\n"
              "Content-Disposition: form-data; name=\"event\"\r\n\r\nNOTIFY_RECORD\r\n"
              "--b\r\n"
              "content-disposition: form-data; name=\"file\"; filename=\"rec.mp3\"\r\n"
              "Content-Type: audio/mpeg\r\n\r\n\x01\x02--b-not-a-boundary\r\n"
              "--b\r\n"
              "Content-Disposition: form-data; name=\"weird \\\"name\\\"; "
              "x\"\r\n\r\nline1\r\nline2\r\n"
              "--b\r\n"
              "Content-Disposition: form-data; name=\"pbx_call_id\"\r\n\r\nin_1\r\n"
              "--b\r\n"
              "Content-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n"
              "--b--\r\nepilogue";
    const auto fields = parseFormBody("multipart/form-data; boundary=b", body);
    QVERIFY2(fields, fields ? "" : qPrintable(fields.error().message));
    QCOMPARE(fields->size(), 4);
    QVERIFY(!fields->contains(QStringLiteral("file")));
    QCOMPARE(fields->value(QStringLiteral("weird \"name\"; x")), QStringLiteral("line1\r\nline2"));
    QCOMPARE(fields->value(QStringLiteral("empty")), QString());
    QCOMPARE(fields->value(QStringLiteral("pbx_call_id")), QStringLiteral("in_1"));
}

void TestWebhookParser::unknownEventsAreKeptRaw()
{
    const auto event
            = parseWebhook("application/x-www-form-urlencoded",
                           "event=NOTIFY_INTERNAL_END&pbx_call_id=in_1&foo=bar&caller_id=123");
    QVERIFY(event);
    QCOMPARE(event->type, WebhookEventType::Unknown);
    QCOMPARE(event->eventName, QStringLiteral("NOTIFY_INTERNAL_END"));
    QCOMPARE(event->fields.value(QStringLiteral("foo")), QStringLiteral("bar"));
    QVERIFY(!event->isCallEvent());
    QCOMPARE(WebhookVerifier("s3cr3t").verify(event.value(), "x").error().reason,
             WebhookRejection::Reason::UnknownSignatureFormula);
}

void TestWebhookParser::ivrDigitsArePicked()
{
    const auto event
            = parseWebhook("application/x-www-form-urlencoded",
                           "event=NOTIFY_IVR&call_start=2026-11-24+10%3A15%3A00&pbx_call_id=in_1"
                           "&caller_id=100&called_did=200&wait_dtmf%5Bname%5D=main-menu"
                           "&wait_dtmf%5Bdigits%5D=2&wait_dtmf%5Bdefault_behaviour%5D=");
    QVERIFY(event);
    QVERIFY(event->waitDtmf);
    QCOMPARE(event->waitDtmf->name, QStringLiteral("main-menu"));
    QCOMPARE(event->waitDtmf->digits, QStringLiteral("2"));
    const auto json = parseWebhook("application/x-www-form-urlencoded",
                                   "event=NOTIFY_IVR&pbx_call_id=in_1&wait_dtmf=%7B%22name%22%3A%"
                                   "22m%22%2C%22digits%22%3A5%7D");
    QCOMPARE(json->waitDtmf->digits, QStringLiteral("5"));
}

void TestWebhookParser::lenientNumbers()
{
    const auto event
            = parseWebhook("application/x-www-form-urlencoded",
                           "event=NOTIFY_OUT_END&pbx_call_id=out_1&duration=12.0&status_code=abc"
                           "&is_recorded=0&disposition=call+failed");
    QVERIFY(event);
    QCOMPARE(event->duration, 12);
    QVERIFY(!event->statusCode);
    QCOMPARE(event->fields.value(QStringLiteral("status_code")), QStringLiteral("abc"));
    QCOMPARE(event->isRecorded, false);
    QCOMPARE(event->disposition, Disposition::Failed);
    QCOMPARE(dispositionFromText(QStringLiteral("something new")), Disposition::Other);
}

void TestWebhookParser::badBodiesAreTypedRejections_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<WebhookRejection::Reason>("reason");
    QTest::addColumn<int>("httpStatus");

    using R = WebhookRejection::Reason;
    const QByteArray form = "application/x-www-form-urlencoded";
    QTest::newRow("json") << QByteArray("application/json")
                          << QByteArray(R"({"event":"NOTIFY_START"})") << R::UnsupportedContentType
                          << 415;
    QTest::newRow("no content type")
            << QByteArray() << QByteArray("event=NOTIFY_START") << R::UnsupportedContentType << 415;
    QTest::newRow("too large") << form
                               << QByteArray("event=NOTIFY_START&x=" + QByteArray(70000, 'a'))
                               << R::BodyTooLarge << 413;
    QTest::newRow("too many fields")
            << form << QByteArray("a=1&").repeated(300) << R::MalformedBody << 400;
    QTest::newRow("nameless field")
            << form << QByteArray("event=NOTIFY_START&=x") << R::MalformedBody << 400;
    QTest::newRow("no event") << form << QByteArray("pbx_call_id=in_1&caller_id=1")
                              << R::MissingEvent << 400;
    QTest::newRow("empty") << form << QByteArray() << R::MissingEvent << 400;
    QTest::newRow("no pbx_call_id")
            << form << QByteArray("event=NOTIFY_START&caller_id=1") << R::MissingField << 400;
    QTest::newRow("random bytes") << form << QByteArray("\x00\x01\xff\xfe=\x80", 6)
                                  << R::MissingEvent << 400;
    QTest::newRow("multipart no boundary") << QByteArray("multipart/form-data")
                                           << QByteArray("--x\r\n") << R::MalformedBody << 400;
    QTest::newRow("multipart boundary absent")
            << QByteArray("multipart/form-data; boundary=zz") << QByteArray("event=NOTIFY_START")
            << R::MalformedBody << 400;
    QTest::newRow("multipart unterminated")
            << QByteArray("multipart/form-data; boundary=b")
            << QByteArray(
                       "--b\r\nContent-Disposition: form-data; name=\"event\"\r\n\r\nNOTIFY_START")
            << R::MalformedBody << 400;
    QTest::newRow("multipart no headers end")
            << QByteArray("multipart/form-data; boundary=b")
            << QByteArray("--b\r\nContent-Disposition: form-data; name=\"a\"") << R::MalformedBody
            << 400;
    QTest::newRow("multipart no name")
            << QByteArray("multipart/form-data; boundary=b")
            << QByteArray("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n")
            << R::MalformedBody << 400;
    QTest::newRow("multipart not closed")
            << QByteArray("multipart/form-data; boundary=b")
            << QByteArray("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b")
            << R::MalformedBody << 400;
}

void TestWebhookParser::badBodiesAreTypedRejections()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    const auto event = parseWebhook(contentType, body);
    QVERIFY(!event);
    QTEST(event.error().reason, "reason");
    QTEST(event.error().httpStatus(), "httpStatus");
    QVERIFY(!event.error().message.isEmpty());
}

void TestWebhookParser::zdEcho_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("outcome"); // 0 none, 1 answer, 2 rejected
    QTest::addColumn<QByteArray>("answer");
    QTest::newRow("get") << QByteArray("zd_echo=a1B2c3D4e5") << QByteArray() << 1
                         << QByteArray("a1B2c3D4e5");
    QTest::newRow("get encoded") << QByteArray("x=1&zd_echo=a%2Bb+c") << QByteArray() << 1
                                 << QByteArray("a+b c");
    QTest::newRow("post") << QByteArray() << QByteArray("zd_echo=xyz") << 1 << QByteArray("xyz");
    QTest::newRow("empty value") << QByteArray("zd_echo=") << QByteArray() << 1 << QByteArray();
    QTest::newRow("none") << QByteArray("foo=bar") << QByteArray("event=NOTIFY_START") << 0
                          << QByteArray();
    QTest::newRow("too long") << QByteArray("zd_echo=" + QByteArray(300, 'a')) << QByteArray() << 2
                              << QByteArray();
    QTest::newRow("control chars")
            << QByteArray("zd_echo=a%0D%0ASet-Cookie:x") << QByteArray() << 2 << QByteArray();
}

void TestWebhookParser::zdEcho()
{
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, body);
    QFETCH(int, outcome);
    const auto form = parseUrlEncodedForm(body);
    const ZdEcho::Answer answer = ZdEcho::answer(query, form.value());
    QCOMPARE(answer.has_value(), outcome != 0);
    if (outcome == 1) {
        QVERIFY(answer->hasValue());
        QTEST(answer->value(), "answer");
    } else if (outcome == 2) {
        QVERIFY(!answer->hasValue());
        QCOMPARE(answer->error().httpStatus(), 400);
    }
}

QTEST_APPLESS_MAIN(TestWebhookParser)
#include "TestWebhookParser.moc"
