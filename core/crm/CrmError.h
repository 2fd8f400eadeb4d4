// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QString>

namespace CallBridge {

// Why a CRM request failed, classified for the relay's outbox.
struct CrmError
{
    QString message; // what happened and what a person can do about it
    // Try again later: timeouts, refused connections, 408, 429, 5xx.
    bool retryable = false;
    // The request may have reached the CRM (a write that timed out or lost its answer): run the
    // operation's find before sending it again, so that a retry makes no duplicate.
    bool ambiguous = false;
    int retryAfterMs = 0; // the CRM's Retry-After, 0 when it gave none
    int httpStatus = 0; // 0 when no HTTP answer arrived
};

template<typename T> using CrmResult = Result<T, CrmError>;

inline Failure<CrmError> crmFailure(QString message, bool retryable = false, bool ambiguous = false,
                                    int httpStatus = 0)
{
    return { CrmError { std::move(message), retryable, ambiguous, 0, httpStatus } };
}

} // namespace CallBridge
