// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace CallBridge {

// A dot path into a JSON answer: "list.0.id", "phoneNumberData.*.phoneNumber" ("*" is each
// element of a list or each value of an object); the empty path is the whole answer.
class CrmJsonPath
{
public:
    CrmJsonPath() = default; // the whole answer
    static Result<CrmJsonPath> parse(const QString &text);

    const QString &text() const { return m_text; }
    bool isRoot() const { return m_segments.isEmpty(); }

    // Every value the path reaches (more than one only through "*"); nothing when it leads
    // nowhere.
    QJsonArray select(const QJsonValue &root) const;
    // The first value reached, or undefined.
    QJsonValue first(const QJsonValue &root) const;

private:
    QString m_text;
    QStringList m_segments;
};

} // namespace CallBridge
