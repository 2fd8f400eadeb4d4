// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/http/HttpServer.h"
#include "core/relay/ApiRequest.h"
#include "core/relay/RelayServices.h"

#include <QByteArrayList>
#include <QDateTime>
#include <QHash>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace CallBridge {

class RecordingCache;
class RelayAdminApi;

// The REST API under /v1/ (everything but the stream): every request is authenticated with a
// Bearer token, routed by method and path, and refused with {"error": …} and the fitting status.
// The agent routes live here; /v1/admin/… is RelayAdminApi's.
class RelayApi : public QObject
{
    Q_OBJECT

public:
    // Route handlers. '*' in a pattern matches one path segment, handed over percent-decoded.
    using Handler = std::function<void(const ApiRequestPtr &request)>;

    RelayApi(RelayServices services, std::function<Result<void>()> reloadSettings,
             QObject *parent = nullptr);
    ~RelayApi() override;

    void handle(HttpRequest request, HttpResponder responder);

    void addRoute(QByteArray method, const QString &pattern, bool adminOnly, Handler handler);

    RecordingCache *recordings() const { return m_recordings.get(); }

    // The opaque paging cursor of GET /v1/calls: the position of the last call on a page.
    static QString callCursor(const QDateTime &startedAt, const QString &pbxCallId);
    static std::optional<std::pair<QDateTime, QString>> parseCallCursor(const QString &cursor);

private:
    struct Route
    {
        QByteArray method;
        QStringList pattern;
        bool adminOnly = false;
        Handler handler;
    };

    void me(const ApiRequestPtr &request);
    void clickToCall(const ApiRequestPtr &request);
    void listContacts(const ApiRequestPtr &request);
    void getContact(const ApiRequestPtr &request);
    void createContact(const ApiRequestPtr &request);
    void updateContact(const ApiRequestPtr &request);
    void listCalls(const ApiRequestPtr &request);
    void getCall(const ApiRequestPtr &request);
    void getRecording(const ApiRequestPtr &request);
    void listTasks(const ApiRequestPtr &request);
    void finishTask(const ApiRequestPtr &request);
    void snoozeTask(const ApiRequestPtr &request);

    // The contact's phones in canonical form; a number that is not one is refused, naming it.
    Result<QStringList, ApiError> canonicalPhones(const QStringList &raw) const;
    // A responsible agent the user may set: admins anyone who exists, agents only themselves.
    Result<qint64, ApiError> allowedResponsible(const ApiRequest &request, qint64 userId) const;
    // 409 with the store's message when the contact's phones clash with another's, else 500.
    ApiError contactWriteError(const ContactRecord &contact, const Error &error) const;
    void publishContact(const ContactRecord &contact, QList<qint64> audience);
    bool isResponsibleFor(const UserRecord &user, qint64 contactId) const;
    bool mayView(const UserRecord &user, const CallRecord &call) const;
    Result<CallRecord, ApiError> visibleCall(const ApiRequest &request) const;
    Result<TaskRecord, ApiError> ownTask(const ApiRequest &request) const;
    void saveTask(const ApiRequestPtr &request, TaskRecord task);
    void auditRecordingFetch(const ApiRequest &request, const QString &pbxCallId);

    RelayServices m_services;
    std::function<Result<void>()> m_reloadSettings;
    QList<Route> m_routes;
    std::unique_ptr<RecordingCache> m_recordings;
    std::unique_ptr<RelayAdminApi> m_admin;
    // (user, pbx_call_id) → when its fetch was last audited: players send many Range requests.
    QHash<std::pair<qint64, QString>, QDateTime> m_recordingAudits;
};

} // namespace CallBridge
