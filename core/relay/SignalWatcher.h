// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace CallBridge {

// Turns SIGTERM/SIGINT/SIGHUP into a Qt signal, through a self-pipe: a Unix signal handler may
// only do async-signal-safe work, so it writes the signal number and the event loop reads it.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(const QList<int> &signalNumbers, QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void received(int signalNumber);

private:
    void readSignal();
    QSocketNotifier *m_notifier = nullptr;
    QList<int> m_signals;
};

} // namespace CallBridge
