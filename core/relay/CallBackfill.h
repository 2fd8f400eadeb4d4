// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/store/StoreTypes.h"
#include "core/zadarma/ZadarmaTypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace CallBridge {

class Clock;
class PbxStatisticsPager;
class RoutingDirectory;
class Store;
class WebhookIngest;
class ZadarmaClient;

// Recovers calls whose webhooks never arrived (relay down, URL unreachable) from Zadarma's
// /v1/statistics/pbx/, inside its 3 requests a minute (the client's queue keeps to it), and
// writes the ones the store does not know through the single writer.
class CallBackfill : public QObject
{
    Q_OBJECT

public:
    struct Status
    {
        bool running = false;
        QDateTime from;
        QDateTime to;
        int pages = 0;
        qsizetype seen = 0; // calls Zadarma listed
        int added = 0; // calls that were missing and are now stored
        QString error;
        QDateTime startedAt;
        QDateTime finishedAt;
        QJsonObject toJson() const;
    };

    // A period longer than this is cut (Zadarma answers at most a month per request).
    static constexpr int maxDays = 30;

    CallBackfill(ZadarmaClient *zadarma, WebhookIngest *ingest, Store *store,
                 RoutingDirectory *directory, Clock *clock, QObject *parent = nullptr);

    // From `from` (or, when invalid, an hour before the newest stored event, or a day back on
    // an empty store) to `to` (or now). An error when one is running or nothing can be asked.
    Result<void> start(QDateTime from = {}, QDateTime to = {});
    const Status &status() const { return m_status; }

    // A statistics row as the relay stores calls; public for tests.
    static CallRecord toCallRecord(const PbxCallRecord &row, const RoutingDirectory &directory);

signals:
    void finished(const CallBridge::CallBackfill::Status &status);

private:
    void pagerFinished();

    ZadarmaClient *m_zadarma;
    WebhookIngest *m_ingest;
    Store *m_store;
    RoutingDirectory *m_directory;
    Clock *m_clock;
    QPointer<PbxStatisticsPager> m_pager;
    Status m_status;
};

} // namespace CallBridge
