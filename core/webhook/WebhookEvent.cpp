// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/webhook/WebhookEvent.h"

#include <array>
#include <utility>

namespace CallBridge {
namespace {

constexpr std::array<std::pair<WebhookEventType, const char *>, 12> eventNames { {
        { WebhookEventType::NotifyStart, "NOTIFY_START" },
        { WebhookEventType::NotifyInternal, "NOTIFY_INTERNAL" },
        { WebhookEventType::NotifyAnswer, "NOTIFY_ANSWER" },
        { WebhookEventType::NotifyEnd, "NOTIFY_END" },
        { WebhookEventType::NotifyOutStart, "NOTIFY_OUT_START" },
        { WebhookEventType::NotifyOutEnd, "NOTIFY_OUT_END" },
        { WebhookEventType::NotifyRecord, "NOTIFY_RECORD" },
        { WebhookEventType::NotifyIvr, "NOTIFY_IVR" },
        { WebhookEventType::Sms, "SMS" },
        { WebhookEventType::SpeechRecognition, "SPEECH_RECOGNITION" },
        { WebhookEventType::NumberLookup, "NUMBER_LOOKUP" },
        { WebhookEventType::CallTracking, "CALL_TRACKING" },
} };

constexpr std::array<std::pair<Disposition, const char *>, 12> dispositionNames { {
        { Disposition::Answered, "answered" },
        { Disposition::Busy, "busy" },
        { Disposition::Cancel, "cancel" },
        { Disposition::NoAnswer, "no answer" },
        { Disposition::Failed, "failed" },
        { Disposition::NoMoney, "no money" },
        { Disposition::UnallocatedNumber, "unallocated number" },
        { Disposition::NoLimit, "no limit" },
        { Disposition::NoDayLimit, "no day limit" },
        { Disposition::LineLimit, "line limit" },
        { Disposition::NoMoneyNoLimit, "no money, no limit" },
        { Disposition::Other, "other" },
} };

} // namespace

bool WebhookEvent::isCallEvent() const
{
    switch (type) {
    case WebhookEventType::NotifyStart:
    case WebhookEventType::NotifyInternal:
    case WebhookEventType::NotifyAnswer:
    case WebhookEventType::NotifyEnd:
    case WebhookEventType::NotifyOutStart:
    case WebhookEventType::NotifyOutEnd:
    case WebhookEventType::NotifyRecord:
    case WebhookEventType::NotifyIvr:
        return true;
    default:
        return false;
    }
}

bool WebhookEvent::isInbound() const
{
    switch (type) {
    case WebhookEventType::NotifyStart:
    case WebhookEventType::NotifyInternal:
    case WebhookEventType::NotifyAnswer:
    case WebhookEventType::NotifyEnd:
    case WebhookEventType::NotifyIvr:
        return true;
    default:
        return false;
    }
}

bool WebhookEvent::isOutbound() const
{
    return type == WebhookEventType::NotifyOutStart || type == WebhookEventType::NotifyOutEnd;
}

QString toText(WebhookEventType type)
{
    for (const auto &[value, name] : eventNames) {
        if (value == type)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("UNKNOWN");
}

WebhookEventType webhookEventTypeFromName(const QString &eventName)
{
    for (const auto &[value, name] : eventNames) {
        if (eventName == QLatin1StringView(name))
            return value;
    }
    return WebhookEventType::Unknown;
}

Disposition dispositionFromText(const QString &text)
{
    if (text.isEmpty())
        return Disposition::None;
    const QString normalized = text.trimmed().toLower();
    // Statistics spell it "call failed"; some docs "no answered".
    if (normalized == QLatin1StringView("call failed"))
        return Disposition::Failed;
    if (normalized == QLatin1StringView("no answered"))
        return Disposition::NoAnswer;
    for (const auto &[value, name] : dispositionNames) {
        if (value != Disposition::Other && normalized == QLatin1StringView(name))
            return value;
    }
    return Disposition::Other;
}

QString toText(Disposition disposition)
{
    if (disposition == Disposition::None)
        return QString();
    for (const auto &[value, name] : dispositionNames) {
        if (value == disposition)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("other");
}

} // namespace CallBridge
