// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/desktop/SecretStore.h"

#include <QString>

namespace CallBridge {

// The session's keychain (Secret Service such as GNOME Keyring, or KWallet) through QtKeychain,
// with QtKeychain's plain-file fallback off: a token is kept safe or not kept at all.
class KeychainSecretStore final : public SecretStore
{
public:
    // service: the keychain's name for the entries; tests pass their own.
    explicit KeychainSecretStore(const QString &service = QStringLiteral("CallBridge"));

    void read(const QString &account, QObject *context,
              std::function<void(Result<std::optional<QString>>)> done) override;
    void write(const QString &account, const QString &secret, QObject *context,
               std::function<void(Result<void>)> done) override;
    void remove(const QString &account, QObject *context,
                std::function<void(Result<void>)> done) override;

private:
    QString m_service;
};

} // namespace CallBridge
