// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RelayApiLogging.h"

Q_LOGGING_CATEGORY(lcRelayApi, "callbridge.core.relay.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRelayRecordings, "callbridge.core.relay.recordings", QtInfoMsg)
