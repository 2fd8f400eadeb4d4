// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/calls/Call.h"

namespace CallBridge {

QString toText(CallDirection direction)
{
    switch (direction) {
    case CallDirection::Unknown:
        return QStringLiteral("unknown");
    case CallDirection::Inbound:
        return QStringLiteral("inbound");
    case CallDirection::Outbound:
        return QStringLiteral("outbound");
    case CallDirection::Callback:
        return QStringLiteral("callback");
    }
    return QStringLiteral("unknown");
}

QString toText(CallState state)
{
    switch (state) {
    case CallState::Ringing:
        return QStringLiteral("ringing");
    case CallState::Answered:
        return QStringLiteral("answered");
    case CallState::Ended:
        return QStringLiteral("ended");
    case CallState::Missed:
        return QStringLiteral("missed");
    }
    return QStringLiteral("ringing");
}

} // namespace CallBridge
