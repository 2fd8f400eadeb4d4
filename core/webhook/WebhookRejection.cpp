// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/webhook/WebhookRejection.h"

namespace CallBridge {

int WebhookRejection::httpStatus() const
{
    switch (reason) {
    case Reason::UnsupportedContentType:
        return 415;
    case Reason::BodyTooLarge:
        return 413;
    case Reason::MalformedBody:
    case Reason::MissingEvent:
    case Reason::MissingField:
        return 400;
    case Reason::MissingSignature:
    case Reason::BadSignature:
    case Reason::UnknownSignatureFormula:
        return 403;
    case Reason::NotConfigured:
        return 503;
    }
    return 400;
}

QString toText(WebhookRejection::Reason reason)
{
    switch (reason) {
    case WebhookRejection::Reason::UnsupportedContentType:
        return QStringLiteral("unsupported-content-type");
    case WebhookRejection::Reason::BodyTooLarge:
        return QStringLiteral("body-too-large");
    case WebhookRejection::Reason::MalformedBody:
        return QStringLiteral("malformed-body");
    case WebhookRejection::Reason::MissingEvent:
        return QStringLiteral("missing-event");
    case WebhookRejection::Reason::MissingField:
        return QStringLiteral("missing-field");
    case WebhookRejection::Reason::MissingSignature:
        return QStringLiteral("missing-signature");
    case WebhookRejection::Reason::BadSignature:
        return QStringLiteral("bad-signature");
    case WebhookRejection::Reason::UnknownSignatureFormula:
        return QStringLiteral("unknown-signature-formula");
    case WebhookRejection::Reason::NotConfigured:
        return QStringLiteral("not-configured");
    }
    return QStringLiteral("unknown");
}

} // namespace CallBridge
