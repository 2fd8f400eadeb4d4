// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/webhook/WebhookParser.h"

#include "core/webhook/WebhookLogging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace CallBridge {
namespace {

std::optional<int> integerField(const FormFields &fields, const char *name)
{
    const auto text = fields.find(QLatin1StringView(name));
    if (!text || text->trimmed().isEmpty())
        return std::nullopt;
    bool ok = false;
    const int value = text->trimmed().toInt(&ok);
    if (ok)
        return value;
    // Lenient: "12.0" still means 12 seconds. Anything else is kept raw in `fields` only.
    const double asDouble = text->trimmed().toDouble(&ok);
    if (ok && asDouble >= 0 && asDouble < 1e9)
        return int(asDouble);
    qCWarning(lcWebhook) << "field" << name << "is not a number; kept raw only";
    return std::nullopt;
}

std::optional<bool> flagField(const FormFields &fields, const char *name)
{
    const auto text = fields.find(QLatin1StringView(name));
    if (!text || text->trimmed().isEmpty())
        return std::nullopt;
    const QString value = text->trimmed().toLower();
    return value != QLatin1StringView("0") && value != QLatin1StringView("false")
            && value != QLatin1StringView("no");
}

CallLegType legTypeFromText(const QString &text)
{
    if (text.isEmpty())
        return CallLegType::None;
    if (text == QLatin1StringView("normal"))
        return CallLegType::Normal;
    if (text == QLatin1StringView("callback_leg1"))
        return CallLegType::CallbackLeg1;
    if (text == QLatin1StringView("callback_leg2"))
        return CallLegType::CallbackLeg2;
    return CallLegType::Other;
}

// wait_dtmf arrives as PHP array fields (wait_dtmf[name]=…); accept a JSON object too.
std::optional<WaitDtmfResult> waitDtmfFrom(const FormFields &fields)
{
    WaitDtmfResult result;
    bool any = false;
    for (const auto &[name, value] : fields.entries()) {
        if (name == QLatin1StringView("wait_dtmf[name]")) {
            result.name = value;
            any = true;
        } else if (name == QLatin1StringView("wait_dtmf[digits]")) {
            result.digits = value;
            any = true;
        } else if (name == QLatin1StringView("wait_dtmf[default_behaviour]")) {
            result.defaultBehaviour = value;
            any = true;
        } else if (name == QLatin1StringView("wait_dtmf")) {
            const QJsonObject object = QJsonDocument::fromJson(value.toUtf8()).object();
            if (!object.isEmpty()) {
                result.name = object.value(QLatin1StringView("name")).toVariant().toString();
                result.digits = object.value(QLatin1StringView("digits")).toVariant().toString();
                result.defaultBehaviour = object.value(QLatin1StringView("default_behaviour"))
                                                  .toVariant()
                                                  .toString();
                any = true;
            }
        }
    }
    return any ? std::optional(result) : std::nullopt;
}

} // namespace

WebhookEventResult parseWebhookEvent(const FormFields &fields)
{
    const auto eventName = fields.find(QStringLiteral("event"));
    if (!eventName || eventName->trimmed().isEmpty())
        return fail(WebhookRejection { WebhookRejection::Reason::MissingEvent,
                                       QStringLiteral("the notification has no \"event\" field") });
    WebhookEvent event;
    event.eventName = eventName->trimmed();
    event.type = webhookEventTypeFromName(event.eventName);
    event.fields = fields;

    event.pbxCallId = fields.value(QStringLiteral("pbx_call_id"));
    event.callStart = fields.value(QStringLiteral("call_start"));
    event.callerId = fields.value(QStringLiteral("caller_id"));
    event.calledDid = fields.value(QStringLiteral("called_did"));
    event.internal = fields.value(QStringLiteral("internal"));
    event.destination = fields.value(QStringLiteral("destination"));
    event.lastInternal = fields.value(QStringLiteral("last_internal"));
    event.callIdWithRec = fields.value(QStringLiteral("call_id_with_rec"));
    event.duration = integerField(fields, "duration");
    event.statusCode = integerField(fields, "status_code");
    event.isRecorded = flagField(fields, "is_recorded");
    event.dispositionText = fields.value(QStringLiteral("disposition"));
    event.disposition = dispositionFromText(event.dispositionText);
    event.legTypeText = fields.value(QStringLiteral("calltype"));
    event.legType = legTypeFromText(event.legTypeText);
    event.waitDtmf = waitDtmfFrom(fields);
    event.result = fields.value(QStringLiteral("result"));

    if (event.isCallEvent() && event.pbxCallId.trimmed().isEmpty())
        return fail(
                WebhookRejection { WebhookRejection::Reason::MissingField,
                                   QStringLiteral("%1 has no pbx_call_id").arg(event.eventName) });
    if (event.type == WebhookEventType::Unknown)
        qCInfo(lcWebhook).noquote()
                << "unknown event" << event.eventName.left(64) << "kept as received";
    return event;
}

WebhookEventResult parseWebhook(QByteArrayView contentType, QByteArrayView body,
                                const FormBodyLimits &limits)
{
    FormBodyResult fields = parseFormBody(contentType, body, limits);
    if (!fields)
        return fail(fields.error());
    return parseWebhookEvent(fields.value());
}

} // namespace CallBridge
