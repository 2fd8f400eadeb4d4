// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace CallBridge {

// Every time is UTC with millisecond precision; ids are positive, 0 means "none".

// One webhook exactly as it was accepted.
struct EventRecord
{
    qint64 seq = 0; // assigned by the store
    QDateTime receivedAt;
    QString eventName; // "NOTIFY_START", …
    QString pbxCallId; // empty for events without one
    QByteArray dedupeKey; // equal for a repeated delivery of the same event
    QByteArray rawForm; // the form fields, urlencoded in received order
    QString remoteAddress;
};

enum class UserRole { Agent, Admin };

struct UserRecord
{
    qint64 id = 0;
    QString name; // unique, the login name shown in the UI
    QString displayName;
    UserRole role = UserRole::Agent;
    QString extension; // unique among users; empty for none
    QByteArray tokenHash; // SHA-256 of the token; never the token
    QDateTime createdAt;
};

struct ContactRecord
{
    qint64 id = 0;
    QString name;
    QString company;
    QString email;
    QString notes;
    QStringList phones; // canonical (E.164 or extension), unique across contacts
    qint64 responsibleUserId = 0;
    QString source; // "manual", "auto" (unknown caller), "import"
    QStringList tags; // short labels, searchable; kept as given (the API and import clean them)
    QString externalUrl; // the contact elsewhere, e.g. in a CRM; empty: none
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct LeadRecord
{
    qint64 id = 0;
    qint64 contactId = 0;
    QString pbxCallId; // the call that created it
    QString status = QStringLiteral("new");
    qint64 responsibleUserId = 0;
    QDateTime createdAt;
};

struct TaskRecord
{
    qint64 id = 0;
    QString kind = QStringLiteral("missed_call");
    QString title;
    qint64 contactId = 0;
    QString pbxCallId;
    qint64 assigneeUserId = 0;
    bool done = false;
    QDateTime dueAt; // shown from this time on; snoozing moves it
    QDateTime createdAt;
    QDateTime updatedAt;
};

// A call as the relay derived it from its events (or from Zadarma's statistics).
struct CallRecord
{
    QString pbxCallId;
    QString direction; // toText(CallDirection)
    QString state; // toText(CallState)
    QDateTime startedAt;
    QString callStart; // raw, account time
    QString clientNumber; // canonical number of the outside party
    QString callerId; // raw
    QString calledDid; // raw
    QString extension; // the agent's extension: answeredBy, the one placing it, or last rang
    QStringList ringingExtensions;
    QString answeredBy;
    int durationSeconds = 0;
    QString disposition;
    int statusCode = 0;
    bool isRecorded = false;
    QString recordingId; // call_id_with_rec
    bool recordingReady = false;
    qint64 contactId = 0;
    QString source = QStringLiteral("webhook"); // or "statistics" (back-filled)
    QDateTime updatedAt;
};

struct CallQuery
{
    qint64 contactId = 0;
    QStringList extensions; // any of them (rang, answered or placed); empty: all
    QString direction; // empty: all
    QString state; // empty: all
    QString number; // canonical client number; empty: all
    QDateTime from; // startedAt >= from, when valid
    QDateTime to; // startedAt < to, when valid
    // Paging by position, newest first: calls strictly older than (beforeStartedAt,
    // beforePbxCallId).
    QDateTime beforeStartedAt;
    QString beforePbxCallId;
    int limit = 50;
};

struct TaskQuery
{
    qint64 assigneeUserId = 0; // 0: everyone's
    std::optional<bool> done; // nullopt: both
    QDateTime dueBefore; // only tasks due before this, when valid (hides snoozed ones)
    int limit = 100;
    qint64 afterId = 0;
};

// One item of the agents' stream. seq orders the stream and is what clients resume after.
struct FeedItem
{
    qint64 seq = 0; // assigned by the store
    QDateTime createdAt;
    QString type; // "call.ringing", "call.answered", "task.created", "contact.updated", …
    QJsonObject payload;
    // payload as compact JSON when it has been serialised already (storing and streaming an item
    // then cost no second serialisation); empty: serialise payload.
    QByteArray payloadJson;
    QList<qint64> audience; // users who may see it besides admins; empty: admins only
    bool everyone = false; // every user may see it
};

struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;
    qint64 userId = 0; // 0: an operator at the command line
    QString actor; // user name or "cli"
    QString action; // "settings.set", "recording.fetch", …
    QString detail; // never a secret
};

struct BlacklistEntry
{
    QString number; // canonical
    QString reason;
    QDateTime createdAt;
};

// The part of a contact NOTIFY_START routing needs, loaded into memory.
struct ContactRoute
{
    qint64 contactId = 0;
    QString phone; // canonical
    QString name;
    qint64 responsibleUserId = 0;
};

} // namespace CallBridge
