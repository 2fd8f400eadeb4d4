// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QString>
#include <QStringList>

#include <memory>

class QTemporaryDir;

namespace CallBridge {

// A private PostgreSQL server on 127.0.0.1 for one test: its own cluster in a temporary
// directory (initdb -A trust, superuser "callbridge", database "callbridge"), started with
// pg_ctl on a free port and removed again by stop() or the destructor. PostgreSQL refuses to run
// as root, so a root test (CI) runs the server as the "postgres" system user.
class PostgresServer
{
public:
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;

    // false (the default): fsync, synchronous_commit and full_page_writes off, as tests want.
    // Takes effect at the next start().
    void setDurable(bool durable) { m_durable = durable; }

    Result<void> start();
    // Stops at once (-m immediate) and removes the cluster's directory.
    void stop();
    // Stops cleanly (-m fast) and starts again on the same port, with the same data.
    Result<void> restart();

    bool isRunning() const { return m_running; }
    quint16 port() const { return m_port; }
    // postgres://callbridge@127.0.0.1:PORT/DATABASE
    QString url(const QString &database = QStringLiteral("callbridge")) const;
    QString dataDirectory() const;

    Result<void> createDatabase(const QString &name);
    // psql -At: the rows of the last statement, one a line, columns split by '|', without the
    // final newline.
    Result<QString> psql(const QString &sql,
                         const QString &database = QStringLiteral("callbridge")) const;

private:
    Result<void> createCluster();
    Result<void> startOn(quint16 port, bool *portTaken);
    Result<void> stopServer(const QString &mode);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_binDir;
    bool m_asPostgresUser = false;
    bool m_durable = false;
    bool m_running = false;
    quint16 m_port = 0;
};

} // namespace CallBridge
