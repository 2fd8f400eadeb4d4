// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RelaySettings.h"

#include <QRegularExpression>
#include <QTest>

using namespace CallBridge;

class TestRelaySettings : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void normalizes_data();
    void normalizes();
    void refuses_data();
    void refuses();
    void unknownKeyListsTheKnownOnes();
    void fromMapFallsBackToDefaults();
    void toMapRoundTrips();
    void setValidates();
    void everyKeyIsDescribed();
};

void TestRelaySettings::defaults()
{
    const RelaySettings settings;
    QVERIFY(settings.redirectToResponsible());
    QCOMPARE(settings.returnTimeoutSeconds(), 20);
    QVERIFY(settings.callerName());
    QVERIFY(settings.hangupBlacklisted());
    QVERIFY(settings.createUnknownContacts());
    QVERIFY(settings.missedCallTasks());
    QCOMPARE(settings.defaultResponsible(), QString());
    QCOMPARE(settings.defaultRegion(), QStringLiteral("US"));
    for (const QString &key : RelaySettings::keyNames())
        QVERIFY(settings.isDefault(key));
    QCOMPARE(RelaySettings::fromMap({}), settings);
}

void TestRelaySettings::normalizes_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("stored");
    const QString callerName = RelaySettings::callerNameKey;
    QTest::newRow("true") << callerName << QStringLiteral("true") << QStringLiteral("true");
    QTest::newRow("TRUE") << callerName << QStringLiteral("TRUE") << QStringLiteral("true");
    QTest::newRow("1") << callerName << QStringLiteral("1") << QStringLiteral("true");
    QTest::newRow("on") << callerName << QStringLiteral("on") << QStringLiteral("true");
    QTest::newRow("yes") << callerName << QStringLiteral(" Yes ") << QStringLiteral("true");
    QTest::newRow("false") << callerName << QStringLiteral("false") << QStringLiteral("false");
    QTest::newRow("0") << callerName << QStringLiteral("0") << QStringLiteral("false");
    QTest::newRow("off") << callerName << QStringLiteral("off") << QStringLiteral("false");
    QTest::newRow("no") << callerName << QStringLiteral("no") << QStringLiteral("false");
    const QString timeout = RelaySettings::returnTimeoutKey;
    QTest::newRow("timeout 0") << timeout << QStringLiteral("0") << QStringLiteral("0");
    QTest::newRow("timeout 600") << timeout << QStringLiteral("600") << QStringLiteral("600");
    QTest::newRow("timeout padded") << timeout << QStringLiteral(" 030") << QStringLiteral("30");
    const QString refresh = RelaySettings::crmRefreshHoursKey;
    QTest::newRow("refresh off") << refresh << QStringLiteral("0") << QStringLiteral("0");
    QTest::newRow("refresh daily") << refresh << QStringLiteral(" 24") << QStringLiteral("24");
    const QString region = RelaySettings::defaultRegionKey;
    QTest::newRow("region lower case") << region << QStringLiteral("es") << QStringLiteral("ES");
    QTest::newRow("region PL") << region << QStringLiteral("PL") << QStringLiteral("PL");
    const QString crm = RelaySettings::crmContactUrlKey;
    QTest::newRow("crm url none") << crm << QStringLiteral(" ") << QString();
    QTest::newRow("crm url id") << crm << QStringLiteral(" https://crm.example.com/c/{id} ")
                                << QStringLiteral("https://crm.example.com/c/{id}");
    QTest::newRow("crm url phone") << crm << QStringLiteral("http://crm.local/find?tel={phone}")
                                   << QStringLiteral("http://crm.local/find?tel={phone}");
    const QString responsible = RelaySettings::defaultResponsibleKey;
    QTest::newRow("responsible") << responsible << QStringLiteral(" ana ") << QStringLiteral("ana");
    QTest::newRow("no responsible") << responsible << QString() << QString();
}

void TestRelaySettings::normalizes()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, stored);
    const auto normalized = RelaySettings::normalize(key, value);
    QVERIFY2(normalized, qPrintable(normalized ? QString() : normalized.error().message));
    QCOMPARE(normalized.value(), stored);
}

void TestRelaySettings::refuses_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("hint");
    QTest::newRow("bool word") << RelaySettings::hangupBlacklistedKey << QStringLiteral("maybe")
                               << QStringLiteral("true or false");
    QTest::newRow("bool empty") << RelaySettings::missedCallTasksKey << QString()
                                << QStringLiteral("true or false");
    QTest::newRow("timeout negative") << RelaySettings::returnTimeoutKey << QStringLiteral("-1")
                                      << QStringLiteral("0 to 600");
    QTest::newRow("timeout too long") << RelaySettings::returnTimeoutKey << QStringLiteral("601")
                                      << QStringLiteral("0 to 600");
    QTest::newRow("timeout text") << RelaySettings::returnTimeoutKey << QStringLiteral("20s")
                                  << QStringLiteral("0 to 600");
    QTest::newRow("refresh too rare") << RelaySettings::crmRefreshHoursKey << QStringLiteral("169")
                                      << QStringLiteral("hours from 0 to 168");
    QTest::newRow("region unknown") << RelaySettings::defaultRegionKey << QStringLiteral("XX")
                                    << QStringLiteral("region code");
    QTest::newRow("region name") << RelaySettings::defaultRegionKey << QStringLiteral("Spain")
                                 << QStringLiteral("region code");
    QTest::newRow("crm url not http")
            << RelaySettings::crmContactUrlKey << QStringLiteral("javascript:alert({id})")
            << QStringLiteral("http(s) address");
    QTest::newRow("crm url no host")
            << RelaySettings::crmContactUrlKey << QStringLiteral("https:///contacts/{id}")
            << QStringLiteral("http(s) address");
    QTest::newRow("responsible with space")
            << RelaySettings::defaultResponsibleKey << QStringLiteral("ana garcia")
            << QStringLiteral("user name");
}

void TestRelaySettings::refuses()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, hint);
    const auto normalized = RelaySettings::normalize(key, value);
    QVERIFY(!normalized);
    QVERIFY2(normalized.error().message.contains(key), qPrintable(normalized.error().message));
    QVERIFY2(normalized.error().message.contains(hint), qPrintable(normalized.error().message));
}

void TestRelaySettings::unknownKeyListsTheKnownOnes()
{
    const auto normalized
            = RelaySettings::normalize(QStringLiteral("routing.colour"), QStringLiteral("blue"));
    QVERIFY(!normalized);
    const QString message = normalized.error().message;
    QVERIFY2(message.contains(u"\"routing.colour\""), qPrintable(message));
    for (const QString &key : RelaySettings::keyNames())
        QVERIFY2(message.contains(key), qPrintable(message));
}

void TestRelaySettings::fromMapFallsBackToDefaults()
{
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("ignoring the stored value of "
                                                           "routing.return_timeout")));
    QStringList warnings;
    const RelaySettings settings = RelaySettings::fromMap(
            {
                    { RelaySettings::callerNameKey, QStringLiteral("off") },
                    { RelaySettings::returnTimeoutKey, QStringLiteral("9999") }, // invalid
                    { RelaySettings::defaultRegionKey, QStringLiteral("pl") },
                    { RelaySettings::defaultResponsibleKey, QStringLiteral("ana") },
                    { QStringLiteral("future.setting"), QStringLiteral("x") }, // ignored
            },
            &warnings);
    QVERIFY(!settings.callerName());
    QCOMPARE(settings.returnTimeoutSeconds(), 20);
    QVERIFY(settings.isDefault(RelaySettings::returnTimeoutKey));
    QCOMPARE(settings.defaultRegion(), QStringLiteral("PL"));
    QCOMPARE(settings.defaultResponsible(), QStringLiteral("ana"));
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().contains(RelaySettings::returnTimeoutKey),
             qPrintable(warnings.first()));
    QVERIFY(!settings.toMap().contains(QStringLiteral("future.setting")));
}

void TestRelaySettings::toMapRoundTrips()
{
    RelaySettings settings;
    QVERIFY(settings.set(RelaySettings::redirectToResponsibleKey, QStringLiteral("no")));
    QVERIFY(settings.set(RelaySettings::returnTimeoutKey, QStringLiteral("45")));
    const QHash<QString, QString> map = settings.toMap();
    QCOMPARE(map.size(), RelaySettings::keys().size());
    QCOMPARE(map.value(RelaySettings::redirectToResponsibleKey), QStringLiteral("false"));
    QCOMPARE(RelaySettings::fromMap(map), settings);
    QCOMPARE(RelaySettings::fromMap(map).returnTimeoutSeconds(), 45);
}

void TestRelaySettings::setValidates()
{
    RelaySettings settings;
    QVERIFY(!settings.set(RelaySettings::returnTimeoutKey, QStringLiteral("abc")));
    QCOMPARE(settings.returnTimeoutSeconds(), 20);
    QVERIFY(!settings.set(QStringLiteral("nope"), QStringLiteral("1")));
    QCOMPARE(settings, RelaySettings());
}

void TestRelaySettings::everyKeyIsDescribed()
{
    for (const RelaySettings::Key &key : RelaySettings::keys()) {
        QVERIFY(!key.description.isEmpty());
        // Every default is itself a valid, normalised value.
        const auto normalized = RelaySettings::normalize(key.name, key.defaultValue);
        QVERIFY(normalized);
        QCOMPARE(normalized.value(), key.defaultValue);
    }
}

QTEST_GUILESS_MAIN(TestRelaySettings)
#include "TestRelaySettings.moc"
