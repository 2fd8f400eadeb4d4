// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// The CRM connector. Never logs secrets, tokens, Authorization headers or query strings.
Q_DECLARE_LOGGING_CATEGORY(lcCrm)
