// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RoutingDirectory.h"

#include "core/store/Store.h"

namespace CallBridge {

QJsonObject RouteDecision::toJson() const
{
    QJsonObject answer;
    if (hangUp) {
        answer.insert(QStringLiteral("hangup"), 1);
        return answer;
    }
    if (!redirectExtension.isEmpty()) {
        answer.insert(QStringLiteral("redirect"), redirectExtension);
        answer.insert(QStringLiteral("return_timeout"), returnTimeoutSeconds);
    }
    if (!callerName.isEmpty())
        answer.insert(QStringLiteral("caller_name"), callerName);
    return answer;
}

Result<void> RoutingDirectory::load(Store &store)
{
    auto users = store.users();
    if (!users)
        return fail(users.error());
    auto routes = store.contactRoutes();
    if (!routes)
        return fail(routes.error());
    auto blacklist = store.blacklist();
    if (!blacklist)
        return fail(blacklist.error());

    setUsers(users.value());
    m_contactsByPhone.clear();
    m_phonesByContact.clear();
    m_contactsByPhone.reserve(routes->size());
    for (const ContactRoute &route : routes.value()) {
        m_contactsByPhone.insert(route.phone, route);
        m_phonesByContact[route.contactId].append(route.phone);
    }
    setBlacklist(blacklist.value());
    return {};
}

void RoutingDirectory::setPolicy(RoutingPolicy policy)
{
    if (policy.defaultRegion != m_normalizer.options().defaultRegion) {
        m_normalizer = PhoneNumberNormalizer({ policy.defaultRegion });
        m_canonicalCache.clear();
    }
    m_policy = std::move(policy);
}

QString RoutingDirectory::canonicalNumber(const QString &raw) const
{
    auto cached = m_canonicalCache.constFind(raw);
    if (cached != m_canonicalCache.cend())
        return *cached;
    if (m_canonicalCache.size() >= maxCachedNumbers)
        m_canonicalCache.clear();
    const QString canonical = m_normalizer.normalize(raw).canonical();
    m_canonicalCache.insert(raw, canonical);
    return canonical;
}

void RoutingDirectory::setUsers(const QList<UserRecord> &users)
{
    const QHash<qint64, UserRecord> before = std::exchange(m_users, {});
    m_userByExtension.clear();
    m_userByTokenHash.clear();
    for (const UserRecord &user : users) {
        m_users.insert(user.id, user);
        if (!user.tokenHash.isEmpty())
            m_userByTokenHash.insert(user.tokenHash, user.id);
        if (!user.extension.isEmpty())
            m_userByExtension.insert(user.extension, user.id);
    }
    if (!m_usersChanged)
        return;
    QList<UserRecord> changed;
    QList<qint64> removed;
    for (const UserRecord &old : before) {
        auto now = m_users.constFind(old.id);
        if (now == m_users.cend())
            removed.append(old.id);
        else if (now->role != old.role || now->tokenHash != old.tokenHash
                 || now->extension != old.extension || now->name != old.name
                 || now->displayName != old.displayName)
            changed.append(*now);
    }
    if (!changed.isEmpty() || !removed.isEmpty())
        m_usersChanged(changed, removed);
}

QList<UserRecord> RoutingDirectory::users() const
{
    return m_users.values();
}

std::optional<UserRecord> RoutingDirectory::user(qint64 id) const
{
    auto it = m_users.constFind(id);
    if (it == m_users.cend())
        return std::nullopt;
    return *it;
}

std::optional<UserRecord> RoutingDirectory::userByExtension(const QString &extension) const
{
    auto it = m_userByExtension.constFind(extension);
    if (it == m_userByExtension.cend())
        return std::nullopt;
    return user(*it);
}

std::optional<UserRecord> RoutingDirectory::userByName(const QString &name) const
{
    for (const UserRecord &candidate : m_users) {
        if (candidate.name == name)
            return candidate;
    }
    return std::nullopt;
}

std::optional<UserRecord> RoutingDirectory::userByTokenHash(const QByteArray &tokenHash) const
{
    auto it = m_userByTokenHash.constFind(tokenHash);
    if (tokenHash.isEmpty() || it == m_userByTokenHash.cend())
        return std::nullopt;
    return user(*it);
}

std::optional<UserRecord> RoutingDirectory::defaultResponsible() const
{
    if (m_policy.defaultResponsible.isEmpty())
        return std::nullopt;
    return userByName(m_policy.defaultResponsible);
}

qint64 RoutingDirectory::responsibleOrDefault(qint64 responsibleUserId) const
{
    if (responsibleUserId != 0 && m_users.contains(responsibleUserId))
        return responsibleUserId;
    auto fallback = defaultResponsible();
    return fallback ? fallback->id : 0;
}

void RoutingDirectory::setContact(const ContactRecord &contact)
{
    removeContact(contact.id);
    QStringList &phones = m_phonesByContact[contact.id];
    for (const QString &phone : contact.phones) {
        m_contactsByPhone.insert(
                phone, ContactRoute { contact.id, phone, contact.name, contact.responsibleUserId });
        phones.append(phone);
    }
}

void RoutingDirectory::removeContact(qint64 contactId)
{
    const QStringList phones = m_phonesByContact.take(contactId);
    for (const QString &phone : phones) {
        auto it = m_contactsByPhone.find(phone);
        if (it != m_contactsByPhone.end() && it->contactId == contactId)
            m_contactsByPhone.erase(it);
    }
}

std::optional<ContactRoute> RoutingDirectory::contactForNumber(const QString &canonical) const
{
    auto it = m_contactsByPhone.constFind(canonical);
    if (canonical.isEmpty() || it == m_contactsByPhone.cend())
        return std::nullopt;
    return *it;
}

void RoutingDirectory::setBlacklist(const QList<BlacklistEntry> &entries)
{
    m_blacklist.clear();
    for (const BlacklistEntry &entry : entries)
        m_blacklist.insert(entry.number);
}

void RoutingDirectory::addToBlacklist(const QString &canonical)
{
    m_blacklist.insert(canonical);
}

void RoutingDirectory::removeFromBlacklist(const QString &canonical)
{
    m_blacklist.remove(canonical);
}

bool RoutingDirectory::isBlacklisted(const QString &canonical) const
{
    return !canonical.isEmpty() && m_blacklist.contains(canonical);
}

RouteDecision RoutingDirectory::routeInbound(const QString &callerIdRaw) const
{
    RouteDecision decision;
    const QString number = canonicalNumber(callerIdRaw);
    if (m_policy.hangUpBlacklisted && isBlacklisted(number)) {
        decision.hangUp = true;
        return decision;
    }
    const auto contact = contactForNumber(number);
    if (!contact)
        return decision; // an unknown caller follows the PBX's own scenario
    decision.contactId = contact->contactId;
    decision.responsibleUserId = responsibleOrDefault(contact->responsibleUserId);
    if (m_policy.sendCallerName)
        decision.callerName = contact->name;
    if (m_policy.redirectToResponsible && decision.responsibleUserId != 0) {
        const auto responsible = user(decision.responsibleUserId);
        if (responsible && !responsible->extension.isEmpty()) {
            decision.redirectExtension = responsible->extension;
            decision.returnTimeoutSeconds = m_policy.returnTimeoutSeconds;
        }
    }
    return decision;
}

} // namespace CallBridge
