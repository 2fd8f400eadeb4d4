// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/zadarma/ZadarmaRateLimiter.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <chrono>

namespace CallBridge {

struct SimExtension
{
    QString number; // "100"
    QString name; // "Ana García"
    QString callerId;
    bool online = true;
};

struct SimDirectNumber
{
    QString number; // "34911234567"
    QString country;
    QString description;
    QString sip; // the extension or SIP account it rings
};

// What zadarma-sim simulates: one Zadarma account with its PBX. Read from a JSON file (see
// fromJson()); every field has a default, so an empty object is a working PBX.
struct SimConfig
{
    QByteArray key = "sim-key";
    QByteArray secret = "sim-secret";
    qint64 pbxId = 12345;
    QList<SimExtension> extensions; // default: 100-109 with names
    QList<SimDirectNumber> directNumbers;
    double balance = 125.5;
    QString currency = QStringLiteral("USD");
    QString timeZone = QStringLiteral("UTC+1"); // as /v1/info/timezone/ writes it
    QUrl notificationUrl; // where NOTIFY_* go (checked with zd_echo)
    bool rateLimited = true; // false lifts the limits, for benchmarks
    ZadarmaRateLimits limits;
    double timeScale = 1.0; // simulated seconds × timeScale = real seconds
    std::chrono::milliseconds answerTimeout { 3000 }; // how long NOTIFY_START waits for the relay
    int recordingSeconds = 3; // length of the generated recordings (at most the call's length)

    static SimConfig defaults();
    // {"key": "...", "secret": "...", "pbx_id": 1, "balance": 10, "currency": "EUR",
    //  "timezone": "UTC+3", "notification_url": "http://…", "rate_limits": true,
    //  "time_scale": 0.01, "answer_timeout_ms": 3000, "recording_seconds": 3,
    //  "extensions": [{"number": "100", "name": "Ana", "caller_id": "+34…", "online": true}],
    //  "direct_numbers": [{"number": "34911234567", "country": "Spain", "description": "Madrid",
    //                      "sip": "100"}]}
    static Result<SimConfig> fromJson(const QByteArray &json);
    static Result<SimConfig> fromFile(const QString &path);

    // The offset of timeZone ("UTC+3" → 10800); 0 when it has another form.
    int utcOffsetSeconds() const;
};

} // namespace CallBridge
