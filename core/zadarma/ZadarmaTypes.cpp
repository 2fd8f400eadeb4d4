// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/ZadarmaTypes.h"

#include "core/zadarma/ZadarmaTime.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace CallBridge {
namespace {

// Zadarma sends numbers as numbers or strings and booleans as bools, "true"/"false" or 0/1.
QString text(const QJsonObject &json, const char *key)
{
    const QJsonValue value = json.value(QLatin1StringView(key));
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number == double(qint64(number)))
            return QString::number(qint64(number));
        return QString::number(number, 'g', 17);
    }
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString();
}

double number(const QJsonObject &json, const char *key)
{
    const QJsonValue value = json.value(QLatin1StringView(key));
    if (value.isDouble())
        return value.toDouble();
    return value.toString().trimmed().toDouble();
}

qint64 integer(const QJsonObject &json, const char *key)
{
    return qint64(number(json, key));
}

bool flag(const QJsonObject &json, const char *key)
{
    const QJsonValue value = json.value(QLatin1StringView(key));
    if (value.isBool())
        return value.toBool();
    if (value.isDouble())
        return value.toDouble() != 0;
    const QString textValue = value.toString().trimmed().toLower();
    return textValue == QLatin1StringView("true") || textValue == QLatin1StringView("1")
            || textValue == QLatin1StringView("on") || textValue == QLatin1StringView("yes");
}

Result<void> require(const QJsonObject &json, std::initializer_list<const char *> keys,
                     const char *what)
{
    for (const char *key : keys) {
        if (!json.contains(QLatin1StringView(key)))
            return fail(QStringLiteral("Zadarma's answer for %1 has no \"%2\" field")
                                .arg(QLatin1StringView(what), QLatin1StringView(key)));
    }
    return {};
}

QList<std::pair<QString, bool>> switches(const QJsonObject &object)
{
    QList<std::pair<QString, bool>> result;
    for (auto it = object.begin(); it != object.end(); ++it)
        result.append({ it.key(), flag(object, it.key().toLatin1().constData()) });
    return result;
}

QJsonArray array(const QJsonObject &json, const char *key)
{
    return json.value(QLatin1StringView(key)).toArray();
}

} // namespace

Result<Balance> Balance::fromJson(const QJsonObject &json)
{
    if (auto ok = require(json, { "balance", "currency" }, "the balance"); !ok)
        return fail(ok.error());
    return Balance { number(json, "balance"), text(json, "currency") };
}

std::optional<int> AccountTimeZone::offsetSeconds() const
{
    static const QRegularExpression pattern(
            QStringLiteral("^(?:UTC|GMT)\\s*([+-])(\\d{1,2})(?::?(\\d{2}))?$"));
    if (timeZone == QLatin1StringView("UTC") || timeZone == QLatin1StringView("GMT"))
        return 0;
    const auto match = pattern.match(timeZone.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const int seconds = match.captured(2).toInt() * 3600 + match.captured(3).toInt() * 60;
    return match.captured(1) == QLatin1StringView("-") ? -seconds : seconds;
}

Result<AccountTimeZone> AccountTimeZone::fromJson(const QJsonObject &json)
{
    if (auto ok = require(json, { "timezone" }, "the time zone"); !ok)
        return fail(ok.error());
    return AccountTimeZone { integer(json, "unixtime"), text(json, "datetime"),
                             text(json, "timezone") };
}

Result<PbxExtensions> PbxExtensions::fromJson(const QJsonObject &json)
{
    if (auto ok = require(json, { "numbers" }, "the PBX extensions"); !ok)
        return fail(ok.error());
    PbxExtensions result;
    result.pbxId = integer(json, "pbx_id");
    for (const QJsonValue &value : array(json, "numbers")) {
        const QString extension
                = value.isDouble() ? QString::number(qint64(value.toDouble())) : value.toString();
        if (!extension.isEmpty())
            result.extensions.append(extension);
    }
    return result;
}

Result<ExtensionStatus> ExtensionStatus::fromJson(const QJsonObject &json)
{
    if (auto ok = require(json, { "is_online" }, "the extension status"); !ok)
        return fail(ok.error());
    return ExtensionStatus { text(json, "number"), flag(json, "is_online") };
}

Result<ExtensionInfo> ExtensionInfo::fromJson(const QJsonObject &json)
{
    ExtensionInfo info;
    info.extension = text(json, "number");
    info.name = text(json, "name");
    info.callerId = text(json, "caller_id");
    info.callerIdAppChange = flag(json, "caller_id_app_change");
    info.callerIdByDirection = text(json, "caller_id_by_direction");
    info.lines = text(json, "lines");
    info.ipRestriction = text(json, "ip_restriction");
    info.recordStore = text(json, "record_store");
    info.recordEmail = text(json, "record_email");
    if (json.contains(QLatin1StringView("supervisor_status")))
        info.supervisorStatus = flag(json, "supervisor_status");
    return info;
}

Result<CallbackResult> CallbackResult::fromJson(const QJsonObject &json)
{
    return CallbackResult { text(json, "from"), text(json, "to"), integer(json, "time") };
}

Result<RecordingLinks> RecordingLinks::fromJson(const QJsonObject &json)
{
    RecordingLinks result;
    // "link" when asked by call_id, "links" when asked by pbx_call_id.
    if (json.contains(QLatin1StringView("link")))
        result.links.append(text(json, "link"));
    for (const QJsonValue &link : array(json, "links"))
        result.links.append(link.toString());
    result.links.removeAll(QString());
    if (result.links.isEmpty())
        return fail(QStringLiteral("Zadarma's answer has no recording link"));
    result.lifetimeTill = text(json, "lifetime_till");
    return result;
}

QDateTime RecordingLinks::expiresUtc(int accountUtcOffsetSeconds) const
{
    bool isUnixTime = false;
    const qint64 unixTime = lifetimeTill.toLongLong(&isUnixTime);
    if (isUnixTime)
        return QDateTime::fromSecsSinceEpoch(unixTime, Qt::UTC);
    return zadarmaTimeToUtc(lifetimeTill, accountUtcOffsetSeconds);
}

Result<PbxStatisticsPage> PbxStatisticsPage::fromJson(const QJsonObject &json)
{
    if (auto ok = require(json, { "stats" }, "the PBX statistics"); !ok)
        return fail(ok.error());
    PbxStatisticsPage page { text(json, "start"), text(json, "end"), {} };
    for (const QJsonValue &value : array(json, "stats")) {
        const QJsonObject row = value.toObject();
        page.calls.append({ text(row, "call_id"), text(row, "pbx_call_id"), text(row, "sip"),
                            text(row, "callstart"), text(row, "clid"), text(row, "destination"),
                            text(row, "disposition"), int(integer(row, "seconds")),
                            flag(row, "is_recorded") });
    }
    return page;
}

Result<StatisticsPage> StatisticsPage::fromJson(const QJsonObject &json)
{
    if (auto ok = require(json, { "stats" }, "the statistics"); !ok)
        return fail(ok.error());
    StatisticsPage page { text(json, "start"), text(json, "end"), {} };
    for (const QJsonValue &value : array(json, "stats")) {
        const QJsonObject row = value.toObject();
        StatisticsRecord record;
        record.id = text(row, "id");
        record.sip = text(row, "sip");
        record.callStart = text(row, "callstart");
        record.from = text(row, "from");
        record.to = text(row, "to");
        record.description = text(row, "description");
        record.disposition = text(row, "disposition");
        record.billSeconds = int(integer(
                row, row.contains(QLatin1StringView("billseconds")) ? "billseconds" : "seconds"));
        record.cost = number(row, "cost");
        record.billCost = number(row, "billcost");
        record.currency = text(row, "currency");
        page.records.append(record);
    }
    return page;
}

Result<DirectNumbers> DirectNumbers::fromJson(const QJsonObject &json)
{
    if (auto ok = require(json, { "info" }, "the direct numbers"); !ok)
        return fail(ok.error());
    DirectNumbers result;
    for (const QJsonValue &value : array(json, "info")) {
        const QJsonObject row = value.toObject();
        DirectNumber entry;
        entry.number = text(row, "number");
        entry.status = text(row, "status");
        entry.country = text(row, "country");
        entry.description = text(row, "description");
        entry.numberName = text(row, "number_name");
        entry.sip = text(row, "sip");
        entry.sipName = text(row, "sip_name");
        entry.startDate = text(row, "start_date");
        entry.stopDate = text(row, "stop_date");
        entry.monthlyFee = CallBridge::number(row, "monthly_fee");
        entry.currency = text(row, "currency");
        entry.channels = int(integer(row, "channels"));
        entry.autorenew = flag(row, "autorenew");
        entry.isOnTest = flag(row, "is_on_test");
        entry.type = text(row, "type");
        result.numbers.append(entry);
    }
    return result;
}

Result<CallInfoSettings> CallInfoSettings::fromJson(const QJsonObject &json)
{
    return CallInfoSettings { text(json, "url"),
                              switches(json.value(QLatin1StringView("notifications")).toObject()) };
}

Result<WebhookSettings> WebhookSettings::fromJson(const QJsonObject &json)
{
    return WebhookSettings { text(json, "url"),
                             switches(json.value(QLatin1StringView("hooks")).toObject()) };
}

} // namespace CallBridge
