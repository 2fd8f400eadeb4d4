// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/HttpServer.h"

#include "core/http/HttpConnection.h"
#include "core/http/HttpLogging.h"

#include <QDateTime>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace std::chrono_literals;

namespace CallBridge {

namespace {

// RFC 9110 §5.6.7 IMF-fixdate; English names whatever the locale.
QByteArray formatHttpDate(qint64 secondsSinceEpoch)
{
    static const char days[7][4] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    const QDateTime time = QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, Qt::UTC);
    const QDate date = time.date();
    const QTime clock = time.time();
    char text[40];
    const int size = std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                   days[date.dayOfWeek() - 1], date.day(), months[date.month() - 1],
                                   date.year(), clock.hour(), clock.minute(), clock.second());
    return QByteArray(text, qMax(0, size));
}

} // namespace

HttpServer::HttpServer(HttpHandler *handler, HttpServerLimits limits, QObject *parent)
    : QObject(parent), m_handler(handler), m_limits(limits), m_sweepTimer(new QTimer(this))
{
    m_clock.start();
    // Timeouts fire up to an eighth late: precise enough, and one timer for every connection.
    const auto shortest
            = std::min({ m_limits.headerTimeout, m_limits.bodyTimeout, m_limits.idleTimeout });
    m_sweepTimer->setInterval(std::clamp<std::chrono::milliseconds>(shortest / 8, 10ms, 500ms));
    connect(m_sweepTimer, &QTimer::timeout, this, &HttpServer::sweep);
}

HttpServer::~HttpServer()
{
    const QList<HttpConnection *> connections = std::exchange(m_connections, {});
    qDeleteAll(connections);
}

void HttpServer::serve(QTcpServer *server)
{
    server->setParent(this);
    m_servers.append(server);
    if (!m_accepting) {
        server->close();
        return;
    }
    // pendingConnectionAvailable, not newConnection: a QSslServer emits newConnection before
    // the TLS handshake, and has a socket to give only after it.
    connect(server, &QTcpServer::pendingConnectionAvailable, this,
            [this, server] { acceptPending(server); });
    connect(server, &QTcpServer::acceptError, this, [](QAbstractSocket::SocketError error) {
        qCWarning(lcHttp) << "accepting a connection failed:" << error;
    });
    acceptPending(server);
}

void HttpServer::acceptPending(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        if (!m_accepting) {
            socket->abort();
            socket->deleteLater();
        } else if (m_connections.size() >= m_limits.maxConnections) {
            refuseConnection(socket);
        } else {
            m_connections.append(new HttpConnection(this, socket));
            if (!m_sweepTimer->isActive())
                m_sweepTimer->start();
        }
    }
}

void HttpServer::refuseConnection(QTcpSocket *socket)
{
    socket->setParent(this);
    socket->setReadBufferSize(1024); // its request is never read
    const QByteArray body = R"({"error":"too many connections"})";
    QByteArray answer = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                        "Content-Length: "
            + QByteArray::number(body.size()) + "\r\nDate: " + dateHeader()
            + "\r\nConnection: close\r\n\r\n" + body;
    socket->write(answer);
    noteRefusal(503, QStringLiteral("connection limit reached"), socket->peerAddress());
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(m_limits.headerTimeout, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    socket->disconnectFromHost();
}

void HttpServer::stopAccepting()
{
    if (!m_accepting)
        return;
    m_accepting = false;
    for (const QPointer<QTcpServer> &server : std::as_const(m_servers)) {
        if (server) {
            server->close();
            server->deleteLater();
        }
    }
    m_servers.clear();
    const QList<HttpConnection *> connections = m_connections; // draining may close some
    for (HttpConnection *connection : connections)
        connection->beginDrain();
    if (m_connections.isEmpty())
        scheduleDrained();
}

int HttpServer::connectionCount() const
{
    return int(m_connections.size());
}

void HttpServer::connectionClosed(HttpConnection *connection)
{
    m_connections.removeOne(connection);
    connection->deleteLater();
    if (m_connections.isEmpty()) {
        m_sweepTimer->stop();
        if (!m_accepting)
            scheduleDrained();
    }
}

void HttpServer::scheduleDrained()
{
    // Queued: callers are deep inside a connection, and drained() may destroy this server.
    QMetaObject::invokeMethod(
            this,
            [this] {
                if (!m_drainedEmitted && m_connections.isEmpty()) {
                    m_drainedEmitted = true;
                    emit drained();
                }
            },
            Qt::QueuedConnection);
}

void HttpServer::noteRefusal(int status, const QString &reason, const QHostAddress &peer)
{
    ++m_refused;
    qCInfo(lcHttp).noquote() << "refused" << status << "to" << peer.toString() << "-" << reason;
    emit refused(status, reason, peer);
}

void HttpServer::sweep()
{
    const qint64 now = m_clock.elapsed();
    const QList<HttpConnection *> connections = m_connections; // sweeping may close some
    for (HttpConnection *connection : connections)
        connection->sweep(now);
}

QByteArray HttpServer::dateHeader()
{
    const qint64 second = QDateTime::currentSecsSinceEpoch();
    if (second != m_dateSecond) {
        m_dateSecond = second;
        m_date = formatHttpDate(second);
    }
    return m_date;
}

} // namespace CallBridge
