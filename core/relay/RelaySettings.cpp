// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RelaySettings.h"

#include "core/phone/PhoneNumberNormalizer.h"
#include "core/relay/RelayConfigLogging.h"

#include <QUrl>

namespace CallBridge {

const QList<RelaySettings::Key> &RelaySettings::keys()
{
    static const QList<Key> table {
        { redirectToResponsibleKey, Type::Bool, QStringLiteral("true"),
          QStringLiteral("Ring a known caller's responsible agent first.") },
        { returnTimeoutKey, Type::Seconds, QStringLiteral("20"),
          QStringLiteral("Seconds the responsible agent's phone rings before the call returns "
                         "to the PBX's own routing (0–600).") },
        { callerNameKey, Type::Bool, QStringLiteral("true"),
          QStringLiteral("Show a known caller's name on the agent's phone.") },
        { hangupBlacklistedKey, Type::Bool, QStringLiteral("true"),
          QStringLiteral("Hang up on callers on the blacklist.") },
        { createUnknownContactsKey, Type::Bool, QStringLiteral("true"),
          QStringLiteral("An unknown caller becomes a contact and a lead.") },
        { missedCallTasksKey, Type::Bool, QStringLiteral("true"),
          QStringLiteral("A missed call becomes a task for the contact's responsible agent.") },
        { defaultResponsibleKey, Type::UserName, QString(),
          QStringLiteral("User who takes calls, contacts and tasks that have no responsible "
                         "agent; empty for none.") },
        { defaultRegionKey, Type::Region, QStringLiteral("US"),
          QStringLiteral("Region (ISO 3166 code such as US, ES, PL) for numbers written without "
                         "a country code.") },
        { crmContactUrlKey, Type::UrlTemplate, QString(),
          QStringLiteral("A contact's page in your CRM, with {id} and {phone} in place of the "
                         "contact's id and number, such as https://crm.example.com/contacts/{id}; "
                         "empty for none. The desktop app opens it from a call's pop-up.") },
        { crmRefreshHoursKey, Type::Hours, QStringLiteral("0"),
          QStringLiteral("With an external CRM: every this many hours (0–168), every contact "
                         "copied from it is looked up there again; 0 for only when they call.") },
    };
    return table;
}

const RelaySettings::Key *RelaySettings::key(const QString &name)
{
    for (const Key &entry : keys()) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

QStringList RelaySettings::keyNames()
{
    QStringList names;
    for (const Key &entry : keys())
        names.append(entry.name);
    return names;
}

std::optional<bool> RelaySettings::parseBool(const QString &text)
{
    const QString word = text.trimmed().toLower();
    if (word == u"true" || word == u"1" || word == u"on" || word == u"yes")
        return true;
    if (word == u"false" || word == u"0" || word == u"off" || word == u"no")
        return false;
    return std::nullopt;
}

Result<QString> RelaySettings::normalize(const QString &name, const QString &value)
{
    const Key *entry = key(name);
    if (!entry)
        return fail(QStringLiteral("unknown setting \"%1\"; known settings: %2")
                            .arg(name, keyNames().join(QStringLiteral(", "))));
    const QString trimmed = value.trimmed();
    switch (entry->type) {
    case Type::Bool: {
        const auto flag = parseBool(trimmed);
        if (!flag)
            return fail(QStringLiteral("%1 is true or false (also 1/0, on/off, yes/no), not "
                                       "\"%2\"")
                                .arg(name, trimmed));
        return *flag ? QStringLiteral("true") : QStringLiteral("false");
    }
    case Type::Seconds: {
        bool ok = false;
        const int seconds = trimmed.toInt(&ok);
        if (!ok || seconds < 0 || seconds > maxReturnTimeoutSeconds)
            return fail(QStringLiteral("%1 is a number of seconds from 0 to %2, not \"%3\"")
                                .arg(name)
                                .arg(maxReturnTimeoutSeconds)
                                .arg(trimmed));
        return QString::number(seconds);
    }
    case Type::Hours: {
        bool ok = false;
        const int hours = trimmed.toInt(&ok);
        if (!ok || hours < 0 || hours > maxHours)
            return fail(QStringLiteral("%1 is a number of hours from 0 to %2, not \"%3\"")
                                .arg(name)
                                .arg(maxHours)
                                .arg(trimmed));
        return QString::number(hours);
    }
    case Type::UserName:
        if (trimmed.contains(u' ') || trimmed.size() > 64)
            return fail(QStringLiteral("%1 is a user name, not \"%2\"").arg(name, trimmed));
        return trimmed;
    case Type::Region: {
        const QString region = trimmed.toUpper();
        if (!PhoneNumberNormalizer::isKnownRegion(region))
            return fail(QStringLiteral("%1 is a two-letter region code such as US, GB, ES or PL, "
                                       "not \"%2\"")
                                .arg(name, trimmed));
        return region;
    }
    case Type::UrlTemplate: {
        if (trimmed.isEmpty())
            return trimmed;
        QString example = trimmed;
        example.replace(QStringLiteral("{id}"), QStringLiteral("1"))
                .replace(QStringLiteral("{phone}"), QStringLiteral("%2B10000000000"));
        const QUrl url(example, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http")
            || url.host().isEmpty())
            return fail(QStringLiteral("%1 is an http(s) address with {id} or {phone} in it, "
                                       "such as https://crm.example.com/contacts/{id}, not \"%2\"")
                                .arg(name, trimmed));
        return trimmed;
    }
    }
    return fail(QStringLiteral("%1 has no type").arg(name));
}

RelaySettings::RelaySettings()
{
    for (const Key &entry : keys())
        m_values.insert(entry.name, entry.defaultValue);
}

RelaySettings RelaySettings::fromMap(const QHash<QString, QString> &stored, QStringList *warnings)
{
    RelaySettings settings;
    for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
        if (!key(it.key()))
            continue; // a newer relay's setting, or one since retired
        auto normalized = normalize(it.key(), it.value());
        if (!normalized) {
            const QString warning = QStringLiteral("ignoring the stored value of %1: %2; using the "
                                                   "default \"%3\"")
                                            .arg(it.key(), normalized.error().message,
                                                 key(it.key())->defaultValue);
            qCWarning(lcRelayConfig).noquote() << warning;
            if (warnings)
                warnings->append(warning);
            continue;
        }
        settings.m_values.insert(it.key(), normalized.value());
    }
    return settings;
}

QHash<QString, QString> RelaySettings::toMap() const
{
    return m_values;
}

QString RelaySettings::value(const QString &key) const
{
    return m_values.value(key);
}

bool RelaySettings::isDefault(const QString &name) const
{
    const Key *entry = key(name);
    return entry && m_values.value(name) == entry->defaultValue;
}

Result<void> RelaySettings::set(const QString &key, const QString &value)
{
    auto normalized = normalize(key, value);
    if (!normalized)
        return fail(normalized.error());
    m_values.insert(key, normalized.value());
    return {};
}

int RelaySettings::returnTimeoutSeconds() const
{
    return value(returnTimeoutKey).toInt();
}

bool RelaySettings::boolValue(const QString &key) const
{
    return value(key) == u"true";
}

} // namespace CallBridge
