// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace CallBridge {

// One step of SqliteStore's schema. Steps are applied in order, each in its own transaction,
// and recorded in schema_version. A released step never changes: add a new one instead.
struct SqliteMigration
{
    int version = 0;
    QString description;
    QStringList statements;
};

class SqliteMigrations
{
public:
    static const QList<SqliteMigration> &all(); // ascending versions 1, 2, …
    static int latestVersion();
};

} // namespace CallBridge
