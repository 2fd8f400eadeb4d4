// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/desktop/DesktopLogging.h"

Q_LOGGING_CATEGORY(lcDesktopSettings, "callbridge.desktop.settings", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDesktopInstance, "callbridge.desktop.instance", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDesktopCalls, "callbridge.desktop.calls", QtInfoMsg)
