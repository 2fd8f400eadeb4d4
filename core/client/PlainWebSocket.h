// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/StreamSocket.h"

#include <QByteArray>
#include <QNetworkRequest>

class QTcpSocket;

namespace CallBridge {

// A WebSocket client (RFC 6455) for ws:// relays on a plain QTcpSocket: the upgrade with the
// request's headers, text messages (fragmented or not), ping/pong and the closing handshake.
// Binary messages are read and dropped; no extensions or subprotocols. See StreamSocket for why
// QWebSocket is not used here.
class PlainWebSocket : public StreamSocket
{
    Q_OBJECT

public:
    PlainWebSocket();
    ~PlainWebSocket() override;

    void open(const QNetworkRequest &request) override;
    void sendText(const QString &text) override;
    void close(int code, const QString &reason) override;
    void abort() override;

    bool isOpen() const override { return m_state == State::Open; }
    int closeCode() const override { return m_closeCode; }
    QString closeReason() const override { return m_closeReason; }
    QString errorString() const override { return m_error; }
    int handshakeStatus() const override { return m_handshakeStatus; }

    static constexpr qsizetype maxMessageSize = 16 * 1024 * 1024;

private:
    enum class State { Idle, Upgrading, Open, Closing, Closed };

    void sendUpgrade();
    void readSocket();
    bool readUpgradeAnswer();
    bool readFrame();
    void handleFrame(int opcode, bool final, QByteArray payload);
    void sendFrame(int opcode, const QByteArray &payload);
    void fail(const QString &message, int closeCode = 0);
    void onSocketGone();

    QTcpSocket *m_socket = nullptr;
    QNetworkRequest m_request;
    State m_state = State::Idle;
    QByteArray m_key;
    QByteArray m_buffer;
    QByteArray m_message; // a fragmented text message so far
    bool m_inMessage = false;
    bool m_messageIsText = false;
    bool m_closeSent = false;
    int m_closeCode = 1006; // no close frame (yet)
    QString m_closeReason;
    QString m_error;
    int m_handshakeStatus = 0;
};

} // namespace CallBridge
