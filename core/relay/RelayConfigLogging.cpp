// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RelayConfigLogging.h"

Q_LOGGING_CATEGORY(lcRelayConfig, "callbridge.core.relay.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRelayOperator, "callbridge.core.relay.operator", QtInfoMsg)
