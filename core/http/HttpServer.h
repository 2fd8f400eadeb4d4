// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/HttpRequest.h"
#include "core/http/HttpResponse.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <memory>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace CallBridge {

class HttpConnection;

struct HttpServerLimits
{
    int maxConnections = 2000; // beyond this, new connections get 503 and are closed
    qsizetype maxHeaderBytes = 16 * 1024; // request line + headers; beyond: 431
    qsizetype maxBodyBytes = 1024 * 1024; // default; HttpHandler::maxBodyBytes() may lower it
    std::chrono::milliseconds headerTimeout { 10'000 }; // to receive a whole request head: 408
    std::chrono::milliseconds bodyTimeout { 30'000 }; // to receive the whole body: 408
    std::chrono::milliseconds idleTimeout { 60'000 }; // keep-alive without a request: close
    int maxRequestsPerConnection = 10'000;
};

// Answers one request. Move-only; the request's connection writes responses in request order.
// Answering after the client went away is a no-op. A responder destroyed without an answer
// answers 500, so no client is left hanging.
class HttpResponder
{
public:
    HttpResponder() = default;
    HttpResponder(HttpResponder &&other) noexcept;
    HttpResponder &operator=(HttpResponder &&other) noexcept;
    HttpResponder(const HttpResponder &) = delete;
    HttpResponder &operator=(const HttpResponder &) = delete;
    ~HttpResponder();

    void send(HttpResponse response);
    bool isValid() const; // not yet answered and the connection is still open

private:
    friend class HttpConnection;
    HttpResponder(HttpConnection *connection, quint64 requestNumber);
    void abandon();
    QPointer<HttpConnection> m_connection;
    quint64 m_requestNumber = 0;
    bool m_answered = false;
};

class HttpHandler
{
public:
    virtual ~HttpHandler() = default;

    // The largest body accepted for this request head (checked against Content-Length before
    // the body is read, and while it arrives): beyond it the server answers 413 and closes.
    virtual qsizetype maxBodyBytes(const HttpRequest &head) const = 0;

    // A request whose "Upgrade: websocket" head is complete. Return true to take the socket:
    // the server stops reading it, leaves the head unread in the socket (it has only peeked at
    // it) and hands it over; the handler becomes its owner (QWebSocketServer::handleConnection
    // reads the handshake from it). Return false to have the request handled as a normal one.
    virtual bool upgrade(const HttpRequest &head, QTcpSocket *socket) = 0;

    // A complete request. Answer now or later through the responder.
    virtual void handle(HttpRequest request, HttpResponder responder) = 0;
};

// A small HTTP/1.1 server with the limits Qt HTTP Server 6.4 lacks: request size, header,
// body and idle timeouts, a connection cap, "Expect: 100-continue", keep-alive with pipelined
// requests answered in order, asynchronous answers, and streamed file ranges. It serves any
// QTcpServer, so a QSslServer gives HTTPS.
class HttpServer : public QObject
{
    Q_OBJECT

public:
    HttpServer(HttpHandler *handler, HttpServerLimits limits, QObject *parent = nullptr);
    ~HttpServer() override;

    // Takes ownership of a listening server and serves its connections.
    void serve(QTcpServer *server);
    // Stops accepting new connections (listening servers are closed); open connections finish
    // the requests they have started and then close; drained() is emitted when none is left.
    void stopAccepting();
    int connectionCount() const;
    const HttpServerLimits &limits() const { return m_limits; }

    // Refusals the server itself made (431, 413, 408, 400, 503 …), for metrics.
    quint64 refusedCount() const { return m_refused; }

signals:
    void drained();
    // One line a person can act on; never contains request bodies or header values.
    void refused(int status, const QString &reason, const QHostAddress &peer);

private:
    friend class HttpConnection;
    void acceptPending(QTcpServer *server);
    void connectionClosed(HttpConnection *connection);
    void noteRefusal(int status, const QString &reason, const QHostAddress &peer);
    void refuseConnection(QTcpSocket *socket);
    void sweep();
    void scheduleDrained();
    QByteArray dateHeader();

    HttpHandler *m_handler;
    HttpServerLimits m_limits;
    QList<QPointer<QTcpServer>> m_servers;
    QList<HttpConnection *> m_connections;
    bool m_accepting = true;
    bool m_drainedEmitted = false;
    quint64 m_refused = 0;
    QElapsedTimer m_clock; // monotonic milliseconds for the connections' timeouts
    QTimer *m_sweepTimer; // one periodic timeout check for all connections
    QByteArray m_date; // the Date header, formatted once a second
    qint64 m_dateSecond = -1;
};

} // namespace CallBridge
