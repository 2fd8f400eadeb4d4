// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/AgentStreamThread.h"

#include "core/common/SystemClock.h"
#include "core/common/WorkerThread.h"
#include "core/relay/AgentStreamLogging.h"
#include "core/store/Store.h"

#include <QTcpSocket>
#include <QThread>

namespace CallBridge {

// Lives on the stream's thread: the stream, its store connection and its clock are created,
// used and destroyed there.
class AgentStreamThread::Worker : public QObject
{
public:
    SystemClock clock;
    std::unique_ptr<Store> store;
    std::unique_ptr<AgentStream> stream;

    void shutDown()
    {
        stream.reset(); // closes what is still open at once
        store.reset();
        QThread::currentThread()->quit();
    }
};

AgentStreamThread::AgentStreamThread(StoreOpener openStore, FeedHub *feed, RelayMetrics *metrics,
                                     AgentStreamConfig config, QObject *parent)
    : QObject(parent),
      m_openStore(std::move(openStore)),
      m_feed(feed),
      m_metrics(metrics),
      m_config(config)
{ }

AgentStreamThread::~AgentStreamThread()
{
    stop();
}

void AgentStreamThread::stop()
{
    // Queued behind every socket and broadcast already on its way, so none of them is left
    // holding a socket. Sockets not handed over yet are this object's children.
    stopWorkerThread(m_thread, m_worker);
}

Result<void> AgentStreamThread::start()
{
    if (m_thread)
        return {};
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("callbridge-stream"));
    m_worker = new Worker;
    m_worker->moveToThread(m_thread.get());
    m_thread->start();

    Result<void> started;
    QMetaObject::invokeMethod(
            m_worker,
            [this, &started] {
                auto store = m_openStore();
                if (!store) {
                    started = fail(
                            QStringLiteral(
                                    "The agents' stream cannot open its store connection: %1")
                                    .arg(store.error().message));
                    return;
                }
                m_worker->store = std::move(store).value();
                m_worker->stream = std::make_unique<AgentStream>(
                        m_worker->store.get(), m_feed, m_metrics, &m_worker->clock, m_config);
                // Both signals cross to this object's thread, queued.
                connect(m_worker->stream.get(), &AgentStream::drained, this,
                        &AgentStreamThread::drained);
            },
            Qt::BlockingQueuedConnection);
    if (!started)
        stop();
    return started;
}

bool AgentStreamThread::accept(QTcpSocket *socket, const UserRecord &user)
{
    if (m_closing || !m_worker || !socket || socket->parent()
        || socket->state() != QAbstractSocket::ConnectedState)
        return false;
    // Not yet: the socket is most likely emitting readyRead() right now, and on the way back
    // QAbstractSocket re-enables its read notifier, which must still be on this thread then.
    socket->setParent(this); // deleted with this object if it goes first
    QMetaObject::invokeMethod(
            this, [this, socket, user] { handOver(socket, user); }, Qt::QueuedConnection);
    return true;
}

void AgentStreamThread::handOver(QTcpSocket *socket, const UserRecord &user)
{
    if (!m_worker) { // stopped meanwhile
        delete socket;
        return;
    }
    socket->setParent(nullptr);
    // Unread bytes and posted events go along; its notifiers re-register on the new thread.
    socket->moveToThread(m_thread.get());
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, socket, user] {
                if (worker->stream && worker->stream->accept(socket, user))
                    return;
                qCInfo(lcStream) << "the stream is closing; hanging up on a new connection";
                socket->abort();
                delete socket;
            },
            Qt::QueuedConnection);
}

template<typename Read> int AgentStreamThread::ask(Read read) const
{
    if (!m_worker)
        return 0;
    Q_ASSERT(QThread::currentThread() != m_thread.get());
    int answer = 0;
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, &answer, &read] {
                if (worker->stream)
                    answer = read(*worker->stream);
            },
            Qt::BlockingQueuedConnection);
    return answer;
}

int AgentStreamThread::connectedCount() const
{
    return ask([](const AgentStream &stream) { return stream.connectedCount(); });
}

int AgentStreamThread::sessionCount() const
{
    return ask([](const AgentStream &stream) { return stream.sessionCount(); });
}

void AgentStreamThread::userChanged(const UserRecord &user)
{
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, user] {
                if (worker->stream)
                    worker->stream->userChanged(user);
            },
            Qt::QueuedConnection);
}

void AgentStreamThread::userRemoved(qint64 userId)
{
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, userId] {
                if (worker->stream)
                    worker->stream->userRemoved(userId);
            },
            Qt::QueuedConnection);
}

void AgentStreamThread::closeAll()
{
    m_closing = true;
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker] {
                if (worker->stream)
                    worker->stream->closeAll();
            },
            Qt::QueuedConnection);
}

} // namespace CallBridge
