// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QString>

#include <functional>
#include <optional>

class QObject;

namespace CallBridge {

// Where the desktop app keeps its relay token: the OS keychain in the app (KeychainSecretStore),
// memory in tests. There is no plain-file fallback: when no keychain works, every call fails with
// a message that says so and what to install.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    // Each call is asynchronous; `done` runs once unless `context` is destroyed first.
    // read: nullopt when nothing is stored under `account`.
    virtual void read(const QString &account, QObject *context,
                      std::function<void(Result<std::optional<QString>>)> done)
            = 0;
    virtual void write(const QString &account, const QString &secret, QObject *context,
                       std::function<void(Result<void>)> done)
            = 0;
    virtual void remove(const QString &account, QObject *context,
                        std::function<void(Result<void>)> done)
            = 0;
};

} // namespace CallBridge
