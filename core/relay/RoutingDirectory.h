// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/phone/PhoneNumberNormalizer.h"
#include "core/relay/RoutingPolicy.h"
#include "core/store/StoreTypes.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>

#include <functional>
#include <optional>

namespace CallBridge {

class Store;

// What NOTIFY_START is answered with.
struct RouteDecision
{
    bool hangUp = false;
    QString redirectExtension;
    int returnTimeoutSeconds = 0;
    QString callerName;
    qint64 contactId = 0;
    qint64 responsibleUserId = 0;

    QJsonObject toJson() const; // {} when the PBX's own scenario should run
};

// Everything the relay answers NOTIFY_START from, held in memory so that the answer never
// waits for the disk or the network: contacts by phone, users, blacklist and switches.
class RoutingDirectory
{
public:
    Result<void> load(Store &store);

    void setPolicy(RoutingPolicy policy);
    const RoutingPolicy &policy() const { return m_policy; }
    const PhoneNumberNormalizer &normalizer() const { return m_normalizer; }
    QString canonicalNumber(const QString &raw) const;

    void setUsers(const QList<UserRecord> &users);
    // Told about every user that changed or went away in setUsers() (and load()), so that the
    // agents' stream can re-check what an open session may see.
    using UsersChanged
            = std::function<void(const QList<UserRecord> &changed, const QList<qint64> &removed)>;
    void setUsersChangedHandler(UsersChanged handler) { m_usersChanged = std::move(handler); }
    QList<UserRecord> users() const;
    std::optional<UserRecord> user(qint64 id) const;
    std::optional<UserRecord> userByExtension(const QString &extension) const;
    std::optional<UserRecord> userByName(const QString &name) const;
    std::optional<UserRecord> userByTokenHash(const QByteArray &tokenHash) const;
    // The default responsible, when it names an existing user.
    std::optional<UserRecord> defaultResponsible() const;
    // The contact's own responsible when it exists, else the default responsible; 0: nobody.
    qint64 responsibleOrDefault(qint64 responsibleUserId) const;

    void setContact(const ContactRecord &contact); // adds or replaces its phones
    void removeContact(qint64 contactId);
    std::optional<ContactRoute> contactForNumber(const QString &canonical) const;
    qsizetype contactPhoneCount() const { return m_contactsByPhone.size(); }

    void setBlacklist(const QList<BlacklistEntry> &entries);
    void addToBlacklist(const QString &canonical);
    void removeFromBlacklist(const QString &canonical);
    bool isBlacklisted(const QString &canonical) const;

    // Zadarma's times are in the account's zone; the relay learns the offset at start.
    void setAccountUtcOffsetSeconds(int seconds) { m_accountUtcOffset = seconds; }
    int accountUtcOffsetSeconds() const { return m_accountUtcOffset; }

    RouteDecision routeInbound(const QString &callerIdRaw) const;

private:
    RoutingPolicy m_policy;
    PhoneNumberNormalizer m_normalizer;
    // libphonenumber costs tens of microseconds a number, and each event of a call repeats it.
    static constexpr qsizetype maxCachedNumbers = 50'000;
    mutable QHash<QString, QString> m_canonicalCache;
    QHash<qint64, UserRecord> m_users;
    QHash<QString, qint64> m_userByExtension;
    QHash<QByteArray, qint64> m_userByTokenHash;
    QHash<QString, ContactRoute> m_contactsByPhone;
    QHash<qint64, QStringList> m_phonesByContact;
    QSet<QString> m_blacklist;
    int m_accountUtcOffset = 0;
    UsersChanged m_usersChanged;
};

} // namespace CallBridge
