// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/webhook/WebhookLogging.h"

Q_LOGGING_CATEGORY(lcWebhook, "callbridge.core.webhook", QtInfoMsg)
