// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Typed answers of the Zadarma API methods CallBridge uses (zadarma-api.md §2). Zadarma is loose
// with types (numbers as strings, booleans as "true"), so every parser accepts both and keeps
// identifiers such as call_id and phone numbers as strings.
namespace CallBridge {

struct Balance
{
    double balance = 0;
    QString currency;
    static Result<Balance> fromJson(const QJsonObject &json);
};

struct AccountTimeZone
{
    qint64 unixTime = 0;
    QString dateTime; // "YYYY-MM-DD HH:MM:SS" in the account's zone
    QString timeZone; // e.g. "UTC+3"
    std::optional<int> offsetSeconds() const; // parsed from timeZone, when it has the UTC±H form
    static Result<AccountTimeZone> fromJson(const QJsonObject &json);
};

struct PbxExtensions
{
    qint64 pbxId = 0;
    QStringList extensions; // "100", "101", …
    static Result<PbxExtensions> fromJson(const QJsonObject &json);
};

struct ExtensionStatus
{
    QString extension;
    bool isOnline = false;
    static Result<ExtensionStatus> fromJson(const QJsonObject &json);
};

struct ExtensionInfo
{
    QString extension;
    QString name;
    QString callerId;
    bool callerIdAppChange = false;
    QString callerIdByDirection;
    QString lines;
    QString ipRestriction;
    QString recordStore;
    QString recordEmail;
    std::optional<bool> supervisorStatus;
    static Result<ExtensionInfo> fromJson(const QJsonObject &json);
};

struct CallbackResult
{
    QString from;
    QString to;
    qint64 time = 0;
    static Result<CallbackResult> fromJson(const QJsonObject &json);
};

struct RecordingLinks
{
    QStringList links;
    // As sent: Zadarma's docs and PHP client give "YYYY-MM-DD HH:MM:SS" in the account's time
    // zone; unix seconds are accepted too.
    QString lifetimeTill;
    // The expiry in UTC, given the account's UTC offset (AccountTimeZone::offsetSeconds()).
    QDateTime expiresUtc(int accountUtcOffsetSeconds) const;
    static Result<RecordingLinks> fromJson(const QJsonObject &json);
};

struct PbxStatisticsQuery
{
    QString start; // "YYYY-MM-DD HH:MM:SS"; empty: Zadarma uses the start of the month
    QString end; // empty: now
    QString callType; // "in", "out", or empty for both
    int skip = 0;
    int limit = 1000; // Zadarma's maximum per page
    int version = 2;
};

struct PbxCallRecord
{
    QString callId; // "1439981389.2702773": kept as text, a double would round it
    QString pbxCallId;
    QString sip;
    QString callStart;
    QString clid;
    QString destination;
    QString disposition;
    int seconds = 0;
    bool isRecorded = false;
};

struct PbxStatisticsPage
{
    QString start;
    QString end;
    QList<PbxCallRecord> calls;
    static Result<PbxStatisticsPage> fromJson(const QJsonObject &json);
};

struct StatisticsQuery
{
    QString start;
    QString end;
    QString sip;
    bool costOnly = false;
    QString type;
    int skip = 0;
    int limit = 1000;
};

struct StatisticsRecord
{
    QString id;
    QString sip;
    QString callStart;
    QString from;
    QString to;
    QString description;
    QString disposition;
    int billSeconds = 0;
    double cost = 0;
    double billCost = 0;
    QString currency;
};

struct StatisticsPage
{
    QString start;
    QString end;
    QList<StatisticsRecord> records;
    static Result<StatisticsPage> fromJson(const QJsonObject &json);
};

struct DirectNumber
{
    QString number;
    QString status;
    QString country;
    QString description;
    QString numberName;
    QString sip;
    QString sipName;
    QString startDate;
    QString stopDate;
    double monthlyFee = 0;
    QString currency;
    int channels = 0;
    bool autorenew = false;
    bool isOnTest = false;
    QString type;
};

struct DirectNumbers
{
    QList<DirectNumber> numbers;
    static Result<DirectNumbers> fromJson(const QJsonObject &json);
};

// Where Zadarma sends call notifications, and which are switched on.
struct CallInfoSettings
{
    QString url;
    QList<std::pair<QString, bool>> notifications; // notify_start, notify_end, … in Zadarma's order
    static Result<CallInfoSettings> fromJson(const QJsonObject &json);
};

struct WebhookSettings
{
    QString url;
    QList<std::pair<QString, bool>> hooks; // number_lookup, call_tracking, sms, speech_recognition
    static Result<WebhookSettings> fromJson(const QJsonObject &json);
};

} // namespace CallBridge
