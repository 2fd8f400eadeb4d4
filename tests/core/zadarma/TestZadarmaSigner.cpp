// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/PhpQuery.h"
#include "core/zadarma/PhpUrlEncoding.h"
#include "core/zadarma/ZadarmaSigner.h"
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

// Every tests/data/zadarma-vectors-*.json: the public examples and the PHP-generated corpus.
QList<std::pair<QString, PhpArray>> vectorFiles()
{
    QList<std::pair<QString, PhpArray>> files;
    const QDir dir(Test::dataPath(QString()));
    for (const QString &name : dir.entryList({ QStringLiteral("zadarma-vectors-*.json") })) {
        auto parsed = Test::phpValueFromJson(Test::readData(name));
        if (!parsed || !parsed->isArray())
            qFatal("%s: %s", qPrintable(name),
                   qPrintable(parsed ? QString() : parsed.error().message));
        files.append({ name, parsed->toArray() });
    }
    return files;
}

} // namespace

class TestZadarmaSigner : public QObject
{
    Q_OBJECT

private slots:
    void officialVectors_data();
    void officialVectors();
    void everyChangedByteChangesTheSignature();
    void urlEncodeMatchesPhpForEveryByte();
    void urlDecodeIsTheInverse();
    void buildQueryFollowsPhp_data();
    void buildQueryFollowsPhp();
    void ksortFollowsPhp8_data();
    void ksortFollowsPhp8();
    void formatReplacesUserFormat();
    void assignVariableParsesBrackets_data();
    void assignVariableParsesBrackets();
    void parseQueryRoundTrips();
};

void TestZadarmaSigner::officialVectors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<PhpArray>("params");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("format");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("stringToSign");
    QTest::addColumn<QByteArray>("hmacHex");
    QTest::addColumn<QByteArray>("authorization");

    int count = 0;
    for (const auto &[file, root] : vectorFiles()) {
        const PhpValue *requests = root.find(PhpKey("api_requests"));
        QVERIFY2(requests && requests->isArray(), qPrintable(file));
        for (const auto &entry : requests->toArray().entries()) {
            const PhpArray &vector = entry.value.toArray();
            const PhpValue *params = vector.find(PhpKey("params_passed"));
            QVERIFY(params && params->isArray());
            const QByteArray key = text(vector, "key");
            const QByteArray secret = text(vector, "secret");
            const QByteArray format = text(vector, "format");
            QTest::addRow("%s/%s", qPrintable(file), text(vector, "id").constData())
                    << text(vector, "api_method") << params->toArray()
                    << (key.isEmpty() ? QByteArray("abc123") : key)
                    << (secret.isEmpty() && !vector.find(PhpKey("secret")) ? QByteArray("s3cr3t")
                                                                           : secret)
                    << (format.isEmpty() ? QByteArray("json") : format)
                    << text(vector, "signed_query_string") << text(vector, "string_to_sign")
                    << text(vector, "hmac_sha1_hex") << text(vector, "authorization");
            ++count;
        }
    }
    QVERIFY2(count >= 3, "the public vectors must be there");
}

void TestZadarmaSigner::officialVectors()
{
    QFETCH(QByteArray, method);
    QFETCH(PhpArray, params);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, format);

    const ZadarmaSignedRequest signedRequest
            = signZadarmaRequest(method, params, key, secret, format);
    QTEST(signedRequest.query, "query");
    QTEST(signedRequest.stringToSign, "stringToSign");
    QTEST(signedRequest.hmacHex, "hmacHex");
    QTEST(signedRequest.authorization, "authorization");
    QCOMPARE(signedRequest.signature.size(), 56);
}

void TestZadarmaSigner::everyChangedByteChangesTheSignature()
{
    const PhpArray params { { "from", "100" }, { "to", "+442037691880" }, { "sip", "100" } };
    const QByteArray reference
            = signZadarmaRequest("/v1/request/callback/", params, "abc123", "s3cr3t").signature;
    const QByteArray values[] = { "100", "+442037691880", "100" };
    for (int field = 0; field < 3; ++field) {
        for (qsizetype i = 0; i < values[field].size(); ++i) {
            QByteArray changed = values[field];
            changed[i] = char(changed[i] ^ 0x01);
            PhpArray tampered = params;
            tampered.entries()[size_t(field)].value = PhpValue(changed);
            QVERIFY(signZadarmaRequest("/v1/request/callback/", tampered, "abc123", "s3cr3t")
                            .signature
                    != reference);
        }
    }
    QVERIFY(signZadarmaRequest("/v1/request/callback", params, "abc123", "s3cr3t").signature
            != reference);
    QVERIFY(signZadarmaRequest("/v1/request/callback/", params, "abc123", "s3cr3T").signature
            != reference);
}

void TestZadarmaSigner::urlEncodeMatchesPhpForEveryByte()
{
    for (int byte = 0; byte < 256; ++byte) {
        const char c = char(byte);
        const QByteArray encoded = phpUrlEncode(QByteArray(1, c));
        if (std::isalnum(byte) || c == '-' || c == '_' || c == '.')
            QCOMPARE(encoded, QByteArray(1, c));
        else if (c == ' ')
            QCOMPARE(encoded, QByteArray("+"));
        else
            QCOMPARE(encoded,
                     QByteArray("%")
                             + QByteArray::number(byte, 16).rightJustified(2, '0').toUpper());
    }
    QCOMPARE(phpUrlEncode("~*!'(),+&=:@ /"),
             QByteArray("%7E%2A%21%27%28%29%2C%2B%26%3D%3A%40+%2F"));
    QCOMPARE(phpUrlEncode(QStringLiteral("Привет ñ 😀").toUtf8()),
             QByteArray("%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82+%C3%B1+%F0%9F%98%80"));
}

void TestZadarmaSigner::urlDecodeIsTheInverse()
{
    QByteArray all;
    for (int byte = 0; byte < 256; ++byte)
        all += char(byte);
    QCOMPARE(phpUrlDecode(phpUrlEncode(all)), all);
    QCOMPARE(phpUrlDecode("a+b%20c%2b%zz%4"), QByteArray("a b c+%zz%4"));
    QCOMPARE(phpUrlDecode("2026-11-24+10%3a15%3A00"), QByteArray("2026-11-24 10:15:00"));
}

void TestZadarmaSigner::buildQueryFollowsPhp_data()
{
    QTest::addColumn<PhpArray>("params");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("empty") << PhpArray() << QByteArray();
    QTest::newRow("null dropped") << PhpArray { { "a", PhpValue() }, { "b", "x" } }
                                  << QByteArray("b=x");
    QTest::newRow("bools") << PhpArray { { "t", true }, { "f", false } } << QByteArray("t=1&f=0");
    QTest::newRow("integers") << PhpArray {
        { "n", 0 }, { "m", qint64(-42) }, { "big", qint64(9223372036854775807LL) }
    } << QByteArray("n=0&m=-42&big=9223372036854775807");
    QTest::newRow("empty string") << PhpArray { { "a", "" } } << QByteArray("a=");
    PhpArray list;
    list.append("x");
    list.append(PhpValue());
    list.append("y z");
    QTest::newRow("list") << PhpArray { { "to", list } } << QByteArray("to%5B0%5D=x&to%5B2%5D=y+z");
    const PhpArray inner { { "z", "1" }, { "a", "2" } }; // nested arrays keep their order
    QTest::newRow("nested") << PhpArray { { "k", PhpArray { { "b", inner }, { "a", "3" } } } }
                            << QByteArray("k%5Bb%5D%5Bz%5D=1&k%5Bb%5D%5Ba%5D=2&k%5Ba%5D=3");
    QTest::newRow("empty array vanishes")
            << PhpArray { { "a", PhpArray() }, { "b", "1" } } << QByteArray("b=1");
    QTest::newRow("integer keys") << PhpArray { { qint64(5), "a" },
                                                { "k", PhpArray { { qint64(7), "b" } } } }
                                  << QByteArray("5=a&k%5B7%5D=b");
    QTest::newRow("encoded keys") << PhpArray { { "a b~", "c" } } << QByteArray("a+b%7E=c");
    QTest::newRow("floats") << PhpArray { { "a", 0.1 },    { "b", 1.5 },
                                          { "c", -2.25 },  { "d", 1e20 },
                                          { "e", 1.0e-7 }, { "f", 123456789.123456789 },
                                          { "g", 3.0e15 }, { "h", 0.0001 },
                                          { "i", 1e14 },   { "j", 12345678901234.0 } }
                            << QByteArray(
                                       "a=0.1&b=1.5&c=-2.25&d=1.0E%2B20&e=1.0E-7&f=123456789.12346"
                                       "&g=3.0E%2B15&h=0.0001&i=1.0E%2B14&j=12345678901234");
    QTest::newRow("float specials")
            << PhpArray { { "a", -0.5 }, { "b", 1e-5 }, { "c", 99999999999999.0 }, { "d", 1.0 } }
            << QByteArray("a=-0.5&b=1.0E-5&c=99999999999999&d=1");
}

void TestZadarmaSigner::buildQueryFollowsPhp()
{
    QFETCH(PhpArray, params);
    QTEST(phpHttpBuildQuery(params), "expected");
}

void TestZadarmaSigner::ksortFollowsPhp8_data()
{
    QTest::addColumn<QByteArrayList>("keys");
    QTest::addColumn<QByteArrayList>("sorted");

    QTest::newRow("byte order") << QByteArrayList { "ab", "a_b", "Type", "a" }
                                << QByteArrayList { "Type", "a", "a_b", "ab" };
    QTest::newRow("integers numerically")
            << QByteArrayList { "10", "2", "a", "B" } << QByteArrayList { "2", "10", "B", "a" };
    QTest::newRow("numeric strings numerically")
            << QByteArrayList { "1e3", "999", "05", "7 ", " 6" }
            << QByteArrayList { "05", " 6", "7 ", "999", "1e3" };
    QTest::newRow("utf-8 after ascii")
            << QByteArrayList { "я", "z", "Z" } << QByteArrayList { "Z", "z", "я" };
}

void TestZadarmaSigner::ksortFollowsPhp8()
{
    QFETCH(QByteArrayList, keys);
    QFETCH(QByteArrayList, sorted);
    PhpArray array;
    for (const QByteArray &key : keys)
        array.set(PhpKey(key), "v");
    phpKsort(array);
    QByteArrayList actual;
    for (const auto &entry : array.entries())
        actual.append(entry.key.toBytes());
    QCOMPARE(actual, sorted);
}

void TestZadarmaSigner::formatReplacesUserFormat()
{
    const auto withUserFormat = signZadarmaRequest(
            "/v1/info/balance/", PhpArray { { "format", "xml" } }, "abc123", "s3cr3t");
    QCOMPARE(withUserFormat.authorization,
             QByteArray("abc123:ZDJmNTAyNWRlN2FjYWQxMjg2OGM4NGQ1ZDkxOWM0N2Q1NDc3YmFiMQ=="));
    const auto xml = signZadarmaRequest("/v1/info/balance/", {}, "abc123", "s3cr3t", "xml");
    QCOMPARE(xml.query, QByteArray("format=xml"));
}

void TestZadarmaSigner::assignVariableParsesBrackets_data()
{
    QTest::addColumn<QByteArrayList>("assignments");
    QTest::addColumn<QByteArray>("query");

    QTest::newRow("plain") << QByteArrayList { "a=1", "b=2" } << QByteArray("a=1&b=2");
    QTest::newRow("last wins") << QByteArrayList { "a=1", "a=2" } << QByteArray("a=2");
    QTest::newRow("append") << QByteArrayList { "to[]=1", "to[]=2" }
                            << QByteArray("to%5B0%5D=1&to%5B1%5D=2");
    QTest::newRow("keyed") << QByteArrayList { "m[x]=1", "m[y]=2" }
                           << QByteArray("m%5Bx%5D=1&m%5By%5D=2");
    QTest::newRow("nested") << QByteArrayList { "m[a][b]=1", "m[a][]=2" }
                            << QByteArray("m%5Ba%5D%5Bb%5D=1&m%5Ba%5D%5B0%5D=2");
    QTest::newRow("numeric index")
            << QByteArrayList { "l[5]=a", "l[]=b" } << QByteArray("l%5B5%5D=a&l%5B6%5D=b");
    QTest::newRow("dots and spaces") << QByteArrayList { "a.b c=1" } << QByteArray("a_b_c=1");
    QTest::newRow("unclosed bracket") << QByteArrayList { "a[b=1" } << QByteArray("a_b=1");
    QTest::newRow("junk after bracket") << QByteArrayList { "a[b]c=1" } << QByteArray("a%5Bb%5D=1");
}

void TestZadarmaSigner::assignVariableParsesBrackets()
{
    QFETCH(QByteArrayList, assignments);
    PhpArray params;
    for (const QByteArray &assignment : assignments) {
        const qsizetype equals = assignment.indexOf('=');
        phpAssignVariable(params, assignment.left(equals), PhpValue(assignment.mid(equals + 1)));
    }
    QTEST(phpHttpBuildQuery(params), "query");
}

void TestZadarmaSigner::parseQueryRoundTrips()
{
    const QByteArray query = "format=json&from=100&predicted=1&sip=100&to=%2B442037691880";
    QCOMPARE(phpHttpBuildQuery(phpParseQuery(query)), query);
    // The official PHP client sends GET parameters unsorted; the server re-sorts.
    PhpArray unsorted
            = phpParseQuery("from=100&to=%2B442037691880&sip=100&predicted=1&format=json");
    phpKsort(unsorted);
    QCOMPARE(phpHttpBuildQuery(unsorted), query);
}

QTEST_APPLESS_MAIN(TestZadarmaSigner)
#include "TestZadarmaSigner.moc"
