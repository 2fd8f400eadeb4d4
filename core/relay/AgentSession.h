// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/StoreTypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <deque>

class QSslSocket;
class QTcpSocket;
class QWebSocket;

namespace CallBridge {

class AgentStream;

// One agent's connection to the stream, from the WebSocket handshake to the hang-up: hello,
// replay from the store, live items, heartbeats, flow control. Owned by AgentStream; writes
// go straight to the socket as pre-built frames so that one serialisation serves every agent.
class AgentSession : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Handshaking, // QWebSocketServer is reading the upgrade request
        AwaitingHello,
        Scanning, // reading the store for the replay; live items are in the store too
        Replaying, // sending the replay as the socket drains; live items are queued
        Live,
        Closing,
    };

    AgentSession(AgentStream *stream, QTcpSocket *socket, const UserRecord &user);
    ~AgentSession() override;

    State state() const { return m_state; }
    bool isConnected() const; // past hello and not closing
    const UserRecord &user() const { return m_user; }
    QString peer() const { return m_peer; }

    void attach(QWebSocket *webSocket);
    // Whether a published item is for this session: deliver() it then.
    bool wants(const FeedItem &item) const;
    void deliver(qint64 seq, const QByteArray &frame);
    void heartbeat(const QByteArray &frame);
    void setUser(const UserRecord &user);
    void close(int code, const QString &reason);
    // Bytes written to the socket but not yet taken by the network.
    qint64 pendingBytes() const;

signals:
    void finished(); // the connection is gone; the stream deletes the session

private:
    struct Queued
    {
        qint64 seq;
        QByteArray frame;
    };

    void onText(const QString &text);
    void onHello(const QJsonObject &hello);
    void scan();
    void sendReplay();
    void goLive();
    void write(const QByteArray &frame);
    void send(const QJsonObject &message);
    void checkBacklog();
    void noteLife();
    void checkLiveness();
    void onDisconnected();

    AgentStream *m_stream;
    QPointer<QTcpSocket> m_socket;
    QSslSocket *m_sslSocket = nullptr; // m_socket when it is one, for its encrypted backlog
    QPointer<QWebSocket> m_webSocket;
    UserRecord m_user;
    QString m_peer;
    State m_state = State::Handshaking;
    std::chrono::milliseconds m_acceptedAt;
    std::chrono::milliseconds m_lastHeard { 0 };

    qint64 m_cursor = 0; // the last stored seq the replay has read
    qint64 m_lastSeq = 0; // the last seq sent or queued: nothing at or below it is sent again
    bool m_truncated = false;
    std::deque<FeedItem> m_replay; // visible items found by the scan, oldest first
    std::deque<Queued> m_queued; // live items published while the replay is being sent
    qint64 m_queuedBytes = 0;
    quint64 m_sent = 0;

    int m_closeCode = 0; // ours, when we closed
    QString m_closeReason;
    bool m_finished = false;
};

} // namespace CallBridge
