// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/webhook/ZdEcho.h"

#include "core/webhook/FormBodyParser.h"

namespace CallBridge {

ZdEcho::Answer ZdEcho::answer(QByteArrayView rawQuery, const FormFields &body)
{
    std::optional<QString> echo;
    if (!rawQuery.isEmpty()) {
        const auto query = parseUrlEncodedForm(rawQuery);
        if (query)
            echo = query->find(QStringLiteral("zd_echo"));
    }
    if (!echo)
        echo = body.find(QStringLiteral("zd_echo"));
    if (!echo)
        return std::nullopt;

    const QByteArray value = echo->toUtf8();
    if (value.size() > maxLength)
        return Result<QByteArray, WebhookRejection>(fail(WebhookRejection {
                WebhookRejection::Reason::MalformedBody,
                QStringLiteral("zd_echo is %1 bytes long; at most %2 are answered")
                        .arg(value.size())
                        .arg(maxLength) }));
    for (const char c : value) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return Result<QByteArray, WebhookRejection>(fail(
                    WebhookRejection { WebhookRejection::Reason::MalformedBody,
                                       QStringLiteral("zd_echo contains control characters") }));
    }
    return Result<QByteArray, WebhookRejection>(value);
}

} // namespace CallBridge
