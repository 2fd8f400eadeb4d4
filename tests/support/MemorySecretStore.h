// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/desktop/SecretStore.h"

#include <QHash>

namespace CallBridge::Test {

// A SecretStore in memory. Answers arrive later from the event loop, as the keychain's do, so
// code that expects them at once fails here too. setFailure() makes every call fail.
class MemorySecretStore final : public SecretStore
{
public:
    void read(const QString &account, QObject *context,
              std::function<void(Result<std::optional<QString>>)> done) override;
    void write(const QString &account, const QString &secret, QObject *context,
               std::function<void(Result<void>)> done) override;
    void remove(const QString &account, QObject *context,
                std::function<void(Result<void>)> done) override;

    // Empty: calls succeed again.
    void setFailure(const QString &message) { m_failure = message; }
    std::optional<QString> secret(const QString &account) const;
    void setSecret(const QString &account, const QString &secret) { m_secrets[account] = secret; }
    int calls() const { return m_calls; }

private:
    QHash<QString, QString> m_secrets;
    QString m_failure;
    int m_calls = 0;
};

} // namespace CallBridge::Test
