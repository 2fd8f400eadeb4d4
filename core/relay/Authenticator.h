// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/store/StoreTypes.h"

#include <QHash>
#include <QHostAddress>

#include <chrono>
#include <deque>
#include <functional>

namespace CallBridge {

class Clock;
class RoutingDirectory;

struct AuthFailure
{
    int httpStatus = 401; // 401 unknown token, 429 too many failures from this address
    QString message;
    int retryAfterSeconds = 0; // for 429
};

struct LoginLimits
{
    int maxFailures = 20; // per address within the window …
    std::chrono::milliseconds window { 60'000 };
    std::chrono::milliseconds lockout { 60'000 }; // … then every attempt is refused this long
};

// Bearer tokens → users, with a limit on failed attempts per address so that tokens cannot be
// guessed online.
class Authenticator
{
public:
    Authenticator(const RoutingDirectory *directory, Clock *clock, LoginLimits limits = {});

    // Called before an unknown token is refused: a user the operator CLI has just added (in
    // another process) is then known at once instead of after the next poll.
    void setRefresh(std::function<void()> refresh) { m_refresh = std::move(refresh); }

    // "Authorization: Bearer <token>"
    Result<UserRecord, AuthFailure> authenticate(QByteArrayView authorizationHeader,
                                                 const QHostAddress &peer);
    Result<UserRecord, AuthFailure> authenticateToken(QByteArrayView token,
                                                      const QHostAddress &peer);

    static QByteArray hashToken(QByteArrayView token);

private:
    struct Failures
    {
        std::deque<std::chrono::milliseconds> times;
        std::chrono::milliseconds lockedUntil { 0 };
    };
    void noteFailure(const QHostAddress &peer);

    const RoutingDirectory *m_directory;
    Clock *m_clock;
    LoginLimits m_limits;
    std::function<void()> m_refresh;
    QHash<QString, Failures> m_failures;
};

} // namespace CallBridge
