// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/HttpLogging.h"

Q_LOGGING_CATEGORY(lcHttp, "callbridge.core.http", QtInfoMsg)
