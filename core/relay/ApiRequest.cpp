// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/ApiRequest.h"

#include "core/common/Clock.h"
#include "core/relay/RelayApiLogging.h"
#include "core/relay/RelayJson.h"
#include "core/relay/RelayMetrics.h"
#include "core/relay/RelayServices.h"
#include "core/store/Store.h"
#include "core/zadarma/ZadarmaClient.h"
#include "core/zadarma/ZadarmaError.h"

#include <QJsonValue>

namespace CallBridge {

ApiRequest::ApiRequest(HttpRequest http, HttpResponder responder, UserRecord user,
                       QStringList arguments)
    : m_http(std::move(http)),
      m_responder(std::move(responder)),
      m_user(std::move(user)),
      m_arguments(std::move(arguments))
{ }

bool ApiRequest::hasQuery(const QString &name) const
{
    return m_http.queryItems().hasQueryItem(name);
}

QString ApiRequest::query(const QString &name) const
{
    return m_http.queryValue(name).trimmed();
}

Result<int, ApiError> ApiRequest::queryInt(const QString &name, int fallback, int min,
                                           int max) const
{
    const QString text = query(name);
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < min || value > max)
        return fail(ApiError { 400,
                               QStringLiteral("%1 must be a whole number from %2 to %3, not "
                                              "\"%4\".")
                                       .arg(name)
                                       .arg(min)
                                       .arg(max)
                                       .arg(text) });
    return value;
}

Result<qint64, ApiError> ApiRequest::queryId(const QString &name) const
{
    const QString text = query(name);
    if (text.isEmpty())
        return qint64(0);
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 0)
        return fail(ApiError {
                400,
                QStringLiteral("%1 must be an id (a whole number), not \"%2\".").arg(name, text) });
    return value;
}

Result<QDateTime, ApiError> ApiRequest::queryTime(const QString &name) const
{
    const QString text = query(name);
    if (text.isEmpty())
        return QDateTime();
    const QDateTime time = dateTimeFromJson(QJsonValue(text));
    if (!time.isValid())
        return fail(ApiError { 400,
                               QStringLiteral("%1 must be a date and time in ISO 8601 such as "
                                              "2026-11-24T10:00:00Z, not \"%2\".")
                                       .arg(name, text) });
    return time;
}

Result<std::optional<bool>, ApiError> ApiRequest::queryBool(const QString &name) const
{
    const QString text = query(name).toLower();
    if (text.isEmpty())
        return std::optional<bool>();
    if (text == u"true" || text == u"1")
        return std::optional<bool>(true);
    if (text == u"false" || text == u"0")
        return std::optional<bool>(false);
    return fail(ApiError {
            400, QStringLiteral("%1 must be true or false, not \"%2\".").arg(name, text) });
}

Result<ApiBody, ApiError> ApiRequest::body(const QStringList &fields) const
{
    return ApiBody::parse(m_http, fields);
}

void ApiRequest::answer(HttpResponse response)
{
    if (m_answered)
        return;
    m_answered = true;
    m_responder.send(std::move(response));
}

void ApiRequest::answerJson(int status, const QJsonObject &object)
{
    answer(HttpResponse::json(status, object));
}

void ApiRequest::answerError(const ApiError &error)
{
    answer(HttpResponse::error(error.status, error.message));
}

void ApiRequest::answerError(int status, const QString &message)
{
    answerError(ApiError { status, message });
}

void ApiRequest::answerZadarmaError(const ZadarmaError &error, const RelayServices &services)
{
    if (services.metrics)
        services.metrics->countZadarmaError(toText(error.kind));
    qCWarning(lcRelayApi).noquote()
            << m_http.method << m_http.path << "failed:" << error.toString();
    if (error.kind == ZadarmaError::Kind::Configuration && !services.zadarma->hasCredentials()) {
        answerError(503,
                    QStringLiteral("The relay has no Zadarma key and secret yet; an administrator "
                                   "sets them with PUT /v1/admin/zadarma/credentials."));
        return;
    }
    const int status = error.kind == ZadarmaError::Kind::QueueFull ? 503 : 502;
    answerError(status, error.toString());
}

void ApiRequest::audit(const RelayServices &services, const QString &action,
                       const QString &detail) const
{
    AuditEntry entry;
    entry.at = services.clock->now();
    entry.userId = m_user.id;
    entry.actor = m_user.name;
    entry.action = action;
    entry.detail = detail;
    if (auto written = services.store->appendAudit(entry); !written)
        qCWarning(lcRelayApi).noquote() << "could not write the audit entry" << action << "by"
                                        << m_user.name << ":" << written.error().message;
}

QString maskedNumber(const QString &number)
{
    if (number.size() <= 5)
        return number; // an extension, not a person's number
    return QString(number.size() - 3, u'*') + number.right(3);
}

ApiError storeError(const Error &error)
{
    qCWarning(lcRelayApi).noquote() << "store:" << error.message;
    return ApiError {
        500, QStringLiteral("The relay could not use its database: %1").arg(error.message)
    };
}

qint64 pathId(const QString &segment)
{
    bool ok = false;
    const qint64 id = segment.toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

QJsonValue idOrNull(qint64 id)
{
    return id > 0 ? QJsonValue(id) : QJsonValue(QJsonValue::Null);
}

} // namespace CallBridge
