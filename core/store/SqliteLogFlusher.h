// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QObject>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace CallBridge {

// Flushes SQLite's write-ahead log to the disk (fdatasync) on a thread of its own, so that the
// thread which committed keeps serving while the disk works. A commit made with
// synchronous=NORMAL is in the log but not yet durable; once flush()'s callback reports success,
// everything the log held when flush() was called survives a power loss, exactly as if the commit
// had been made with synchronous=FULL. Requests that arrive while a flush runs share the next one.
//
// A failed fdatasync is final: the kernel may have dropped the pages it could not write, so a
// later success would not prove them durable. Every later flush fails with the same error until
// the relay restarts and SQLite recovers from what is really on the disk.
class SqliteLogFlusher : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(Result<void>)>;

    explicit SqliteLogFlusher(QString logPath, QObject *parent = nullptr);
    ~SqliteLogFlusher() override; // stops the thread; callbacks still waiting are not called

    // done runs on this object's thread, in the order of the calls, once everything written to
    // the log before this call is on the disk (or the disk refused it).
    void flush(Done done);
    // Blocks until every flush asked for so far is done and runs the waiting callbacks.
    void finish();

    qsizetype waiting() const { return qsizetype(m_waiting.size()); }
    // Set once a flush has failed; see the class comment.
    std::optional<Error> failure() const;

private:
    void run();
    Result<void> flushLog();
    void deliver();

    const QString m_path;
    int m_fd = -1; // the worker's; opened on first use

    mutable std::mutex m_mutex;
    std::condition_variable m_wake; // the worker: there is something to flush, or stop
    std::condition_variable m_flushed; // finish(): a flush has ended
    quint64 m_requested = 0;
    quint64 m_done = 0;
    std::optional<Error> m_failure;
    bool m_stopping = false;

    std::deque<std::pair<quint64, Done>> m_waiting; // this object's thread only
    std::thread m_thread;
};

} // namespace CallBridge
