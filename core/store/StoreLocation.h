// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QString>
#include <QUrl>

#include <memory>

namespace CallBridge {

class SqlStore;

// Which engine holds a relay's data and where: `sqlite:PATH` (one relay) or a
// `postgres://user@host:5432/database` URL (several relays sharing it).
class StoreLocation
{
public:
    enum class Engine { Sqlite, Postgres };

    static StoreLocation sqlite(const QString &path);
    // text: "sqlite:PATH" (relative to baseDirectory) or "postgres://…" / "postgresql://…".
    static Result<StoreLocation> parse(const QString &text, const QString &baseDirectory);

    Engine engine() const { return m_engine; }
    bool isShared() const { return m_engine == Engine::Postgres; }
    const QString &sqlitePath() const { return m_sqlitePath; }
    const QUrl &postgresUrl() const { return m_postgresUrl; }
    // For messages and logs: the path, or the URL without its password.
    QString toDisplayString() const;

    // A store for this location, not yet opened. connectionName: see SqlStore.
    std::unique_ptr<SqlStore> createStore(const QString &connectionName = {}) const;

private:
    Engine m_engine = Engine::Sqlite;
    QString m_sqlitePath;
    QUrl m_postgresUrl;
};

} // namespace CallBridge
