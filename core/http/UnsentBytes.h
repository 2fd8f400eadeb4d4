// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

class QTcpSocket;

namespace CallBridge {

// Bytes a socket has accepted from us but not yet handed to the kernel, a TLS socket's encrypted
// buffer included: what a server bounds for a client that reads too slowly.
qint64 unsentBytes(const QTcpSocket *socket);

} // namespace CallBridge
