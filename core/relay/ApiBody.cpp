// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/ApiBody.h"

#include "core/http/HttpRequest.h"
#include "core/relay/RelayJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace CallBridge {

namespace {

ApiError wrongType(const QString &field, const QString &expected)
{
    return ApiError { 400, QStringLiteral("\"%1\" must be %2.").arg(field, expected) };
}

bool isJsonMediaType(QByteArrayView contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArrayView mediaType
            = (semicolon < 0 ? contentType : contentType.first(semicolon)).trimmed();
    return mediaType.compare("application/json", Qt::CaseInsensitive) == 0;
}

} // namespace

Result<ApiBody, ApiError> ApiBody::parse(const HttpRequest &request, const QStringList &fields)
{
    if (request.body.trimmed().isEmpty())
        return ApiBody();
    if (!isJsonMediaType(request.header("Content-Type")))
        return fail(ApiError { 415,
                               QStringLiteral("Send the body as JSON with Content-Type: "
                                              "application/json.") });
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(ApiError { 400,
                               QStringLiteral("The body is not valid JSON: %1 at offset %2.")
                                       .arg(error.errorString())
                                       .arg(error.offset) });
    if (!document.isObject())
        return fail(ApiError { 400, QStringLiteral("The body must be a JSON object.") });
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!fields.contains(it.key())) {
            const QString accepted = fields.isEmpty()
                    ? QStringLiteral("this request takes no fields")
                    : QStringLiteral("this request takes %1")
                              .arg(fields.join(QStringLiteral(", ")));
            return fail(ApiError {
                    400, QStringLiteral("Unknown field \"%1\"; %2.").arg(it.key(), accepted) });
        }
    }
    return ApiBody(object);
}

Result<std::optional<QString>, ApiError> ApiBody::string(const QString &field) const
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined())
        return std::optional<QString>();
    if (value.isNull())
        return std::optional<QString>(QString());
    if (!value.isString())
        return fail(wrongType(field, QStringLiteral("a string")));
    return std::optional<QString>(value.toString().trimmed());
}

Result<std::optional<qint64>, ApiError> ApiBody::integer(const QString &field) const
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined())
        return std::optional<qint64>();
    if (value.isNull())
        return std::optional<qint64>(0);
    const double number = value.toDouble();
    // Doubles hold every integer up to 2^53 exactly; beyond that the value is not what was sent.
    if (!value.isDouble() || std::floor(number) != number || std::fabs(number) > 9007199254740992.0)
        return fail(wrongType(field, QStringLiteral("a whole number")));
    return std::optional<qint64>(qint64(number));
}

Result<std::optional<bool>, ApiError> ApiBody::boolean(const QString &field) const
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined())
        return std::optional<bool>();
    if (!value.isBool())
        return fail(wrongType(field, QStringLiteral("true or false")));
    return std::optional<bool>(value.toBool());
}

Result<std::optional<QStringList>, ApiError> ApiBody::stringList(const QString &field) const
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined())
        return std::optional<QStringList>();
    if (value.isNull())
        return std::optional<QStringList>(QStringList());
    if (!value.isArray())
        return fail(wrongType(field, QStringLiteral("an array of strings")));
    QStringList list;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            return fail(wrongType(field, QStringLiteral("an array of strings")));
        list.append(item.toString().trimmed());
    }
    return std::optional<QStringList>(list);
}

Result<std::optional<QDateTime>, ApiError> ApiBody::dateTime(const QString &field) const
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined())
        return std::optional<QDateTime>();
    if (value.isNull())
        return std::optional<QDateTime>(QDateTime());
    const QDateTime time = value.isString() ? dateTimeFromJson(value) : QDateTime();
    if (!time.isValid())
        return fail(wrongType(field,
                              QStringLiteral("a date and time in ISO 8601 such as "
                                             "\"2026-11-24T10:00:00Z\"")));
    return std::optional<QDateTime>(time);
}

} // namespace CallBridge
