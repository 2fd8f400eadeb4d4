// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/webhook/WebhookVerifier.h"

#include "core/common/ConstantTime.h"
#include "core/zadarma/ZadarmaSigner.h"

namespace CallBridge {

WebhookVerifier::WebhookVerifier(QByteArray secret) : m_secret(std::move(secret)) { }

QStringList WebhookVerifier::signedFieldNames(WebhookEventType type)
{
    switch (type) {
    case WebhookEventType::NotifyStart:
    case WebhookEventType::NotifyInternal:
    case WebhookEventType::NotifyEnd:
    case WebhookEventType::NotifyIvr:
        return { QStringLiteral("caller_id"), QStringLiteral("called_did"),
                 QStringLiteral("call_start") };
    case WebhookEventType::NotifyAnswer:
        return { QStringLiteral("caller_id"), QStringLiteral("destination"),
                 QStringLiteral("call_start") };
    case WebhookEventType::NotifyOutStart:
    case WebhookEventType::NotifyOutEnd:
        return { QStringLiteral("internal"), QStringLiteral("destination"),
                 QStringLiteral("call_start") };
    case WebhookEventType::NotifyRecord:
        return { QStringLiteral("pbx_call_id"), QStringLiteral("call_id_with_rec") };
    case WebhookEventType::Sms:
    case WebhookEventType::SpeechRecognition:
    case WebhookEventType::NumberLookup:
    case WebhookEventType::CallTracking:
        return { QStringLiteral("result") };
    case WebhookEventType::Unknown:
        break;
    }
    return {};
}

Result<QByteArray, WebhookRejection>
WebhookVerifier::sign(WebhookEventType type, const FormFields &fields, QByteArrayView secret)
{
    const QStringList names = signedFieldNames(type);
    if (names.isEmpty())
        return fail(
                WebhookRejection { WebhookRejection::Reason::UnknownSignatureFormula,
                                   QStringLiteral("no signature formula is known for event \"%1\"")
                                           .arg(fields.value(QStringLiteral("event")).left(64)) });
    QByteArray message;
    for (const QString &name : names) {
        const auto value = fields.find(name);
        if (!value)
            return fail(WebhookRejection {
                    WebhookRejection::Reason::MissingField,
                    QStringLiteral("%1 lacks the signed field \"%2\"").arg(toText(type), name) });
        message += value->toUtf8();
    }
    return zadarmaSignature(secret, message);
}

Result<void, WebhookRejection> WebhookVerifier::verify(const WebhookEvent &event,
                                                       QByteArrayView signatureHeader) const
{
    if (m_secret.isEmpty())
        return fail(WebhookRejection { WebhookRejection::Reason::NotConfigured,
                                       QStringLiteral("no Zadarma API secret is configured, so no "
                                                      "notification can be verified") });
    const QByteArrayView provided = signatureHeader.trimmed();
    if (provided.isEmpty())
        return fail(WebhookRejection {
                WebhookRejection::Reason::MissingSignature,
                QStringLiteral("%1 came without a Signature header; Zadarma sends one "
                               "when the account has an API key and secret")
                        .arg(event.eventName.left(64)) });
    auto expected = sign(event.type, event.fields, m_secret);
    if (!expected)
        return fail(expected.error());
    if (!constantTimeEquals(expected.value(), provided))
        return fail(WebhookRejection {
                WebhookRejection::Reason::BadSignature,
                QStringLiteral("the Signature of %1 %2 does not match; check that the "
                               "relay has the account's current API secret")
                        .arg(event.eventName.left(64), event.pbxCallId.left(64)) });
    return {};
}

} // namespace CallBridge
