// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/StoreMigration.h"

#include <QList>

namespace CallBridge {

// SqliteStore's schema, step by step.
class SqliteMigrations
{
public:
    static const QList<StoreMigration> &all(); // ascending versions 1, 2, …
};

} // namespace CallBridge
