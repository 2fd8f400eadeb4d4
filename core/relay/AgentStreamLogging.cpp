// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/AgentStreamLogging.h"

Q_LOGGING_CATEGORY(lcStream, "callbridge.core.relay.stream", QtInfoMsg)
