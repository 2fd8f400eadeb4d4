// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RelayJson.h"

#include "core/relay/RoutingDirectory.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace CallBridge {

QJsonValue toJson(const QDateTime &time)
{
    if (!time.isValid())
        return QJsonValue::Null;
    // QDateTime::toString() costs microseconds and runs several times per stream item; this is
    // the same text (YYYY-MM-DDTHH:MM:SS.mmmZ) from the epoch milliseconds.
    const qint64 ms = time.toMSecsSinceEpoch();
    qint64 days = ms >= 0 ? ms / 86'400'000 : (ms - 86'399'999) / 86'400'000;
    const qint64 dayMs = ms - days * 86'400'000;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    days += 719'468;
    const qint64 era = (days >= 0 ? days : days - 146'096) / 146'097;
    const qint64 dayOfEra = days - era * 146'097;
    const qint64 yearOfEra
            = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36'524 - dayOfEra / 146'096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthIndex = (5 * dayOfYear + 2) / 153;
    const qint64 day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    const qint64 month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    const qint64 year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999)
        return time.toUTC().toString(Qt::ISODateWithMs);
    char text[64]; // roomy enough that the compiler can see every field fits
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", int(year), int(month),
                  int(day), int(dayMs / 3'600'000), int(dayMs / 60'000 % 60),
                  int(dayMs / 1000 % 60), int(dayMs % 1000));
    return QString::fromLatin1(text, 24);
}

QDateTime dateTimeFromJson(const QJsonValue &value)
{
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(value.toString(), Qt::ISODate);
    return time.toUTC();
}

QJsonObject toJson(const CallRecord &call)
{
    return {
        { QStringLiteral("pbx_call_id"), call.pbxCallId },
        { QStringLiteral("direction"), call.direction },
        { QStringLiteral("state"), call.state },
        { QStringLiteral("started_at"), toJson(call.startedAt) },
        { QStringLiteral("call_start"), call.callStart },
        { QStringLiteral("client_number"), call.clientNumber },
        { QStringLiteral("caller_id"), call.callerId },
        { QStringLiteral("called_did"), call.calledDid },
        { QStringLiteral("extension"), call.extension },
        { QStringLiteral("ringing_extensions"),
          QJsonArray::fromStringList(call.ringingExtensions) },
        { QStringLiteral("answered_by"), call.answeredBy },
        { QStringLiteral("duration"), call.durationSeconds },
        { QStringLiteral("disposition"), call.disposition },
        { QStringLiteral("status_code"), call.statusCode },
        { QStringLiteral("is_recorded"), call.isRecorded },
        { QStringLiteral("recording_ready"), call.recordingReady },
        { QStringLiteral("contact_id"), call.contactId },
        { QStringLiteral("source"), call.source },
        { QStringLiteral("updated_at"), toJson(call.updatedAt) },
    };
}

QJsonObject toJson(const ContactRecord &contact, const RoutingDirectory &directory)
{
    QJsonObject card {
        { QStringLiteral("id"), contact.id },
        { QStringLiteral("name"), contact.name },
        { QStringLiteral("company"), contact.company },
        { QStringLiteral("email"), contact.email },
        { QStringLiteral("notes"), contact.notes },
        { QStringLiteral("phones"), QJsonArray::fromStringList(contact.phones) },
        { QStringLiteral("tags"), QJsonArray::fromStringList(contact.tags) },
        { QStringLiteral("external_url"), contact.externalUrl },
        { QStringLiteral("source"), contact.source },
        { QStringLiteral("created_at"), toJson(contact.createdAt) },
        { QStringLiteral("updated_at"), toJson(contact.updatedAt) },
    };
    QJsonObject responsible;
    if (const auto user = directory.user(contact.responsibleUserId)) {
        responsible = { { QStringLiteral("id"), user->id },
                        { QStringLiteral("name"), user->name },
                        { QStringLiteral("display_name"), user->displayName },
                        { QStringLiteral("extension"), user->extension } };
    }
    card.insert(QStringLiteral("responsible"),
                responsible.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(responsible));
    return card;
}

QJsonObject toJson(const TaskRecord &task)
{
    return {
        { QStringLiteral("id"), task.id },
        { QStringLiteral("kind"), task.kind },
        { QStringLiteral("title"), task.title },
        { QStringLiteral("contact_id"), task.contactId },
        { QStringLiteral("pbx_call_id"), task.pbxCallId },
        { QStringLiteral("assignee_id"), task.assigneeUserId },
        { QStringLiteral("done"), task.done },
        { QStringLiteral("due_at"), toJson(task.dueAt) },
        { QStringLiteral("created_at"), toJson(task.createdAt) },
        { QStringLiteral("updated_at"), toJson(task.updatedAt) },
    };
}

QJsonObject toJson(const LeadRecord &lead)
{
    return {
        { QStringLiteral("id"), lead.id },
        { QStringLiteral("contact_id"), lead.contactId },
        { QStringLiteral("pbx_call_id"), lead.pbxCallId },
        { QStringLiteral("status"), lead.status },
        { QStringLiteral("responsible_id"), lead.responsibleUserId },
        { QStringLiteral("created_at"), toJson(lead.createdAt) },
    };
}

QJsonObject toJson(const AuditEntry &entry)
{
    return {
        { QStringLiteral("id"), entry.id },          { QStringLiteral("at"), toJson(entry.at) },
        { QStringLiteral("user_id"), entry.userId }, { QStringLiteral("actor"), entry.actor },
        { QStringLiteral("action"), entry.action },  { QStringLiteral("detail"), entry.detail },
    };
}

QJsonObject toJson(const BlacklistEntry &entry)
{
    return {
        { QStringLiteral("number"), entry.number },
        { QStringLiteral("reason"), entry.reason },
        { QStringLiteral("created_at"), toJson(entry.createdAt) },
    };
}

QJsonObject toJson(const UserRecord &user)
{
    return {
        { QStringLiteral("id"), user.id },
        { QStringLiteral("name"), user.name },
        { QStringLiteral("display_name"), user.displayName },
        { QStringLiteral("role"), toText(user.role) },
        { QStringLiteral("extension"), user.extension },
        { QStringLiteral("created_at"), toJson(user.createdAt) },
    };
}

QJsonObject toJson(const FeedItem &item)
{
    return {
        { QStringLiteral("type"), item.type },
        { QStringLiteral("seq"), item.seq },
        { QStringLiteral("at"), toJson(item.createdAt) },
        { QStringLiteral("data"), item.payload },
    };
}

void serialisePayload(FeedItem &item)
{
    if (item.payloadJson.isEmpty())
        item.payloadJson = QJsonDocument(item.payload).toJson(QJsonDocument::Compact);
}

QByteArray feedMessage(const FeedItem &item)
{
    if (item.payloadJson.isEmpty())
        return QJsonDocument(toJson(item)).toJson(QJsonDocument::Compact);
    // Keys in the order QJsonObject would write them, so both paths give the same text.
    QJsonObject head { { QStringLiteral("at"), toJson(item.createdAt) },
                       { QStringLiteral("seq"), item.seq },
                       { QStringLiteral("type"), item.type } };
    QByteArray text = QJsonDocument(head).toJson(QJsonDocument::Compact);
    text.chop(1); // the closing brace
    // "data" sorts between "at" and "seq".
    const qsizetype seqAt = text.indexOf(",\"seq\":");
    text.insert(seqAt, ",\"data\":" + item.payloadJson);
    text += '}';
    return text;
}

QString toText(UserRole role)
{
    return role == UserRole::Admin ? QStringLiteral("admin") : QStringLiteral("agent");
}

} // namespace CallBridge
