// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/webhook/FormFields.h"
#include "core/webhook/WebhookRejection.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace CallBridge {

// Zadarma checks a notification URL by requesting it with zd_echo=<random> and expecting exactly
// that value back as text/plain. It comes in the query of a GET (some integrations see it in a POST
// body too) and carries no Signature, so it is answered before any signature check.
class ZdEcho
{
public:
    static constexpr qsizetype maxLength = 256;

    // nullopt: not a zd_echo request. A value: the exact body to answer with. A rejection: a
    // zd_echo that is too long or holds control characters.
    using Answer = std::optional<Result<QByteArray, WebhookRejection>>;

    static Answer answer(QByteArrayView rawQuery, const FormFields &body = {});
    static constexpr QByteArrayView contentType() { return "text/plain; charset=utf-8"; }
};

} // namespace CallBridge
