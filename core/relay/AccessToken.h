// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace CallBridge {

// The bearer tokens of agents and admins: "cbt_" and 32 random bytes as base64url. Shown once;
// the store keeps only hash(token).
class AccessToken
{
public:
    static constexpr QLatin1StringView prefix { "cbt_" };
    static constexpr int randomBytes = 32;
    static constexpr qsizetype length = 4 + 43; // the prefix and 32 bytes in unpadded base64url

    static QString generate();
    // SHA-256 of the token's UTF-8, raw bytes. A fast hash is right here, unlike for passwords:
    // a token has 256 random bits, so no amount of hashing speed makes guessing it feasible, and
    // a slow hash would only make every API request slower.
    static QByteArray hash(const QString &token);
    // Whether text has a token's shape; says nothing about whether it is anyone's.
    static bool isWellFormed(const QString &text);
    // hash(token) == storedHash, in constant time.
    static bool matches(const QString &token, const QByteArray &storedHash);
};

} // namespace CallBridge
