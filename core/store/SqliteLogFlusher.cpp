// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/SqliteLogFlusher.h"

#include "core/store/StoreLogging.h"

#include <QFile>
#include <QMetaObject>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

namespace CallBridge {

SqliteLogFlusher::SqliteLogFlusher(QString logPath, QObject *parent)
    : QObject(parent), m_path(std::move(logPath)), m_thread([this] { run(); })
{ }

SqliteLogFlusher::~SqliteLogFlusher()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_flushed.notify_all();
    m_thread.join();
    if (m_fd >= 0)
        ::close(m_fd);
}

void SqliteLogFlusher::flush(Done done)
{
    quint64 generation = 0;
    bool failed = false;
    {
        std::lock_guard lock(m_mutex);
        generation = ++m_requested;
        failed = m_failure.has_value();
    }
    m_waiting.emplace_back(generation, std::move(done));
    if (failed) // the worker no longer flushes; answer in order, from the event loop
        QMetaObject::invokeMethod(this, &SqliteLogFlusher::deliver, Qt::QueuedConnection);
    else
        m_wake.notify_one();
}

void SqliteLogFlusher::finish()
{
    {
        std::unique_lock lock(m_mutex);
        m_flushed.wait(lock, [this] {
            return m_done >= m_requested || m_failure.has_value() || m_stopping;
        });
    }
    deliver();
}

std::optional<Error> SqliteLogFlusher::failure() const
{
    std::lock_guard lock(m_mutex);
    return m_failure;
}

void SqliteLogFlusher::run()
{
    pthread_setname_np(pthread_self(), "sqlite-flush"); // for top -H, perf and gdb
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] {
            return m_stopping || (m_requested > m_done && !m_failure.has_value());
        });
        if (m_stopping)
            return;
        const quint64 target = m_requested;
        lock.unlock();
        Result<void> flushed = flushLog();
        lock.lock();
        if (flushed)
            m_done = target;
        else
            m_failure = flushed.error();
        m_flushed.notify_all();
        QMetaObject::invokeMethod(this, &SqliteLogFlusher::deliver, Qt::QueuedConnection);
    }
}

Result<void> SqliteLogFlusher::flushLog()
{
    const QByteArray path = QFile::encodeName(m_path);
    struct stat onDisk
    {
    };
    if (::stat(path.constData(), &onDisk) != 0) {
        // SQLite deletes the log only after moving all of it into the database file and
        // syncing that: nothing is left to flush.
        if (errno == ENOENT)
            return {};
        return fail(QStringLiteral("cannot find the database's write-ahead log %1: %2")
                            .arg(m_path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (m_fd >= 0) {
        struct stat open
        {
        };
        if (::fstat(m_fd, &open) != 0 || open.st_ino != onDisk.st_ino
            || open.st_dev != onDisk.st_dev) {
            ::close(m_fd); // a new log replaced the one this descriptor holds
            m_fd = -1;
        }
    }
    if (m_fd < 0) {
        m_fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0)
            return fail(QStringLiteral("cannot open the database's write-ahead log %1: %2")
                                .arg(m_path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (::fdatasync(m_fd) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        qCCritical(lcStore).noquote() << "the disk could not write" << m_path << ":" << reason;
        return fail(QStringLiteral("the disk could not write the database's write-ahead log %1 "
                                   "(%2); what was stored since the last successful write may "
                                   "be lost. Check the disk, then restart the relay")
                            .arg(m_path, reason));
    }
    return {};
}

void SqliteLogFlusher::deliver()
{
    quint64 done = 0;
    std::optional<Error> failure;
    {
        std::lock_guard lock(m_mutex);
        done = m_done;
        failure = m_failure;
    }
    while (!m_waiting.empty()) {
        auto &[generation, callback] = m_waiting.front();
        if (generation > done && !failure)
            break;
        // Take it out first: the callback may call flush() again.
        Done finished = std::move(callback);
        const bool durable = generation <= done;
        m_waiting.pop_front();
        if (durable)
            finished({});
        else
            finished(fail(*failure));
    }
}

} // namespace CallBridge
