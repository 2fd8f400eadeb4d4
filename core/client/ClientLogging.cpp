// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/ClientLogging.h"

Q_LOGGING_CATEGORY(lcClientRest, "callbridge.client.rest", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientStream, "callbridge.client.stream", QtInfoMsg)
