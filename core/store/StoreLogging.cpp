// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/StoreLogging.h"

Q_LOGGING_CATEGORY(lcStore, "callbridge.core.store", QtInfoMsg)
