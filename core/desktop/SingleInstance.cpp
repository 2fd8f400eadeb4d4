// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/desktop/SingleInstance.h"

#include "core/desktop/DesktopLogging.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QTimer>
#include <QtEndian>

namespace CallBridge {

namespace {

// A message: its length as a big-endian quint32, then a JSON array of strings. The answer: one
// byte, once the arguments have been handed on.
constexpr char acknowledgement = '\x06';
constexpr qsizetype headerSize = sizeof(quint32);
constexpr quint32 maxMessageSize = 1024 * 1024;
constexpr int peerTimeoutMs = 5000;
constexpr int claimLockTimeoutMs = 3000;

QByteArray encode(const QStringList &arguments)
{
    const QByteArray json
            = QJsonDocument(QJsonArray::fromStringList(arguments)).toJson(QJsonDocument::Compact);
    QByteArray message(headerSize, Qt::Uninitialized);
    qToBigEndian(quint32(json.size()), message.data());
    return message + json;
}

// Next to the socket, so that two launches at the same moment take turns (check, then listen).
QString lockFilePath(const QString &name)
{
    const QString socketPath = name.contains(u'/') ? name : QDir::tempPath() + u'/' + name;
    return socketPath + QStringLiteral(".lock");
}

} // namespace

SingleInstance::SingleInstance(const QString &name, QObject *parent) : QObject(parent), m_name(name)
{ }

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultName()
{
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QFileInfo(runtime).isDir())
        return runtime + QStringLiteral("/callbridge.socket");
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    return QStringLiteral("callbridge-") + user;
}

Result<bool> SingleInstance::claim()
{
    if (m_server && m_server->isListening())
        return true;

    QLockFile lock(lockFilePath(m_name));
    if (!lock.tryLock(claimLockTimeoutMs)) {
        if (lock.error() == QLockFile::PermissionError)
            return fail(QStringLiteral("CallBridge cannot write its lock file %1. Check that its "
                                       "folder is writable for you.")
                                .arg(lockFilePath(m_name)));
        return fail(QStringLiteral("Another CallBridge is starting at the same moment. Wait a few "
                                   "seconds and start it again."));
    }

    QLocalSocket probe;
    probe.connectToServer(m_name);
    if (probe.waitForConnected(1000)) {
        probe.abort();
        qCInfo(lcDesktopInstance) << "Another instance listens on" << m_name;
        return false;
    }
    // Nobody answers: a socket left behind by a crash, or none at all.
    QLocalServer::removeServer(m_name);
    auto *server = new QLocalServer(this);
    server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!server->listen(m_name)) {
        const QString reason = server->errorString();
        delete server;
        return fail(QStringLiteral("CallBridge cannot open its local socket %1: %2")
                            .arg(m_name, reason));
    }
    m_server = server;
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::serve);
    qCInfo(lcDesktopInstance) << "First instance, listening on" << m_server->fullServerName();
    return true;
}

void SingleInstance::serve()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        // A peer that never finishes its message does not stay forever.
        QTimer::singleShot(peerTimeoutMs, socket, [socket] { socket->abort(); });
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (socket->bytesAvailable() < headerSize)
                return;
            const quint32 size = qFromBigEndian<quint32>(socket->peek(headerSize).constData());
            if (size > maxMessageSize) {
                qCWarning(lcDesktopInstance) << "Dropping a local message of" << size << "bytes";
                socket->abort();
                return;
            }
            if (socket->bytesAvailable() < headerSize + qint64(size))
                return;
            socket->skip(headerSize);
            const QJsonDocument document = QJsonDocument::fromJson(socket->read(size));
            if (!document.isArray()) {
                qCWarning(lcDesktopInstance) << "Dropping a local message that is not a list";
                socket->abort();
                return;
            }
            QStringList arguments;
            for (const QJsonValue &value : document.array())
                arguments.append(value.toString());
            socket->write(&acknowledgement, 1);
            socket->flush();
            qCInfo(lcDesktopInstance) << "Arguments from a second launch:" << arguments.size();
            emit argumentsReceived(arguments);
        });
    }
}

Result<void> SingleInstance::forward(const QStringList &arguments, int timeoutMs)
{
    QLocalSocket socket;
    QEventLoop loop;
    bool done = false;
    bool acknowledged = false;
    bool timedOut = false;
    QString failure;
    auto finish = [&] {
        done = true;
        loop.quit();
    };
    connect(&socket, &QLocalSocket::connected, &loop,
            [&socket, message = encode(arguments)] { socket.write(message); });
    connect(&socket, &QLocalSocket::readyRead, &loop, [&] {
        acknowledged = socket.read(1) == QByteArray(1, acknowledgement);
        finish();
    });
    connect(&socket, &QLocalSocket::errorOccurred, &loop, [&] {
        failure = socket.errorString();
        finish();
    });
    QTimer timer;
    timer.setSingleShot(true);
    // A coarse timer may fire 5% early: "did not answer within 0.2 s" after 0.19 s would be false.
    timer.setTimerType(Qt::PreciseTimer);
    connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        finish();
    });

    socket.connectToServer(m_name);
    timer.start(timeoutMs);
    // errorOccurred may come from inside connectToServer, before the loop runs.
    if (!done)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    socket.abort();

    if (acknowledged)
        return {};
    if (!failure.isEmpty())
        return fail(QStringLiteral("Could not hand the request to the running CallBridge: %1")
                            .arg(failure));
    if (!timedOut)
        return fail(QStringLiteral("Something else than CallBridge answered on %1.").arg(m_name));
    return fail(QStringLiteral("CallBridge is already running but did not answer within %1 s. "
                               "Quit it, or end its process if it hangs, and start it again.")
                        .arg(double(timeoutMs) / 1000.0, 0, 'g', 3));
}

} // namespace CallBridge
