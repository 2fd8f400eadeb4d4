// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/desktop/ClientSettings.h"

#include "core/desktop/DesktopLogging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace CallBridge {

namespace {

constexpr auto schemaVersionKey = "meta/schema_version";
constexpr int schemaVersion = 1;

constexpr int defaultPopupLimit = 3;
constexpr int minPopupLimit = 1;
constexpr int maxPopupLimit = 10;
constexpr int defaultReminderInterval = 15;
constexpr int minReminderInterval = 1;
constexpr int maxReminderInterval = 240;

QString keyName(const char *key)
{
    return QString::fromLatin1(key);
}

bool isRelayUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
            && (url.scheme() == u"http" || url.scheme() == u"https");
}

// "", "en", "pt_BR": what QLocale and the translation files are named after.
bool isLanguage(const QString &language)
{
    static const QRegularExpression pattern(QStringLiteral("^([a-z]{2,3}(_[A-Z]{2})?)?$"));
    return pattern.match(language).hasMatch();
}

int intValue(const QSettings &settings, const char *key, int fallback)
{
    bool ok = false;
    const int value = settings.value(keyName(key)).toInt(&ok);
    return ok ? value : fallback;
}

QString autostartFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
            + QStringLiteral("/autostart/callbridge.desktop");
}

// The Exec key's quoting rules (Desktop Entry Specification, "The Exec key").
QString execValue(const QString &program)
{
    static const QRegularExpression reserved(QStringLiteral("[\\s\"'\\\\><~|&;$*?#()`]"));
    QString escaped = program;
    escaped.replace(u'%', QStringLiteral("%%"));
    if (!reserved.match(escaped).hasMatch())
        return escaped;
    QString quoted;
    for (const QChar c : std::as_const(escaped)) {
        if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
            quoted += u'\\';
        quoted += c;
    }
    // The key's value is itself a string value, whose own escape for a backslash applies too.
    quoted.replace(u'\\', QStringLiteral("\\\\"));
    quoted.replace(u'\n', QStringLiteral("\\n"));
    return u'"' + quoted + u'"';
}

bool writeAutostartEntry()
{
    const QString path = autostartFilePath();
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        qCWarning(lcDesktopSettings) << "Cannot create the autostart folder for" << path;
        return false;
    }
    const QString entry = QStringLiteral("[Desktop Entry]\n"
                                         "Type=Application\n"
                                         "Name=CallBridge\n"
                                         "Comment=Calls from the PBX with the CRM's contact card\n"
                                         "Exec=%1\n"
                                         "Icon=callbridge\n"
                                         "Terminal=false\n"
                                         "X-GNOME-Autostart-enabled=true\n")
                                  .arg(execValue(QCoreApplication::applicationFilePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(entry.toUtf8()) < 0 || !file.commit()) {
        qCWarning(lcDesktopSettings)
                << "Cannot write the autostart entry" << path << ":" << file.errorString();
        return false;
    }
    return true;
}

bool removeAutostartEntry()
{
    const QString path = autostartFilePath();
    if (QFile::exists(path) && !QFile::remove(path)) {
        qCWarning(lcDesktopSettings) << "Cannot remove the autostart entry" << path;
        return false;
    }
    return true;
}

} // namespace

ClientSettings::ClientSettings(const QString &fileName, QObject *parent)
    : QObject(parent),
      m_settings(fileName.isEmpty() ? std::make_unique<QSettings>(
                         QSettings::IniFormat, QSettings::UserScope,
                         QCoreApplication::organizationName(), QCoreApplication::applicationName())
                                    : std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{ }

ClientSettings::~ClientSettings() = default;

QString ClientSettings::fileName() const
{
    return m_settings->fileName();
}

void ClientSettings::migrate()
{
    const int stored = intValue(*m_settings, schemaVersionKey, 0);
    if (stored > schemaVersion) {
        // A newer version wrote the file; leave it as it is so that going back and forth works.
        qCWarning(lcDesktopSettings) << "Settings written by a newer version (schema" << stored
                                     << "), read as far as understood";
        return;
    }
    if (stored < schemaVersion) {
        m_settings->setValue(keyName(schemaVersionKey), schemaVersion);
        m_settings->sync();
    }
    // The program may have moved since the entry was written (a new package, an AppImage).
    if (autostart())
        writeAutostartEntry();
}

QUrl ClientSettings::relayUrl() const
{
    const QUrl url(m_settings->value(keyName(relayUrlKey)).toString());
    return isRelayUrl(url) ? url : QUrl(QStringLiteral("http://127.0.0.1:8080"));
}

void ClientSettings::setRelayUrl(const QUrl &url)
{
    if (!isRelayUrl(url)) {
        qCWarning(lcDesktopSettings) << "Ignoring a relay address that is not http(s)://host";
        return;
    }
    if (url == relayUrl())
        return;
    write(relayUrlKey, url.toString());
}

QString ClientSettings::userName() const
{
    return m_settings->value(keyName(userNameKey)).toString();
}

void ClientSettings::setUserName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed == userName())
        return;
    write(userNameKey, trimmed);
}

qint64 ClientSettings::lastSeq() const
{
    return std::max<qint64>(0, m_settings->value(keyName(lastSeqKey)).toLongLong());
}

void ClientSettings::setLastSeq(qint64 seq)
{
    seq = std::max<qint64>(0, seq);
    if (seq == lastSeq())
        return;
    write(lastSeqKey, seq);
}

ClientSettings::PopupPolicy ClientSettings::popupPolicy() const
{
    const QString name = m_settings->value(keyName(popupPolicyKey)).toString();
    for (PopupPolicy policy : { PopupPolicy::OnRing, PopupPolicy::OnAnswer, PopupPolicy::Never }) {
        if (name == policyName(policy))
            return policy;
    }
    return PopupPolicy::OnRing;
}

void ClientSettings::setPopupPolicy(PopupPolicy policy)
{
    if (policy == popupPolicy())
        return;
    write(popupPolicyKey, policyName(policy));
}

int ClientSettings::popupLimit() const
{
    return std::clamp(intValue(*m_settings, popupLimitKey, defaultPopupLimit), minPopupLimit,
                      maxPopupLimit);
}

void ClientSettings::setPopupLimit(int limit)
{
    limit = std::clamp(limit, minPopupLimit, maxPopupLimit);
    if (limit == popupLimit())
        return;
    write(popupLimitKey, limit);
}

bool ClientSettings::doNotDisturb() const
{
    return m_settings->value(keyName(doNotDisturbKey), false).toBool();
}

void ClientSettings::setDoNotDisturb(bool on)
{
    if (on == doNotDisturb())
        return;
    write(doNotDisturbKey, on);
}

bool ClientSettings::ringSound() const
{
    return m_settings->value(keyName(ringSoundKey), true).toBool();
}

void ClientSettings::setRingSound(bool on)
{
    if (on == ringSound())
        return;
    write(ringSoundKey, on);
}

QString ClientSettings::language() const
{
    const QString language = m_settings->value(keyName(languageKey)).toString();
    return isLanguage(language) ? language : QString();
}

void ClientSettings::setLanguage(const QString &language)
{
    if (!isLanguage(language)) {
        qCWarning(lcDesktopSettings) << "Ignoring an unknown language code" << language;
        return;
    }
    if (language == this->language())
        return;
    write(languageKey, language);
}

bool ClientSettings::autostart() const
{
    return m_settings->value(keyName(autostartKey), false).toBool();
}

void ClientSettings::setAutostart(bool on)
{
    // The file is written even when the key says it is already on: it may have been removed.
    const bool done = on ? writeAutostartEntry() : removeAutostartEntry();
    if (!done || on == autostart())
        return;
    write(autostartKey, on);
}

int ClientSettings::reminderIntervalMinutes() const
{
    return std::clamp(intValue(*m_settings, reminderIntervalKey, defaultReminderInterval),
                      minReminderInterval, maxReminderInterval);
}

void ClientSettings::setReminderIntervalMinutes(int minutes)
{
    minutes = std::clamp(minutes, minReminderInterval, maxReminderInterval);
    if (minutes == reminderIntervalMinutes())
        return;
    write(reminderIntervalKey, minutes);
}

QString ClientSettings::policyName(PopupPolicy policy)
{
    switch (policy) {
    case PopupPolicy::OnRing:
        return QStringLiteral("ring");
    case PopupPolicy::OnAnswer:
        return QStringLiteral("answer");
    case PopupPolicy::Never:
        return QStringLiteral("never");
    }
    return QStringLiteral("ring");
}

void ClientSettings::write(const char *key, const QVariant &value)
{
    m_settings->setValue(keyName(key), value);
    emit changed(keyName(key));
}

} // namespace CallBridge
