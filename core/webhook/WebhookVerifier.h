// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/webhook/FormFields.h"
#include "core/webhook/WebhookEvent.h"
#include "core/webhook/WebhookRejection.h"

#include <QByteArray>
#include <QStringList>

namespace CallBridge {

// Checks the Signature header of Zadarma's notifications: base64(hex(HMAC-SHA1(secret, f1.f2.f3)))
// over the raw received values of the event's signed fields (zadarma-api.md §3.2).
// Note what a valid signature does not prove: the signed fields leave out the event name,
// pbx_call_id (except NOTIFY_RECORD), internal, disposition and duration.
class WebhookVerifier
{
public:
    explicit WebhookVerifier(QByteArray secret);

    // The fields whose values are concatenated, in order; empty for unknown events.
    static QStringList signedFieldNames(WebhookEventType type);
    // The signature Zadarma sends for these fields (used by the simulator and tests).
    static Result<QByteArray, WebhookRejection>
    sign(WebhookEventType type, const FormFields &fields, QByteArrayView secret);

    Result<void, WebhookRejection> verify(const WebhookEvent &event,
                                          QByteArrayView signatureHeader) const;

private:
    QByteArray m_secret;
};

} // namespace CallBridge
