// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/TlsWebSocket.h"

#include <QNetworkRequest>
#include <QRegularExpression>
#include <QWebSocket>

namespace CallBridge {

TlsWebSocket::TlsWebSocket()
    : m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
{
    connect(m_socket, &QWebSocket::connected, this, &StreamSocket::connected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &StreamSocket::textReceived);
    connect(m_socket, &QWebSocket::pong, this, &StreamSocket::alive);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &StreamSocket::failed);
    connect(m_socket, &QWebSocket::disconnected, this, &StreamSocket::disconnected);
}

TlsWebSocket::~TlsWebSocket()
{
    m_socket->disconnect(this);
}

void TlsWebSocket::open(const QNetworkRequest &request)
{
    m_socket->open(request);
}

void TlsWebSocket::sendText(const QString &text)
{
    m_socket->sendTextMessage(text);
}

void TlsWebSocket::close(int code, const QString &reason)
{
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void TlsWebSocket::abort()
{
    m_socket->abort();
}

bool TlsWebSocket::isOpen() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

int TlsWebSocket::closeCode() const
{
    return int(m_socket->closeCode());
}

QString TlsWebSocket::closeReason() const
{
    return m_socket->closeReason();
}

QString TlsWebSocket::errorString() const
{
    return m_socket->errorString();
}

// Qt 6.4 tells a refused upgrade only in words: "…Unhandled http status code: 401 (…)".
int TlsWebSocket::handshakeStatus() const
{
    static const QRegularExpression code(QStringLiteral("status code: (\\d{3})"));
    const QRegularExpressionMatch match = code.match(m_socket->errorString());
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

} // namespace CallBridge
