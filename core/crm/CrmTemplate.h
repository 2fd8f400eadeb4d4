// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/crm/CrmOperation.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace CallBridge {

// Named value tables of a mapping ("maps"), used by the map:NAME filter.
using CrmValueMaps = QHash<QString, QJsonObject>;

// A text with {{variable}} placeholders, each with optional filters: {{phone|url}},
// {{call.direction|map:direction}}, {{call.started_at|datetime}}.
class CrmTemplate
{
public:
    struct Placeholder
    {
        QString variable;
        QStringList filters; // "url", "json", "int", "date", "datetime", "map:NAME"
    };

    // Fails on an unclosed "{{", an empty or malformed name, or an unknown filter.
    static Result<CrmTemplate> parse(const QString &text);

    const QString &text() const { return m_text; }
    QList<Placeholder> placeholders() const;
    bool hasPlaceholders() const;
    // The whole text is one placeholder: rendering keeps the value's JSON type.
    bool isSinglePlaceholder() const;

    // Missing variables render as "" inside text and as null for a single placeholder; the
    // names of missing or empty ones are added to *missing when given. Fails when a filter
    // cannot convert a value.
    Result<QString> renderText(const CrmVariables &variables, const CrmValueMaps &maps,
                               QStringList *missing = nullptr) const;
    Result<QJsonValue> renderValue(const CrmVariables &variables, const CrmValueMaps &maps,
                                   QStringList *missing = nullptr) const;

    // Renders every string of a JSON body as a template (object keys stay as they are).
    static Result<QJsonValue> renderJson(const QJsonValue &json, const CrmVariables &variables,
                                         const CrmValueMaps &maps, QStringList *missing = nullptr);

    // A JSON value as text: strings as they are, integral numbers without ".0", null as "".
    static QString toText(const QJsonValue &value);

private:
    struct Part
    {
        QString literal;
        bool isPlaceholder = false;
        Placeholder placeholder;
    };

    Result<QJsonValue> evaluate(const Placeholder &placeholder, const CrmVariables &variables,
                                const CrmValueMaps &maps, QStringList *missing) const;

    QString m_text;
    QList<Part> m_parts;
};

} // namespace CallBridge
