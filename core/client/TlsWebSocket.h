// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/StreamSocket.h"

class QWebSocket;

namespace CallBridge {

// A StreamSocket on QWebSocket, for wss:// relays (TLS).
class TlsWebSocket : public StreamSocket
{
    Q_OBJECT

public:
    TlsWebSocket();
    ~TlsWebSocket() override;

    void open(const QNetworkRequest &request) override;
    void sendText(const QString &text) override;
    void close(int code, const QString &reason) override;
    void abort() override;

    bool isOpen() const override;
    int closeCode() const override;
    QString closeReason() const override;
    QString errorString() const override;
    int handshakeStatus() const override;

private:
    QWebSocket *m_socket;
};

} // namespace CallBridge
