// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QObject>
#include <QStringList>

class QLocalServer;

namespace CallBridge {

// One running app per user session. The first launch listens on a local socket named after the
// user; a later launch hands its arguments (a tel: link, say) to it and exits.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    // name: the socket's name, e.g. defaultName(); tests pass their own.
    explicit SingleInstance(const QString &name, QObject *parent = nullptr);
    ~SingleInstance() override;

    // The user's runtime folder ($XDG_RUNTIME_DIR/callbridge.socket), else "callbridge-<user>".
    static QString defaultName();

    // True: this is the first instance and now listens. False: another one runs (a stale socket
    // left by a crash is removed and taken over).
    Result<bool> claim();
    // From a second launch: sends the arguments to the running instance and waits up to
    // timeoutMs for it to take them (in a local event loop, so the other end may be this thread).
    Result<void> forward(const QStringList &arguments, int timeoutMs = 2000);

signals:
    void argumentsReceived(const QStringList &arguments);

private:
    void serve();

    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace CallBridge
