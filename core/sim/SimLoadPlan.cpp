// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimLoadPlan.h"

#include <QJsonArray>
#include <QRandomGenerator>

#include <algorithm>

namespace CallBridge {
namespace {

// Callers from a few countries, written as Zadarma sends them: some with '+', some without.
QString callerNumber(int index)
{
    static const char *const prefixes[] = { "+4860", "4869", "+3461", "3462", "+44790", "+7916" };
    const char *prefix = prefixes[index % 6];
    const int length = 11 - int(qstrlen(prefix)) + (prefix[0] == '+' ? 1 : 0);
    QString number = QString::fromLatin1(prefix);
    QRandomGenerator digits(quint32(index) * 2654435761u);
    for (int i = 0; i < std::max(length, 6); ++i)
        number += QChar(u'0' + char16_t(digits.bounded(10)));
    return number;
}

QJsonArray pickExtensions(QRandomGenerator &random, const QStringList &extensions, int count)
{
    QStringList pool = extensions;
    QJsonArray picked;
    for (int i = 0; i < count && !pool.isEmpty(); ++i)
        picked.append(pool.takeAt(random.bounded(int(pool.size()))));
    return picked;
}

} // namespace

QList<SimLoadPlan::PlannedCall> SimLoadPlan::make(const Options &options)
{
    QRandomGenerator random(options.seed);
    const QStringList extensions = options.extensions.isEmpty()
            ? QStringList { QStringLiteral("100") }
            : options.extensions;
    const QStringList dids = options.directNumbers;
    const int total = std::max(0, int(options.callsPerSecond * options.seconds));
    QList<PlannedCall> plan;
    plan.reserve(total);
    for (int i = 0; i < total; ++i) {
        PlannedCall call;
        call.atSeconds = double(i) / std::max(options.callsPerSecond, 0.001);
        QJsonObject scenario;
        const int roll = random.bounded(100);
        const QString caller = callerNumber(random.bounded(std::max(1, options.callerPool)));
        if (roll < 80) {
            scenario[QStringLiteral("direction")] = QStringLiteral("inbound");
            scenario[QStringLiteral("caller")] = caller;
            if (!dids.isEmpty())
                scenario[QStringLiteral("called_did")] = dids.at(random.bounded(int(dids.size())));
            const QJsonArray ring = pickExtensions(random, extensions, 1 + random.bounded(3));
            scenario[QStringLiteral("ring")] = ring;
            if (roll < 55) {
                call.kind = QStringLiteral("inbound answered");
                scenario[QStringLiteral("answer")]
                        = QJsonObject { { QStringLiteral("by"),
                                          ring.at(random.bounded(int(ring.size()))) },
                                        { QStringLiteral("after"), 2 + random.bounded(9) } };
                scenario[QStringLiteral("duration")] = 10 + random.bounded(290);
                scenario[QStringLiteral("recorded")] = random.bounded(2) == 0;
            } else if (roll < 70) {
                call.kind = QStringLiteral("inbound missed");
                scenario[QStringLiteral("outcome")] = QStringLiteral("no answer");
                scenario[QStringLiteral("ring_timeout")] = 20 + random.bounded(11);
            } else if (roll < 75) {
                call.kind = QStringLiteral("busy");
                scenario[QStringLiteral("outcome")] = QStringLiteral("busy");
            } else {
                call.kind = QStringLiteral("cancel");
                scenario[QStringLiteral("outcome")] = QStringLiteral("cancel");
                scenario[QStringLiteral("ring_timeout")] = 5 + random.bounded(11);
            }
        } else {
            call.kind = QStringLiteral("outbound");
            scenario[QStringLiteral("direction")] = QStringLiteral("outbound");
            scenario[QStringLiteral("extension")]
                    = extensions.at(random.bounded(int(extensions.size())));
            scenario[QStringLiteral("destination")] = caller;
            const int outcome = random.bounded(10);
            if (outcome < 7) {
                scenario[QStringLiteral("answer")]
                        = QJsonObject { { QStringLiteral("after"), 3 + random.bounded(15) } };
                scenario[QStringLiteral("duration")] = 5 + random.bounded(400);
                scenario[QStringLiteral("recorded")] = random.bounded(3) == 0;
            } else {
                scenario[QStringLiteral("outcome")]
                        = outcome < 9 ? QStringLiteral("no answer") : QStringLiteral("busy");
            }
        }
        call.scenario = scenario;
        plan.append(call);
    }
    return plan;
}

} // namespace CallBridge
