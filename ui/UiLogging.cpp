// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/UiLogging.h"

Q_LOGGING_CATEGORY(lcUiTray, "callbridge.ui.tray")
Q_LOGGING_CATEGORY(lcUiPopup, "callbridge.ui.popup")
Q_LOGGING_CATEGORY(lcUiContacts, "callbridge.ui.contacts")
Q_LOGGING_CATEGORY(lcUiHistory, "callbridge.ui.history")
Q_LOGGING_CATEGORY(lcUiReminders, "callbridge.ui.reminders")
Q_LOGGING_CATEGORY(lcUiSettings, "callbridge.ui.settings")
