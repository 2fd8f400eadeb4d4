// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RelayJson.h"

#include <QJsonDocument>
#include <QTest>

using namespace CallBridge;

// The wire format's hand-made fast paths give exactly what Qt's general ones give.
class TestRelayJson : public QObject
{
    Q_OBJECT

private slots:
    void timesMatchQt_data();
    void timesMatchQt();
    void feedMessageMatchesTheJsonObject();
};

void TestRelayJson::timesMatchQt_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::newRow("epoch") << QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    QTest::newRow("now") << QDateTime(QDate(2026, 11, 24), QTime(10, 58, 4, 712), Qt::UTC);
    QTest::newRow("leap day") << QDateTime(QDate(2028, 2, 29), QTime(23, 59, 59, 999), Qt::UTC);
    QTest::newRow("new year") << QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC);
    QTest::newRow("before epoch") << QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 1), Qt::UTC);
    QTest::newRow("2100 not leap") << QDateTime(QDate(2100, 3, 1), QTime(12, 0), Qt::UTC);
    QTest::newRow("offset zone") << QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::OffsetFromUTC,
                                              3 * 3600);
}

void TestRelayJson::timesMatchQt()
{
    QFETCH(QDateTime, time);
    QCOMPARE(toJson(time).toString(), time.toUTC().toString(Qt::ISODateWithMs));
    QCOMPARE(dateTimeFromJson(toJson(time)), time.toUTC());
}

void TestRelayJson::feedMessageMatchesTheJsonObject()
{
    FeedItem item;
    item.seq = 42;
    item.createdAt = QDateTime(QDate(2026, 11, 24), QTime(11, 0), Qt::UTC);
    item.type = QStringLiteral("call.ringing");
    item.payload = { { QStringLiteral("call"),
                       QJsonObject { { QStringLiteral("pbx_call_id"), QStringLiteral("in_1") } } },
                     { QStringLiteral("contact"), QJsonValue::Null } };
    const QByteArray expected = QJsonDocument(toJson(item)).toJson(QJsonDocument::Compact);
    QCOMPARE(feedMessage(item), expected);
    serialisePayload(item);
    QVERIFY(!item.payloadJson.isEmpty());
    QCOMPARE(feedMessage(item), expected);
}

QTEST_GUILESS_MAIN(TestRelayJson)
#include "TestRelayJson.moc"
