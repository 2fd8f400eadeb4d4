// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/Authenticator.h"

#include "core/common/Clock.h"
#include "core/relay/RoutingDirectory.h"

#include <QCryptographicHash>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAuth, "callbridge.core.relay.auth")

namespace CallBridge {

Authenticator::Authenticator(const RoutingDirectory *directory, Clock *clock, LoginLimits limits)
    : m_directory(directory), m_clock(clock), m_limits(limits)
{ }

QByteArray Authenticator::hashToken(QByteArrayView token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

Result<UserRecord, AuthFailure> Authenticator::authenticate(QByteArrayView authorizationHeader,
                                                            const QHostAddress &peer)
{
    const QByteArray header = authorizationHeader.trimmed().toByteArray();
    if (header.isEmpty())
        return fail(
                AuthFailure { 401, QStringLiteral("Authorization: Bearer <token> is required.") });
    if (!header.startsWith("Bearer ") && !header.startsWith("bearer "))
        return fail(AuthFailure { 401, QStringLiteral("Only Bearer tokens are accepted.") });
    return authenticateToken(header.mid(7).trimmed(), peer);
}

Result<UserRecord, AuthFailure> Authenticator::authenticateToken(QByteArrayView token,
                                                                 const QHostAddress &peer)
{
    const auto now = m_clock->monotonic();
    const QString key = peer.toString();
    auto it = m_failures.find(key);
    if (it != m_failures.end() && it->lockedUntil > now) {
        const auto seconds = std::chrono::ceil<std::chrono::seconds>(it->lockedUntil - now);
        return fail(AuthFailure { 429,
                                  QStringLiteral("Too many failed sign-ins from this address; "
                                                 "try again in %1 s.")
                                          .arg(seconds.count()),
                                  int(seconds.count()) });
    }
    if (!token.isEmpty()) {
        const QByteArray hash = hashToken(token);
        if (auto user = m_directory->userByTokenHash(hash))
            return user.value();
        if (m_refresh) {
            m_refresh();
            if (auto user = m_directory->userByTokenHash(hash))
                return user.value();
        }
    }
    noteFailure(peer);
    return fail(AuthFailure { 401,
                              QStringLiteral("The token is not valid. Ask an administrator for a "
                                             "new one (callbridge-relay user token NAME).") });
}

void Authenticator::noteFailure(const QHostAddress &peer)
{
    const auto now = m_clock->monotonic();
    Failures &failures = m_failures[peer.toString()];
    failures.times.push_back(now);
    while (!failures.times.empty() && failures.times.front() + m_limits.window < now)
        failures.times.pop_front();
    if (int(failures.times.size()) >= m_limits.maxFailures) {
        failures.lockedUntil = now + m_limits.lockout;
        failures.times.clear();
        qCWarning(lcAuth) << "too many failed sign-ins from" << peer.toString() << "- locked for"
                          << m_limits.lockout.count() << "ms";
    }
    // Bounds memory against a scan from many addresses.
    if (m_failures.size() > 10'000) {
        for (auto entry = m_failures.begin(); entry != m_failures.end();) {
            if (entry->lockedUntil <= now
                && (entry->times.empty() || entry->times.back() + m_limits.window < now))
                entry = m_failures.erase(entry);
            else
                ++entry;
        }
    }
}

} // namespace CallBridge
