// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/http/HttpServer.h"
#include "core/relay/ApiBody.h"
#include "core/store/StoreTypes.h"

#include <QDateTime>
#include <QJsonValue>
#include <QStringList>

#include <memory>
#include <optional>

namespace CallBridge {

struct RelayServices;
struct ZadarmaError;

// One authenticated REST request on its way through a handler: what was asked, by whom, and the
// responder that answers it, now or after a Zadarma round trip. Shared, so that an asynchronous
// handler can keep it in its continuation.
class ApiRequest
{
public:
    ApiRequest(HttpRequest http, HttpResponder responder, UserRecord user, QStringList arguments);

    const HttpRequest &http() const { return m_http; }
    const UserRecord &user() const { return m_user; }
    bool isAdmin() const { return m_user.role == UserRole::Admin; }
    // The path segments a route's '*' matched, percent-decoded.
    QString argument(qsizetype index) const { return m_arguments.value(index); }

    bool hasQuery(const QString &name) const;
    QString query(const QString &name) const; // trimmed
    // `fallback` when absent; an error naming the parameter when not a whole number in range.
    Result<int, ApiError> queryInt(const QString &name, int fallback, int min, int max) const;
    Result<qint64, ApiError> queryId(const QString &name) const; // 0 when absent
    Result<QDateTime, ApiError> queryTime(const QString &name) const; // invalid when absent
    Result<std::optional<bool>, ApiError> queryBool(const QString &name) const;

    // The JSON object sent as the body, limited to `fields`. An empty body reads as {}.
    Result<ApiBody, ApiError> body(const QStringList &fields) const;

    void answer(HttpResponse response);
    void answerJson(int status, const QJsonObject &object);
    void answerError(const ApiError &error);
    void answerError(int status, const QString &message);
    // 502 with Zadarma's message, 503 when the relay has no credentials; counted in the metrics.
    void answerZadarmaError(const ZadarmaError &error, const RelayServices &services);
    bool isAnswered() const { return m_answered; }

    // An audit entry in this user's name; a failure to write it is logged, not answered.
    void audit(const RelayServices &services, const QString &action, const QString &detail) const;

private:
    HttpRequest m_http;
    HttpResponder m_responder;
    UserRecord m_user;
    QStringList m_arguments;
    bool m_answered = false;
};

using ApiRequestPtr = std::shared_ptr<ApiRequest>;

// Phone numbers in info-level logs: the last three digits only.
QString maskedNumber(const QString &number);

// A store failure as the API answers it (500), logged once here.
ApiError storeError(const Error &error);
// A positive id from a path segment; 0 when it is not one.
qint64 pathId(const QString &segment);
// Paging cursors and optional references: the id, or null for none.
QJsonValue idOrNull(qint64 id);

} // namespace CallBridge
