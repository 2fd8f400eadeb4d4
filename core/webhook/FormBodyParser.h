// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/webhook/FormFields.h"
#include "core/webhook/WebhookRejection.h"

#include <QByteArrayView>

namespace CallBridge {

struct FormBodyLimits
{
    qsizetype maxBodyBytes = 64 * 1024; // a Zadarma notification is well under 2 KiB
    int maxFields = 256;
};

using FormBodyResult = Result<FormFields, WebhookRejection>;

// Decodes the body of a webhook POST, as PHP would fill $_POST: urlencoded ('+' is a space) or
// multipart/form-data (RFC 7578; file parts are skipped). Values are decoded as UTF-8.
FormBodyResult parseFormBody(QByteArrayView contentType, QByteArrayView body,
                             const FormBodyLimits &limits = {});

FormBodyResult parseUrlEncodedForm(QByteArrayView body, const FormBodyLimits &limits = {});
FormBodyResult parseMultipartForm(QByteArrayView boundary, QByteArrayView body,
                                  const FormBodyLimits &limits = {});

} // namespace CallBridge
