// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/zadarma/PhpValue.h"

#include <QByteArray>

namespace CallBridge {

// One Zadarma API call before signing.
struct ZadarmaRequest
{
    enum class Retry {
        Auto, // GET may be repeated, except request/callback (it places a call)
        Safe, // repeating it after a 5xx or a timeout does no harm
        Unsafe, // only a 429 (refused, so not executed) is retried
    };

    QByteArray httpMethod = "GET"; // GET, POST, PUT, DELETE
    QByteArray methodPath; // "/v1/info/balance/"
    PhpArray parameters;
    Retry retry = Retry::Auto;

    bool isStatistics() const { return methodPath.startsWith("/v1/statistics/"); }
    bool isRetrySafe() const;

    // "info/balance", "/v1/info/balance" → "/v1/info/balance/": the trailing-slash form every
    // official client signs and sends.
    static QByteArray normalizedMethodPath(QByteArray path);
};

} // namespace CallBridge
