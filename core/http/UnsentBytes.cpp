// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/UnsentBytes.h"

#include <QTcpSocket>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

namespace CallBridge {

qint64 unsentBytes(const QTcpSocket *socket)
{
    if (!socket)
        return 0;
    qint64 pending = socket->bytesToWrite();
#if QT_CONFIG(ssl)
    if (const auto *tls = qobject_cast<const QSslSocket *>(socket))
        pending += tls->encryptedBytesToWrite();
#endif
    return pending;
}

} // namespace CallBridge
