// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RelayJson.h"

#include "core/relay/RoutingDirectory.h"

#include <QJsonArray>

namespace CallBridge {

QJsonValue toJson(const QDateTime &time)
{
    if (!time.isValid())
        return QJsonValue::Null;
    return time.toUTC().toString(Qt::ISODateWithMs);
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

QString toText(UserRole role)
{
    return role == UserRole::Admin ? QStringLiteral("admin") : QStringLiteral("agent");
}

} // namespace CallBridge
