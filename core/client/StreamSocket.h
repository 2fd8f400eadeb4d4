// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QNetworkRequest;
class QUrl;

namespace CallBridge {

// The WebSocket under StreamClient, one connection attempt per object. A wss:// relay gets
// QWebSocket (TlsWebSocket); a ws:// relay gets PlainWebSocket, because merely constructing a
// QWebSocket builds a QSslConfiguration, which loads Qt's TLS backend with libssl and libcrypto
// (5.5 MB resident for the life of the app), and in Qt 6.4 even choosing the "cert-only" backend
// loads them. So the TLS libraries are loaded only when a relay address is https.
class StreamSocket : public QObject
{
    Q_OBJECT

public:
    // PlainWebSocket for ws:// (and http://), TlsWebSocket for anything else.
    static std::unique_ptr<StreamSocket> create(const QUrl &url);

    using QObject::QObject;

    virtual void open(const QNetworkRequest &request) = 0;
    virtual void sendText(const QString &text) = 0;
    // Says goodbye with a close frame; disconnected() follows once the relay answered.
    virtual void close(int code, const QString &reason) = 0;
    virtual void abort() = 0;

    virtual bool isOpen() const = 0; // the upgrade succeeded and the connection is up
    virtual int closeCode() const = 0; // from the relay's close frame
    virtual QString closeReason() const = 0;
    virtual QString errorString() const = 0;
    virtual int handshakeStatus() const = 0; // the HTTP status of a refused upgrade, else 0

signals:
    void connected(); // the upgrade succeeded
    void textReceived(const QString &text);
    void alive(); // a ping or pong frame from the relay
    void failed(); // errorString() says why; disconnected() comes too
    void disconnected();
};

} // namespace CallBridge
