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
class SqliteCheckpointer : public QObject
{
    Q_OBJECT

public:
    // Past restartFrames pages (64 Ki pages: 256 MiB) the log is made to start again from its
    // beginning, which needs the writer to wait for one short checkpoint (a few milliseconds).
    explicit SqliteCheckpointer(QString databasePath, int intervalMs = 1000,
                                qint64 restartFrames = 65'536, QObject *parent = nullptr);
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
