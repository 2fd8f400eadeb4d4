// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/crm/CrmLogging.h"

Q_LOGGING_CATEGORY(lcCrm, "callbridge.core.crm", QtInfoMsg)
