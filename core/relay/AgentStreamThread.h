// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/relay/AgentStream.h"
#include "core/store/StoreTypes.h"

#include <QObject>

#include <functional>
#include <memory>

class QTcpSocket;
class QThread;

namespace CallBridge {

class FeedHub;
class RelayMetrics;
class Store;

// The agents' stream on a thread of its own, so that the relay's webhook thread neither polls
// hundreds of idle agent connections on every event-loop turn nor writes every item to them:
// at 2,000 webhooks/s with 500 agents that was a quarter of its time. The stream reads its
// replays through a store connection of its own (openStore runs on the stream's thread), takes
// items from the FeedHub by queued signal, and keeps its timers on a SystemClock of its own.
// Call everything here from the thread that created the object.
class AgentStreamThread : public QObject
{
    Q_OBJECT

public:
    using StoreOpener = std::function<Result<std::unique_ptr<Store>>()>;

    AgentStreamThread(StoreOpener openStore, FeedHub *feed, RelayMetrics *metrics,
                      AgentStreamConfig config = {}, QObject *parent = nullptr);
    ~AgentStreamThread() override; // closes every connection at once and stops the thread

    // Starts the thread and opens its store; the error says why the stream cannot run.
    Result<void> start();

    // As AgentStream::accept: the socket (no parent) moves to the stream's thread.
    bool accept(QTcpSocket *socket, const UserRecord &user);
    // Asked of the stream's thread: waits for its current event-loop turn.
    int connectedCount() const;
    int sessionCount() const;

    void userChanged(const UserRecord &user);
    void userRemoved(qint64 userId);
    void closeAll(); // drained() once the last connection is gone

signals:
    void drained();

private:
    class Worker;

    void stop();
    void handOver(QTcpSocket *socket, const UserRecord &user);
    template<typename Read> int ask(Read read) const;

    StoreOpener m_openStore;
    FeedHub *m_feed;
    RelayMetrics *m_metrics;
    AgentStreamConfig m_config;
    std::unique_ptr<QThread> m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
    bool m_closing = false;
};

} // namespace CallBridge
