// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimCallCommand.h"

#include "core/sim/SimControlClient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace CallBridge {

Result<QJsonObject> SimCallCommand::scenario(const Options &options)
{
    QJsonObject scenario;
    if (!options.scenarioFile.isEmpty()) {
        QFile file(options.scenarioFile);
        if (!file.open(QIODevice::ReadOnly))
            return CallBridge::fail(QStringLiteral("cannot read %1: %2")
                                            .arg(options.scenarioFile, file.errorString()));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
        if (!document.isObject())
            return CallBridge::fail(QStringLiteral("%1 is not a JSON object: %2")
                                            .arg(options.scenarioFile, error.errorString()));
        scenario = document.object();
    }
    if (options.outbound)
        scenario[QStringLiteral("direction")] = QStringLiteral("outbound");
    if (!options.caller.isEmpty())
        scenario[QStringLiteral("caller")] = options.caller;
    if (!options.calledDid.isEmpty())
        scenario[QStringLiteral("called_did")] = options.calledDid;
    if (!options.ring.isEmpty())
        scenario[QStringLiteral("ring")] = QJsonArray::fromStringList(options.ring);
    if (!options.answerBy.isEmpty() || options.answerAfter >= 0) {
        QJsonObject answer = scenario.value(QLatin1StringView("answer")).toObject();
        if (!options.answerBy.isEmpty())
            answer[QStringLiteral("by")] = options.answerBy;
        if (options.answerAfter >= 0)
            answer[QStringLiteral("after")] = options.answerAfter;
        scenario[QStringLiteral("answer")] = answer;
    }
    if (options.duration >= 0)
        scenario[QStringLiteral("duration")] = options.duration;
    if (!options.outcome.isEmpty())
        scenario[QStringLiteral("outcome")] = options.outcome;
    if (options.recorded)
        scenario[QStringLiteral("recorded")] = true;
    if (!options.extension.isEmpty())
        scenario[QStringLiteral("extension")] = options.extension;
    if (!options.destination.isEmpty())
        scenario[QStringLiteral("destination")] = options.destination;
    const bool outbound = scenario.value(QLatin1StringView("direction")).toString()
            == QLatin1StringView("outbound");
    if (outbound && scenario.value(QLatin1StringView("destination")).toString().isEmpty())
        return CallBridge::fail(QStringLiteral("an outbound call needs --destination"));
    if (!outbound && scenario.value(QLatin1StringView("caller")).toString().isEmpty())
        return CallBridge::fail(
                QStringLiteral("an inbound call needs --caller (or a scenario file)"));
    return scenario;
}

SimCallCommand::SimCallCommand(SimControlClient *client, QTextStream *out, QTextStream *err,
                               QObject *parent)
    : QObject(parent), m_client(client), m_out(out), m_err(err)
{ }

void SimCallCommand::fail(const QString &message)
{
    *m_err << "zadarma-sim: " << message << Qt::endl;
    emit finished(1);
}

void SimCallCommand::run(const QJsonObject &scenario, bool wait)
{
    m_client->startCall(scenario, [this, wait](Result<QJsonObject> started) {
        if (!started)
            return fail(started.error().message);
        const QString id = started->value(QLatin1StringView("id")).toString();
        if (!wait) {
            *m_out << QString::fromUtf8(
                    QJsonDocument(started.value()).toJson(QJsonDocument::Indented));
            m_out->flush();
            emit finished(0);
            return;
        }
        m_client->callOutcome(id, true, [this](Result<QJsonObject> outcome) {
            if (!outcome)
                return fail(outcome.error().message);
            *m_out << QString::fromUtf8(
                    QJsonDocument(outcome.value()).toJson(QJsonDocument::Indented));
            m_out->flush();
            emit finished(0);
        });
    });
}

} // namespace CallBridge
