// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/StoreTypes.h"

#include <QJsonObject>
#include <QJsonValue>

namespace CallBridge {

class RoutingDirectory;

// The relay's wire format for the REST API and the agents' stream (snake_case keys, times as
// ISO 8601 UTC with milliseconds). One place, so REST and stream never disagree.
QJsonValue toJson(const QDateTime &time);
QDateTime dateTimeFromJson(const QJsonValue &value);
QJsonObject toJson(const CallRecord &call);
// The contact card: the contact plus the responsible user's name and extension.
QJsonObject toJson(const ContactRecord &contact, const RoutingDirectory &directory);
QJsonObject toJson(const TaskRecord &task);
QJsonObject toJson(const LeadRecord &lead);
QJsonObject toJson(const AuditEntry &entry);
QJsonObject toJson(const BlacklistEntry &entry);
// A user as others may see it: never the token hash.
QJsonObject toJson(const UserRecord &user);
QJsonObject toJson(const FeedItem &item); // {"type", "seq", "at", "data"}
// The same as compact JSON text, built around payloadJson when the item has it.
QByteArray feedMessage(const FeedItem &item);
// payload serialised once, for the store and the stream.
void serialisePayload(FeedItem &item);
QString toText(UserRole role);

} // namespace CallBridge
