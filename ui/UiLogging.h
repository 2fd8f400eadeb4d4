// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// One category per part of the desktop app's interface.
Q_DECLARE_LOGGING_CATEGORY(lcUiTray)
Q_DECLARE_LOGGING_CATEGORY(lcUiPopup)
Q_DECLARE_LOGGING_CATEGORY(lcUiContacts)
Q_DECLARE_LOGGING_CATEGORY(lcUiHistory)
Q_DECLARE_LOGGING_CATEGORY(lcUiReminders)
Q_DECLARE_LOGGING_CATEGORY(lcUiSettings)
