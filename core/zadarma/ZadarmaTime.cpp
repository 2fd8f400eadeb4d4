// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/ZadarmaTime.h"

namespace CallBridge {
namespace {

const QString zadarmaFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");

} // namespace

QDateTime zadarmaTimeToUtc(const QString &text, int accountUtcOffsetSeconds)
{
    QDateTime local = QDateTime::fromString(text.trimmed(), zadarmaFormat);
    if (!local.isValid())
        return {};
    local.setTimeSpec(Qt::UTC);
    return local.addSecs(-accountUtcOffsetSeconds);
}

QString zadarmaTimeFromUtc(const QDateTime &utc, int accountUtcOffsetSeconds)
{
    return utc.toUTC().addSecs(accountUtcOffsetSeconds).toString(zadarmaFormat);
}

} // namespace CallBridge
