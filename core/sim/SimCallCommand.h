// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>

class QTextStream;

namespace CallBridge {

class SimControlClient;

// `zadarma-sim call …`: places one scripted call on a running simulator and prints its outcome.
class SimCallCommand : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString scenarioFile; // a JSON scenario; the options below override its fields
        bool outbound = false;
        QString caller;
        QString calledDid;
        QStringList ring;
        QString answerBy;
        int answerAfter = -1;
        int duration = -1;
        QString outcome; // "busy", "no answer", "cancel"
        bool recorded = false;
        QString extension;
        QString destination;
    };

    static Result<QJsonObject> scenario(const Options &options);

    SimCallCommand(SimControlClient *client, QTextStream *out, QTextStream *err,
                   QObject *parent = nullptr);
    // Starts the call; with wait, prints the outcome once the call has ended, else its id.
    void run(const QJsonObject &scenario, bool wait);

signals:
    void finished(int exitCode);

private:
    void fail(const QString &message);

    SimControlClient *m_client;
    QTextStream *m_out;
    QTextStream *m_err;
};

} // namespace CallBridge
