// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QUrl>

class QTextStream;

namespace CallBridge {

class ZadarmaClient;

// `callbridge-relay zadarma register URL`, the guide's last step: sets URL as the PBX's
// notification URL (Zadarma first checks it with a zd_echo request, so the relay must be running
// and reachable there), then switches all six call notifications on. finished() comes once, after
// run() has returned, with OperatorCommand's exit codes.
class ZadarmaRegisterCommand : public QObject
{
    Q_OBJECT

public:
    // In Zadarma's order, as /v1/pbx/callinfo/ lists them.
    static const QStringList &notifications();

    ZadarmaRegisterCommand(ZadarmaClient *client, QUrl url, QTextStream *out, QTextStream *err,
                           QObject *parent = nullptr);

    void run();

signals:
    void finished(int exitCode);

private:
    void switchNotificationsOn();
    void fail(const QString &step, int exitCode, const QString &message);

    ZadarmaClient *m_client;
    QUrl m_url;
    QTextStream *m_out;
    QTextStream *m_err;
};

} // namespace CallBridge
