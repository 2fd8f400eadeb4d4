// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Prints what the agents' stream costs: N WebSocket clients (in their own thread) connected to
// the relay's stream (SqliteStore, FeedHub, AgentStream, HttpServer on the main thread), items
// group-committed every 10 ms at a given rate, each for one agent (and the admins) or for
// everyone. Reports items and messages per second, the main thread's CPU time, and the
// delivery latency from publish (after the commit) to the client's receipt, p50/p99/max.
//
//   callbridge-bench-stream [--agents 500] [--admins 5] [--rate 2000] [--seconds 10]
//                           [--everyone 0.1] [--payload 400]
#include "core/common/SystemClock.h"
#include "core/http/HttpServer.h"
#include "core/relay/AgentStream.h"
#include "core/relay/FeedHub.h"
#include "core/relay/RelayMetrics.h"
#include "core/store/SqliteStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <vector>

using namespace CallBridge;
using namespace Qt::StringLiterals;

namespace {

QTextStream out(stdout);

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

double threadCpuSeconds()
{
    timespec spec {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec);
    return double(spec.tv_sec) + double(spec.tv_nsec) / 1e9;
}

// "Authorization: Bearer <user id>".
class Handler : public HttpHandler
{
public:
    qsizetype maxBodyBytes(const HttpRequest &) const override { return 1024; }
    bool upgrade(const HttpRequest &head, QTcpSocket *socket) override
    {
        const qint64 id = head.header("Authorization").mid(7).toLongLong();
        if (id < 1 || id > qint64(users.size()))
            return false;
        return stream->accept(socket, users.at(std::size_t(id - 1)));
    }
    void handle(HttpRequest, HttpResponder responder) override
    {
        responder.send(HttpResponse::error(404, u"Nothing here."_s));
    }

    AgentStream *stream = nullptr;
    std::vector<UserRecord> users;
};

// The clients, living in their own thread; latencies in microseconds.
class Clients : public QObject
{
public:
    explicit Clients(const std::vector<std::atomic<qint64>> *published) : m_published(published) { }

    void open(quint16 port, int count)
    {
        for (int id = 1; id <= count; ++id) {
            auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
            connect(socket, &QWebSocket::connected, socket, [socket] {
                // Only what is new: no replay.
                socket->sendTextMessage(uR"({"type":"hello","resume_after":999999999})"_s);
            });
            connect(socket, &QWebSocket::textMessageReceived, socket,
                    [this](const QString &text) { receive(text); });
            QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/v1/stream"_s.arg(port)));
            request.setRawHeader("Authorization", "Bearer " + QByteArray::number(id));
            socket->open(request);
        }
    }

    int ready() const { return m_ready.load(); }
    quint64 received() const { return m_received; }
    std::vector<qint64> latencies; // read on the clients' thread

private:
    void receive(const QString &text)
    {
        const qint64 now = nowNs();
        if (text.contains(u"\"replay_done\"")) {
            ++m_ready;
            return;
        }
        // Only the seq is needed: no full parse on the clients' thread. Keys are sorted, so an
        // item reads {"at":…,"data":{…},"seq":N,"type":…}.
        const qsizetype at = text.lastIndexOf(u"\"seq\":");
        if (at < 0 || !text.contains(u"\"data\""))
            return; // pings and other protocol messages
        qsizetype end = at + 6;
        while (end < text.size() && text.at(end).isDigit())
            ++end;
        const qint64 seq = QStringView(text).mid(at + 6, end - at - 6).toLongLong();
        if (seq <= 0 || seq >= qint64(m_published->size()))
            return;
        const qint64 sent = (*m_published)[std::size_t(seq)].load(std::memory_order_acquire);
        if (sent > 0)
            latencies.push_back((now - sent) / 1000);
        ++m_received;
    }

    const std::vector<std::atomic<qint64>> *m_published;
    std::atomic<int> m_ready { 0 };
    quint64 m_received = 0;
};

double percentileMs(std::vector<qint64> &values, double p)
{
    if (values.empty())
        return 0;
    const auto index = std::size_t(p * double(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + qsizetype(index), values.end());
    return double(values[index]) / 1000.0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption agentsOption(u"agents"_s, u"Agents connected."_s, u"n"_s, u"500"_s);
    const QCommandLineOption adminsOption(u"admins"_s, u"Admins connected."_s, u"n"_s, u"5"_s);
    const QCommandLineOption rateOption(u"rate"_s, u"Items per second."_s, u"n"_s, u"2000"_s);
    const QCommandLineOption secondsOption(u"seconds"_s, u"Duration."_s, u"s"_s, u"10"_s);
    const QCommandLineOption everyoneOption(u"everyone"_s, u"Share of items for everyone."_s,
                                            u"f"_s, u"0.1"_s);
    const QCommandLineOption payloadOption(u"payload"_s, u"Payload padding in bytes."_s, u"n"_s,
                                           u"400"_s);
    parser.addOptions({ agentsOption, adminsOption, rateOption, secondsOption, everyoneOption,
                        payloadOption });
    parser.process(app);
    const int agents = std::max(parser.value(agentsOption).toInt(), 1);
    const int admins = std::max(parser.value(adminsOption).toInt(), 0);
    const int rate = std::max(parser.value(rateOption).toInt(), 1);
    const int seconds = std::max(parser.value(secondsOption).toInt(), 1);
    const double everyone = parser.value(everyoneOption).toDouble();
    const QString padding(parser.value(payloadOption).toInt(), u'x');

    QTemporaryDir dir;
    SystemClock clock;
    SqliteStore store(dir.filePath(u"relay.db"_s));
    if (auto opened = store.open(); !opened) {
        out << "ERROR: " << opened.error().message << Qt::endl;
        return 1;
    }
    FeedHub feed(&store, &clock);
    RelayMetrics metrics;
    AgentStream stream(&store, &feed, &metrics, &clock);
    Handler handler;
    handler.stream = &stream;
    for (int id = 1; id <= agents + admins; ++id) {
        UserRecord user;
        user.id = id;
        user.name = u"user%1"_s.arg(id);
        user.role = id > agents ? UserRole::Admin : UserRole::Agent;
        handler.users.push_back(user);
    }
    HttpServer http(&handler, HttpServerLimits {});
    auto *listener = new QTcpServer;
    listener->setListenBacklogSize(1024);
    if (!listener->listen(QHostAddress::LocalHost, 0)) {
        out << "ERROR: cannot listen" << Qt::endl;
        return 1;
    }
    const quint16 port = listener->serverPort();
    http.serve(listener);

    std::vector<std::atomic<qint64>> published(std::size_t(qint64(rate) * (seconds + 1) + 1000));
    QThread clientThread;
    auto *clients = new Clients(&published);
    clients->moveToThread(&clientThread);
    clientThread.start();
    QMetaObject::invokeMethod(
            clients, [clients, port, agents, admins] { clients->open(port, agents + admins); });

    QEventLoop loop; // not a processEvents() loop: that would spin and count as server CPU
    QElapsedTimer waited;
    waited.start();
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (clients->ready() >= agents + admins || waited.elapsed() > 30'000)
            loop.quit();
    });
    poll.start(10);
    loop.exec();
    poll.stop();
    out << "connected " << stream.connectedCount() << " of " << agents + admins << " in "
        << waited.elapsed() << " ms" << Qt::endl;

    // Group commits every 10 ms, as the webhook writer does.
    QElapsedTimer running;
    qint64 appended = 0;
    bool failed = false;
    QTimer publisher;
    publisher.setTimerType(Qt::PreciseTimer);
    QObject::connect(&publisher, &QTimer::timeout, &publisher, [&] {
        const qint64 due = running.elapsed() * rate / 1000;
        if (due <= appended || failed)
            return;
        QList<FeedItem> items;
        failed = !store.begin();
        for (; appended < due && !failed; ++appended) {
            FeedItem item;
            item.createdAt = clock.now();
            item.type = u"call.ringing"_s;
            item.payload = { { u"n"_s, appended }, { u"padding"_s, padding } };
            if (QRandomGenerator::global()->generateDouble() < everyone)
                item.everyone = true;
            else
                item.audience = { qint64(QRandomGenerator::global()->bounded(agents)) + 1 };
            auto seq = store.appendFeed(item);
            failed = !seq;
            if (failed)
                break;
            item.seq = seq.value();
            items.append(item);
        }
        failed = failed || !store.commit();
        const qint64 now = nowNs();
        for (const FeedItem &item : std::as_const(items)) {
            if (std::size_t(item.seq) < published.size())
                published[std::size_t(item.seq)].store(now, std::memory_order_release);
        }
        feed.publish(items);
    });
    const double cpuBefore = threadCpuSeconds();
    running.start();
    publisher.start(10);
    QTimer::singleShot(std::chrono::seconds(seconds), &loop, &QEventLoop::quit);
    loop.exec();
    publisher.stop();
    const double cpu = threadCpuSeconds() - cpuBefore;
    const double elapsed = double(running.elapsed()) / 1000;
    QTimer::singleShot(std::chrono::seconds(1), &loop, &QEventLoop::quit); // stragglers
    loop.exec();

    std::vector<qint64> latencies;
    quint64 received = 0;
    // The sockets belong to the clients' thread: they are read and deleted there.
    QMetaObject::invokeMethod(
            clients,
            [&] {
                latencies = std::move(clients->latencies);
                received = clients->received();
                delete clients;
            },
            Qt::BlockingQueuedConnection);
    clientThread.quit();
    clientThread.wait();

    out << "items " << appended << " (" << qRound(double(appended) / elapsed) << "/s), "
        << "messages received " << received << " (" << qRound(double(received) / elapsed)
        << "/s), server thread CPU " << QString::number(100 * cpu / elapsed, 'f', 0) << " %"
        << Qt::endl;
    out << "delivery after commit, ms: p50 " << percentileMs(latencies, 0.50) << "  p99 "
        << percentileMs(latencies, 0.99) << "  max " << percentileMs(latencies, 1.0) << Qt::endl;
    if (failed)
        out << "ERROR: the store failed" << Qt::endl;
    return failed ? 1 : 0;
}
