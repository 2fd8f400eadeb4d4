// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/webhook/FormBodyParser.h"
#include "core/webhook/WebhookEvent.h"
#include "core/webhook/WebhookRejection.h"

namespace CallBridge {

using WebhookEventResult = Result<WebhookEvent, WebhookRejection>;

// Turns the decoded fields of a notification into a typed event. Every field is kept in
// WebhookEvent::fields; unknown events are returned as WebhookEventType::Unknown, not refused.
// Refused: no "event" field, or a call event without pbx_call_id (it cannot be filed anywhere).
WebhookEventResult parseWebhookEvent(const FormFields &fields);

// parseFormBody() then parseWebhookEvent().
WebhookEventResult parseWebhook(QByteArrayView contentType, QByteArrayView body,
                                const FormBodyLimits &limits = {});

} // namespace CallBridge
