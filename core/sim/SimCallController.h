// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QString>

namespace CallBridge {

// What the API side asks of the call side: /v1/request/callback/ places a two-leg call.
class SimCallController
{
public:
    virtual ~SimCallController() = default;

    // Rings `from` (an extension) first, then `to`; `predicted` reverses the order. `sip` is the
    // extension whose CallerID applies (defaults to `from`). Returns the call's pbx_call_id, or a
    // message Zadarma would give (unknown extension, bad number).
    virtual Result<QString> startCallback(const QString &from, const QString &to,
                                          const QString &sip, bool predicted)
            = 0;
};

} // namespace CallBridge
