// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/zadarma/ZadarmaError.h"
#include "core/zadarma/ZadarmaTypes.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace CallBridge {

class ZadarmaClient;
class ZadarmaReply;

// Fetches every call of a period from /v1/statistics/pbx/, page by page (skip/limit). Pages go
// through the client's queue, so at Zadarma's 3 statistics requests a minute a long period takes
// minutes: pageReceived() reports progress. Zadarma cuts periods longer than a month to 30 days,
// so ask for a month at most.
class PbxStatisticsPager : public QObject
{
    Q_OBJECT

public:
    static constexpr int maxPages = 1000; // a million calls: beyond this something is wrong

    PbxStatisticsPager(ZadarmaClient *client, PbxStatisticsQuery query, QObject *parent = nullptr);

    void start();
    bool isFinished() const { return m_finished; }
    // Valid after finished(): every call fetched, in Zadarma's order. On an error, the calls of the
    // pages fetched before it.
    const QList<PbxCallRecord> &calls() const { return m_calls; }
    const std::optional<ZadarmaError> &error() const { return m_error; }
    int pagesFetched() const { return m_pages; }

signals:
    void pageReceived(int pagesFetched, qsizetype callsSoFar);
    void finished();

private:
    void requestPage();
    void handlePage(ZadarmaReply *reply);
    void finish(std::optional<ZadarmaError> error);

    ZadarmaClient *m_client;
    PbxStatisticsQuery m_query;
    QList<PbxCallRecord> m_calls;
    QString m_lastPageFirstCallId;
    std::optional<ZadarmaError> m_error;
    int m_pages = 0;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace CallBridge
