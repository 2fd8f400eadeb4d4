// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// What the desktop app knows of the relay's JSON (README "The agents' API"). Each type reads the
// relay's object leniently: a missing field keeps its default, so an older relay still works.
namespace CallBridge {

// An error from the relay or from the way to it. httpStatus 0: the relay was not reached.
struct RelayError
{
    int httpStatus = 0;
    QString message; // the relay's own "error" text, or the network's, ready to show a person

    bool isNetwork() const { return httpStatus == 0; }
    bool isUnauthorised() const { return httpStatus == 401; }
};

struct UserRef
{
    qint64 id = 0;
    QString name;
    QString displayName;
    QString extension;

    QString shownName() const { return displayName.isEmpty() ? name : displayName; }
    static std::optional<UserRef> fromJson(const QJsonValue &value); // null → nullopt
};

struct UserInfo
{
    qint64 id = 0;
    QString name;
    QString displayName;
    QString role; // "agent" or "admin"
    QString extension;
    QString crmContactUrl; // template with {id} and {phone}; empty: no CRM link
    QString defaultRegion; // the relay's region for numbers written nationally ("ES")

    bool isAdmin() const { return role == u"admin"; }
    QString shownName() const { return displayName.isEmpty() ? name : displayName; }
    static UserInfo fromJson(const QJsonObject &object);
};

struct ContactCard
{
    qint64 id = 0;
    QString name;
    QString company;
    QString email;
    QString notes;
    QStringList phones; // E.164
    QStringList tags;
    QString externalUrl; // the contact elsewhere (a CRM); empty: none
    QString source; // "manual", "auto", "import", …
    std::optional<UserRef> responsible;
    QDateTime createdAt;
    QDateTime updatedAt;

    static std::optional<ContactCard> fromJson(const QJsonValue &value); // null → nullopt
};

// What a person types into a new or changed contact. Unset fields are left out of the request.
// In the inline namespace like CallUpdate below: the relay's import has a ContactDraft too.
inline namespace Client {
struct ContactDraft
{
    std::optional<QString> name;
    std::optional<QString> company;
    std::optional<QString> email;
    std::optional<QString> notes;
    std::optional<QStringList> phones;
    std::optional<QStringList> tags;
    std::optional<QString> externalUrl; // http(s) or empty
    std::optional<qint64> responsibleId; // admins only

    QJsonObject toJson() const;
};
} // namespace Client

struct CallInfo
{
    QString pbxCallId;
    QString direction; // inbound, outbound, callback, unknown
    QString state; // ringing, answered, ended, missed
    QDateTime startedAt;
    QString clientNumber; // E.164 when known
    QString callerId;
    QString calledDid;
    QString extension;
    QStringList ringingExtensions;
    QString answeredBy;
    int durationSeconds = 0;
    QString disposition;
    bool isRecorded = false;
    bool recordingReady = false;
    qint64 contactId = 0;
    QString source;
    QDateTime updatedAt;

    bool isFinished() const { return state == u"ended" || state == u"missed"; }
    static CallInfo fromJson(const QJsonObject &object);
};

// The relay's own CallUpdate, CallQuery and ExtensionInfo (core/calls, core/store, core/zadarma)
// are different types of the same names; the desktop app's tests link both, so the client's
// live in an inline namespace that keeps their symbols apart (one definition rule).
inline namespace Client {
// One call.* item of the stream: the call and the contact card it is linked to.
struct CallUpdate
{
    QString type; // call.ringing, call.answered, call.ended, call.missed, call.recording_ready
    qint64 seq = 0;
    QDateTime at; // when the relay produced it (the pop-up latency is measured from here)
    CallInfo call;
    std::optional<ContactCard> contact;
    bool backfilled = false;
};
} // namespace Client

struct TaskInfo
{
    qint64 id = 0;
    QString kind; // "missed_call"
    QString title;
    qint64 contactId = 0;
    QString pbxCallId;
    qint64 assigneeId = 0;
    bool done = false;
    QDateTime dueAt; // a snoozed task is due later
    QDateTime createdAt;
    QDateTime updatedAt;

    static TaskInfo fromJson(const QJsonObject &object);
};

inline namespace Client {
struct CallQuery
{
    qint64 contactId = 0;
    QString direction; // empty: any
    QString state; // empty: any
    QString number;
    QDateTime from;
    QDateTime to;
    QString before; // the "next" of the previous page
    int limit = 50;
};
} // namespace Client

struct CallPage
{
    QList<CallInfo> calls;
    QString next; // empty: last page
};

struct ClickToCallPlaced
{
    QString from; // the agent's own extension
    QString to;
};

inline namespace Client {
struct ExtensionInfo
{
    QString extension;
    bool free = true;
    std::optional<UserRef> holder;
};
} // namespace Client

struct ExtensionList
{
    QString pbxId;
    QList<ExtensionInfo> extensions;
};

struct Balance
{
    double balance = 0;
    QString currency;
};

struct ConnectionTest
{
    bool ok = false;
    Balance balance;
    int roundTripMs = 0;
};

struct RelaySettingKey
{
    QString key;
    QString type; // bool, seconds, user, region, text
    QString defaultValue;
    QString description;
};

struct RelaySettingsSnapshot
{
    QJsonObject values; // key → current value (as text)
    QList<RelaySettingKey> keys;
};

struct BlacklistEntryInfo
{
    QString number;
    QString reason;
    QDateTime createdAt;
};

struct NewUser
{
    QString name;
    QString displayName;
    QString role = QStringLiteral("agent");
    QString extension;
};

struct CreatedUser
{
    UserInfo user;
    QString token; // shown once
};

} // namespace CallBridge
