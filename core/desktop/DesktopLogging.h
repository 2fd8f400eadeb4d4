// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDesktopSettings)
Q_DECLARE_LOGGING_CATEGORY(lcDesktopInstance)
Q_DECLARE_LOGGING_CATEGORY(lcDesktopCalls)
