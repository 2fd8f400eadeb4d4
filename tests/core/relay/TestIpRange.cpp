// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/IpRange.h"

#include <QTest>

using namespace CallBridge;

class TestIpRange : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
    void contains_data();
    void contains();
    void listNamesTheBadEntry();
    void listSkipsEmptyEntries();
};

void TestIpRange::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("Zadarma's") << QStringLiteral("185.45.152.40/30")
                               << QStringLiteral("185.45.152.40/30");
    QTest::newRow("private /8") << QStringLiteral("10.0.0.0/8") << QStringLiteral("10.0.0.0/8");
    QTest::newRow("host bits are cleared")
            << QStringLiteral("10.1.2.3/8") << QStringLiteral("10.0.0.0/8");
    QTest::newRow("IPv6 loopback") << QStringLiteral("::1/128") << QStringLiteral("::1/128");
    QTest::newRow("IPv6 /32") << QStringLiteral("2001:db8::/32") << QStringLiteral("2001:db8::/32");
    QTest::newRow("bare IPv4") << QStringLiteral("127.0.0.1") << QStringLiteral("127.0.0.1/32");
    QTest::newRow("bare IPv6") << QStringLiteral("::1") << QStringLiteral("::1/128");
    QTest::newRow("spaces") << QStringLiteral("  192.168.0.0/16 ")
                            << QStringLiteral("192.168.0.0/16");
    QTest::newRow("everything") << QStringLiteral("0.0.0.0/0") << QStringLiteral("0.0.0.0/0");
    QTest::newRow("mapped IPv4 is IPv4")
            << QStringLiteral("::ffff:10.0.0.0/104") << QStringLiteral("10.0.0.0/8");
    QTest::newRow("bare mapped") << QStringLiteral("::ffff:127.0.0.1")
                                 << QStringLiteral("127.0.0.1/32");
}

void TestIpRange::parses()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto range = IpRange::parse(text);
    QVERIFY2(range, qPrintable(range ? QString() : range.error().message));
    QCOMPARE(range->toString(), expected);
}

void TestIpRange::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("host name") << QStringLiteral("zadarma.com");
    QTest::newRow("prefix too long") << QStringLiteral("10.0.0.0/33");
    QTest::newRow("IPv6 prefix too long") << QStringLiteral("::1/129");
    QTest::newRow("negative prefix") << QStringLiteral("10.0.0.0/-1");
    QTest::newRow("no prefix after slash") << QStringLiteral("10.0.0.0/");
    QTest::newRow("octet too large") << QStringLiteral("300.1.1.1");
    QTest::newRow("scope id") << QStringLiteral("fe80::1%eth0");
}

void TestIpRange::refuses()
{
    QFETCH(QString, text);
    const auto range = IpRange::parse(text);
    QVERIFY(!range);
    QVERIFY2(range.error().message.contains(u"CIDR"), qPrintable(range.error().message));
}

void TestIpRange::contains_data()
{
    QTest::addColumn<QString>("range");
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("inside");
    const QString zadarma = QStringLiteral("185.45.152.40/30");
    QTest::newRow("first of /30") << zadarma << QStringLiteral("185.45.152.40") << true;
    QTest::newRow("last of /30") << zadarma << QStringLiteral("185.45.152.43") << true;
    QTest::newRow("after /30") << zadarma << QStringLiteral("185.45.152.44") << false;
    QTest::newRow("before /30") << zadarma << QStringLiteral("185.45.152.39") << false;
    QTest::newRow("mapped address in IPv4 range")
            << zadarma << QStringLiteral("::ffff:185.45.152.41") << true;
    QTest::newRow("mapped loopback")
            << QStringLiteral("127.0.0.1") << QStringLiteral("::ffff:127.0.0.1") << true;
    QTest::newRow("IPv6 loopback is not IPv4's")
            << QStringLiteral("127.0.0.0/8") << QStringLiteral("::1") << false;
    QTest::newRow("IPv4 is not in ::/0")
            << QStringLiteral("::/0") << QStringLiteral("10.0.0.1") << false;
    QTest::newRow("IPv6 in /32") << QStringLiteral("2001:db8::/32")
                                 << QStringLiteral("2001:db8:1::5") << true;
    QTest::newRow("IPv6 outside /32")
            << QStringLiteral("2001:db8::/32") << QStringLiteral("2001:db9::5") << false;
    QTest::newRow("everything") << QStringLiteral("0.0.0.0/0") << QStringLiteral("8.8.8.8") << true;
}

void TestIpRange::contains()
{
    QFETCH(QString, range);
    QFETCH(QString, address);
    QFETCH(bool, inside);
    const auto parsed = IpRange::parse(range);
    QVERIFY(parsed);
    QCOMPARE(parsed->contains(QHostAddress(address)), inside);
    QCOMPARE(IpRange::anyContains({ parsed.value() }, QHostAddress(address)), inside);
    QVERIFY(!parsed->contains(QHostAddress()));
    QVERIFY(!IpRange().contains(QHostAddress(address)));
}

void TestIpRange::listNamesTheBadEntry()
{
    const auto list = IpRange::parseList(QStringLiteral("185.45.152.40/30, 10.0.0.0/8, bogus/3"));
    QVERIFY(!list);
    QVERIFY2(list.error().message.startsWith(u"entry 3: \"bogus/3\""),
             qPrintable(list.error().message));
}

void TestIpRange::listSkipsEmptyEntries()
{
    const auto list = IpRange::parseList(QStringLiteral(" 185.45.152.40/30,, ::1 ,"));
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    QCOMPARE(IpRange::toString(list.value()), QStringLiteral("185.45.152.40/30, ::1/128"));
    QVERIFY(IpRange::anyContains(list.value(), QHostAddress(QStringLiteral("::1"))));
    QVERIFY(!IpRange::anyContains(list.value(), QHostAddress(QStringLiteral("127.0.0.1"))));
    const auto empty = IpRange::parseList(QString());
    QVERIFY(empty);
    QVERIFY(empty->isEmpty());
}

QTEST_GUILESS_MAIN(TestIpRange)
#include "TestIpRange.moc"
