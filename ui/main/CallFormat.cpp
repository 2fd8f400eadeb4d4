// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/main/CallFormat.h"

#include <QLocale>

#include <algorithm>

namespace CallBridge {

QString CallFormat::duration(int seconds)
{
    seconds = std::max(seconds, 0);
    const int hours = seconds / 3600;
    const int minutes = seconds / 60 % 60;
    const QString rest = QStringLiteral("%1").arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (hours > 0)
        return QStringLiteral("%1:%2:%3")
                .arg(hours)
                .arg(minutes, 2, 10, QLatin1Char('0'))
                .arg(rest);
    return QStringLiteral("%1:%2").arg(minutes).arg(rest);
}

QString CallFormat::clock(qint64 milliseconds)
{
    return duration(int(std::max<qint64>(milliseconds, 0) / 1000));
}

QString CallFormat::when(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return QString();
    const QDateTime local = time.toLocalTime();
    const QDate today = now.toLocalTime().date();
    const QString hour = timeOfDay(local.time());
    const qint64 days = local.date().daysTo(today);
    if (days == 0)
        return tr("Today %1").arg(hour);
    if (days == 1)
        return tr("Yesterday %1").arg(hour);
    return day(local.date(), today) + u' ' + hour;
}

QString CallFormat::day(const QDate &date, const QDate &today)
{
    const QLocale locale;
    const qint64 days = date.daysTo(today);
    if (days > 1 && days < 7)
        return locale.toString(date, QStringLiteral("ddd d MMM"));
    if (date.year() == today.year())
        return locale.toString(date, QStringLiteral("d MMM"));
    return locale.toString(date, QStringLiteral("d MMM yyyy"));
}

QString CallFormat::timeOfDay(const QTime &time)
{
    const QLocale locale;
    QString format = locale.timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss")); // the C locale's short format has seconds
    return locale.toString(time, format);
}

bool CallFormat::isNumberLike(const QString &name)
{
    return std::none_of(name.cbegin(), name.cend(), [](QChar c) { return c.isLetter(); });
}

bool CallFormat::isMissed(const CallInfo &call)
{
    return call.state == u"missed";
}

QString CallFormat::status(const CallInfo &call)
{
    if (call.state == u"ringing")
        return tr("Ringing");
    if (call.state == u"answered")
        return tr("In progress");
    if (isMissed(call))
        return call.disposition == u"busy" ? tr("Missed (busy)") : tr("Missed");
    const QString disposition = call.disposition.toLower();
    if (disposition.isEmpty() || disposition == u"answered")
        return tr("Answered");
    if (disposition == u"busy")
        return tr("Busy");
    if (disposition == u"no answer")
        return tr("No answer");
    if (disposition == u"cancel")
        return tr("Cancelled");
    if (disposition == u"failed")
        return tr("Failed");
    return disposition.front().toUpper() + disposition.mid(1);
}

QString CallFormat::direction(const CallInfo &call)
{
    if (isMissed(call))
        return tr("Missed");
    if (call.direction == u"inbound")
        return tr("Incoming");
    if (call.direction == u"callback")
        return tr("Click-to-call");
    if (call.direction == u"outbound")
        return tr("Outgoing");
    return tr("Call");
}

PageIcons::Glyph CallFormat::directionGlyph(const CallInfo &call)
{
    if (isMissed(call))
        return PageIcons::Glyph::Missed;
    if (call.direction == u"inbound")
        return PageIcons::Glyph::Inbound;
    if (call.direction == u"outbound" || call.direction == u"callback")
        return PageIcons::Glyph::Outbound;
    return PageIcons::Glyph::Phone;
}

QColor CallFormat::directionColor(const CallInfo &call)
{
    if (isMissed(call))
        return PageIcons::errorColor();
    if (call.direction == u"inbound")
        return PageIcons::okColor();
    return PageIcons::accentColor();
}

QString CallFormat::placing(const QString &shownNumber)
{
    return tr("Calling %1…").arg(shownNumber);
}

QString CallFormat::placed(const QString &shownNumber, const ClickToCallPlaced &placed)
{
    if (placed.from.isEmpty())
        return tr("Calling %1 — your phone rings first").arg(shownNumber);
    return tr("Calling %1 — your phone (ext. %2) rings first").arg(shownNumber, placed.from);
}

QString CallFormat::refused(const QString &shownNumber, const RelayError &error)
{
    if (error.isNetwork())
        return tr("Could not call %1: the relay cannot be reached (%2)")
                .arg(shownNumber, error.message);
    return tr("Could not call %1: %2").arg(shownNumber, error.message);
}

} // namespace CallBridge
