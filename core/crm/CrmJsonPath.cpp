// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/crm/CrmJsonPath.h"

#include <QJsonObject>

namespace CallBridge {

Result<CrmJsonPath> CrmJsonPath::parse(const QString &text)
{
    CrmJsonPath path;
    path.m_text = text;
    if (text.isEmpty())
        return path;
    path.m_segments = text.split(u'.');
    for (const QString &segment : std::as_const(path.m_segments)) {
        if (segment.isEmpty())
            return fail(QStringLiteral("\"%1\" has an empty step (two dots, or a dot at an end)")
                                .arg(text));
    }
    return path;
}

QJsonArray CrmJsonPath::select(const QJsonValue &root) const
{
    QJsonArray current { root };
    for (const QString &segment : m_segments) {
        QJsonArray next;
        for (const QJsonValue &value : std::as_const(current)) {
            if (segment == u"*") {
                if (value.isArray()) {
                    for (const QJsonValue &element : value.toArray())
                        next.append(element);
                } else if (value.isObject()) {
                    for (const QJsonValue &element : value.toObject())
                        next.append(element);
                }
                continue;
            }
            if (value.isObject()) {
                const QJsonObject object = value.toObject();
                if (object.contains(segment))
                    next.append(object.value(segment));
                continue;
            }
            bool isIndex = false;
            const qsizetype index = segment.toLongLong(&isIndex);
            if (value.isArray() && isIndex && index >= 0 && index < value.toArray().size())
                next.append(value.toArray().at(index));
        }
        current = next;
        if (current.isEmpty())
            break;
    }
    return current;
}

QJsonValue CrmJsonPath::first(const QJsonValue &root) const
{
    const QJsonArray values = select(root);
    return values.isEmpty() ? QJsonValue(QJsonValue::Undefined) : values.first();
}

} // namespace CallBridge
