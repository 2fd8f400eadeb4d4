// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace CallBridge {

// Why a webhook request was not accepted, with a message a person can act on. Never contains
// the secret or the full signature.
struct WebhookRejection
{
    enum class Reason {
        UnsupportedContentType, // not urlencoded or multipart form data
        BodyTooLarge,
        MalformedBody, // a form that cannot be parsed
        MissingEvent, // no "event" field
        MissingField, // a field the event needs (pbx_call_id, a signed field)
        MissingSignature, // no Signature header
        BadSignature, // the Signature does not match
        UnknownSignatureFormula, // an event we cannot verify (unknown to us)
        NotConfigured, // no API secret to verify with
    };

    Reason reason = Reason::MalformedBody;
    QString message;

    // The HTTP status the relay answers with.
    int httpStatus() const;
};

QString toText(WebhookRejection::Reason reason);

} // namespace CallBridge
