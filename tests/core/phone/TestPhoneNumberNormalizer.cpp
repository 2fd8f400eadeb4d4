// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/phone/PhoneNumber.h"
#include "core/phone/PhoneNumberNormalizer.h"

#include <QRegularExpression>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace CallBridge;
using Kind = PhoneNumber::Kind;

Q_DECLARE_METATYPE(CallBridge::PhoneNumber::Kind)

namespace {

const char *kindName(Kind kind)
{
    switch (kind) {
    case Kind::Empty:
        return "Empty";
    case Kind::Extension:
        return "Extension";
    case Kind::E164:
        return "E164";
    case Kind::Unparsable:
        return "Unparsable";
    }
    return "?";
}

PhoneNumberNormalizer makeNormalizer(const QString &region, int maxExtensionDigits = 5)
{
    if (!region.isEmpty() && !PhoneNumberNormalizer::isKnownRegion(region))
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("Unknown default region")));
    PhoneNumberNormalizer::Options options;
    options.defaultRegion = region;
    options.maxExtensionDigits = maxExtensionDigits;
    return PhoneNumberNormalizer(options);
}

// The regions CallBridge is used in most, an unknown one and none at all.
const QStringList allRegions
        = { QStringLiteral("PL"), QStringLiteral("ES"), QStringLiteral("RU"), QStringLiteral("GB"),
            QStringLiteral("US"), QStringLiteral("DE"), QStringLiteral("XX"), QString() };

} // namespace

class TestPhoneNumberNormalizer : public QObject
{
    Q_OBJECT

private slots:
    void normalize_data();
    void normalize();
    void zadarmaInternationalIgnoresDefaultRegion_data();
    void zadarmaInternationalIgnoresDefaultRegion();
    void notationsShareCanonical_data();
    void notationsShareCanonical();
    void displayDependsOnDefaultRegion_data();
    void displayDependsOnDefaultRegion();
    void canonicalOfHandMadeValues_data();
    void canonicalOfHandMadeValues();
    void isKnownRegion_data();
    void isKnownRegion();
    void unknownRegionWarns();
    void defaultOptions();
    void veryLongInput_data();
    void veryLongInput();
    void concurrentUse();
};

void TestPhoneNumberNormalizer::normalize_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<int>("maxExtensionDigits");
    QTest::addColumn<QString>("raw");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("display");

    const auto row = [](const char *name, const char *region, const QString &raw, Kind kind,
                        const char *canonical, const char *display, int maxExtension = 5) {
        QTest::newRow(name) << QString::fromLatin1(region) << maxExtension << raw << kind
                            << QString::fromUtf8(canonical) << QString::fromUtf8(display);
    };
    const auto s = [](const char *text) { return QString::fromUtf8(text); };

    // Zadarma sends international numbers with and without '+'.
    row("PL zadarma", "PL", s("48600100200"), Kind::E164, "+48600100200", "600 100 200");
    row("PL zadarma plus", "PL", s("+48600100200"), Kind::E164, "+48600100200", "600 100 200");
    row("ES zadarma", "ES", s("34612345678"), Kind::E164, "+34612345678", "612 34 56 78");
    row("ES zadarma plus", "ES", s("+34612345678"), Kind::E164, "+34612345678", "612 34 56 78");
    row("RU zadarma", "RU", s("74951234567"), Kind::E164, "+74951234567", "8 (495) 123-45-67");
    row("RU zadarma plus", "RU", s("+74951234567"), Kind::E164, "+74951234567",
        "8 (495) 123-45-67");
    row("GB zadarma", "GB", s("442037691880"), Kind::E164, "+442037691880", "020 3769 1880");
    row("GB zadarma plus", "GB", s("+442037691880"), Kind::E164, "+442037691880", "020 3769 1880");
    row("US zadarma", "US", s("12025550143"), Kind::E164, "+12025550143", "(202) 555-0143");
    row("US zadarma plus", "US", s("+12025550143"), Kind::E164, "+12025550143", "(202) 555-0143");
    row("DE zadarma", "DE", s("4930123456"), Kind::E164, "+4930123456", "030 123456");
    row("DE zadarma plus", "DE", s("+4930123456"), Kind::E164, "+4930123456", "030 123456");
    // Valid as a German national number too (+49 4860 0100200); written without the 0 it is not.
    row("PL number, DE region", "DE", s("48600100200"), Kind::E164, "+48600100200",
        "+48 600 100 200");
    row("GB number, DE region", "DE", s("442037691880"), Kind::E164, "+442037691880",
        "+44 20 3769 1880");
    row("DE number, PL region", "PL", s("4930123456"), Kind::E164, "+4930123456", "+49 30 123456");
    row("ES number, US region", "US", s("34612345678"), Kind::E164, "+34612345678",
        "+34 612 34 56 78");

    // National notations.
    row("PL national", "PL", s("600 100 200"), Kind::E164, "+48600100200", "600 100 200");
    row("PL national dashes", "PL", s("600-100-200"), Kind::E164, "+48600100200", "600 100 200");
    row("PL national fixed", "PL", s("22 123 45 67"), Kind::E164, "+48221234567", "22 123 45 67");
    row("ES national mobile", "ES", s("612 34 56 78"), Kind::E164, "+34612345678", "612 34 56 78");
    row("ES national fixed", "ES", s("912 345 678"), Kind::E164, "+34912345678", "912 34 56 78");
    row("RU national trunk 8", "RU", s("8 (495) 123-45-67"), Kind::E164, "+74951234567",
        "8 (495) 123-45-67");
    row("RU national mobile", "RU", s("8 (916) 123-45-67"), Kind::E164, "+79161234567",
        "8 (916) 123-45-67");
    row("GB national", "GB", s("020 3769 1880"), Kind::E164, "+442037691880", "020 3769 1880");
    row("GB national mobile", "GB", s("07400 123456"), Kind::E164, "+447400123456", "07400 123456");
    row("GB plus and (0)", "GB", s("+44 (0)20 3769 1880"), Kind::E164, "+442037691880",
        "020 3769 1880");
    row("US national", "US", s("(202) 555-0143"), Kind::E164, "+12025550143", "(202) 555-0143");
    row("US national dashes", "US", s("202-555-0143"), Kind::E164, "+12025550143",
        "(202) 555-0143");
    row("US national with 1", "US", s("1 202 555 0143"), Kind::E164, "+12025550143",
        "(202) 555-0143");
    row("DE national", "DE", s("030 123456"), Kind::E164, "+4930123456", "030 123456");
    row("DE national mobile", "DE", s("0170 1234567"), Kind::E164, "+491701234567", "0170 1234567");
    // A national number of another country cannot be placed without its trunk prefix context.
    row("GB national, US region", "US", s("020 3769 1880"), Kind::Unparsable, "02037691880",
        "020 3769 1880");
    row("PL national, RU region", "RU", s("600 100 200"), Kind::Unparsable, "600100200",
        "600 100 200");
    row("US local only", "US", s("555-0143"), Kind::Unparsable, "5550143", "555-0143");
    row("GB trunk typo", "GB", s("030 123456"), Kind::Unparsable, "030123456", "030 123456");

    // Ambiguous: valid both as a national number of the region and with '+' prepended.
    row("PL ambiguous stays national", "PL", s("431208034"), Kind::E164, "+48431208034",
        "43 120 80 34");
    row("same digits, no region", "XX", s("431208034"), Kind::E164, "+431208034", "+43 1 208034");
    row("US ambiguous stays national", "US", s("4639276001"), Kind::E164, "+14639276001",
        "(463) 927-6001");
    row("RU without trunk 8 is foreign", "RU", s("495 123-45-67"), Kind::E164, "+4951234567",
        "+49 5123 4567");

    // International prefixes.
    row("PL 00", "PL", s("0048 600 100 200"), Kind::E164, "+48600100200", "600 100 200");
    row("ES 00", "ES", s("0034 612 345 678"), Kind::E164, "+34612345678", "612 34 56 78");
    row("DE 00 foreign", "DE", s("00 48 600 100 200"), Kind::E164, "+48600100200",
        "+48 600 100 200");
    row("GB 00 own", "GB", s("00 44 20 3769 1880"), Kind::E164, "+442037691880", "020 3769 1880");
    row("US 011", "US", s("011 48 600 100 200"), Kind::E164, "+48600100200", "+48 600 100 200");
    row("US 00", "US", s("00 48 600 100 200"), Kind::E164, "+48600100200", "+48 600 100 200");
    row("RU 810", "RU", s("810 48 600 100 200"), Kind::E164, "+48600100200", "+48 600 100 200");
    row("RU 00", "RU", s("00 48 600 100 200"), Kind::E164, "+48600100200", "+48 600 100 200");
    row("no region 00", "", s("0048600100200"), Kind::E164, "+48600100200", "+48 600 100 200");

    // Formatting characters and URIs.
    row("spaces around", "PL", s("  +48 600-100-200 "), Kind::E164, "+48600100200", "600 100 200");
    row("dots", "PL", s("48.600.100.200"), Kind::E164, "+48600100200", "600 100 200");
    row("parentheses slash", "PL", s("+48 (600) 100/200"), Kind::E164, "+48600100200",
        "600 100 200");
    row("unicode dashes", "PL", s("600\u2013100\u2014200"), Kind::E164, "+48600100200",
        "600 100 200");
    row("non-breaking spaces", "PL", s("600\u00A0100\u00A0200"), Kind::E164, "+48600100200",
        "600 100 200");
    row("full-width", "PL",
        s("\uFF0B\uFF14\uFF18\uFF16\uFF10\uFF10\uFF11\uFF10\uFF10\uFF12\uFF10\uFF10"), Kind::E164,
        "+48600100200", "600 100 200");
    row("tel uri", "PL", s("tel:+48-600-100-200"), Kind::E164, "+48600100200", "600 100 200");
    row("tel uri params", "US", s("TEL:+1-202-555-0143;ext=7"), Kind::E164, "+12025550143",
        "(202) 555-0143");
    row("sip uri", "PL", s("sip:+48600100200@sip.zadarma.com;user=phone"), Kind::E164,
        "+48600100200", "600 100 200");
    row("sip uri extension", "PL", s("sip:100@pbx.example"), Kind::Extension, "100", "100");
    row("sip anonymous", "PL", s("sip:anonymous@anonymous.invalid"), Kind::Empty, "", "");

    // Extensions.
    row("extension 100", "PL", s("100"), Kind::Extension, "100", "100");
    row("extension 999", "US", s("999"), Kind::Extension, "999", "999");
    row("extension 1000", "US", s("1000"), Kind::Extension, "1000", "1000");
    row("extension 12345", "US", s("12345"), Kind::Extension, "12345", "12345");
    row("extension trimmed", "US", s(" 100 "), Kind::Extension, "100", "100");
    row("extension no region", "XX", s("100"), Kind::Extension, "100", "100");
    row("6 digits max 5", "US", s("123456"), Kind::Unparsable, "123456", "123456");
    row("6 digits max 3", "US", s("123456"), Kind::Unparsable, "123456", "123456", 3);
    row("1000 max 3", "US", s("1000"), Kind::Unparsable, "1000", "1000", 3);
    row("extensions off", "DE", s("100"), Kind::Unparsable, "100", "100", 0);
    row("spaced digits not extension", "US", s("1 00"), Kind::Unparsable, "100", "1 00");

    // Withheld and empty.
    row("empty", "PL", QString(), Kind::Empty, "", "");
    row("blank", "PL", s("   "), Kind::Empty, "", "");
    row("zadarma withheld", "PL", s("0"), Kind::Empty, "", "");
    row("withheld spaced", "PL", s(" 0 "), Kind::Empty, "", "");
    row("anonymous", "PL", s("Anonymous"), Kind::Empty, "", "");
    row("unknown", "PL", s("UNKNOWN"), Kind::Empty, "", "");
    row("private", "PL", s("private"), Kind::Empty, "", "");

    // Garbage.
    row("letters", "PL", s("abc"), Kind::Unparsable, "", "abc");
    row("plus only", "PL", s("+"), Kind::Unparsable, "", "+");
    row("double plus", "PL", s("++48"), Kind::Unparsable, "+48", "++48");
    row("inner plus", "PL", s("48+600"), Kind::Unparsable, "48600", "48+600");
    row("hash", "PL", s("600100200#"), Kind::Unparsable, "600100200", "600100200#");
    row("with ext text", "PL", s(" +48 600 100 200 ext. 12"), Kind::Unparsable, "+4860010020012",
        "+48 600 100 200 ext. 12");
    row("too long", "PL", s("1234567890123456789012345"), Kind::Unparsable,
        "1234567890123456789012345", "1234567890123456789012345");
    row("too long plus", "PL", s("+1234567890123456789"), Kind::Unparsable, "+1234567890123456789",
        "+1234567890123456789");
    row("bad country code", "PL", s("+999 123 456 789"), Kind::Unparsable, "+999123456789",
        "+999 123 456 789");

    // Unknown or no default region: international numbers only.
    row("XX national", "XX", s("600 100 200"), Kind::Unparsable, "600100200", "600 100 200");
    row("XX zadarma", "XX", s("48600100200"), Kind::E164, "+48600100200", "+48 600 100 200");
    row("XX plus", "XX", s("+12025550143"), Kind::E164, "+12025550143", "+1 202-555-0143");
    row("no region zadarma", "", s("79161234567"), Kind::E164, "+79161234567", "+7 916 123-45-67");
    row("lower-case region", "pl", s("600 100 200"), Kind::E164, "+48600100200", "600 100 200");
}

void TestPhoneNumberNormalizer::normalize()
{
    QFETCH(QString, region);
    QFETCH(int, maxExtensionDigits);
    QFETCH(QString, raw);
    QFETCH(Kind, kind);
    QFETCH(QString, canonical);
    QFETCH(QString, display);

    const PhoneNumberNormalizer normalizer = makeNormalizer(region, maxExtensionDigits);
    const PhoneNumber number = normalizer.normalize(raw);

    QCOMPARE(number.raw, raw);
    QCOMPARE(kindName(number.kind), kindName(kind));
    QCOMPARE(number.canonical(), canonical);
    QCOMPARE(number.e164, kind == Kind::E164 ? canonical : QString());
    QCOMPARE(number.extension, kind == Kind::Extension ? canonical : QString());
    QCOMPARE(number.isEmpty(), kind == Kind::Empty);
    QCOMPARE(normalizer.formatForDisplay(number), display);
    QCOMPARE(normalizer.formatForDisplay(raw), display);
    QCOMPARE(normalizer.normalize(raw), number);
}

void TestPhoneNumberNormalizer::zadarmaInternationalIgnoresDefaultRegion_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("e164");

    const QStringList numbers = { QStringLiteral("+48600100200"),  QStringLiteral("+48221234567"),
                                  QStringLiteral("+34612345678"),  QStringLiteral("+34912345678"),
                                  QStringLiteral("+79161234567"),  QStringLiteral("+74951234567"),
                                  QStringLiteral("+442037691880"), QStringLiteral("+447400123456"),
                                  QStringLiteral("+12025550143"),  QStringLiteral("+4930123456"),
                                  QStringLiteral("+491701234567") };
    for (const QString &region : allRegions) {
        for (const QString &e164 : numbers) {
            const QString name = (region.isEmpty() ? QStringLiteral("none") : region) + u' ' + e164;
            QTest::newRow(qPrintable(name)) << region << e164;
        }
    }
}

void TestPhoneNumberNormalizer::zadarmaInternationalIgnoresDefaultRegion()
{
    QFETCH(QString, region);
    QFETCH(QString, e164);

    const PhoneNumberNormalizer normalizer = makeNormalizer(region);
    const PhoneNumber withPlus = normalizer.normalize(e164);
    const PhoneNumber withoutPlus = normalizer.normalize(e164.mid(1));
    QCOMPARE(kindName(withPlus.kind), kindName(Kind::E164));
    QCOMPARE(withPlus.e164, e164);
    QCOMPARE(kindName(withoutPlus.kind), kindName(Kind::E164));
    QCOMPARE(withoutPlus.e164, e164);
    QCOMPARE(withoutPlus.raw, e164.mid(1));
}

void TestPhoneNumberNormalizer::notationsShareCanonical_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QStringList>("notations");
    QTest::addColumn<QString>("canonical");

    const auto list = [](std::initializer_list<const char *> items) {
        QStringList result;
        for (const char *item : items)
            result.append(QString::fromUtf8(item));
        return result;
    };
    QTest::newRow("PL") << QStringLiteral("PL")
                        << list({ "48600100200", "+48600100200", "+48 600 100 200", "600 100 200",
                                  "600-100-200", "0048600100200", "tel:+48-600-100-200" })
                        << QStringLiteral("+48600100200");
    QTest::newRow("ES") << QStringLiteral(
            "ES") << list({ "34612345678", "+34 612 34 56 78", "612345678", "0034 612 345 678" })
                        << QStringLiteral("+34612345678");
    QTest::newRow("RU") << QStringLiteral("RU")
                        << list({ "79161234567", "+7 (916) 123-45-67", "8 (916) 123-45-67",
                                  "89161234567" })
                        << QStringLiteral("+79161234567");
    QTest::newRow("GB") << QStringLiteral("GB")
                        << list({ "442037691880", "+44 20 3769 1880", "+44 (0)20 3769 1880",
                                  "020 3769 1880", "00442037691880" })
                        << QStringLiteral("+442037691880");
    QTest::newRow("US") << QStringLiteral("US")
                        << list({ "12025550143", "+1 (202) 555-0143", "(202) 555-0143",
                                  "202.555.0143", "1-202-555-0143" })
                        << QStringLiteral("+12025550143");
    QTest::newRow("DE") << QStringLiteral("DE")
                        << list({ "491701234567", "+49 170 1234567", "0170 1234567",
                                  "0049 170 1234567", "+49 (0)170 1234567" })
                        << QStringLiteral("+491701234567");
    QTest::newRow("extension") << QStringLiteral("PL") << list({ "100", " 100", "sip:100@pbx" })
                               << QStringLiteral("100");
}

void TestPhoneNumberNormalizer::notationsShareCanonical()
{
    QFETCH(QString, region);
    QFETCH(QStringList, notations);
    QFETCH(QString, canonical);

    const PhoneNumberNormalizer normalizer = makeNormalizer(region);
    for (const QString &notation : notations) {
        const PhoneNumber number = normalizer.normalize(notation);
        QVERIFY2(number.canonical() == canonical,
                 qPrintable(notation + QStringLiteral(" -> ") + number.canonical()));
        QCOMPARE(number.raw, notation);
    }
}

void TestPhoneNumberNormalizer::displayDependsOnDefaultRegion_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("e164");
    QTest::addColumn<QString>("display");

    QTest::newRow("PL home") << "PL"
                             << "+48600100200"
                             << "600 100 200";
    QTest::newRow("PL abroad") << "ES"
                               << "+48600100200"
                               << "+48 600 100 200";
    QTest::newRow("ES home") << "ES"
                             << "+34612345678"
                             << "612 34 56 78";
    QTest::newRow("ES abroad") << "PL"
                               << "+34612345678"
                               << "+34 612 34 56 78";
    QTest::newRow("RU home") << "RU"
                             << "+79161234567"
                             << "8 (916) 123-45-67";
    QTest::newRow("RU abroad") << "DE"
                               << "+79161234567"
                               << "+7 916 123-45-67";
    QTest::newRow("GB home") << "GB"
                             << "+447400123456"
                             << "07400 123456";
    QTest::newRow("GB abroad") << "US"
                               << "+447400123456"
                               << "+44 7400 123456";
    QTest::newRow("US home") << "US"
                             << "+12025550143"
                             << "(202) 555-0143";
    QTest::newRow("US abroad") << "GB"
                               << "+12025550143"
                               << "+1 202-555-0143";
    QTest::newRow("DE home") << "DE"
                             << "+4930123456"
                             << "030 123456";
    QTest::newRow("DE abroad") << "PL"
                               << "+4930123456"
                               << "+49 30 123456";
    // Same calling code, other region: still international.
    QTest::newRow("CA from US") << "US"
                                << "+14165550100"
                                << "+1 416-555-0100";
    QTest::newRow("KZ from RU") << "RU"
                                << "+77011234567"
                                << "+7 701 123 4567";
    QTest::newRow("unknown region") << "XX"
                                    << "+48600100200"
                                    << "+48 600 100 200";
    QTest::newRow("no region") << ""
                               << "+12025550143"
                               << "+1 202-555-0143";
}

void TestPhoneNumberNormalizer::displayDependsOnDefaultRegion()
{
    QFETCH(QString, region);
    QFETCH(QString, e164);
    QFETCH(QString, display);

    // Placed without a default region, shown with one: display depends only on the latter.
    const PhoneNumber number = makeNormalizer(QString()).normalize(e164);
    QCOMPARE(number.e164, e164);
    QCOMPARE(makeNormalizer(region).formatForDisplay(number), display);
}

void TestPhoneNumberNormalizer::canonicalOfHandMadeValues_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("unparsable digits") << Kind::Unparsable << "(600) 100-200 x"
                                       << "600100200";
    QTest::newRow("unparsable plus") << Kind::Unparsable << " + 48 (600)"
                                     << "+48600";
    QTest::newRow("unparsable late plus") << Kind::Unparsable << "48+600"
                                          << "48600";
    QTest::newRow("unparsable no digits") << Kind::Unparsable << "+abc"
                                          << "";
    QTest::newRow("unparsable arabic-indic") << Kind::Unparsable << "\u0661\u0662\u0663 x"
                                             << "123";
    QTest::newRow("empty ignores raw") << Kind::Empty << "0"
                                       << "";
}

void TestPhoneNumberNormalizer::canonicalOfHandMadeValues()
{
    QFETCH(Kind, kind);
    QFETCH(QString, raw);
    QFETCH(QString, canonical);

    PhoneNumber number;
    number.kind = kind;
    number.raw = raw;
    QCOMPARE(number.canonical(), canonical);
}

void TestPhoneNumberNormalizer::isKnownRegion_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("known");

    QTest::newRow("PL") << "PL" << true;
    QTest::newRow("ES") << "ES" << true;
    QTest::newRow("RU") << "RU" << true;
    QTest::newRow("GB") << "GB" << true;
    QTest::newRow("US") << "US" << true;
    QTest::newRow("DE") << "DE" << true;
    QTest::newRow("lower case") << "de" << true;
    QTest::newRow("XX") << "XX" << false;
    QTest::newRow("ZZ") << "ZZ" << false;
    QTest::newRow("UK is GB") << "UK" << false;
    QTest::newRow("non-geographic") << "001" << false;
    QTest::newRow("alpha-3") << "POL" << false;
    QTest::newRow("empty") << "" << false;
}

void TestPhoneNumberNormalizer::isKnownRegion()
{
    QFETCH(QString, region);
    QFETCH(bool, known);
    QCOMPARE(PhoneNumberNormalizer::isKnownRegion(region), known);
}

void TestPhoneNumberNormalizer::unknownRegionWarns()
{
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("Unknown default region.*XX")));
    PhoneNumberNormalizer::Options options;
    options.defaultRegion = QStringLiteral("XX");
    const PhoneNumberNormalizer normalizer(options);
    QCOMPARE(normalizer.options().defaultRegion, QStringLiteral("XX"));
    QCOMPARE(normalizer.normalize(QStringLiteral("+48600100200")).e164,
             QStringLiteral("+48600100200"));
}

void TestPhoneNumberNormalizer::defaultOptions()
{
    const PhoneNumberNormalizer normalizer;
    QCOMPARE(normalizer.options().defaultRegion, QStringLiteral("US"));
    QCOMPARE(normalizer.options().maxExtensionDigits, 5);
    QCOMPARE(normalizer.normalize(QStringLiteral("(202) 555-0143")).e164,
             QStringLiteral("+12025550143"));
}

void TestPhoneNumberNormalizer::veryLongInput_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("canonical");

    const QString digits(300, u'7');
    QTest::newRow("300 digits") << digits << digits;
    QTest::newRow("plus 300 digits") << u'+' + digits << u'+' + digits;
    QTest::newRow("100k letters") << QString(100000, u'x') << QString();
    QTest::newRow("spaced digits")
            << QStringLiteral("48 ").repeated(200) << QStringLiteral("48").repeated(200);
}

void TestPhoneNumberNormalizer::veryLongInput()
{
    QFETCH(QString, raw);
    QFETCH(QString, canonical);

    const PhoneNumberNormalizer normalizer = makeNormalizer(QStringLiteral("PL"));
    const PhoneNumber number = normalizer.normalize(raw);
    QCOMPARE(kindName(number.kind), kindName(Kind::Unparsable));
    QCOMPARE(number.raw, raw);
    QCOMPARE(number.canonical(), canonical);
    QCOMPARE(normalizer.formatForDisplay(number), raw.trimmed());
}

void TestPhoneNumberNormalizer::concurrentUse()
{
    const PhoneNumberNormalizer normalizer = makeNormalizer(QStringLiteral("PL"));
    const QStringList inputs = { QStringLiteral("48600100200"),
                                 QStringLiteral("+34612345678"),
                                 QStringLiteral("600 100 200"),
                                 QStringLiteral("100"),
                                 QStringLiteral("0"),
                                 QStringLiteral("abc"),
                                 QStringLiteral("00 44 20 3769 1880") };
    QList<PhoneNumber> expected;
    QStringList expectedDisplay;
    for (const QString &input : inputs) {
        expected.append(normalizer.normalize(input));
        expectedDisplay.append(normalizer.formatForDisplay(expected.constLast()));
    }

    std::atomic<int> mismatches = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int round = 0; round < 200; ++round) {
                for (qsizetype i = 0; i < inputs.size(); ++i) {
                    const PhoneNumber number = normalizer.normalize(inputs.at(i));
                    if (number != expected.at(i)
                        || normalizer.formatForDisplay(number) != expectedDisplay.at(i))
                        ++mismatches;
                }
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(mismatches.load(), 0);
}

QTEST_GUILESS_MAIN(TestPhoneNumberNormalizer)
#include "TestPhoneNumberNormalizer.moc"
