// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace CallBridge {

// One step of an engine's schema. Steps are applied in order, each in its own transaction, and
// recorded in schema_version. A released step never changes: add a new one instead. Both
// engines keep the same version numbers for the same tables and columns.
struct StoreMigration
{
    int version = 0;
    QString description;
    QStringList statements;
};

// The version a list of steps (ascending) brings a database to; 0 for none.
inline int latestVersion(const QList<StoreMigration> &steps)
{
    return steps.isEmpty() ? 0 : steps.constLast().version;
}

} // namespace CallBridge
