// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace CallBridge {

class SqliteCheckpointerWorker;

// Moves SQLite's write-ahead log into the database file every intervalMs, on a thread of its
// own with its own connection, so that checkpoints (multi-millisecond stalls) never run inside
// the relay's requests. SqliteStore turns SQLite's automatic checkpoints off; without this the
// log only grows. Start it after the relay's store has opened (it opens the same file).
//
// Small and often: at 2,000 webhooks/s the relay writes about 20,000 log pages a second. Short
// passes spread the database file's writes instead of queueing a burst in front of the next
// commit's fsync, and a log kept to a few MiB restarts often and stays in the page cache.
// Measured with bench-relay: 1 s and 64 Ki pages gave an answer p99 of 7-12 ms; 100 ms and
// 2 Ki pages, 4.2-4.9 ms.
class SqliteCheckpointer : public QObject
{
    Q_OBJECT

public:
    // Past restartFrames pages (2 Ki pages: 8 MiB) the log is made to start again from its
    // beginning, which needs the writers to wait for one short checkpoint (under a
    // millisecond, longer only while the log will not come down). An idle store is looked at
    // once a second.
    explicit SqliteCheckpointer(QString databasePath, int intervalMs = 100,
                                qint64 restartFrames = 2'048, QObject *parent = nullptr);
    ~SqliteCheckpointer() override; // stops

    void start();
    // Waits at most for the checkpoint in progress, if one is.
    void stop();
    bool isRunning() const;

signals:
    // Both arrive on this object's thread. A failure is reported once until it changes.
    void checkpointed();
    void failed(const QString &message);

private:
    QString m_path;
    int m_intervalMs;
    qint64 m_restartFrames;
    std::unique_ptr<QThread> m_thread;
    SqliteCheckpointerWorker *m_worker = nullptr; // lives on m_thread
};

} // namespace CallBridge
