// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/crm/CrmTemplate.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

#include <cmath>

namespace CallBridge {

namespace {

bool isKnownFilter(const QString &filter)
{
    static const QStringList plain { QStringLiteral("url"), QStringLiteral("json"),
                                     QStringLiteral("int"), QStringLiteral("date"),
                                     QStringLiteral("datetime") };
    if (plain.contains(filter))
        return true;
    static const QRegularExpression map(QStringLiteral("^map:[A-Za-z0-9_]+$"));
    return map.match(filter).hasMatch();
}

Result<QDateTime> parseTime(const QJsonValue &value, const QString &variable)
{
    const QString text = value.toString();
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid() || !value.isString())
        return fail(QStringLiteral("{{%1}} is \"%2\", not an ISO 8601 date and time")
                            .arg(variable, CrmTemplate::toText(value)));
    return time.toUTC();
}

} // namespace

Result<CrmTemplate> CrmTemplate::parse(const QString &text)
{
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$"));
    CrmTemplate parsed;
    parsed.m_text = text;
    qsizetype position = 0;
    while (position < text.size()) {
        const qsizetype open = text.indexOf(QLatin1StringView("{{"), position);
        if (open < 0) {
            parsed.m_parts.append(Part { text.mid(position), false, {} });
            break;
        }
        if (open > position)
            parsed.m_parts.append(Part { text.mid(position, open - position), false, {} });
        const qsizetype close = text.indexOf(QLatin1StringView("}}"), open + 2);
        if (close < 0)
            return fail(QStringLiteral("\"{{\" without a closing \"}}\""));
        QStringList pieces = text.mid(open + 2, close - open - 2).split(u'|');
        for (QString &piece : pieces)
            piece = piece.trimmed();
        Placeholder placeholder { pieces.takeFirst(), pieces };
        if (!name.match(placeholder.variable).hasMatch())
            return fail(QStringLiteral("\"{{%1}}\" is not a variable name")
                                .arg(text.mid(open + 2, close - open - 2)));
        for (const QString &filter : std::as_const(placeholder.filters)) {
            if (!isKnownFilter(filter))
                return fail(QStringLiteral("unknown filter \"%1\" in {{%2}} (known: url, json, "
                                           "int, date, datetime, map:NAME)")
                                    .arg(filter, placeholder.variable));
        }
        parsed.m_parts.append(Part { QString(), true, placeholder });
        position = close + 2;
    }
    return parsed;
}

QList<CrmTemplate::Placeholder> CrmTemplate::placeholders() const
{
    QList<Placeholder> result;
    for (const Part &part : m_parts) {
        if (part.isPlaceholder)
            result.append(part.placeholder);
    }
    return result;
}

bool CrmTemplate::hasPlaceholders() const
{
    return std::any_of(m_parts.cbegin(), m_parts.cend(),
                       [](const Part &part) { return part.isPlaceholder; });
}

bool CrmTemplate::isSinglePlaceholder() const
{
    return m_parts.size() == 1 && m_parts.first().isPlaceholder;
}

QString CrmTemplate::toText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::trunc(number) == number && std::abs(number) < 9.0e15)
            return QString::number(qint64(number));
        return QString::number(number, 'g', 17);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

Result<QJsonValue> CrmTemplate::evaluate(const Placeholder &placeholder,
                                         const CrmVariables &variables, const CrmValueMaps &maps,
                                         QStringList *missing) const
{
    const auto found = variables.constFind(placeholder.variable);
    QJsonValue value = found == variables.cend() ? QJsonValue(QJsonValue::Null) : *found;
    if (missing && toText(value).isEmpty() && !missing->contains(placeholder.variable))
        missing->append(placeholder.variable);
    for (const QString &filter : placeholder.filters) {
        if (filter == u"url") {
            value = QString::fromLatin1(QUrl::toPercentEncoding(toText(value)));
        } else if (filter == u"json") {
            const QByteArray array
                    = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
            value = QString::fromUtf8(array.mid(1, array.size() - 2));
        } else if (filter == u"int") {
            if (value.isNull() || value.isDouble())
                continue;
            bool isNumber = false;
            const qint64 number = toText(value).trimmed().toLongLong(&isNumber);
            if (!isNumber)
                return fail(QStringLiteral("{{%1|int}}: \"%2\" is not a whole number")
                                    .arg(placeholder.variable, toText(value)));
            value = double(number);
        } else if (filter == u"date" || filter == u"datetime") {
            if (value.isNull())
                continue;
            const Result<QDateTime> time = parseTime(value, placeholder.variable);
            if (!time)
                return fail(time.error().message);
            value = time->toString(filter == u"date" ? QStringLiteral("yyyy-MM-dd")
                                                     : QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        } else if (filter.startsWith(u"map:")) {
            const QJsonObject map = maps.value(filter.mid(4));
            const QString key = toText(value);
            if (map.contains(key))
                value = map.value(key);
            else if (map.contains(QStringLiteral("*")))
                value = map.value(QStringLiteral("*"));
        }
    }
    return value;
}

Result<QString> CrmTemplate::renderText(const CrmVariables &variables, const CrmValueMaps &maps,
                                        QStringList *missing) const
{
    QString text;
    for (const Part &part : m_parts) {
        if (!part.isPlaceholder) {
            text += part.literal;
            continue;
        }
        const Result<QJsonValue> value = evaluate(part.placeholder, variables, maps, missing);
        if (!value)
            return fail(value.error().message);
        text += toText(*value);
    }
    return text;
}

Result<QJsonValue> CrmTemplate::renderValue(const CrmVariables &variables, const CrmValueMaps &maps,
                                            QStringList *missing) const
{
    if (isSinglePlaceholder())
        return evaluate(m_parts.first().placeholder, variables, maps, missing);
    const Result<QString> text = renderText(variables, maps, missing);
    if (!text)
        return fail(text.error().message);
    return QJsonValue(*text);
}

Result<QJsonValue> CrmTemplate::renderJson(const QJsonValue &json, const CrmVariables &variables,
                                           const CrmValueMaps &maps, QStringList *missing)
{
    if (json.isString()) {
        const Result<CrmTemplate> parsed = parse(json.toString());
        if (!parsed)
            return fail(parsed.error().message);
        return parsed->renderValue(variables, maps, missing);
    }
    if (json.isArray()) {
        QJsonArray array;
        for (const QJsonValue &element : json.toArray()) {
            const Result<QJsonValue> rendered = renderJson(element, variables, maps, missing);
            if (!rendered)
                return rendered;
            array.append(*rendered);
        }
        return QJsonValue(array);
    }
    if (json.isObject()) {
        QJsonObject object;
        const QJsonObject source = json.toObject();
        for (auto it = source.begin(); it != source.end(); ++it) {
            const Result<QJsonValue> rendered = renderJson(it.value(), variables, maps, missing);
            if (!rendered)
                return rendered;
            object.insert(it.key(), *rendered);
        }
        return QJsonValue(object);
    }
    return json;
}

} // namespace CallBridge
