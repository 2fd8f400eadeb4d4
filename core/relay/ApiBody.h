// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <optional>
#include <utility>

namespace CallBridge {

struct HttpRequest;

// A REST refusal: the status and a message a person can act on.
struct ApiError
{
    int status = 400;
    QString message;
};

// A request's JSON object with typed reads that name the field when its type is wrong. Every
// read is nullopt when the field is absent; JSON null reads as the empty value (clears it).
class ApiBody
{
public:
    // Content-Type must be application/json (415 otherwise); an empty body reads as {}; fields
    // outside `fields` are refused, so that a misspelt name does not silently do nothing.
    static Result<ApiBody, ApiError> parse(const HttpRequest &request, const QStringList &fields);

    explicit ApiBody(QJsonObject object = {}) : m_object(std::move(object)) { }

    const QJsonObject &object() const { return m_object; }
    bool has(const QString &field) const { return m_object.contains(field); }
    bool isEmpty() const { return m_object.isEmpty(); }

    Result<std::optional<QString>, ApiError> string(const QString &field) const; // trimmed
    Result<std::optional<qint64>, ApiError> integer(const QString &field) const; // null: 0
    Result<std::optional<bool>, ApiError> boolean(const QString &field) const;
    Result<std::optional<QStringList>, ApiError> stringList(const QString &field) const;
    Result<std::optional<QDateTime>, ApiError> dateTime(const QString &field) const; // ISO 8601

private:
    QJsonObject m_object;
};

} // namespace CallBridge
