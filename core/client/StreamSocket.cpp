// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/StreamSocket.h"

#include "core/client/PlainWebSocket.h"
#include "core/client/TlsWebSocket.h"

#include <QUrl>

namespace CallBridge {

std::unique_ptr<StreamSocket> StreamSocket::create(const QUrl &url)
{
    if (url.scheme() == u"ws" || url.scheme() == u"http")
        return std::make_unique<PlainWebSocket>();
    return std::make_unique<TlsWebSocket>();
}

} // namespace CallBridge
