// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/ClientTypes.h"

#include "core/client/ClientJson.h"

#include <QJsonArray>

namespace CallBridge {

namespace {

QString text(const QJsonObject &object, QStringView key)
{
    return jsonText(object.value(key));
}

QDateTime time(const QJsonObject &object, QStringView key)
{
    return jsonTime(object.value(key));
}

QStringList texts(const QJsonObject &object, QStringView key)
{
    QStringList list;
    const QJsonArray array = object.value(key).toArray();
    for (const QJsonValue &entry : array)
        list.append(jsonText(entry));
    return list;
}

} // namespace

std::optional<UserRef> UserRef::fromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    UserRef user;
    user.id = object.value(u"id").toInteger();
    user.name = text(object, u"name");
    user.displayName = text(object, u"display_name");
    user.extension = text(object, u"extension");
    return user;
}

UserInfo UserInfo::fromJson(const QJsonObject &object)
{
    UserInfo user;
    user.id = object.value(u"id").toInteger();
    user.name = text(object, u"name");
    user.displayName = text(object, u"display_name");
    user.role = text(object, u"role");
    user.extension = text(object, u"extension");
    user.crmContactUrl = text(object, u"crm_contact_url");
    user.defaultRegion = text(object, u"default_region");
    return user;
}

std::optional<ContactCard> ContactCard::fromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    ContactCard card;
    card.id = object.value(u"id").toInteger();
    card.name = text(object, u"name");
    card.company = text(object, u"company");
    card.email = text(object, u"email");
    card.notes = text(object, u"notes");
    card.phones = texts(object, u"phones");
    card.tags = texts(object, u"tags");
    card.externalUrl = text(object, u"external_url");
    card.source = text(object, u"source");
    card.responsible = UserRef::fromJson(object.value(u"responsible"));
    card.createdAt = time(object, u"created_at");
    card.updatedAt = time(object, u"updated_at");
    return card;
}

QJsonObject ContactDraft::toJson() const
{
    QJsonObject object;
    if (name)
        object.insert(QStringLiteral("name"), *name);
    if (company)
        object.insert(QStringLiteral("company"), *company);
    if (email)
        object.insert(QStringLiteral("email"), *email);
    if (notes)
        object.insert(QStringLiteral("notes"), *notes);
    if (phones)
        object.insert(QStringLiteral("phones"), QJsonArray::fromStringList(*phones));
    if (tags)
        object.insert(QStringLiteral("tags"), QJsonArray::fromStringList(*tags));
    if (externalUrl)
        object.insert(QStringLiteral("external_url"), *externalUrl);
    if (responsibleId)
        object.insert(QStringLiteral("responsible_id"), *responsibleId);
    return object;
}

CallInfo CallInfo::fromJson(const QJsonObject &object)
{
    CallInfo call;
    call.pbxCallId = text(object, u"pbx_call_id");
    call.direction = text(object, u"direction");
    call.state = text(object, u"state");
    call.startedAt = time(object, u"started_at");
    call.clientNumber = text(object, u"client_number");
    call.callerId = text(object, u"caller_id");
    call.calledDid = text(object, u"called_did");
    call.extension = text(object, u"extension");
    call.ringingExtensions = texts(object, u"ringing_extensions");
    call.answeredBy = text(object, u"answered_by");
    call.durationSeconds = object.value(u"duration").toInt();
    call.disposition = text(object, u"disposition");
    call.isRecorded = object.value(u"is_recorded").toBool();
    call.recordingReady = object.value(u"recording_ready").toBool();
    call.contactId = object.value(u"contact_id").toInteger();
    call.source = text(object, u"source");
    call.updatedAt = time(object, u"updated_at");
    return call;
}

TaskInfo TaskInfo::fromJson(const QJsonObject &object)
{
    TaskInfo task;
    task.id = object.value(u"id").toInteger();
    task.kind = text(object, u"kind");
    task.title = text(object, u"title");
    task.contactId = object.value(u"contact_id").toInteger();
    task.pbxCallId = text(object, u"pbx_call_id");
    task.assigneeId = object.value(u"assignee_id").toInteger();
    task.done = object.value(u"done").toBool();
    task.dueAt = time(object, u"due_at");
    task.createdAt = time(object, u"created_at");
    task.updatedAt = time(object, u"updated_at");
    return task;
}

} // namespace CallBridge
