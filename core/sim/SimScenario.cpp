// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimScenario.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>
#include <optional>

namespace CallBridge {
namespace {

constexpr int maxSeconds = 24 * 3600;

// Extensions and numbers may be written as JSON strings or numbers ("ring": [100, 101]).
std::optional<QString> textOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number >= 0 && number < 1e15 && std::floor(number) == number)
            return QString::number(qint64(number));
    }
    return std::nullopt;
}

Result<int> secondsOf(const QJsonObject &object, const char *name, int fallback, int minimum,
                      const QString &where = QString())
{
    const QJsonValue value = object.value(QLatin1StringView(name));
    const QString label = where.isEmpty() ? QString::fromLatin1(name)
                                          : where + u'.' + QString::fromLatin1(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    const double number = value.toDouble(-1);
    if (!value.isDouble() || std::floor(number) != number)
        return fail(QStringLiteral("%1 must be a whole number of seconds").arg(label));
    if (number < minimum || number > maxSeconds)
        return fail(QStringLiteral("%1 must be between %2 and %3 seconds, not %4")
                            .arg(label)
                            .arg(minimum)
                            .arg(maxSeconds)
                            .arg(number));
    return int(number);
}

QString extensionList(const SimConfig &config)
{
    QStringList numbers;
    for (const SimExtension &extension : config.extensions)
        numbers.append(extension.number);
    return numbers.isEmpty() ? QStringLiteral("none") : numbers.join(QStringLiteral(", "));
}

bool hasExtension(const SimConfig &config, const QString &number)
{
    for (const SimExtension &extension : config.extensions) {
        if (extension.number == number)
            return true;
    }
    return false;
}

Result<QString> extensionOf(const QJsonValue &value, const QString &label, const SimConfig &config)
{
    const auto number = textOf(value);
    if (!number || number->isEmpty())
        return fail(QStringLiteral("%1 must be an extension number such as \"100\"").arg(label));
    if (!hasExtension(config, *number))
        return fail(QStringLiteral("%1: unknown extension \"%2\"; the PBX has %3")
                            .arg(label, *number, extensionList(config)));
    return *number;
}

Result<QStringList> eventListOf(const QJsonObject &faults, const char *name)
{
    const QJsonValue value = faults.value(QLatin1StringView(name));
    if (value.isUndefined() || value.isNull())
        return QStringList();
    if (!value.isArray())
        return fail(QStringLiteral("faults.%1 must be a list of event names")
                            .arg(QLatin1StringView(name)));
    QStringList events;
    for (const QJsonValue &item : value.toArray()) {
        const QString event = item.toString();
        if (!SimScenario::eventNames().contains(event))
            return fail(QStringLiteral("faults.%1: unknown event \"%2\"; known: %3")
                                .arg(QLatin1StringView(name),
                                     item.isString() ? event : QStringLiteral("?"),
                                     SimScenario::eventNames().join(QStringLiteral(", "))));
        if (!events.contains(event))
            events.append(event);
    }
    return events;
}

Result<SimFaults> faultsOf(const QJsonValue &value)
{
    SimFaults faults;
    if (value.isUndefined() || value.isNull())
        return faults;
    if (!value.isObject())
        return fail(QStringLiteral("faults must be an object"));
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        static const QStringList known = { QStringLiteral("delay_ms"), QStringLiteral("drop"),
                                           QStringLiteral("duplicate"), QStringLiteral("late") };
        if (!known.contains(it.key()))
            return fail(QStringLiteral("faults: unknown key \"%1\"; known: %2")
                                .arg(it.key(), known.join(QStringLiteral(", "))));
    }
    const QJsonValue delay = object.value(QLatin1StringView("delay_ms"));
    if (!delay.isUndefined() && !delay.isNull()) {
        const double ms = delay.toDouble(-1);
        if (!delay.isDouble() || ms < 0 || ms > 60000 || std::floor(ms) != ms)
            return fail(
                    QStringLiteral("faults.delay_ms must be whole milliseconds from 0 to 60000"));
        faults.delayMs = int(ms);
    }
    auto drop = eventListOf(object, "drop");
    if (!drop)
        return fail(drop.error());
    auto duplicate = eventListOf(object, "duplicate");
    if (!duplicate)
        return fail(duplicate.error());
    auto late = eventListOf(object, "late");
    if (!late)
        return fail(late.error());
    faults.drop = drop.value();
    faults.duplicate = duplicate.value();
    faults.late = late.value();
    return faults;
}

std::optional<SimScenario::Outcome> outcomeFromText(const QString &text)
{
    if (text == QLatin1StringView("answered"))
        return SimScenario::Outcome::Answered;
    if (text == QLatin1StringView("busy"))
        return SimScenario::Outcome::Busy;
    if (text == QLatin1StringView("no answer"))
        return SimScenario::Outcome::NoAnswer;
    if (text == QLatin1StringView("cancel"))
        return SimScenario::Outcome::Cancel;
    return std::nullopt;
}

} // namespace

bool SimScenario::isPhoneNumber(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\+?[0-9]{1,20}$"));
    return pattern.match(text).hasMatch();
}

const QStringList &SimScenario::eventNames()
{
    static const QStringList names
            = { QStringLiteral("NOTIFY_START"),     QStringLiteral("NOTIFY_INTERNAL"),
                QStringLiteral("NOTIFY_ANSWER"),    QStringLiteral("NOTIFY_END"),
                QStringLiteral("NOTIFY_OUT_START"), QStringLiteral("NOTIFY_OUT_END"),
                QStringLiteral("NOTIFY_RECORD") };
    return names;
}

Result<SimScenario> SimScenario::fromJson(const QByteArray &json, const SimConfig &config)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(QStringLiteral("the scenario is not valid JSON: %1").arg(error.errorString()));
    if (!document.isObject())
        return fail(QStringLiteral("the scenario must be a JSON object"));
    return fromJson(document.object(), config);
}

Result<SimScenario> SimScenario::fromJson(const QJsonObject &object, const SimConfig &config)
{
    // A typo ("ring_timout") would otherwise silently fall back to a default.
    static const QStringList knownKeys = {
        QStringLiteral("direction"),    QStringLiteral("caller"),    QStringLiteral("called_did"),
        QStringLiteral("ring"),         QStringLiteral("answer"),    QStringLiteral("outcome"),
        QStringLiteral("ring_timeout"), QStringLiteral("duration"),  QStringLiteral("recorded"),
        QStringLiteral("record_delay"), QStringLiteral("extension"), QStringLiteral("destination"),
        QStringLiteral("faults"),
    };
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!knownKeys.contains(it.key()))
            return fail(QStringLiteral("unknown scenario key \"%1\"; known: %2")
                                .arg(it.key(), knownKeys.join(QStringLiteral(", "))));
    }

    SimScenario scenario;
    const QString direction
            = object.value(QLatin1StringView("direction")).toString(QStringLiteral("inbound"));
    if (direction == QLatin1StringView("outbound"))
        scenario.direction = Direction::Outbound;
    else if (direction != QLatin1StringView("inbound"))
        return fail(QStringLiteral("direction must be \"inbound\" or \"outbound\", not \"%1\"")
                            .arg(direction));

    auto ringTimeout = secondsOf(object, "ring_timeout", scenario.ringTimeout, 1);
    if (!ringTimeout)
        return fail(ringTimeout.error());
    scenario.ringTimeout = ringTimeout.value();
    auto duration = secondsOf(object, "duration", scenario.duration, 0);
    if (!duration)
        return fail(duration.error());
    scenario.duration = duration.value();
    auto recordDelay = secondsOf(object, "record_delay", scenario.recordDelay, 0);
    if (!recordDelay)
        return fail(recordDelay.error());
    scenario.recordDelay = recordDelay.value();
    const QJsonValue recorded = object.value(QLatin1StringView("recorded"));
    if (!recorded.isUndefined() && !recorded.isNull() && !recorded.isBool())
        return fail(QStringLiteral("recorded must be true or false"));
    scenario.recorded = recorded.toBool(false);

    const QJsonValue answer = object.value(QLatin1StringView("answer"));
    const bool hasAnswer = !answer.isUndefined() && !answer.isNull();
    if (hasAnswer && !answer.isObject())
        return fail(
                QStringLiteral("answer must be an object such as {\"by\": \"101\", \"after\": 5}"));
    const QJsonObject answerObject = answer.toObject();

    const QJsonValue outcome = object.value(QLatin1StringView("outcome"));
    if (outcome.isUndefined() || outcome.isNull()) {
        scenario.outcome = hasAnswer ? Outcome::Answered : Outcome::NoAnswer;
    } else {
        const auto parsed = outcomeFromText(outcome.toString());
        if (!parsed)
            return fail(QStringLiteral("outcome must be \"answered\", \"busy\", \"no answer\" or "
                                       "\"cancel\", not \"%1\"")
                                .arg(outcome.toString()));
        scenario.outcome = *parsed;
    }
    if (hasAnswer && scenario.outcome != Outcome::Answered)
        return fail(QStringLiteral("answer contradicts outcome \"%1\"; leave one of them out")
                            .arg(toText(scenario.outcome)));
    for (auto it = answerObject.begin(); it != answerObject.end(); ++it) {
        if (it.key() != QLatin1StringView("by") && it.key() != QLatin1StringView("after"))
            return fail(
                    QStringLiteral("answer: unknown key \"%1\"; known: by, after").arg(it.key()));
    }
    auto after
            = secondsOf(answerObject, "after", scenario.answerAfter, 0, QStringLiteral("answer"));
    if (!after)
        return fail(after.error());
    scenario.answerAfter = after.value();
    if (scenario.isAnswered() && scenario.answerAfter >= scenario.ringTimeout)
        return fail(QStringLiteral("answer.after (%1 s) must be shorter than ring_timeout (%2 s), "
                                   "or the call ends unanswered first")
                            .arg(scenario.answerAfter)
                            .arg(scenario.ringTimeout));

    auto faults = faultsOf(object.value(QLatin1StringView("faults")));
    if (!faults)
        return fail(faults.error());
    scenario.faults = faults.value();

    if (scenario.direction == Direction::Outbound) {
        for (const char *key : { "caller", "called_did", "ring" }) {
            if (object.contains(QLatin1StringView(key)))
                return fail(QStringLiteral("%1 applies to inbound calls only; an outbound call has "
                                           "extension and destination")
                                    .arg(QLatin1StringView(key)));
        }
        if (answerObject.contains(QLatin1StringView("by")))
            return fail(QStringLiteral("answer.by applies to inbound calls; on an outbound call "
                                       "the destination answers"));
        const QJsonValue extension = object.value(QLatin1StringView("extension"));
        if (extension.isUndefined() || extension.isNull()) {
            if (config.extensions.isEmpty())
                return fail(QStringLiteral("the PBX has no extensions to call from"));
            scenario.extension = config.extensions.first().number;
        } else {
            auto number = extensionOf(extension, QStringLiteral("extension"), config);
            if (!number)
                return fail(number.error());
            scenario.extension = number.value();
        }
        scenario.destination
                = textOf(object.value(QLatin1StringView("destination"))).value_or(QString());
        if (scenario.destination.isEmpty())
            return fail(QStringLiteral("an outbound call needs a destination"));
        if (!isPhoneNumber(scenario.destination))
            return fail(QStringLiteral("destination \"%1\" is not a phone number (digits, "
                                       "optionally after a +)")
                                .arg(scenario.destination));
        return scenario;
    }

    for (const char *key : { "extension", "destination" }) {
        if (object.contains(QLatin1StringView(key)))
            return fail(QStringLiteral("%1 applies to outbound calls only; an inbound call has "
                                       "caller, called_did and ring")
                                .arg(QLatin1StringView(key)));
    }
    scenario.caller = textOf(object.value(QLatin1StringView("caller"))).value_or(QString());
    if (scenario.caller.isEmpty())
        return fail(QStringLiteral("an inbound call needs a caller"));
    if (!isPhoneNumber(scenario.caller))
        return fail(
                QStringLiteral("caller \"%1\" is not a phone number (digits, optionally after a +)")
                        .arg(scenario.caller));

    const SimDirectNumber *did = nullptr;
    const QJsonValue calledDid = object.value(QLatin1StringView("called_did"));
    if (calledDid.isUndefined() || calledDid.isNull()) {
        if (config.directNumbers.isEmpty())
            return fail(QStringLiteral("the PBX has no direct numbers; give called_did"));
        did = &config.directNumbers.first();
    } else {
        const QString number = textOf(calledDid).value_or(QString());
        for (const SimDirectNumber &candidate : config.directNumbers) {
            if (candidate.number == number)
                did = &candidate;
        }
        if (!did) {
            QStringList known;
            for (const SimDirectNumber &candidate : config.directNumbers)
                known.append(candidate.number);
            return fail(
                    QStringLiteral("called_did \"%1\" is not one of the PBX's direct numbers (%2)")
                            .arg(number,
                                 known.isEmpty() ? QStringLiteral("none")
                                                 : known.join(QStringLiteral(", "))));
        }
    }
    scenario.calledDid = did->number;

    const QJsonValue ring = object.value(QLatin1StringView("ring"));
    if (ring.isUndefined() || ring.isNull()) {
        if (!hasExtension(config, did->sip))
            return fail(QStringLiteral("direct number %1 rings \"%2\", which is no PBX extension; "
                                       "give ring")
                                .arg(did->number, did->sip));
        scenario.ring = { did->sip };
    } else {
        if (!ring.isArray() || ring.toArray().isEmpty())
            return fail(QStringLiteral("ring must be a non-empty list of extensions"));
        for (const QJsonValue &value : ring.toArray()) {
            auto number = extensionOf(value, QStringLiteral("ring"), config);
            if (!number)
                return fail(number.error());
            if (!scenario.ring.contains(number.value()))
                scenario.ring.append(number.value());
        }
    }

    if (scenario.isAnswered()) {
        const QJsonValue by = answerObject.value(QLatin1StringView("by"));
        if (by.isUndefined() || by.isNull()) {
            scenario.answerBy = scenario.ring.first();
        } else {
            auto number = extensionOf(by, QStringLiteral("answer.by"), config);
            if (!number)
                return fail(number.error());
            scenario.answerBy = number.value();
        }
    }
    return scenario;
}

QJsonObject SimScenario::toJson() const
{
    QJsonObject object;
    object[QStringLiteral("direction")]
            = isInbound() ? QStringLiteral("inbound") : QStringLiteral("outbound");
    if (isInbound()) {
        object[QStringLiteral("caller")] = caller;
        object[QStringLiteral("called_did")] = calledDid;
        object[QStringLiteral("ring")] = QJsonArray::fromStringList(ring);
    } else {
        object[QStringLiteral("extension")] = extension;
        object[QStringLiteral("destination")] = destination;
    }
    object[QStringLiteral("outcome")] = toText(outcome);
    if (isAnswered()) {
        QJsonObject answer { { QStringLiteral("after"), answerAfter } };
        if (isInbound())
            answer[QStringLiteral("by")] = answerBy;
        object[QStringLiteral("answer")] = answer;
        object[QStringLiteral("duration")] = duration;
        object[QStringLiteral("recorded")] = recorded;
        if (recorded)
            object[QStringLiteral("record_delay")] = recordDelay;
    }
    object[QStringLiteral("ring_timeout")] = ringTimeout;
    if (!faults.isEmpty()) {
        object[QStringLiteral("faults")] = QJsonObject {
            { QStringLiteral("delay_ms"), faults.delayMs },
            { QStringLiteral("drop"), QJsonArray::fromStringList(faults.drop) },
            { QStringLiteral("duplicate"), QJsonArray::fromStringList(faults.duplicate) },
            { QStringLiteral("late"), QJsonArray::fromStringList(faults.late) },
        };
    }
    return object;
}

QString toText(SimScenario::Outcome outcome)
{
    switch (outcome) {
    case SimScenario::Outcome::Answered:
        return QStringLiteral("answered");
    case SimScenario::Outcome::Busy:
        return QStringLiteral("busy");
    case SimScenario::Outcome::NoAnswer:
        return QStringLiteral("no answer");
    case SimScenario::Outcome::Cancel:
        return QStringLiteral("cancel");
    }
    return QString();
}

} // namespace CallBridge
