// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/AgentStream.h"

#include "core/common/Clock.h"
#include "core/relay/AgentSession.h"
#include "core/relay/AgentStreamLogging.h"
#include "core/relay/FeedHub.h"
#include "core/relay/RelayJson.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <utility>

namespace CallBridge {

namespace {

QString connectionKey(const QHostAddress &local, quint16 localPort, const QHostAddress &peer,
                      quint16 peerPort)
{
    return local.toString() + u'|' + QString::number(localPort) + u'|' + peer.toString() + u'|'
            + QString::number(peerPort);
}

} // namespace

AgentStream::AgentStream(Store *store, FeedHub *feed, RelayMetrics *metrics, Clock *clock,
                         AgentStreamConfig config, QObject *parent)
    : QObject(parent),
      m_store(store),
      m_feed(feed),
      m_metrics(metrics),
      m_clock(clock),
      m_config(config),
      // Never listens: the relay's HTTP server hands it sockets, possibly TLS already.
      m_server(new QWebSocketServer(QStringLiteral("CallBridge relay"),
                                    QWebSocketServer::NonSecureMode, this))
{
    connect(m_server, &QWebSocketServer::newConnection, this,
            &AgentStream::takeUpgradedConnections);
    connect(m_feed, &FeedHub::published, this, &AgentStream::broadcast);
    if (m_config.heartbeatInterval.count() > 0)
        m_clock->callAfter(m_config.heartbeatInterval, this, [this] { heartbeat(); });
}

AgentStream::~AgentStream()
{
    const QList<AgentSession *> sessions = std::exchange(m_sessions, {});
    m_handshaking.clear();
    for (AgentSession *session : sessions)
        session->disconnect(this);
    qDeleteAll(sessions);
}

bool AgentStream::accept(QTcpSocket *socket, const UserRecord &user)
{
    if (m_closing || !socket || socket->state() != QAbstractSocket::ConnectedState)
        return false;
    const QString key = connectionKey(socket->localAddress(), socket->localPort(),
                                      socket->peerAddress(), socket->peerPort());
    if (m_handshaking.contains(key)) { // the same TCP connection twice cannot be
        qCWarning(lcStream) << "refusing a second upgrade on one connection";
        return false;
    }
    auto *session = new AgentSession(this, socket, user);
    m_sessions.append(session);
    m_handshaking.insert(key, session);
    connect(session, &AgentSession::finished, this, [this, session, key] {
        if (m_handshaking.value(key) == session)
            m_handshaking.remove(key);
        forget(session);
    });
    m_server->handleConnection(socket);
    return true;
}

int AgentStream::connectedCount() const
{
    return int(std::count_if(m_sessions.cbegin(), m_sessions.cend(),
                             [](const AgentSession *session) { return session->isConnected(); }));
}

int AgentStream::sessionCount() const
{
    return int(m_sessions.size());
}

void AgentStream::userChanged(const UserRecord &user)
{
    const QList<AgentSession *> sessions = m_sessions; // closing may remove sessions
    for (AgentSession *session : sessions) {
        if (session->user().id != user.id)
            continue;
        const QByteArray &known = session->user().tokenHash;
        if (!user.tokenHash.isEmpty() && !known.isEmpty() && user.tokenHash != known)
            session->close(4401, QStringLiteral("token replaced; sign in again"));
        else
            session->setUser(user);
    }
}

void AgentStream::userRemoved(qint64 userId)
{
    const QList<AgentSession *> sessions = m_sessions;
    for (AgentSession *session : sessions) {
        if (session->user().id == userId)
            session->close(4401, QStringLiteral("user removed"));
    }
}

void AgentStream::closeAll()
{
    if (!m_closing)
        qCInfo(lcStream) << "closing" << m_sessions.size() << "stream connections";
    m_closing = true;
    const QList<AgentSession *> sessions = m_sessions;
    for (AgentSession *session : sessions)
        session->close(1001, QStringLiteral("going away"));
    if (m_sessions.isEmpty() && !m_drained) {
        m_drained = true;
        emit drained();
    }
}

QByteArray AgentStream::textFrame(QByteArrayView utf8)
{
    const auto size = quint64(utf8.size());
    QByteArray frame;
    frame.reserve(qsizetype(size) + 10);
    frame.append(char(0x81)); // FIN, text
    if (size < 126) {
        frame.append(char(size));
    } else if (size <= 0xFFFF) {
        frame.append(char(126));
        frame.append(char(size >> 8));
        frame.append(char(size & 0xFF));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((size >> shift) & 0xFF));
    }
    frame.append(utf8);
    return frame;
}

QByteArray AgentStream::textFrame(const QJsonObject &message)
{
    return textFrame(QJsonDocument(message).toJson(QJsonDocument::Compact));
}

void AgentStream::takeUpgradedConnections()
{
    while (m_server->hasPendingConnections()) {
        QWebSocket *webSocket = m_server->nextPendingConnection();
        if (!webSocket)
            break;
        AgentSession *session = m_handshaking.take(
                connectionKey(webSocket->localAddress(), webSocket->localPort(),
                              webSocket->peerAddress(), webSocket->peerPort()));
        if (!session) {
            qCWarning(lcStream) << "a WebSocket handshake completed on a connection the stream "
                                   "does not know; closing it";
            webSocket->abort();
            webSocket->deleteLater();
            continue;
        }
        session->attach(webSocket);
    }
}

void AgentStream::broadcast(const QList<FeedItem> &items)
{
    const QList<AgentSession *> sessions = m_sessions; // a slow session may close meanwhile
    for (const FeedItem &item : items) {
        // Serialised once, when the first session wants it; every session sends the same bytes.
        QByteArray frame;
        for (AgentSession *session : sessions) {
            if (!session->wants(item))
                continue;
            if (frame.isEmpty())
                frame = textFrame(feedMessage(item));
            session->deliver(item.seq, frame);
        }
    }
}

void AgentStream::heartbeat()
{
    m_clock->callAfter(m_config.heartbeatInterval, this, [this] { heartbeat(); });
    if (m_sessions.isEmpty())
        return;
    const QByteArray frame = textFrame(QJsonObject {
            { QStringLiteral("type"), QStringLiteral("ping") },
            { QStringLiteral("at"), toJson(m_clock->now()) },
    });
    const QList<AgentSession *> sessions = m_sessions;
    for (AgentSession *session : sessions)
        session->heartbeat(frame);
}

void AgentStream::forget(AgentSession *session)
{
    m_sessions.removeOne(session);
    session->deleteLater();
    if (m_closing && m_sessions.isEmpty() && !m_drained) {
        m_drained = true;
        emit drained();
    }
}

} // namespace CallBridge
