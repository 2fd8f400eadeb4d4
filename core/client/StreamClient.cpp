// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/StreamClient.h"

#include "core/client/ClientJson.h"
#include "core/client/ClientLogging.h"
#include "core/client/StreamSocket.h"
#include "core/common/Clock.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QPointer>

#include <algorithm>

using namespace std::chrono_literals;

namespace CallBridge {

namespace {

QString seconds(std::chrono::milliseconds duration)
{
    return QString::number(std::max<qint64>(1, (duration.count() + 500) / 1000));
}

// How long it waits.
struct Timings
{
    std::chrono::milliseconds firstRetry { 1'000 }; // doubles up to maxRetry
    std::chrono::milliseconds maxRetry { 60'000 };
    // Nothing heard (the relay pings every 20 s): the connection is dead, e.g. half-open after
    // sleep.
    std::chrono::milliseconds silenceLimit { 60'000 };
    std::chrono::milliseconds connectTimeout { 15'000 }; // from connecting to welcome
};

} // namespace

struct StreamClient::Private
{
    StreamClient *q;
    Clock *clock;
    const Timings timings;
    QUrl url;
    QString token;
    qint64 lastSeq = 0;
    State state = State::Offline;
    QString lastError;

    StreamSocket *socket = nullptr;
    quint64 attempt = 0; // timers and sockets of an earlier attempt are stale
    bool wanted = false; // from connectTo() until disconnectFromRelay() or 4401
    bool ended = false; // this attempt's end has been handled
    QString socketError;
    std::chrono::milliseconds retryDelay { 1'000 };
    std::chrono::milliseconds lastHeard { 0 };
    std::chrono::milliseconds heartbeat { 20'000 };
    int replayed = 0;

    QString where() const { return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath); }

    void setState(State next)
    {
        if (state == next)
            return;
        state = next;
        emit q->stateChanged(next);
    }

    void open()
    {
        retire(false);
        ++attempt;
        ended = false;
        socketError.clear();
        const quint64 current = attempt;
        socket = StreamSocket::create(url).release();
        socket->setParent(q);
        QObject::connect(socket, &StreamSocket::connected, q, [this, current] {
            if (current == attempt)
                onConnected();
        });
        QObject::connect(socket, &StreamSocket::textReceived, q,
                         [this, current](const QString &text) {
                             if (current == attempt && !ended)
                                 onText(text);
                         });
        QObject::connect(socket, &StreamSocket::alive, q, [this, current] {
            if (current == attempt)
                lastHeard = clock->monotonic();
        });
        // Qt reports a refused connection as disconnected() and error() in either order; the
        // end is read once both had their say.
        QObject::connect(socket, &StreamSocket::failed, q, [this, current] {
            if (current != attempt || ended)
                return;
            socketError = socket->errorString();
            endLater(current);
        });
        QObject::connect(socket, &StreamSocket::disconnected, q,
                         [this, current] { endLater(current); });

        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        lastHeard = clock->monotonic();
        qCDebug(lcClientStream).noquote()
                << "connecting to" << url.toDisplayString() << "after seq" << lastSeq;
        setState(State::Connecting);
        watch(current);
        socket->open(request);
    }

    // Lets go of the current socket; `politely` says goodbye first.
    void retire(bool politely)
    {
        if (!socket)
            return;
        StreamSocket *old = std::exchange(socket, nullptr);
        old->disconnect(q);
        if (politely && old->isOpen()) {
            QObject::connect(old, &StreamSocket::disconnected, old, &QObject::deleteLater);
            clock->callAfter(5s, old, [old] {
                old->abort();
                old->deleteLater();
            });
            old->close(1000, QStringLiteral("signing off"));
            return;
        }
        old->abort();
        old->deleteLater();
    }

    // Checks that the relay still speaks: ping every 20 s, welcome soon after connecting.
    void watch(quint64 current)
    {
        const auto limit
                = state == State::Connecting ? timings.connectTimeout : timings.silenceLimit;
        const auto quiet = clock->monotonic() - lastHeard;
        if (quiet >= limit) {
            const QString why = state == State::Connecting
                    ? QStringLiteral("The relay at %1 did not answer within %2 s.")
                              .arg(where(), seconds(limit))
                    : QStringLiteral("Nothing heard from the relay for %1 s; the connection is "
                                     "dead.")
                              .arg(seconds(quiet));
            end(why, false);
            return;
        }
        clock->callAfter(limit - quiet, q, [this, current] {
            if (current == attempt && !ended)
                watch(current);
        });
    }

    void onConnected()
    {
        lastHeard = clock->monotonic();
        const QJsonObject hello { { QStringLiteral("type"), QStringLiteral("hello") },
                                  { QStringLiteral("resume_after"), lastSeq } };
        socket->sendText(QString::fromUtf8(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
    }

    void onText(const QString &text)
    {
        lastHeard = clock->monotonic();
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = message.value(u"type").toString();
        if (type == u"ping" || type == u"pong") {
            return;
        } else if (type == u"welcome") {
            onWelcome(message);
        } else if (type == u"replay_truncated") {
            qCWarning(lcClientStream) << "the relay kept only items from seq"
                                      << message.value(u"oldest_seq").toInteger()
                                      << "on; older ones missed while offline are lost";
        } else if (type == u"replay_done") {
            qCInfo(lcClientStream) << "live;" << replayed << "items replayed";
            setState(State::Live);
            emit q->replayFinished(replayed);
        } else if (type == u"user_changed") {
            qCDebug(lcClientStream) << "the relay changed this user's record";
        } else if (message.contains(u"seq") && message.value(u"data").isObject()) {
            onItem(type, message);
        } else {
            qCDebug(lcClientStream) << "ignoring a message of type" << type;
        }
    }

    void onWelcome(const QJsonObject &welcome)
    {
        const qint64 latest = welcome.value(u"latest_seq").toInteger();
        // The relay's feed started over (a new database): its numbers restart, so would be
        // dropped as seen before.
        if (welcome.contains(u"latest_seq") && latest < lastSeq) {
            qCWarning(lcClientStream) << "the relay's newest item is" << latest << "but" << lastSeq
                                      << "was seen; its feed was reset, starting over";
            lastSeq = latest;
        }
        heartbeat = std::chrono::milliseconds(
                welcome.value(u"heartbeat_ms").toInteger(qint64(heartbeat.count())));
        retryDelay = timings.firstRetry;
        replayed = 0;
        qCInfo(lcClientStream).noquote()
                << "connected to" << where() << "as"
                << welcome.value(u"user").toObject().value(u"name").toString()
                << "; replaying after" << lastSeq;
        setState(State::Replaying);
    }

    void onItem(const QString &type, const QJsonObject &message)
    {
        const qint64 seq = message.value(u"seq").toInteger();
        if (seq <= lastSeq) {
            qCDebug(lcClientStream) << "dropping" << type << seq << "(seen)";
            return;
        }
        lastSeq = seq;
        const bool isReplay = state == State::Replaying;
        if (isReplay)
            ++replayed;
        const QJsonObject data = message.value(u"data").toObject();
        const QDateTime at = jsonTime(message.value(u"at"));
        const QPointer<StreamClient> alive(q); // a slot may delete the client
        emit q->itemReceived(type, seq, at, data);
        if (!alive)
            return;
        if (type.startsWith(u"call.")) {
            CallUpdate update;
            update.type = type;
            update.seq = seq;
            update.at = at;
            update.call = CallInfo::fromJson(data.value(u"call").toObject());
            update.contact = ContactCard::fromJson(data.value(u"contact"));
            update.backfilled = data.value(u"backfilled").toBool();
            emit q->callUpdated(update, isReplay);
        } else if (type == u"task.created" || type == u"task.updated") {
            emit q->taskChanged(TaskInfo::fromJson(data.value(u"task").toObject()),
                                type == u"task.created", isReplay);
        } else if (type == u"contact.updated") {
            if (const auto contact = ContactCard::fromJson(data.value(u"contact")))
                emit q->contactChanged(*contact);
        }
    }

    void endLater(quint64 current)
    {
        QMetaObject::invokeMethod(
                q, [this, current] { onEnded(current); }, Qt::QueuedConnection);
    }

    void onEnded(quint64 current)
    {
        if (current != attempt || ended || !socket)
            return;
        const int status = socket->handshakeStatus();
        if (status == 401) {
            end(QStringLiteral("The relay refused the sign-in: the token is wrong or was "
                               "replaced."),
                true);
            return;
        }
        if (status != 0) {
            end(QStringLiteral("The relay at %1 refused the stream (HTTP %2).")
                        .arg(where())
                        .arg(status),
                false);
            return;
        }
        const int code = int(socket->closeCode());
        const QString reason = socket->closeReason();
        if (!socketError.isEmpty() && reason.isEmpty()) {
            end(QStringLiteral("Cannot reach the relay at %1: %2").arg(where(), socketError),
                false);
            return;
        }
        switch (code) {
        case 4401:
            end(QStringLiteral("The relay no longer accepts this sign-in (%1).").arg(reason), true);
            return;
        case 1001:
            end(QStringLiteral("The relay is restarting."), false);
            return;
        case 1008:
            end(QStringLiteral("The connection was too slow for the relay (%1).").arg(reason),
                false);
            return;
        case 1011:
            end(QStringLiteral("The relay cannot read its storage (%1).").arg(reason), false);
            return;
        case 4408:
            end(QStringLiteral("The relay heard nothing from this app in time (%1).").arg(reason),
                false);
            return;
        default:
            break;
        }
        if (reason.isEmpty())
            end(QStringLiteral("The connection to the relay at %1 was lost.").arg(where()), false);
        else
            end(QStringLiteral("The relay closed the connection: %1 (%2).").arg(reason).arg(code),
                false);
    }

    // This attempt is over: say why, then retry unless a retry cannot help.
    void end(const QString &why, bool tokenRefused)
    {
        ended = true;
        lastError = why;
        retire(false);
        if (tokenRefused) {
            qCWarning(lcClientStream).noquote() << why << "Not reconnecting.";
            wanted = false;
            setState(State::Offline);
            emit q->unauthorised(why);
            return;
        }
        const auto delay = retryDelay;
        retryDelay = std::min(retryDelay * 2, timings.maxRetry);
        qCInfo(lcClientStream).noquote() << why << "Reconnecting in" << delay.count() << "ms.";
        setState(State::Offline);
        const quint64 current = attempt;
        clock->callAfter(delay, q, [this, current] {
            if (current == attempt && wanted && state == State::Offline)
                open();
        });
    }
};

StreamClient::StreamClient(Clock *clock, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->clock = clock;
    d->retryDelay = d->timings.firstRetry;
}

StreamClient::~StreamClient()
{
    ++d->attempt;
    if (d->socket) {
        d->socket->disconnect(this);
        delete d->socket;
    }
}

void StreamClient::connectTo(const QUrl &streamUrl, const QString &token, qint64 resumeAfter)
{
    d->url = streamUrl;
    d->token = token.trimmed();
    d->lastSeq = std::max<qint64>(resumeAfter, 0);
    d->wanted = true;
    d->retryDelay = d->timings.firstRetry;
    d->retire(true);
    d->open();
}

void StreamClient::disconnectFromRelay()
{
    d->wanted = false;
    ++d->attempt; // stale: pending retries and watch timers
    d->retire(true);
    d->setState(State::Offline);
}

void StreamClient::reconnectNow()
{
    if (!d->wanted)
        return;
    switch (d->state) {
    case State::Offline:
        d->retryDelay = d->timings.firstRetry;
        d->open();
        return;
    case State::Connecting:
        return;
    case State::Replaying:
    case State::Live:
        // After sleep the connection may be half-open: quiet for longer than a heartbeat is dead.
        if (d->clock->monotonic() - d->lastHeard > d->heartbeat + 5s) {
            qCInfo(lcClientStream) << "nothing heard for a heartbeat; reconnecting";
            d->open();
        }
        return;
    }
}

StreamClient::State StreamClient::state() const
{
    return d->state;
}

qint64 StreamClient::lastSeq() const
{
    return d->lastSeq;
}

QString StreamClient::lastError() const
{
    return d->lastError;
}

} // namespace CallBridge
