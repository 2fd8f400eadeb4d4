// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/SqliteCheckpointer.h"

#include "core/common/WorkerThread.h"
#include "core/store/SqliteStore.h"
#include "core/store/StoreLogging.h"

#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace CallBridge {

// Lives on the checkpointer's thread; everything it owns is created and destroyed there, as
// QSqlDatabase connections require.
class SqliteCheckpointerWorker : public QObject
{
public:
    SqliteCheckpointerWorker(QString path, int intervalMs, qint64 restartFrames,
                             SqliteCheckpointer *owner)
        : m_path(std::move(path)),
          m_intervalMs(intervalMs),
          m_restartFrames(restartFrames),
          m_owner(owner)
    { }

    void run()
    {
        m_store = std::make_unique<SqliteStore>(m_path);
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, [this] { tick(); });
        m_timer->start(m_intervalMs);
    }

    void shutDown()
    {
        delete m_timer;
        m_timer = nullptr;
        m_store.reset(); // closes and removes the connection on this thread
        QThread::currentThread()->quit();
    }

private:
    // How short a pass must be for the writers to wait for the next one. It starts short, so
    // that the writers' wait stays inside the webhook answers' budget, and grows while the log
    // will not come back down (a slow disk, a burst), so that it is always bounded.
    static constexpr qint64 shortestFinalPassNs = 500'000;
    static constexpr qint64 longestFinalPassNs = 20'000'000;
    // A store nobody writes to is looked at ten times less often.
    static constexpr int idleSlowdown = 10;

    void tick()
    {
        using Writers = SqliteStore::Writers;
        Result<SqliteStore::LogCheckpoint> done = SqliteStore::LogCheckpoint {};
        QElapsedTimer pass;
        pass.start();
        if (auto opened = m_store->isOpen() ? Result<void>() : m_store->open(); !opened)
            done = fail(opened.error());
        else
            done = m_store->checkpointLog(Writers::GoOn);
        // Under a steady stream of commits the log never restarts by itself: the writer always
        // finds pages in it that are not yet in the database. So passes follow each other while
        // the log is long, each shorter than the one before (it copies what was written during
        // the last), until one is short enough for the writer to wait for the next.
        bool catchingUp = false;
        if (done && done->logFrames >= m_restartFrames) {
            if (pass.nsecsElapsed() <= m_finalPassAfterNs) {
                done = m_store->checkpointLog(Writers::WaitForIt);
                m_finalPassAfterNs = shortestFinalPassNs;
            } else {
                catchingUp = true;
                m_finalPassAfterNs = std::min(m_finalPassAfterNs * 3 / 2, longestFinalPassNs);
            }
        }
        // Nothing written since the last pass, and all of it copied.
        const bool idle = done && done->logFrames == done->checkpointedFrames
                && done->logFrames == m_previousLogFrames;
        if (done)
            m_previousLogFrames = done->logFrames;
        m_timer->start(catchingUp ? 0 : idle ? m_intervalMs * idleSlowdown : m_intervalMs);
        if (!done) {
            if (done.error().message != m_lastError) {
                m_lastError = done.error().message;
                qCWarning(lcStore) << "background checkpoint:" << m_lastError;
                QMetaObject::invokeMethod(
                        m_owner,
                        [owner = m_owner, message = m_lastError] { emit owner->failed(message); },
                        Qt::QueuedConnection);
            }
            return;
        }
        m_lastError.clear();
        if (!catchingUp)
            QMetaObject::invokeMethod(
                    m_owner, [owner = m_owner] { emit owner->checkpointed(); },
                    Qt::QueuedConnection);
    }

    QString m_path;
    int m_intervalMs;
    qint64 m_restartFrames;
    SqliteCheckpointer *m_owner;
    std::unique_ptr<SqliteStore> m_store;
    QTimer *m_timer = nullptr;
    QString m_lastError;
    qint64 m_finalPassAfterNs = shortestFinalPassNs;
    qint64 m_previousLogFrames = -1;
};

SqliteCheckpointer::SqliteCheckpointer(QString databasePath, int intervalMs, qint64 restartFrames,
                                       QObject *parent)
    : QObject(parent),
      m_path(std::move(databasePath)),
      m_intervalMs(intervalMs),
      m_restartFrames(restartFrames)
{ }

SqliteCheckpointer::~SqliteCheckpointer()
{
    stop();
}

void SqliteCheckpointer::start()
{
    if (m_thread)
        return;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("callbridge-checkpointer"));
    m_worker = new SqliteCheckpointerWorker(m_path, m_intervalMs, m_restartFrames, this);
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::started, m_worker, [worker = m_worker] { worker->run(); });
    m_thread->start(QThread::LowPriority);
}

void SqliteCheckpointer::stop()
{
    // Queued behind the checkpoint in progress, if any; run() always comes first.
    stopWorkerThread(m_thread, m_worker);
}

bool SqliteCheckpointer::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

} // namespace CallBridge
