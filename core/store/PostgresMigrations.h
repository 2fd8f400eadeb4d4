// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/StoreMigration.h"

#include <QList>

namespace CallBridge {

// PostgresStore's schema, step by step: the same tables, columns and versions as SQLite's, in
// PostgreSQL's types, plus what several relays sharing it need (the writers' turn, and triggers
// that announce changes to the other relays).
class PostgresMigrations
{
public:
    static const QList<StoreMigration> &all(); // ascending versions 1, 2, …
};

} // namespace CallBridge
