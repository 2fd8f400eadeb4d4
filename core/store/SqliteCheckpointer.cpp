// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/SqliteCheckpointer.h"

#include "core/store/SqliteStore.h"
#include "core/store/StoreLogging.h"

#include <QThread>
#include <QTimer>

namespace CallBridge {

// Lives on the checkpointer's thread; everything it owns is created and destroyed there, as
// QSqlDatabase connections require.
class SqliteCheckpointerWorker : public QObject
{
public:
    SqliteCheckpointerWorker(QString path, int intervalMs, SqliteCheckpointer *owner)
        : m_path(std::move(path)), m_intervalMs(intervalMs), m_owner(owner)
    { }

    void run()
    {
        m_store = std::make_unique<SqliteStore>(m_path);
        m_timer = new QTimer(this);
        m_timer->setInterval(m_intervalMs);
        connect(m_timer, &QTimer::timeout, this, [this] { tick(); });
        m_timer->start();
    }

    void shutDown()
    {
        delete m_timer;
        m_timer = nullptr;
        m_store.reset(); // closes and removes the connection on this thread
        QThread::currentThread()->quit();
    }

private:
    void tick()
    {
        Result<void> done = m_store->isOpen() ? Result<void>() : m_store->open();
        if (done)
            done = m_store->checkpoint();
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
        QMetaObject::invokeMethod(
                m_owner, [owner = m_owner] { emit owner->checkpointed(); }, Qt::QueuedConnection);
    }

    QString m_path;
    int m_intervalMs;
    SqliteCheckpointer *m_owner;
    std::unique_ptr<SqliteStore> m_store;
    QTimer *m_timer = nullptr;
    QString m_lastError;
};

SqliteCheckpointer::SqliteCheckpointer(QString databasePath, int intervalMs, QObject *parent)
    : QObject(parent), m_path(std::move(databasePath)), m_intervalMs(intervalMs)
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
    m_worker = new SqliteCheckpointerWorker(m_path, m_intervalMs, this);
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::started, m_worker, [worker = m_worker] { worker->run(); });
    m_thread->start(QThread::LowPriority);
}

void SqliteCheckpointer::stop()
{
    if (!m_thread)
        return;
    // Queued behind the checkpoint in progress, if any; run() always comes first.
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { worker->shutDown(); }, Qt::QueuedConnection);
    m_thread->wait();
    delete m_worker; // its thread has finished; nothing of it runs any more
    m_worker = nullptr;
    m_thread.reset();
}

bool SqliteCheckpointer::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

} // namespace CallBridge
