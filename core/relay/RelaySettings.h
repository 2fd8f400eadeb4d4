// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace CallBridge {

// The relay's runtime switches, kept in the Store's settings table: admins change them through
// the REST API, operators with "settings set". A value type; missing keys read as defaults.
class RelaySettings
{
public:
    enum class Type { Bool, Seconds, Hours, UserName, Region, UrlTemplate };

    struct Key
    {
        QString name;
        Type type;
        QString defaultValue; // normalised
        QString description;
    };

    static inline const QString redirectToResponsibleKey
            = QStringLiteral("routing.redirect_to_responsible");
    static inline const QString returnTimeoutKey = QStringLiteral("routing.return_timeout");
    static inline const QString callerNameKey = QStringLiteral("routing.caller_name");
    static inline const QString hangupBlacklistedKey = QStringLiteral("routing.hangup_blacklisted");
    static inline const QString createUnknownContactsKey
            = QStringLiteral("contacts.create_unknown");
    static inline const QString missedCallTasksKey = QStringLiteral("tasks.missed_call");
    static inline const QString defaultResponsibleKey = QStringLiteral("users.default_responsible");
    static inline const QString defaultRegionKey = QStringLiteral("phone.default_region");
    static inline const QString crmContactUrlKey = QStringLiteral("crm.contact_url");
    static inline const QString crmRefreshHoursKey = QStringLiteral("crm.refresh_hours");

    static constexpr int maxReturnTimeoutSeconds = 600;
    static constexpr int maxHours = 24 * 7;

    static const QList<Key> &keys();
    static const Key *key(const QString &name);
    static QStringList keyNames();

    // The stored form of a value: bools as true/false (accepting 1/0, on/off, yes/no), numbers
    // without padding, regions upper-case. Unknown keys and invalid values are errors that say
    // what is accepted. users.default_responsible is only trimmed here: whether the user exists
    // is for the caller to check.
    static Result<QString> normalize(const QString &key, const QString &value);
    static std::optional<bool> parseBool(const QString &text);

    RelaySettings(); // every key at its default
    // From the stored values; an unknown key is ignored, an invalid value falls back to the
    // default with a warning (logged, and appended to *warnings when given).
    static RelaySettings fromMap(const QHash<QString, QString> &stored,
                                 QStringList *warnings = nullptr);
    QHash<QString, QString> toMap() const; // every key, normalised

    QString value(const QString &key) const;
    bool isDefault(const QString &key) const;
    Result<void> set(const QString &key, const QString &value);

    bool redirectToResponsible() const { return boolValue(redirectToResponsibleKey); }
    int returnTimeoutSeconds() const;
    bool callerName() const { return boolValue(callerNameKey); }
    bool hangupBlacklisted() const { return boolValue(hangupBlacklistedKey); }
    bool createUnknownContacts() const { return boolValue(createUnknownContactsKey); }
    bool missedCallTasks() const { return boolValue(missedCallTasksKey); }
    QString defaultResponsible() const { return value(defaultResponsibleKey); } // empty: none
    QString defaultRegion() const { return value(defaultRegionKey); }
    QString crmContactUrl() const { return value(crmContactUrlKey); } // empty: no CRM link
    int crmRefreshHours() const { return value(crmRefreshHoursKey).toInt(); } // 0: never

    friend bool operator==(const RelaySettings &, const RelaySettings &) = default;

private:
    bool boolValue(const QString &key) const;

    QHash<QString, QString> m_values;
};

} // namespace CallBridge
