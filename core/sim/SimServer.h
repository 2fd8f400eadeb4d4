// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/sim/SimHttp.h"

#include <QHttpServer>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

namespace CallBridge {

// The simulator's HTTP front: one port, handlers chosen by path prefix (longest first), 404 for
// the rest. Qt HTTP Server buffers whole bodies; the simulator is a loopback test tool, so it
// relies on a body cap here rather than the relay's full protections.
class SimServer : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype maxBodyBytes = 1024 * 1024;

    explicit SimServer(QObject *parent = nullptr);

    void addHandler(const QByteArray &pathPrefix, SimHttpHandler *handler);
    Result<void> listen(const QHostAddress &address, quint16 port);
    QUrl url() const; // http://host:port, valid after listen()

private:
    void dispatch(const SimHttpRequest &request, SimHttpReply reply);

    QHttpServer m_http;
    QTcpServer m_tcp;
    QList<std::pair<QByteArray, SimHttpHandler *>> m_handlers;
};

} // namespace CallBridge
