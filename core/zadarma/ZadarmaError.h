// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace CallBridge {

// Why a Zadarma API call failed, with Zadarma's own message where it sent one.
struct ZadarmaError
{
    enum class Kind {
        Configuration, // no key/secret, bad base URL: nothing was sent
        Network, // the connection failed
        Timeout, // no complete answer in time
        RateLimited, // 429 after every allowed retry
        Api, // Zadarma answered {"status":"error","message":…} (any HTTP status)
        Http, // an HTTP error without a Zadarma error body
        InvalidResponse, // not JSON, not an object, too large, a redirect
        QueueFull, // too many requests already waiting; nothing was sent
        Cancelled, // the client was shut down first
    };

    Kind kind = Kind::Network;
    int httpStatus = 0; // 0 when no HTTP answer arrived
    QString message; // Zadarma's message, or our description
    int attempts = 0; // how many times the request was sent

    // One line a person can act on, e.g. "Zadarma refused the request (HTTP 401): Auth error".
    QString toString() const;
};

QString toText(ZadarmaError::Kind kind);

} // namespace CallBridge
