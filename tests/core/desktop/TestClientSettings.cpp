// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/desktop/ClientSettings.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace CallBridge;
using namespace Qt::StringLiterals;
using Policy = ClientSettings::PopupPolicy;

class TestClientSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void defaults();
    void valuesPersist();
    void clampsNumbers_data();
    void clampsNumbers();
    void refusesBadValues();
    void readsDamagedFileLeniently();
    void changedOnlyOnRealChange();
    void policyNames();
    void migrateWritesSchemaVersion();
    void migrateLeavesNewerFileAlone();
    void autostartWritesAndRemovesEntry();
    void autostartRestoresMissingEntry();

private:
    std::unique_ptr<ClientSettings> open() const
    {
        return std::make_unique<ClientSettings>(m_dir->filePath(u"callbridge.ini"_s));
    }
    QString autostartFile() const
    {
        return m_configHome.filePath(u"autostart/callbridge.desktop"_s);
    }

    QTemporaryDir m_configHome;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestClientSettings::initTestCase()
{
    QVERIFY(m_configHome.isValid());
    // QStandardPaths reads this on every call, so the autostart entry lands in the temporary dir.
    qputenv("XDG_CONFIG_HOME", m_configHome.path().toLocal8Bit());
}

void TestClientSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QFile::remove(autostartFile());
}

void TestClientSettings::defaults()
{
    const auto settings = open();
    QCOMPARE(settings->fileName(), m_dir->filePath(u"callbridge.ini"_s));
    QCOMPARE(settings->relayUrl(), QUrl(u"http://127.0.0.1:8080"_s));
    QCOMPARE(settings->userName(), QString());
    QCOMPARE(settings->lastSeq(), 0);
    QCOMPARE(settings->popupPolicy(), Policy::OnRing);
    QCOMPARE(settings->popupLimit(), 3);
    QCOMPARE(settings->doNotDisturb(), false);
    QCOMPARE(settings->ringSound(), true);
    QCOMPARE(settings->language(), QString());
    QCOMPARE(settings->autostart(), false);
    QCOMPARE(settings->reminderIntervalMinutes(), 15);
}

void TestClientSettings::valuesPersist()
{
    {
        const auto settings = open();
        settings->setRelayUrl(QUrl(u"https://relay.example.com:8443"_s));
        settings->setUserName(u"  alice "_s);
        settings->setLastSeq(123456789012);
        settings->setPopupPolicy(Policy::OnAnswer);
        settings->setPopupLimit(5);
        settings->setDoNotDisturb(true);
        settings->setRingSound(false);
        settings->setLanguage(u"es"_s);
        settings->setReminderIntervalMinutes(30);
    }
    const auto settings = open();
    QCOMPARE(settings->relayUrl(), QUrl(u"https://relay.example.com:8443"_s));
    QCOMPARE(settings->userName(), u"alice"_s);
    QCOMPARE(settings->lastSeq(), 123456789012);
    QCOMPARE(settings->popupPolicy(), Policy::OnAnswer);
    QCOMPARE(settings->popupLimit(), 5);
    QCOMPARE(settings->doNotDisturb(), true);
    QCOMPARE(settings->ringSound(), false);
    QCOMPARE(settings->language(), u"es"_s);
    QCOMPARE(settings->reminderIntervalMinutes(), 30);

    // The file is the documented INI with the documented keys.
    QSettings raw(settings->fileName(), QSettings::IniFormat);
    QCOMPARE(raw.value(u"popups/policy"_s).toString(), u"answer"_s);
    QCOMPARE(raw.value(u"relay/url"_s).toString(), u"https://relay.example.com:8443"_s);
}

void TestClientSettings::clampsNumbers_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("given");
    QTest::addColumn<int>("kept");

    QTest::newRow("limit below") << u"popups/limit"_s << 0 << 1;
    QTest::newRow("limit negative") << u"popups/limit"_s << -5 << 1;
    QTest::newRow("limit low edge") << u"popups/limit"_s << 1 << 1;
    QTest::newRow("limit inside") << u"popups/limit"_s << 7 << 7;
    QTest::newRow("limit high edge") << u"popups/limit"_s << 10 << 10;
    QTest::newRow("limit above") << u"popups/limit"_s << 11 << 10;
    QTest::newRow("interval below") << u"reminders/interval_minutes"_s << 0 << 1;
    QTest::newRow("interval inside") << u"reminders/interval_minutes"_s << 60 << 60;
    QTest::newRow("interval high edge") << u"reminders/interval_minutes"_s << 240 << 240;
    QTest::newRow("interval above") << u"reminders/interval_minutes"_s << 100000 << 240;
    QTest::newRow("seq negative") << u"stream/last_seq"_s << -1 << 0;
}

void TestClientSettings::clampsNumbers()
{
    QFETCH(QString, key);
    QFETCH(int, given);
    QFETCH(int, kept);

    const auto read = [&key](const ClientSettings &settings) {
        if (key == u"popups/limit")
            return settings.popupLimit();
        if (key == u"reminders/interval_minutes")
            return settings.reminderIntervalMinutes();
        return int(settings.lastSeq());
    };
    {
        // Through the setter.
        const auto settings = open();
        if (key == u"popups/limit")
            settings->setPopupLimit(given);
        else if (key == u"reminders/interval_minutes")
            settings->setReminderIntervalMinutes(given);
        else
            settings->setLastSeq(given);
        QCOMPARE(read(*settings), kept);
    }
    {
        // Written into the file by hand.
        QSettings raw(m_dir->filePath(u"callbridge.ini"_s), QSettings::IniFormat);
        raw.setValue(key, given);
    }
    QCOMPARE(read(*open()), kept);
}

void TestClientSettings::refusesBadValues()
{
    const auto settings = open();
    QSignalSpy changed(settings.get(), &ClientSettings::changed);

    settings->setRelayUrl(QUrl(u"https://relay.example.com"_s));
    settings->setLanguage(u"ru"_s);
    QCOMPARE(changed.count(), 2);

    const auto ignoring = [](const char *what) {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QString::fromLatin1(what)));
    };
    ignoring("relay address");
    settings->setRelayUrl(QUrl(u"ftp://relay.example.com"_s));
    ignoring("relay address");
    settings->setRelayUrl(QUrl(u"relay.example.com"_s));
    ignoring("relay address");
    settings->setRelayUrl(QUrl());
    ignoring("language");
    settings->setLanguage(u"../../etc/passwd"_s);
    ignoring("language");
    settings->setLanguage(u"Spanish"_s);

    QCOMPARE(settings->relayUrl(), QUrl(u"https://relay.example.com"_s));
    QCOMPARE(settings->language(), u"ru"_s);
    QCOMPARE(changed.count(), 2);

    settings->setLanguage(u"pt_BR"_s);
    QCOMPARE(settings->language(), u"pt_BR"_s);
    settings->setLanguage(QString());
    QCOMPARE(settings->language(), QString());
}

void TestClientSettings::readsDamagedFileLeniently()
{
    {
        QSettings raw(m_dir->filePath(u"callbridge.ini"_s), QSettings::IniFormat);
        raw.setValue(u"relay/url"_s, u"not a url"_s);
        raw.setValue(u"popups/policy"_s, u"sometimes"_s);
        raw.setValue(u"popups/limit"_s, u"many"_s);
        raw.setValue(u"reminders/interval_minutes"_s, QString());
        raw.setValue(u"ui/language"_s, u"klingon!"_s);
        raw.setValue(u"stream/last_seq"_s, u"x"_s);
    }
    const auto settings = open();
    QCOMPARE(settings->relayUrl(), QUrl(u"http://127.0.0.1:8080"_s));
    QCOMPARE(settings->popupPolicy(), Policy::OnRing);
    QCOMPARE(settings->popupLimit(), 3);
    QCOMPARE(settings->reminderIntervalMinutes(), 15);
    QCOMPARE(settings->language(), QString());
    QCOMPARE(settings->lastSeq(), 0);
}

void TestClientSettings::changedOnlyOnRealChange()
{
    const auto settings = open();
    QSignalSpy changed(settings.get(), &ClientSettings::changed);

    // The defaults themselves change nothing.
    settings->setPopupPolicy(Policy::OnRing);
    settings->setPopupLimit(3);
    settings->setRingSound(true);
    settings->setDoNotDisturb(false);
    settings->setLastSeq(0);
    settings->setUserName(QString());
    settings->setRelayUrl(QUrl(u"http://127.0.0.1:8080"_s));
    settings->setReminderIntervalMinutes(15);
    settings->setLanguage(QString());
    QCOMPARE(changed.count(), 0);

    settings->setPopupLimit(4);
    settings->setPopupLimit(4);
    settings->setPopupLimit(12); // clamped to 10
    settings->setPopupLimit(10);
    settings->setDoNotDisturb(true);
    settings->setDoNotDisturb(true);
    settings->setUserName(u"bob"_s);
    settings->setUserName(u" bob "_s);
    settings->setLastSeq(7);
    settings->setLastSeq(7);
    settings->setPopupPolicy(Policy::Never);
    settings->setPopupPolicy(Policy::Never);

    const QStringList expected { u"popups/limit"_s,          u"popups/limit"_s,
                                 u"popups/do_not_disturb"_s, u"relay/user"_s,
                                 u"stream/last_seq"_s,       u"popups/policy"_s };
    QStringList keys;
    for (const QList<QVariant> &arguments : std::as_const(changed))
        keys.append(arguments.at(0).toString());
    QCOMPARE(keys, expected);

    // A new object over the same file sees the values, so it does not report them again.
    const auto again = open();
    QSignalSpy changedAgain(again.get(), &ClientSettings::changed);
    again->setPopupLimit(10);
    again->setPopupPolicy(Policy::Never);
    QCOMPARE(changedAgain.count(), 0);
}

void TestClientSettings::policyNames()
{
    QCOMPARE(ClientSettings::policyName(Policy::OnRing), u"ring"_s);
    QCOMPARE(ClientSettings::policyName(Policy::OnAnswer), u"answer"_s);
    QCOMPARE(ClientSettings::policyName(Policy::Never), u"never"_s);
    for (Policy policy : { Policy::OnAnswer, Policy::Never, Policy::OnRing }) {
        open()->setPopupPolicy(policy);
        QCOMPARE(open()->popupPolicy(), policy);
    }
}

void TestClientSettings::migrateWritesSchemaVersion()
{
    {
        QSettings raw(m_dir->filePath(u"callbridge.ini"_s), QSettings::IniFormat);
        raw.setValue(u"popups/limit"_s, 6);
    }
    open()->migrate();
    QSettings raw(m_dir->filePath(u"callbridge.ini"_s), QSettings::IniFormat);
    QCOMPARE(raw.value(u"meta/schema_version"_s).toInt(), 1);
    QCOMPARE(raw.value(u"popups/limit"_s).toInt(), 6);
    QVERIFY(!QFile::exists(autostartFile()));
}

void TestClientSettings::migrateLeavesNewerFileAlone()
{
    {
        QSettings raw(m_dir->filePath(u"callbridge.ini"_s), QSettings::IniFormat);
        raw.setValue(u"meta/schema_version"_s, 9);
        raw.setValue(u"popups/limit"_s, 6);
    }
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"newer version"_s));
    const auto settings = open();
    settings->migrate();
    QCOMPARE(settings->popupLimit(), 6);
    QSettings raw(m_dir->filePath(u"callbridge.ini"_s), QSettings::IniFormat);
    QCOMPARE(raw.value(u"meta/schema_version"_s).toInt(), 9);
}

void TestClientSettings::autostartWritesAndRemovesEntry()
{
    const auto settings = open();
    QSignalSpy changed(settings.get(), &ClientSettings::changed);

    settings->setAutostart(true);
    QVERIFY(settings->autostart());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), u"ui/autostart"_s);

    QFile file(autostartFile());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(autostartFile()));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    file.close();
    QCOMPARE(lines.value(0), u"[Desktop Entry]"_s);
    QVERIFY(lines.contains(u"Type=Application"_s));
    QVERIFY(lines.contains(u"Exec="_s + QCoreApplication::applicationFilePath()));
    QVERIFY(lines.contains(u"X-GNOME-Autostart-enabled=true"_s));

    QVERIFY(open()->autostart());

    settings->setAutostart(false);
    QVERIFY(!settings->autostart());
    QVERIFY(!QFile::exists(autostartFile()));
    QCOMPARE(changed.count(), 2);

    // Off while already off: nothing to remove, nothing changed.
    settings->setAutostart(false);
    QCOMPARE(changed.count(), 2);
}

void TestClientSettings::autostartRestoresMissingEntry()
{
    const auto settings = open();
    settings->setAutostart(true);
    QVERIFY(QFile::remove(autostartFile()));

    // Switching it on again puts the entry back without reporting a change.
    QSignalSpy changed(settings.get(), &ClientSettings::changed);
    settings->setAutostart(true);
    QVERIFY(QFile::exists(autostartFile()));
    QCOMPARE(changed.count(), 0);

    // So does migrate() at start, e.g. after the program moved.
    QVERIFY(QFile::remove(autostartFile()));
    open()->migrate();
    QVERIFY(QFile::exists(autostartFile()));
}

QTEST_GUILESS_MAIN(TestClientSettings)
#include "TestClientSettings.moc"
