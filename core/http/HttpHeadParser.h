// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/HttpRequest.h"

#include <QByteArrayView>

namespace CallBridge {

// What the server needs to know about a request head beyond HttpRequest's fields.
struct HttpHead
{
    int status = 0; // 0 when the head is acceptable, else the status to refuse it with
    const char *problem = nullptr; // why it was refused; never quotes the request
    bool http10 = false;
    bool keepAlive = true;
    bool expectContinue = false;
    bool upgradeWebSocket = false; // "Upgrade: websocket" and "Connection: upgrade"
    bool transferEncoding = false;
    qint64 contentLength = 0;
};

// Parses a complete request head (request line, header lines and the empty line, CRLF line
// ends) into request's method, target, path, query and headers. Strict where leniency lets
// requests be smuggled: no bare CR or LF, no obsolete line folding, no space before a colon,
// one Content-Length value, one Host.
HttpHead parseHttpRequestHead(QByteArrayView head, HttpRequest &request);

} // namespace CallBridge
