// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/StoreLocation.h"

#include "core/store/PostgresStore.h"
#include "core/store/SqliteStore.h"

#include <QDir>

namespace CallBridge {

StoreLocation StoreLocation::sqlite(const QString &path)
{
    StoreLocation location;
    location.m_engine = Engine::Sqlite;
    location.m_sqlitePath = path;
    return location;
}

Result<StoreLocation> StoreLocation::parse(const QString &text, const QString &baseDirectory)
{
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(u"sqlite:")) {
        const QString path = trimmed.mid(7);
        if (path.isEmpty())
            return fail(QStringLiteral("\"sqlite:\" needs a file: sqlite:/var/lib/callbridge/"
                                       "callbridge.sqlite"));
        return sqlite(QDir::cleanPath(QDir(baseDirectory).absoluteFilePath(path)));
    }
    if (trimmed.startsWith(u"postgres:") || trimmed.startsWith(u"postgresql:")) {
        auto url = PostgresStore::parseUrl(trimmed);
        if (!url)
            return fail(url.error());
        StoreLocation location;
        location.m_engine = Engine::Postgres;
        location.m_postgresUrl = url.value();
        return location;
    }
    return fail(QStringLiteral("\"%1\" names no engine: write sqlite:PATH or "
                               "postgres://user@host:5432/database")
                        .arg(QUrl(trimmed).toDisplayString(QUrl::RemovePassword)));
}

QString StoreLocation::toDisplayString() const
{
    return m_engine == Engine::Sqlite ? m_sqlitePath
                                      : m_postgresUrl.toDisplayString(QUrl::RemovePassword);
}

std::unique_ptr<SqlStore> StoreLocation::createStore(const QString &connectionName) const
{
    if (m_engine == Engine::Postgres)
        return std::make_unique<PostgresStore>(m_postgresUrl, connectionName);
    return std::make_unique<SqliteStore>(m_sqlitePath, connectionName);
}

} // namespace CallBridge
