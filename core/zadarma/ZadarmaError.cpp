// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/ZadarmaError.h"

namespace CallBridge {

QString toText(ZadarmaError::Kind kind)
{
    switch (kind) {
    case ZadarmaError::Kind::Configuration:
        return QStringLiteral("configuration");
    case ZadarmaError::Kind::Network:
        return QStringLiteral("network");
    case ZadarmaError::Kind::Timeout:
        return QStringLiteral("timeout");
    case ZadarmaError::Kind::RateLimited:
        return QStringLiteral("rate-limited");
    case ZadarmaError::Kind::Api:
        return QStringLiteral("api");
    case ZadarmaError::Kind::Http:
        return QStringLiteral("http");
    case ZadarmaError::Kind::InvalidResponse:
        return QStringLiteral("invalid-response");
    case ZadarmaError::Kind::QueueFull:
        return QStringLiteral("queue-full");
    case ZadarmaError::Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

QString ZadarmaError::toString() const
{
    const QString status
            = httpStatus > 0 ? QStringLiteral(" (HTTP %1)").arg(httpStatus) : QString();
    switch (kind) {
    case Kind::Configuration:
        return QStringLiteral("Zadarma client is not configured: %1").arg(message);
    case Kind::Network:
        return QStringLiteral("Could not reach the Zadarma API: %1").arg(message);
    case Kind::Timeout:
        return QStringLiteral("The Zadarma API did not answer in time: %1").arg(message);
    case Kind::RateLimited:
        return QStringLiteral("Zadarma's rate limit was exceeded%1: %2").arg(status, message);
    case Kind::Api:
        return QStringLiteral("Zadarma refused the request%1: %2").arg(status, message);
    case Kind::Http:
        return QStringLiteral("The Zadarma API failed%1: %2").arg(status, message);
    case Kind::InvalidResponse:
        return QStringLiteral("The Zadarma API sent an answer that is not valid%1: %2")
                .arg(status, message);
    case Kind::QueueFull:
        return QStringLiteral("Too many Zadarma API requests are waiting: %1").arg(message);
    case Kind::Cancelled:
        return QStringLiteral("The Zadarma API request was cancelled: %1").arg(message);
    }
    return message;
}

} // namespace CallBridge
