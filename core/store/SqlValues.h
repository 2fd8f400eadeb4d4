// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QVariant>

// How the SQL engines' stores turn values into columns and back: times are INTEGER milliseconds
// since the epoch (UTC), and "none" is NULL, never 0 or ''.
namespace CallBridge::SqlValues {

// QSQLITE binds a null QString or QByteArray as SQL NULL; NOT NULL columns need a non-null
// empty value instead.
inline QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

inline QVariant bytes(const QByteArray &value)
{
    return value.isNull() ? QVariant(QByteArray("")) : QVariant(value);
}

inline QVariant orNull(qint64 id)
{
    return id != 0 ? QVariant(id) : QVariant();
}

inline QVariant orNull(const QString &value)
{
    return value.isEmpty() ? QVariant() : QVariant(value);
}

inline QVariant orNull(const QByteArray &value)
{
    return value.isEmpty() ? QVariant() : QVariant(value);
}

inline QVariant orNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant();
}

inline qint64 msOrNow(const QDateTime &time)
{
    return (time.isValid() ? time : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
}

inline QDateTime toTime(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

} // namespace CallBridge::SqlValues
