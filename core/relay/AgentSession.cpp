// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/AgentSession.h"

#include "core/common/Clock.h"
#include "core/http/UnsentBytes.h"
#include "core/relay/AgentStream.h"
#include "core/relay/AgentStreamLogging.h"
#include "core/relay/FeedHub.h"
#include "core/relay/RelayJson.h"
#include "core/relay/RelayMetrics.h"
#include "core/store/Store.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QWebSocket>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

#include <algorithm>

namespace CallBridge {

namespace {

QString peerText(const QTcpSocket &socket)
{
    const QHostAddress address = socket.peerAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
            ? u'[' + address.toString() + u']'
            : address.toString();
    return host + u':' + QString::number(socket.peerPort());
}

QJsonObject message(const QString &type)
{
    return { { QStringLiteral("type"), type } };
}

// Application close codes (4000–4999) are valid on the wire; Qt's enum just does not name them.
QWebSocketProtocol::CloseCode closeCode(int code)
{
    return static_cast<QWebSocketProtocol::CloseCode>(code);
}

} // namespace

AgentSession::AgentSession(AgentStream *stream, QTcpSocket *socket, const UserRecord &user)
    : QObject(stream),
      m_stream(stream),
      m_socket(socket),
      m_user(user),
      m_peer(peerText(*socket)),
      m_acceptedAt(stream->clock()->monotonic())
{
    socket->setParent(this);
#if QT_CONFIG(ssl)
    m_sslSocket = qobject_cast<QSslSocket *>(socket);
    if (m_sslSocket) {
        connect(m_sslSocket, &QSslSocket::encryptedBytesWritten, this, [this] {
            if (m_state == State::Replaying)
                sendReplay();
        });
    }
#endif
    connect(socket, &QAbstractSocket::bytesWritten, this, [this] {
        if (m_state == State::Replaying)
            sendReplay();
    });
    connect(socket, &QAbstractSocket::disconnected, this, &AgentSession::onDisconnected);

    const auto helloTimeout = m_stream->config().helloTimeout;
    m_stream->clock()->callAfter(helloTimeout, this, [this, helloTimeout] {
        if (m_state == State::Handshaking || m_state == State::AwaitingHello)
            close(4408, QStringLiteral("no hello within %1 ms").arg(helloTimeout.count()));
    });
}

AgentSession::~AgentSession()
{
    // Nothing below may call back into a session (or a stream) that is going away.
    if (m_socket)
        m_socket->disconnect(this);
    // The QWebSocket first: it still says "going away" on a socket that is open, and then lets
    // go of the socket's signals.
    if (m_webSocket) {
        m_webSocket->disconnect(this);
        delete m_webSocket.data();
    }
    delete m_socket.data();
}

bool AgentSession::isConnected() const
{
    return m_state == State::Scanning || m_state == State::Replaying || m_state == State::Live;
}

void AgentSession::attach(QWebSocket *webSocket)
{
    webSocket->setParent(this);
    m_webSocket = webSocket;
    if (m_state != State::Handshaking) { // closed while the handshake was read
        webSocket->abort();
        return;
    }
    m_state = State::AwaitingHello;
    const auto limit = quint64(std::max<qint64>(m_stream->config().maxIncomingMessageBytes, 1024));
    webSocket->setMaxAllowedIncomingFrameSize(limit);
    webSocket->setMaxAllowedIncomingMessageSize(limit);
    connect(webSocket, &QWebSocket::textMessageReceived, this, &AgentSession::onText);
    connect(webSocket, &QWebSocket::binaryMessageReceived, this, [this] {
        noteLife();
        close(4400, QStringLiteral("binary messages are not part of the protocol"));
    });
    connect(webSocket, &QWebSocket::pong, this, &AgentSession::noteLife);
    // The client's close frame, or our own close(): write nothing more after it.
    connect(webSocket, &QWebSocket::aboutToClose, this, [this] { m_state = State::Closing; });
}

bool AgentSession::wants(const FeedItem &item) const
{
    return (m_state == State::Live || m_state == State::Replaying) && item.seq > m_lastSeq
            && FeedHub::mayView(m_user, item);
}

void AgentSession::deliver(qint64 seq, const QByteArray &frame)
{
    m_lastSeq = seq;
    if (m_state == State::Live) {
        write(frame);
    } else {
        m_queued.push_back({ seq, frame });
        m_queuedBytes += frame.size();
    }
    checkBacklog();
}

void AgentSession::heartbeat(const QByteArray &frame)
{
    if (!isConnected())
        return;
    write(frame);
    m_webSocket->ping();
}

void AgentSession::setUser(const UserRecord &user)
{
    m_user = user;
    if (isConnected()) {
        QJsonObject changed = message(QStringLiteral("user_changed"));
        changed.insert(QStringLiteral("user"), toJson(user));
        send(changed);
    }
}

void AgentSession::close(int code, const QString &reason)
{
    if (m_state == State::Closing)
        return;
    m_state = State::Closing;
    m_closeCode = code;
    m_closeReason = reason;
    m_replay.clear();
    m_queued.clear();
    m_queuedBytes = 0;
    if (code != 1001) // shutdown says it once for everyone
        qCInfo(lcStream).noquote() << QStringLiteral("closing the stream of %1 at %2: %3 %4")
                                              .arg(m_user.name, m_peer)
                                              .arg(code)
                                              .arg(reason);
    if (!m_webSocket) { // still in the handshake: there is no WebSocket to say goodbye on
        if (m_socket)
            m_socket->abort();
        return;
    }
    // The close frame waits behind whatever is still queued; a client that does not read it
    // (or does not answer it) is cut off.
    m_stream->clock()->callAfter(m_stream->config().closeTimeout, this, [this] {
        if (m_socket && m_socket->state() != QAbstractSocket::UnconnectedState)
            m_socket->abort();
    });
    m_webSocket->close(closeCode(code), reason);
}

qint64 AgentSession::pendingBytes() const
{
    return unsentBytes(m_socket);
}

void AgentSession::onText(const QString &text)
{
    noteLife();
    if (m_state == State::Closing)
        return;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (!document.isObject()) {
        close(4400, QStringLiteral("every message is a JSON object"));
        return;
    }
    const QJsonObject received = document.object();
    const QString type = received.value(QStringLiteral("type")).toString();
    if (m_state == State::AwaitingHello) {
        if (type != QStringLiteral("hello")) {
            close(4400, QStringLiteral("the first message must be hello"));
            return;
        }
        onHello(received);
        return;
    }
    if (type == QStringLiteral("ping")) {
        send(message(QStringLiteral("pong")));
    } else if (type == QStringLiteral("ack")) {
        // Accepted and ignored: the client keeps its own resume point and says it in hello.
    } else if (type == QStringLiteral("hello")) {
        close(4400, QStringLiteral("hello was already received"));
    } else {
        // Unknown types are ignored, so that newer clients can talk to this relay.
        qCDebug(lcStream) << "ignoring a message of type" << type << "from" << m_peer;
    }
}

void AgentSession::onHello(const QJsonObject &hello)
{
    const QJsonValue resume = hello.value(QStringLiteral("resume_after"));
    qint64 resumeAfter = 0;
    if (!resume.isUndefined() && !resume.isNull()) {
        resumeAfter = resume.isDouble() ? resume.toInteger(-1) : -1;
        if (resumeAfter < 0) {
            close(4400, QStringLiteral("resume_after must be a sequence number, or 0"));
            return;
        }
    }
    auto latest = m_stream->store()->latestFeedSeq();
    // A shared store's connection may have gone with a database restart; the check opens a new
    // one, and the read is worth one more try.
    if (!latest && m_stream->store()->changedElsewhere())
        latest = m_stream->store()->latestFeedSeq();
    if (!latest) {
        qCWarning(lcStream) << "cannot start a replay:" << latest.error().message;
        close(1011, QStringLiteral("the relay cannot read its storage; retry later"));
        return;
    }

    const AgentStreamConfig &config = m_stream->config();
    m_state = State::Scanning;
    qCInfo(lcStream).noquote() << QStringLiteral(
                                          "%1 %2 connected from %3, resuming after %4 (latest %5)")
                                          .arg(toText(m_user.role), m_user.name, m_peer)
                                          .arg(resumeAfter)
                                          .arg(latest.value());
    QJsonObject welcome = message(QStringLiteral("welcome"));
    welcome.insert(QStringLiteral("user"), toJson(m_user));
    welcome.insert(QStringLiteral("latest_seq"), latest.value());
    welcome.insert(QStringLiteral("heartbeat_ms"), qint64(config.heartbeatInterval.count()));
    welcome.insert(QStringLiteral("client_timeout_ms"), qint64(config.clientTimeout.count()));
    send(welcome);

    noteLife();
    m_stream->clock()->callAfter(config.clientTimeout, this, [this] { checkLiveness(); });

    // A resume point beyond the newest item means the feed was reset: start from its end.
    m_cursor = std::min(resumeAfter, latest.value());
    if (latest.value() - m_cursor > config.maxReplayScan) {
        m_cursor = latest.value() - std::max(config.maxReplayScan, 0);
        m_truncated = true;
    }
    scan();
}

void AgentSession::scan()
{
    if (m_state != State::Scanning)
        return;
    const AgentStreamConfig &config = m_stream->config();
    const int pageSize = std::max(config.replayPageSize, 1);
    auto page = m_stream->store()->feedAfter(m_cursor, pageSize);
    if (!page && m_stream->store()->changedElsewhere())
        page = m_stream->store()->feedAfter(m_cursor, pageSize);
    if (!page) {
        qCWarning(lcStream) << "replay for" << m_user.name << "failed:" << page.error().message;
        close(1011, QStringLiteral("the relay cannot read its storage; retry later"));
        return;
    }
    const auto maxItems = std::size_t(std::max(config.maxReplayItems, 0));
    for (FeedItem &item : page.value()) {
        m_cursor = item.seq;
        if (!FeedHub::mayView(m_user, item))
            continue;
        m_replay.push_back(std::move(item));
        if (m_replay.size() > maxItems) {
            m_replay.pop_front();
            m_truncated = true;
        }
    }
    if (page->size() == pageSize) {
        // More to read: one page per event-loop turn, so webhooks are answered in between.
        QMetaObject::invokeMethod(this, &AgentSession::scan, Qt::QueuedConnection);
        return;
    }

    // Caught up with the store. Items are stored before they are published, so everything
    // published until now has been read; later items reach deliver() with a greater seq.
    m_lastSeq = m_cursor;
    m_state = State::Replaying;
    if (m_truncated) {
        QJsonObject truncated = message(QStringLiteral("replay_truncated"));
        truncated.insert(QStringLiteral("oldest_seq"),
                         m_replay.empty() ? m_cursor + 1 : m_replay.front().seq);
        send(truncated);
    }
    sendReplay();
}

void AgentSession::sendReplay()
{
    // Only as fast as the client reads: a full replay must not sit in memory twice.
    const qint64 window = std::min<qint64>(m_stream->config().maxPendingBytes / 2, 1024 * 1024);
    while (!m_replay.empty()) {
        if (m_state != State::Replaying || pendingBytes() > window)
            return; // bytesWritten() calls again
        write(AgentStream::textFrame(toJson(m_replay.front())));
        m_replay.pop_front();
    }
    if (m_state == State::Replaying)
        goLive();
}

void AgentSession::goLive()
{
    QJsonObject done = message(QStringLiteral("replay_done"));
    done.insert(QStringLiteral("seq"), m_cursor);
    send(done);
    m_state = State::Live;
    m_replay = {};
    for (const Queued &queued : std::as_const(m_queued))
        write(queued.frame);
    m_queued.clear();
    m_queuedBytes = 0;
    checkBacklog();
}

void AgentSession::write(const QByteArray &frame)
{
    if (!m_socket || m_state == State::Closing
        || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_socket->write(frame);
    ++m_sent;
    m_stream->metrics()->countStreamMessages(1);
}

void AgentSession::send(const QJsonObject &message)
{
    write(AgentStream::textFrame(message));
}

void AgentSession::checkBacklog()
{
    if (m_state == State::Closing)
        return;
    if (pendingBytes() + m_queuedBytes > m_stream->config().maxPendingBytes)
        close(1008, QStringLiteral("too slow; resume with your last seq"));
}

void AgentSession::noteLife()
{
    m_lastHeard = m_stream->clock()->monotonic();
}

void AgentSession::checkLiveness()
{
    if (!isConnected())
        return;
    const auto timeout = m_stream->config().clientTimeout;
    const auto quiet = m_stream->clock()->monotonic() - m_lastHeard;
    if (quiet >= timeout) {
        close(4408, QStringLiteral("nothing heard for %1 ms").arg(quiet.count()));
        return;
    }
    m_stream->clock()->callAfter(timeout - quiet, this, [this] { checkLiveness(); });
}

void AgentSession::onDisconnected()
{
    if (m_finished)
        return;
    m_finished = true;
    m_state = State::Closing;
    int code = m_closeCode;
    QString reason = m_closeReason;
    const char *by = "relay";
    if (code == 0) {
        by = "client or protocol"; // QWebSocket closes by itself on oversized or bad frames
        if (m_webSocket) {
            code = int(m_webSocket->closeCode());
            reason = m_webSocket->closeReason();
        }
    }
    const auto lasted = m_stream->clock()->monotonic() - m_acceptedAt;
    qCInfo(lcStream).noquote()
            << QStringLiteral(
                       "%1 disconnected from %2 after %3 s and %4 messages; closed by %5: %6 %7")
                       .arg(m_user.name, m_peer)
                       .arg(double(lasted.count()) / 1000, 0, 'f', 1)
                       .arg(m_sent)
                       .arg(QLatin1StringView(by))
                       .arg(code)
                       .arg(reason);
    emit finished();
}

} // namespace CallBridge
