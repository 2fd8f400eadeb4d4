// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/webhook/WebhookParser.h"
#include "core/webhook/WebhookVerifier.h"
#include "tests/support/OrderedJson.h"
#include "tests/support/TestData.h"

#include <QDir>
#include <QTest>

using namespace CallBridge;

namespace {

QByteArray text(const PhpArray &object, const char *name)
{
    const PhpValue *value = object.find(PhpKey(name));
    return value && value->isString() ? value->toBytes() : QByteArray();
}

const QByteArray publicBody = "event=NOTIFY_START&call_start=2026-11-24+10%3A15%3A00&pbx_call_id="
                              "in_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"
                              "&caller_id=%2B48600100200&called_did=%2B48221234567";
const QByteArray publicSignature = "N2FlMGEwNmZmMzc1ODUzMDQwOGJjNWQyZWJlMjY0YzVhM2U1ZjdmNA==";

WebhookEvent parsed(const QByteArray &body)
{
    auto event = parseWebhook("application/x-www-form-urlencoded", body);
    if (!event)
        qFatal("fixture does not parse: %s", qPrintable(event.error().message));
    return event.value();
}

} // namespace

class TestWebhookVerifier : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data();
    void vectors();
    void everyChangedByteOfASignedFieldIsRejected();
    void unsignedFieldsDoNotAffectTheSignature();
    void rejections_data();
    void rejections();
    void rawBase64OfTheDigestIsRejected();
    void signatureIsComputedOverRawValues();
};

void TestWebhookVerifier::vectors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("signature");
    QTest::addColumn<QString>("event");

    int count = 0;
    const QDir dir(Test::dataPath(QString()));
    for (const QString &file : dir.entryList({ QStringLiteral("zadarma-vectors-*.json") })) {
        auto root = Test::phpValueFromJson(Test::readData(file));
        QVERIFY2(root, qPrintable(file));
        const PhpValue *webhooks = root->toArray().find(PhpKey("webhooks"));
        QVERIFY2(webhooks && webhooks->isArray(), qPrintable(file));
        for (const auto &entry : webhooks->toArray().entries()) {
            const PhpArray &vector = entry.value.toArray();
            const QByteArray secret
                    = vector.find(PhpKey("secret")) ? text(vector, "secret") : QByteArray("s3cr3t");
            QTest::addRow("%s/%s", qPrintable(file), text(vector, "id").constData())
                    << text(vector, "form_body") << secret << text(vector, "signature")
                    << QString::fromUtf8(text(vector, "event"));
            ++count;
        }
    }
    QVERIFY(count >= 4);
}

void TestWebhookVerifier::vectors()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, signature);
    QFETCH(QString, event);

    const auto parsedEvent = parseWebhook("application/x-www-form-urlencoded", body);
    QVERIFY2(parsedEvent, parsedEvent ? "" : qPrintable(parsedEvent.error().message));
    QCOMPARE(parsedEvent->eventName, event);
    const WebhookVerifier verifier(secret);
    const auto verdict = verifier.verify(parsedEvent.value(), signature);
    QVERIFY2(verdict, verdict ? "" : qPrintable(verdict.error().message));
    QCOMPARE(WebhookVerifier::sign(parsedEvent->type, parsedEvent->fields, secret).value(),
             signature);
    QVERIFY(!WebhookVerifier(secret + "x").verify(parsedEvent.value(), signature));
}

void TestWebhookVerifier::everyChangedByteOfASignedFieldIsRejected()
{
    const WebhookEvent original = parsed(publicBody);
    const WebhookVerifier verifier("s3cr3t");
    QVERIFY(verifier.verify(original, publicSignature));
    for (const QString &field : WebhookVerifier::signedFieldNames(original.type)) {
        const QString value = original.fields.value(field);
        for (qsizetype i = 0; i < value.size(); ++i) {
            WebhookEvent tampered = original;
            FormFields fields;
            for (const auto &[name, fieldValue] : original.fields.entries()) {
                QString changed = fieldValue;
                if (name == field)
                    changed[i] = QChar(changed[i].unicode() ^ 0x01);
                fields.append(name, changed);
            }
            tampered.fields = fields;
            const auto verdict = verifier.verify(tampered, publicSignature);
            QVERIFY(!verdict);
            QCOMPARE(verdict.error().reason, WebhookRejection::Reason::BadSignature);
            QCOMPARE(verdict.error().httpStatus(), 403);
        }
    }
    // And every changed byte of the signature itself.
    for (qsizetype i = 0; i < publicSignature.size(); ++i) {
        QByteArray signature = publicSignature;
        signature[i] = char(signature[i] ^ 0x01);
        QVERIFY(!verifier.verify(original, signature));
    }
}

void TestWebhookVerifier::unsignedFieldsDoNotAffectTheSignature()
{
    // Zadarma signs only caller_id, called_did and call_start: a replay with another
    // pbx_call_id verifies too, which is why the relay also checks IPs and de-duplicates.
    WebhookEvent event = parsed(QByteArray(publicBody).replace("in_0a1b", "in_ffff") + "&extra=1");
    QVERIFY(WebhookVerifier("s3cr3t").verify(event, publicSignature));
}

void TestWebhookVerifier::rejections_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("signature");
    QTest::addColumn<WebhookRejection::Reason>("reason");
    QTest::addColumn<int>("httpStatus");

    QTest::newRow("no signature") << publicBody << QByteArray("s3cr3t") << QByteArray()
                                  << WebhookRejection::Reason::MissingSignature << 403;
    QTest::newRow("blank signature") << publicBody << QByteArray("s3cr3t") << QByteArray("  ")
                                     << WebhookRejection::Reason::MissingSignature << 403;
    QTest::newRow("garbage signature")
            << publicBody << QByteArray("s3cr3t") << QByteArray("!!!not-base64")
            << WebhookRejection::Reason::BadSignature << 403;
    QTest::newRow("wrong secret") << publicBody << QByteArray("other") << publicSignature
                                  << WebhookRejection::Reason::BadSignature << 403;
    QTest::newRow("no secret configured") << publicBody << QByteArray() << publicSignature
                                          << WebhookRejection::Reason::NotConfigured << 503;
    QTest::newRow("signed field missing")
            << QByteArray("event=NOTIFY_START&pbx_call_id=in_1&caller_id=%2B48600100200&called_did="
                          "%2B48221234567")
            << QByteArray("s3cr3t") << publicSignature << WebhookRejection::Reason::MissingField
            << 400;
    QTest::newRow("unknown event")
            << QByteArray("event=NOTIFY_INTERNAL_END&pbx_call_id=in_1") << QByteArray("s3cr3t")
            << publicSignature << WebhookRejection::Reason::UnknownSignatureFormula << 403;
}

void TestWebhookVerifier::rejections()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, signature);
    const auto verdict = WebhookVerifier(secret).verify(parsed(body), signature);
    QVERIFY(!verdict);
    QTEST(verdict.error().reason, "reason");
    QTEST(verdict.error().httpStatus(), "httpStatus");
    QVERIFY(!verdict.error().message.isEmpty());
    QVERIFY(!verdict.error().message.contains(QLatin1StringView(publicSignature)));
    QVERIFY(!verdict.error().message.contains(QLatin1StringView("s3cr3t")));
}

void TestWebhookVerifier::rawBase64OfTheDigestIsRejected()
{
    // The TypeScript client's variant: base64 of the 20 raw bytes. Zadarma's PHP does not send it.
    const QByteArray raw = QByteArray::fromHex(QByteArray::fromBase64(publicSignature)).toBase64();
    QCOMPARE(raw.size(), 28);
    QVERIFY(!WebhookVerifier("s3cr3t").verify(parsed(publicBody), raw));
}

void TestWebhookVerifier::signatureIsComputedOverRawValues()
{
    // The same call announced without '+' has another signature: never normalise before verifying.
    const QByteArray withoutPlus = QByteArray(publicBody).replace("%2B48600100200", "48600100200");
    const WebhookEvent event = parsed(withoutPlus);
    QCOMPARE(event.callerId, QStringLiteral("48600100200"));
    QVERIFY(!WebhookVerifier("s3cr3t").verify(event, publicSignature));
    const auto signature = WebhookVerifier::sign(event.type, event.fields, "s3cr3t");
    QVERIFY(WebhookVerifier("s3cr3t").verify(event, signature.value()));
}

QTEST_APPLESS_MAIN(TestWebhookVerifier)
#include "TestWebhookVerifier.moc"
