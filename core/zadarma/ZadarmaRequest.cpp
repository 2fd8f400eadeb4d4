// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/ZadarmaRequest.h"

namespace CallBridge {

bool ZadarmaRequest::isRetrySafe() const
{
    switch (retry) {
    case Retry::Safe:
        return true;
    case Retry::Unsafe:
        return false;
    case Retry::Auto:
        break;
    }
    return httpMethod == "GET" && !methodPath.startsWith("/v1/request/callback/");
}

QByteArray ZadarmaRequest::normalizedMethodPath(QByteArray path)
{
    path = path.trimmed();
    if (!path.startsWith('/'))
        path.prepend(path.startsWith("v1/") ? "/" : "/v1/");
    if (!path.endsWith('/'))
        path.append('/');
    return path;
}

} // namespace CallBridge
