// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"

#include <QObject>
#include <QTimer>

namespace CallBridge {

class RelayClient;

// Search as you type: asks the relay once typing pauses, and reports only the answer to the
// latest query, however late or out of order earlier answers arrive.
class ContactSearch : public QObject
{
    Q_OBJECT

public:
    explicit ContactSearch(RelayClient *client, QObject *parent = nullptr);

    void setDelay(int milliseconds) { m_timer.setInterval(milliseconds); }
    int delay() const { return m_timer.interval(); }
    void setLimit(int limit) { m_limit = limit; }
    QString query() const { return m_query; }
    bool isBusy() const { return m_busy; }

public slots:
    // Waits for typing to pause, then searches.
    void setQuery(const QString &text);
    // Searches for the current query at once.
    void searchNow();

signals:
    void resultsReady(const QString &query, const QList<CallBridge::ContactCard> &contacts);
    void failed(const QString &query, const QString &message);
    void busyChanged(bool busy);

private:
    void setBusy(bool busy);

    RelayClient *m_client;
    QTimer m_timer;
    QString m_query;
    int m_limit = 100;
    quint64 m_generation = 0; // the latest request; answers to earlier ones are dropped
    bool m_busy = false;
};

} // namespace CallBridge
