// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/ContactImport.h"

#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using namespace CallBridge;

namespace {

// One draft as a line that reads well in a failed comparison.
QString describe(const ContactDraft &draft)
{
    return QStringLiteral("%1: name=%2 company=%3 email=%4 phones=%5 responsible=%6 notes=%7")
            .arg(draft.sourceLine)
            .arg(draft.name, draft.company, draft.email,
                 draft.rawPhones.join(QStringLiteral(" | ")), draft.responsibleName,
                 QString(draft.notes).replace(u'\n', QStringLiteral("\\n")));
}

QStringList describe(const QList<ContactDraft> &drafts)
{
    QStringList lines;
    for (const ContactDraft &draft : drafts)
        lines.append(describe(draft));
    return lines;
}

QStringList describe(const QList<ContactImport::Problem> &problems)
{
    QStringList lines;
    for (const ContactImport::Problem &problem : problems)
        lines.append(QStringLiteral("%1: %2").arg(problem.line).arg(problem.message));
    return lines;
}

} // namespace

class TestContactImport : public QObject
{
    Q_OBJECT

private slots:
    void csv_data();
    void csv();
    void csvFileErrors_data();
    void csvFileErrors();
    void csvUtf16();
    void csvWarnsAboutIgnoredColumns();
    void vcard_data();
    void vcard();
    void vcardFileErrors();
    void formatFor_data();
    void formatFor();
    void parseFile();
    void splitPhones();
    void mapsColumns();
    void refusesBadMappings();
    void readsTagsAndLinks();
};

void TestContactImport::csv_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QStringList>("drafts");
    QTest::addColumn<QStringList>("problems");

    QTest::newRow("every column") << QByteArray(
            "name,company,email,phone,notes,responsible\n"
            "Ana García,Acme,ana@example.com,+34 600 100 200,VIP,ana\n")
                                  << QStringList { QStringLiteral(
                                             "2: name=Ana García company=Acme "
                                             "email=ana@example.com phones=+34 600 100 200 "
                                             "responsible=ana notes=VIP") }
                                  << QStringList {};
    QTest::newRow("CRLF, no final line break")
            << QByteArray("name,phone\r\nAna,100\r\nBo,101")
            << QStringList { QStringLiteral("2: name=Ana company= email= phones=100 "
                                            "responsible= notes="),
                             QStringLiteral("3: name=Bo company= email= phones=101 "
                                            "responsible= notes=") }
            << QStringList {};
    QTest::newRow("BOM and header case")
            << QByteArray("\xEF\xBB\xBFName,PHONE,E-Mail\nAna,+1 202 555 0100,a@b.c\n")
            << QStringList { QStringLiteral("2: name=Ana company= email=a@b.c "
                                            "phones=+1 202 555 0100 responsible= notes=") }
            << QStringList {};
    QTest::newRow("quoted comma and escaped quotes")
            << QByteArray("name,company,notes\n"
                          "\"García, Ana\",\"Acme \"\"West\"\"\",\"said \"\"hi\"\"\"\n")
            << QStringList { QStringLiteral("2: name=García, Ana company=Acme \"West\" email= "
                                            "phones= responsible= notes=said \"hi\"") }
            << QStringList {};
    QTest::newRow("embedded line breaks keep line numbers")
            << QByteArray("name,notes,phone\n"
                          "Ana,\"first line\r\nsecond line\nthird\",100\n"
                          "Bo,,101\n")
            << QStringList { QStringLiteral("2: name=Ana company= email= phones=100 "
                                            "responsible= notes=first line\\nsecond line\\nthird"),
                             QStringLiteral("5: name=Bo company= email= phones=101 "
                                            "responsible= notes=") }
            << QStringList {};
    QTest::newRow("several phones in one field")
            << QByteArray("name,phones\n"
                          "Ana,\"+1 202 555 0100; +1 202 555 0101, (202) 555-0102\"\n")
            << QStringList { QStringLiteral("2: name=Ana company= email= "
                                            "phones=+1 202 555 0100 | +1 202 555 0101 | (202) "
                                            "555-0102 responsible= notes=") }
            << QStringList {};
    QTest::newRow("phone and mobile columns")
            << QByteArray("name,phone,mobile\nAna,100,+48 600 100 200\n")
            << QStringList { QStringLiteral("2: name=Ana company= email= "
                                            "phones=100 | +48 600 100 200 responsible= notes=") }
            << QStringList {};
    QTest::newRow("semicolon delimiter")
            << QByteArray("name;company;phone\nAna;Acme, Inc.;+34600100200\n")
            << QStringList { QStringLiteral("2: name=Ana company=Acme, Inc. email= "
                                            "phones=+34600100200 responsible= notes=") }
            << QStringList {};
    QTest::newRow("tab delimiter")
            << QByteArray("name\tphone\nAna\t100\n")
            << QStringList { QStringLiteral("2: name=Ana company= email= phones=100 "
                                            "responsible= notes=") }
            << QStringList {};
    QTest::newRow("fewer fields, trailing delimiter, blank lines")
            << QByteArray("name,phone,notes\n\nAna\n,101,,\n\r\n")
            << QStringList { QStringLiteral("3: name=Ana company= email= phones= "
                                            "responsible= notes="),
                             QStringLiteral("4: name= company= email= phones=101 "
                                            "responsible= notes=") }
            << QStringList {};
    QTest::newRow("bad rows")
            << QByteArray("name,phone\n"
                          "Ana,100\n"
                          ",\n"
                          "\"Bo\"x,101\n"
                          "Cy,102,103\n"
                          "Di,104\n"
                          "\"Ed,105\n"
                          "Fa,106\n")
            << QStringList { QStringLiteral("2: name=Ana company= email= phones=100 "
                                            "responsible= notes="),
                             QStringLiteral("6: name=Di company= email= phones=104 "
                                            "responsible= notes=") }
            << QStringList { QStringLiteral("4: text follows a closing quote on line 4; a quote "
                                            "inside a quoted field is written \"\""),
                             QStringLiteral("5: 3 fields where the header names 2; is a value "
                                            "with a ',' not quoted?"),
                             QStringLiteral("7: the quoted field opened on line 7 is never "
                                            "closed") };
    QTest::newRow("no name and no phone")
            << QByteArray("name,company,phone\nAna,,\n,Acme,\n")
            << QStringList { QStringLiteral("2: name=Ana company= email= phones= responsible= "
                                            "notes=") }
            << QStringList { QStringLiteral("3: no name and no phone") };
    QTest::newRow("header only") << QByteArray("name,phone\n") << QStringList {} << QStringList {};
}

void TestContactImport::csv()
{
    QFETCH(QByteArray, data);
    QFETCH(QStringList, drafts);
    QFETCH(QStringList, problems);
    const auto parsed = ContactImport::parse(data, ContactImport::Format::Csv);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(describe(parsed->drafts), drafts);
    QCOMPARE(describe(parsed->problems), problems);
}

void TestContactImport::csvFileErrors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("must be a header");
    QTest::newRow("no header") << QByteArray("Ana García,+34 600 100 200\n")
                               << QStringLiteral("neither a name nor a phone column");
    QTest::newRow("Windows-1252") << QByteArray("name,phone\nJos\xe9,100\n")
                                  << QStringLiteral("not UTF-8");
    QTest::newRow("header quote never closed")
            << QByteArray("\"name,phone\n") << QStringLiteral("line 1: the quoted field");
}

void TestContactImport::csvFileErrors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, message);
    const auto parsed = ContactImport::parse(data, ContactImport::Format::Csv);
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
}

void TestContactImport::csvUtf16()
{
    QStringEncoder encoder(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
    const QByteArray data
            = encoder.encode(QStringLiteral("name\tphone\r\nŁucja\t+48600100200\r\n"));
    const auto parsed = ContactImport::parse(data, ContactImport::Format::Csv);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(parsed->drafts.size(), 1);
    QCOMPARE(parsed->drafts.first().name, QStringLiteral("Łucja"));
}

void TestContactImport::csvWarnsAboutIgnoredColumns()
{
    const auto parsed = ContactImport::parse("name,birthday,phone\nAna,1990-01-01,100\n",
                                             ContactImport::Format::Csv);
    QVERIFY(parsed);
    QCOMPARE(parsed->warnings,
             QStringList { QStringLiteral("column 2 \"birthday\" is not imported") });
    QCOMPARE(parsed->drafts.size(), 1);
}

void TestContactImport::vcard_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QStringList>("drafts");
    QTest::addColumn<QStringList>("problems");

    QTest::newRow("3.0 card") << QByteArray(
            "BEGIN:VCARD\r\n"
            "VERSION:3.0\r\n"
            "N:García;Ana;;;\r\n"
            "FN:Ana García\r\n"
            "ORG:Acme\\, Inc.;Sales\r\n"
            "EMAIL;TYPE=INTERNET,WORK:ana@example.com\r\n"
            "EMAIL;TYPE=HOME:ana@home.example\r\n"
            "TEL;TYPE=CELL:+34 600 100 200\r\n"
            "TEL;TYPE=WORK,VOICE:+34 911 234 567\r\n"
            "NOTE:Prefers mornings\\nCall first\\, then mail\\; thanks\r\n"
            "END:VCARD\r\n")
                              << QStringList { QStringLiteral(
                                         "1: name=Ana García company=Acme, Inc. "
                                         "email=ana@example.com phones=+34 600 100 200 | "
                                         "+34 911 234 567 responsible= notes=Prefers "
                                         "mornings\\nCall first, then mail; thanks") }
                              << QStringList {};
    QTest::newRow("4.0 tel URIs and quoted parameters")
            << QByteArray("BEGIN:VCARD\n"
                          "VERSION:4.0\n"
                          "FN:Bo Lee\n"
                          "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+1-202-555-0100\n"
                          "TEL;VALUE=uri;PREF=1;LABEL=\"Desk: main\":tel:+1-202-555-0101;ext=2\n"
                          "END:VCARD\n")
            << QStringList { QStringLiteral("1: name=Bo Lee company= email= "
                                            "phones=+1-202-555-0100 | +1-202-555-0101;ext=2 "
                                            "responsible= notes=") }
            << QStringList {};
    QTest::newRow("folded lines")
            << QByteArray("BEGIN:VCARD\r\n"
                          "VERSION:3.0\r\n"
                          "FN:Cy\r\n"
                          " d Park\r\n"
                          "NOTE:This is a lo\r\n"
                          " ng note that goes\r\n"
                          "\t on\r\n"
                          "TEL:100\r\n"
                          "END:VCARD\r\n")
            << QStringList { QStringLiteral("1: name=Cyd Park company= email= phones=100 "
                                            "responsible= notes=This is a long note that goes on") }
            << QStringList {};
    QTest::newRow("N when there is no FN")
            << QByteArray("BEGIN:VCARD\nVERSION:3.0\nN:García;Ana;María;Dr.;PhD\nEND:VCARD\n")
            << QStringList { QStringLiteral("1: name=Dr. Ana María García PhD company= email= "
                                            "phones= responsible= notes=") }
            << QStringList {};
    QTest::newRow("several cards, groups, lower case")
            << QByteArray("begin:vcard\n"
                          "version:3.0\n"
                          "fn:Ana\n"
                          "item1.TEL:100\n"
                          "item1.X-ABLabel:desk\n"
                          "end:vcard\n"
                          "\n"
                          "BEGIN:VCARD\n"
                          "FN:Bo\n"
                          "TEL:101\n"
                          "END:VCARD\n")
            << QStringList { QStringLiteral("1: name=Ana company= email= phones=100 "
                                            "responsible= notes="),
                             QStringLiteral("8: name=Bo company= email= phones=101 "
                                            "responsible= notes=") }
            << QStringList {};
    QTest::newRow("bad cards")
            << QByteArray("BEGIN:VCARD\n" // 1: nothing usable
                          "VERSION:3.0\n"
                          "ORG:Acme\n"
                          "END:VCARD\n"
                          "BEGIN:VCARD\n" // 5: quoted-printable
                          "VERSION:2.1\n"
                          "FN;ENCODING=QUOTED-PRINTABLE:Jos=C3=A9\n"
                          "TEL:100\n"
                          "END:VCARD\n"
                          "BEGIN:VCARD\n" // 10: never ended before the next
                          "FN:Ed\n"
                          "BEGIN:VCARD\n" // 12: good
                          "FN:Fa\n"
                          "TEL:102\n"
                          "END:VCARD\n"
                          "BEGIN:VCARD\n" // 16: cut short
                          "FN:Gil\n")
            << QStringList { QStringLiteral("12: name=Fa company= email= phones=102 "
                                            "responsible= notes=") }
            << QStringList { QStringLiteral("1: no name and no phone"),
                             QStringLiteral("5: FN is quoted-printable (vCard 2.1), which is not "
                                            "supported; export the contacts as vCard 3.0 or 4.0"),
                             QStringLiteral("10: the card has no END:VCARD before the next "
                                            "BEGIN:VCARD on line 12"),
                             QStringLiteral("16: the card has no END:VCARD; the file may be cut "
                                            "short") };
}

void TestContactImport::vcard()
{
    QFETCH(QByteArray, data);
    QFETCH(QStringList, drafts);
    QFETCH(QStringList, problems);
    const auto parsed = ContactImport::parse(data, ContactImport::Format::VCard);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(describe(parsed->drafts), drafts);
    QCOMPARE(describe(parsed->problems), problems);
}

void TestContactImport::vcardFileErrors()
{
    auto parsed = ContactImport::parse("name,phone\nAna,100\n", ContactImport::Format::VCard);
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().message.contains(u"no BEGIN:VCARD"),
             qPrintable(parsed.error().message));
    parsed = ContactImport::parse(QByteArray(), ContactImport::Format::VCard);
    QVERIFY(!parsed);
    parsed = ContactImport::parse("BEGIN:VCARD\nFN:Jos\xe9\nEND:VCARD\n",
                                  ContactImport::Format::VCard);
    QVERIFY(!parsed);
    QVERIFY(parsed.error().message.contains(u"not UTF-8"));
}

void TestContactImport::formatFor_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("option");
    QTest::addColumn<int>("format"); // -1: error
    QTest::newRow("csv") << QStringLiteral("/tmp/contacts.csv") << QString() << 0;
    QTest::newRow("CSV upper") << QStringLiteral("CONTACTS.CSV") << QString() << 0;
    QTest::newRow("vcf") << QStringLiteral("export.vcf") << QString() << 1;
    QTest::newRow("option wins") << QStringLiteral("export.txt") << QStringLiteral("vcf") << 1;
    QTest::newRow("option csv") << QStringLiteral("export") << QStringLiteral("CSV") << 0;
    QTest::newRow("no extension") << QStringLiteral("export") << QString() << -1;
    QTest::newRow("bad option") << QStringLiteral("a.csv") << QStringLiteral("xlsx") << -1;
    QTest::newRow("spreadsheet") << QStringLiteral("a.xlsx") << QString() << -1;
}

void TestContactImport::formatFor()
{
    QFETCH(QString, fileName);
    QFETCH(QString, option);
    QFETCH(int, format);
    const auto result = ContactImport::formatFor(fileName, option);
    if (format < 0) {
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(u"csv") && result.error().message.contains(u"vcf"),
                 qPrintable(result.error().message));
        return;
    }
    QVERIFY(result);
    QCOMPARE(int(result.value()), format);
}

void TestContactImport::parseFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("contacts.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("name,phone\nAna,100\n");
    file.close();
    const auto parsed = ContactImport::parseFile(path, ContactImport::Format::Csv);
    QVERIFY(parsed);
    QCOMPARE(parsed->drafts.size(), 1);

    const auto missing = ContactImport::parseFile(dir.filePath(QStringLiteral("none.csv")),
                                                  ContactImport::Format::Csv);
    QVERIFY(!missing);
    QVERIFY(missing.error().message.startsWith(u"cannot read"));
    const auto wrong = ContactImport::parseFile(path, ContactImport::Format::VCard);
    QVERIFY(!wrong);
    QVERIFY2(wrong.error().message.startsWith(path + QStringLiteral(": ")),
             qPrintable(wrong.error().message));
}

void TestContactImport::splitPhones()
{
    QCOMPARE(ContactImport::splitPhones(QStringLiteral(" 100 ;; 101,\n102 ")),
             (QStringList { QStringLiteral("100"), QStringLiteral("101"), QStringLiteral("102") }));
    QVERIFY(ContactImport::splitPhones(QStringLiteral(" ; ")).isEmpty());
}

void TestContactImport::mapsColumns()
{
    const auto mapping = ContactImport::parseMapping(
            { QStringLiteral("name=Full name"), QStringLiteral("phones = Tel"),
              QStringLiteral("tags=Groups"), QStringLiteral("external_url=Link to CRM") });
    QVERIFY(mapping);
    // "Name" would be the name by its header; the mapping takes "Full name" instead.
    const auto parsed = ContactImport::parse("Name,Full name,Tel,Phone,Groups,Link to CRM\n"
                                             "nick,Ana Ruiz,+34600100200,+34600999999,"
                                             "\"vip; lead, vip\",https://crm.example/c/1\n",
                                             ContactImport::Format::Csv, mapping.value());
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(parsed->drafts.size(), 1);
    const ContactDraft &draft = parsed->drafts.constFirst();
    QCOMPARE(draft.name, QStringLiteral("Ana Ruiz"));
    QCOMPARE(draft.rawPhones, QStringList { QStringLiteral("+34600100200") });
    QCOMPARE(draft.tags, (QStringList { QStringLiteral("vip"), QStringLiteral("lead") }));
    QCOMPARE(draft.externalUrl, QStringLiteral("https://crm.example/c/1"));
}

void TestContactImport::refusesBadMappings()
{
    auto mapping = ContactImport::parseMapping({ QStringLiteral("nickname=Nick") });
    QVERIFY(!mapping);
    QVERIFY(mapping.error().message.contains(u"there is no field \"nickname\""));
    QVERIFY(!ContactImport::parseMapping({ QStringLiteral("name") }));
    QVERIFY(!ContactImport::parseMapping({ QStringLiteral("name=A"), QStringLiteral("NAME=B") }));

    mapping = ContactImport::parseMapping({ QStringLiteral("name=Full name") });
    QVERIFY(mapping);
    const auto parsed = ContactImport::parse("Name,Phone\nAna,+34600100200\n",
                                             ContactImport::Format::Csv, mapping.value());
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().message.contains(u"has no column \"Full name\""),
             qPrintable(parsed.error().message));
    QVERIFY(!ContactImport::parse("BEGIN:VCARD\nEND:VCARD\n", ContactImport::Format::VCard,
                                  mapping.value()));
}

void TestContactImport::readsTagsAndLinks()
{
    const auto csv = ContactImport::parse("name,tags,url\n"
                                          "Ana,vip,ftp://example.com/x\n"
                                          "Bo,a-tag-that-is-far-too-long-for-us-to-keep,\n"
                                          "Cy,,http://example.com/cy\n",
                                          ContactImport::Format::Csv);
    QVERIFY(csv);
    QCOMPARE(describe(csv->problems).size(), 2);
    QCOMPARE(csv->problems.at(0).line, 2);
    QVERIFY(csv->problems.at(0).message.contains(u"not an http:// or https:// link"));
    QCOMPARE(csv->problems.at(1).line, 3);
    QCOMPARE(csv->drafts.size(), 1);
    QCOMPARE(csv->drafts.constFirst().externalUrl, QStringLiteral("http://example.com/cy"));

    const auto vcard = ContactImport::parse("BEGIN:VCARD\r\nFN:Di\r\nCATEGORIES:vip,Lead\r\n"
                                            "URL:https://crm.example/di\r\nEND:VCARD\r\n",
                                            ContactImport::Format::VCard);
    QVERIFY(vcard);
    QCOMPARE(vcard->drafts.size(), 1);
    QCOMPARE(vcard->drafts.constFirst().tags,
             (QStringList { QStringLiteral("vip"), QStringLiteral("Lead") }));
    QCOMPARE(vcard->drafts.constFirst().externalUrl, QStringLiteral("https://crm.example/di"));
}

QTEST_GUILESS_MAIN(TestContactImport)
#include "TestContactImport.moc"
