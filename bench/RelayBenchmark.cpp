// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Drives the real callbridge-relay binary: N agents on the stream, signed webhooks at a steady
// rate over keep-alive connections. Prints durable webhooks/s, answer latency and webhook→agent
// delivery latency; it never asserts timings. Exit 1 only for real failures: a non-2xx or missing
// answer, a lost delivery, an agent that could not connect or was dropped, a relay that crashed.
#include "core/relay/AccessToken.h"
#include "core/relay/RelayConfig.h"
#include "core/store/SqliteStore.h"
#include "core/webhook/FormFields.h"
#include "core/webhook/WebhookVerifier.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkRequest>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <sys/resource.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <vector>

using namespace CallBridge;

namespace {

constexpr QByteArrayView webhookSecret = "bench-secret";
// One call's events are this far apart, so that Zadarma's order holds (NOTIFY_INTERNAL only after
// NOTIFY_START was answered) without making the pacer wait on answers.
constexpr qint64 callEventGapNs = 50'000'000;
// Handshakes in flight while agents connect: the listen backlog is small, and a dropped SYN costs
// a one-second retransmission.
constexpr int agentHandshakesInFlight = 32;
constexpr qint64 lateThresholdNs = 2'000'000;
constexpr int drainTimeoutMs = 5'000;

struct Options
{
    int rate = 2500; // webhooks per second
    double seconds = 10;
    int agents = 500;
    int connections = 32;
    int contacts = 100'000; // in the CRM before the run; every other call comes from one of them
    QString relay = QStringLiteral(CALLBRIDGE_RELAY_BINARY);
    bool keep = false;
};

enum class Kind : quint8 { Start, Internal, End };

QString knownCaller(int contact)
{
    return QStringLiteral("+34700%1").arg(contact, 6, 10, QLatin1Char('0'));
}

struct Webhook
{
    QByteArray request; // the whole HTTP request, built before the timed run
    qint32 call = 0;
    Kind kind = Kind::Start;
};

struct Connection
{
    std::unique_ptr<QTcpSocket> socket;
    QByteArray input; // keeps its capacity: responses are parsed in place
    qint64 inFlight = -1; // webhook index
    qint64 sentNs = 0;
    bool usable = false; // connected and not closing
};

struct Agent
{
    enum class State { Waiting, Connecting, AwaitingReplay, Live, Failed };
    QWebSocket *socket = nullptr; // lives, and is deleted, on the agents' thread
    QString token;
    QString extension;
    State state = State::Waiting;
};

QString formatCount(qint64 value)
{
    return QLocale(QLocale::English).toString(value);
}

QString formatMs(qint64 ns)
{
    const double ms = double(ns) / 1e6;
    if (ms >= 1000)
        return QString::number(ms / 1000, 'f', 1) + QStringLiteral(" s");
    return QString::number(ms, 'f', ms < 10 ? 2 : 1) + QStringLiteral(" ms");
}

// Nearest-rank percentile of sorted values.
qint64 percentile(const std::vector<qint64> &sorted, double fraction)
{
    if (sorted.empty())
        return 0;
    const auto rank = qsizetype(std::ceil(fraction * double(sorted.size())));
    return sorted[size_t(std::clamp<qsizetype>(rank - 1, 0, qsizetype(sorted.size()) - 1))];
}

QString latencyLine(std::vector<qint64> values, bool detailed)
{
    if (values.empty())
        return QStringLiteral("no samples");
    std::sort(values.begin(), values.end());
    QString line = QStringLiteral("p50 %1  ").arg(formatMs(percentile(values, 0.50)));
    if (detailed)
        line += QStringLiteral("p90 %1  ").arg(formatMs(percentile(values, 0.90)));
    line += QStringLiteral("p99 %1  max %2")
                    .arg(formatMs(percentile(values, 0.99)), formatMs(values.back()));
    return line;
}

// The value of one header in a response head ("HTTP/1.1 200 OK\r\nName: value…"), or empty.
QByteArrayView headerValue(QByteArrayView head, QByteArrayView name)
{
    qsizetype line = head.indexOf("\r\n");
    while (line >= 0) {
        const qsizetype start = line + 2;
        qsizetype end = head.indexOf("\r\n", start);
        if (end < 0)
            end = head.size();
        const QByteArrayView text = head.sliced(start, end - start);
        const qsizetype colon = text.indexOf(':');
        if (colon > 0 && text.first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return text.sliced(colon + 1).trimmed();
        line = end < head.size() ? end : -1;
    }
    return {};
}

struct ProcessTimes
{
    double cpuSeconds = 0;
    qint64 rssKiB = 0;
    qint64 peakRssKiB = 0;
    qint64 diskWriteBytes = -1; // -1: /proc/<pid>/io unreadable (another user's process)
};

// /proc/<pid>/stat (utime + stime), /proc/<pid>/status (VmRSS, VmHWM) and /proc/<pid>/io
// (write_bytes: what reached the block layer, the log and the checkpoints together).
std::optional<ProcessTimes> processTimes(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!stat.open(QIODevice::ReadOnly) || !status.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray statText = stat.readAll();
    // Fields after the command name, which may itself hold spaces: state is field 3, utime 14.
    const QList<QByteArray> fields = statText.mid(statText.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return std::nullopt;
    ProcessTimes times;
    times.cpuSeconds = double(fields[11].toLongLong() + fields[12].toLongLong())
            / double(sysconf(_SC_CLK_TCK));
    for (const QByteArray &line : status.readAll().split('\n')) {
        const auto kib = [&line](const char *name) {
            return line.mid(qsizetype(qstrlen(name))).trimmed().split(' ').value(0).toLongLong();
        };
        if (line.startsWith("VmRSS:"))
            times.rssKiB = kib("VmRSS:");
        else if (line.startsWith("VmHWM:"))
            times.peakRssKiB = kib("VmHWM:");
    }
    QFile io(QStringLiteral("/proc/%1/io").arg(pid));
    if (io.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : io.readAll().split('\n')) {
            if (line.startsWith("write_bytes:"))
                times.diskWriteBytes = line.mid(12).trimmed().toLongLong();
        }
    }
    return times;
}

double ownCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

class RelayBench
{
public:
    RelayBench(Options options, QTextStream &out, QTextStream &err)
        : m_options(std::move(options)), m_out(out), m_err(err)
    {
        m_clock.start();
    }
    ~RelayBench() { stopAgents(); }

    int run();

private:
    bool createUsers(const QString &databasePath);
    bool startRelay();
    bool connectAgents();
    void connectNextAgent();
    void onAgentText(size_t index, const QString &text, qint64 receivedNs);
    void onRinging(size_t index, const QString &text, qint64 receivedNs);
    void agentLost(size_t index, const QString &why);
    bool buildWebhooks();
    bool openConnections();
    void openConnection(Connection &connection);
    void onReadable(Connection &connection);
    void onAnswer(Connection &connection, int status, QByteArrayView body);
    void onDisconnected(Connection &connection);
    void pump();
    void send(Connection &connection, qint64 index);
    void runLoad();
    QByteArray scrapeMetrics();
    void stopRelay();
    void stopAgents(); // on every path out: their sockets live on m_agentThread
    void failure(const QString &message);
    void report(const std::optional<ProcessTimes> &before, const std::optional<ProcessTimes> &after,
                double ownCpu, const QByteArray &metrics);
    // Runs the event loop until done() or the timeout; false on timeout or if the relay exited.
    bool waitUntil(const std::function<bool()> &done, int timeoutMs);
    qint32 callIndex(QStringView pbxCallId) const;
    size_t agentFor(qint32 call) const { return size_t(call) % m_agents.size(); }

    Options m_options;
    QTextStream &m_out;
    QTextStream &m_err;
    QElapsedTimer m_clock;
    QTemporaryDir m_dataDir;
    QProcess m_relay;
    bool m_relayExited = false;
    quint16 m_port = 0;
    QStringList m_failures;
    qint64 m_failureCount = 0;

    // The agents' sockets have an event loop of their own, as separate machines would: polled
    // with the webhook connections, 500 of them made every answer wait for a poll of them all.
    // They take their own receive times and pass what they get to m_home, on this thread.
    QThread m_agentThread;
    QObject m_home;
    std::vector<Agent> m_agents;
    size_t m_nextAgent = 0;
    int m_agentsHandshaking = 0;
    int m_agentsLive = 0;
    int m_agentsFailed = 0;
    int m_agentsDropped = 0;

    QString m_callIdPrefix; // "in_" and 32 hex digits, unique to this run
    std::vector<Webhook> m_webhooks;
    qint64 m_planned = 0; // webhooks built for the run
    qint32 m_calls = 0;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::vector<Connection *> m_idle;

    // The timed run.
    bool m_running = false;
    bool m_finishing = false;
    qint64 m_startNs = 0;
    qint64 m_deadlineNs = 0; // stop sending beyond this: a relay far too slow ends the run
    qint64 m_next = 0;
    qint64 m_lastSendNs = 0;
    qint64 m_lastAnswerNs = 0;
    qint64 m_late = 0;
    qint64 m_maxLagNs = 0;
    qint64 m_outOfOrder = 0;
    qint64 m_answered2xx = 0;
    qint64 m_answeredOther = 0;
    qint64 m_lostAnswers = 0;
    qint64 m_reconnects = 0;
    qint64 m_internalsSent = 0;
    std::vector<qint64> m_internalSentNs; // per call; 0: not sent
    std::vector<qint8> m_answeredKind; // per call: the last event answered, -1 none
    std::vector<char> m_delivered; // per call
    std::vector<qint64> m_startLatency;
    std::vector<qint64> m_allLatency;
    std::vector<qint64> m_deliveryLatency;
    qint64 m_misrouted = 0;
    qint64 m_repeated = 0;
    qint64 m_early = 0;
};

void RelayBench::failure(const QString &message)
{
    ++m_failureCount;
    if (m_failures.size() < 5)
        m_failures.append(message);
}

bool RelayBench::waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    // Wakes the loop now and then so that the timeout is seen even when nothing happens.
    QTimer tick;
    tick.start(20);
    QElapsedTimer waited;
    waited.start();
    while (!done()) {
        if (m_relayExited || waited.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

qint32 RelayBench::callIndex(QStringView pbxCallId) const
{
    if (pbxCallId.size() != m_callIdPrefix.size() + 8 || !pbxCallId.startsWith(m_callIdPrefix))
        return -1;
    bool ok = false;
    const uint index = pbxCallId.sliced(m_callIdPrefix.size()).toUInt(&ok, 16);
    return ok && index < uint(m_calls) ? qint32(index) : -1;
}

int RelayBench::run()
{
    if (!m_dataDir.isValid()) {
        m_err << "error: cannot create a temporary directory: " << m_dataDir.errorString()
              << Qt::endl;
        return 1;
    }
    m_dataDir.setAutoRemove(!m_options.keep);
    struct statfs fs
    {
    };
    // tmpfs makes fsync free, and then "durable" would mean nothing.
    if (statfs(QFile::encodeName(m_dataDir.path()).constData(), &fs) == 0
        && fs.f_type == 0x01021994)
        m_err << "warning: " << m_dataDir.path()
              << " is on tmpfs, where fsync costs nothing; set TMPDIR to a directory on disk"
              << Qt::endl;

    m_out << "relay benchmark: " << m_options.seconds << " s at " << formatCount(m_options.rate)
          << " webhooks/s target, " << m_options.agents << " agents, " << m_options.connections
          << " connections, " << formatCount(m_options.contacts) << " contacts" << Qt::endl;
    m_out << "relay: " << m_options.relay << "; data: " << m_dataDir.path() << Qt::endl;

    if (!createUsers(QDir(m_dataDir.path()).filePath(RelayConfig::databaseFileName()))
        || !startRelay())
        return 1;
    QElapsedTimer phase;
    phase.start();
    const bool agentsOk = connectAgents();
    m_out << "agents: " << m_agentsLive << " of " << m_agents.size() << " live in "
          << phase.elapsed() << " ms" << Qt::endl;
    if (!agentsOk || !buildWebhooks() || !openConnections()) {
        stopRelay();
        return 1;
    }

    const auto before = processTimes(m_relay.processId());
    const double ownBefore = ownCpuSeconds();
    runLoad();
    const double ownCpu = ownCpuSeconds() - ownBefore;
    const auto after = processTimes(m_relay.processId());
    const QByteArray metrics = scrapeMetrics();
    stopRelay();
    report(before, after, ownCpu, metrics);
    if (m_options.keep)
        m_out << "data kept in " << m_dataDir.path() << Qt::endl;
    return m_failureCount == 0 ? 0 : 1;
}

bool RelayBench::createUsers(const QString &databasePath)
{
    // The store directly rather than "callbridge-relay user add" N times: N process starts would
    // take longer than the run. Same schema, same token hashing.
    SqliteStore store(databasePath);
    auto problem = [this](const QString &what, const Error &error) {
        m_err << "error: " << what << ": " << error.message << Qt::endl;
        return false;
    };
    if (auto opened = store.open(); !opened)
        return problem(QStringLiteral("cannot open ") + databasePath, opened.error());
    if (auto begun = store.begin(); !begun)
        return problem(QStringLiteral("cannot start a transaction"), begun.error());
    m_agents.resize(size_t(m_options.agents));
    for (size_t i = 0; i < m_agents.size(); ++i) {
        Agent &agent = m_agents[i];
        // Extensions are unique strings; beyond 900 agents they get five digits.
        agent.extension = QString::number(m_agents.size() <= 900 ? 100 + i : 10000 + i);
        agent.token = AccessToken::generate();
        UserRecord user;
        user.name = QStringLiteral("agent%1").arg(i, 3, 10, QLatin1Char('0'));
        user.role = UserRole::Agent;
        user.extension = agent.extension;
        user.tokenHash = AccessToken::hash(agent.token);
        if (auto created = store.createUser(user); !created)
            return problem(QStringLiteral("cannot create ") + user.name, created.error());
    }
    UserRecord admin;
    admin.name = QStringLiteral("bench-admin");
    admin.role = UserRole::Admin;
    admin.tokenHash = AccessToken::hash(AccessToken::generate());
    if (auto created = store.createUser(admin); !created)
        return problem(QStringLiteral("cannot create the admin"), created.error());
    // NOTIFY_START is answered from memory: the issue's aim is p99 under 5 ms with 100,000
    // contacts, each owned by an agent (so known callers get a redirect and caller_name).
    for (int i = 0; i < m_options.contacts; ++i) {
        ContactRecord contact;
        contact.name = QStringLiteral("Customer %1").arg(i);
        contact.company = QStringLiteral("Company %1").arg(i % 5000);
        contact.phones = { knownCaller(i) };
        contact.responsibleUserId = qint64(i % m_options.agents) + 1; // users are 1…agents
        contact.source = QStringLiteral("import");
        if (auto created = store.createContact(contact); !created)
            return problem(QStringLiteral("cannot create contact %1").arg(i), created.error());
    }
    if (auto committed = store.commit(); !committed)
        return problem(QStringLiteral("cannot commit the users"), committed.error());
    store.close();
    return true;
}

bool RelayBench::startRelay()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Nothing from the caller's own relay set-up (a config file, other secrets) may leak in.
    for (const QString &name : environment.keys()) {
        if (name.startsWith(QLatin1StringView("CALLBRIDGE_")))
            environment.remove(name);
    }
    environment.insert(QStringLiteral("CALLBRIDGE_DATA"), m_dataDir.path());
    environment.insert(QStringLiteral("CALLBRIDGE_LISTEN"), QStringLiteral("127.0.0.1:0"));
    environment.insert(QStringLiteral("CALLBRIDGE_WEBHOOK_ALLOWED_IPS"),
                       QStringLiteral("127.0.0.1/32"));
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_KEY"), QStringLiteral("bench-key"));
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_SECRET"),
                       QString::fromLatin1(webhookSecret));
    // Nothing listens there: the run needs no API call, and none may leave the machine.
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_API_URL"),
                       QStringLiteral("http://127.0.0.1:1"));
    environment.insert(QStringLiteral("CALLBRIDGE_BACKFILL_ON_START"), QStringLiteral("false"));
    environment.insert(QStringLiteral("CALLBRIDGE_LOG_LEVEL"), QStringLiteral("warning"));
    m_relay.setProcessEnvironment(environment);
    m_relay.setProcessChannelMode(QProcess::ForwardedErrorChannel);

    QByteArray output;
    QObject::connect(&m_relay, &QProcess::readyReadStandardOutput, &m_relay, [this, &output] {
        const QByteArray chunk = m_relay.readAllStandardOutput();
        if (m_port != 0) {
            m_err << "relay: " << chunk;
            m_err.flush();
            return;
        }
        output += chunk;
        static const QByteArray marker = "callbridge-relay: listening on http://127.0.0.1:";
        const qsizetype at = output.indexOf(marker);
        const qsizetype end = at < 0 ? -1 : output.indexOf('\n', at);
        if (end >= 0)
            m_port = quint16(
                    output.mid(at + marker.size(), end - at - marker.size()).trimmed().toUShort());
    });
    QObject::connect(&m_relay, &QProcess::finished, &m_relay,
                     [this](int exitCode, QProcess::ExitStatus status) {
                         m_relayExited = true;
                         if (!m_finishing)
                             failure(QStringLiteral("the relay exited (%1 %2)")
                                             .arg(status == QProcess::CrashExit
                                                          ? QStringLiteral("crashed, code")
                                                          : QStringLiteral("exit code"))
                                             .arg(exitCode));
                     });
    m_relay.start(m_options.relay, { QStringLiteral("serve") });
    if (!m_relay.waitForStarted(10'000)) {
        m_err << "error: cannot start " << m_options.relay << ": " << m_relay.errorString()
              << Qt::endl;
        return false;
    }
    if (!waitUntil([this] { return m_port != 0; }, 30'000)) {
        m_err << "error: the relay did not say which port it listens on; its output:\n"
              << output << Qt::endl;
        stopRelay();
        return false;
    }
    return true;
}

bool RelayBench::connectAgents()
{
    while (m_agentsHandshaking < agentHandshakesInFlight && m_nextAgent < m_agents.size())
        connectNextAgent();
    const bool done = waitUntil(
            [this] { return m_agentsLive + m_agentsFailed == int(m_agents.size()); }, 120'000);
    if (!done || m_agentsFailed > 0) {
        m_err << "error: " << (int(m_agents.size()) - m_agentsLive)
              << " agents did not reach the live stream" << Qt::endl;
        for (const QString &message : std::as_const(m_failures))
            m_err << "  " << message << Qt::endl;
        return false;
    }
    return true;
}

void RelayBench::connectNextAgent()
{
    const size_t index = m_nextAgent++;
    Agent &agent = m_agents[index];
    if (!m_agentThread.isRunning()) {
        m_agentThread.setObjectName(QStringLiteral("agents"));
        m_agentThread.start();
    }
    auto *socket = new QWebSocket;
    socket->moveToThread(&m_agentThread);
    agent.socket = socket;
    agent.state = Agent::State::Connecting;
    ++m_agentsHandshaking;
    // These run on the agents' thread; onAgentText() and agentLost() on this one.
    QObject::connect(socket, &QWebSocket::connected, socket, [socket] {
        socket->sendTextMessage(QStringLiteral(R"({"type":"hello","resume_after":0})"));
    });
    QObject::connect(
            socket, &QWebSocket::textMessageReceived, socket, [this, index](const QString &text) {
                const qint64 receivedNs = m_clock.nsecsElapsed();
                QMetaObject::invokeMethod(
                        &m_home,
                        [this, index, text, receivedNs] { onAgentText(index, text, receivedNs); },
                        Qt::QueuedConnection);
            });
    const auto lost = [this, index](const QString &why) {
        QMetaObject::invokeMethod(
                &m_home, [this, index, why] { agentLost(index, why); }, Qt::QueuedConnection);
    };
    QObject::connect(socket, &QWebSocket::disconnected, socket,
                     [lost, socket] { lost(socket->closeReason()); });
    QObject::connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error),
                     socket, [lost, socket] { lost(socket->errorString()); });
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/v1/stream").arg(m_port)));
    request.setRawHeader("Authorization", "Bearer " + agent.token.toLatin1());
    QMetaObject::invokeMethod(
            socket, [socket, request] { socket->open(request); }, Qt::QueuedConnection);
}

void RelayBench::agentLost(size_t index, const QString &why)
{
    Agent &agent = m_agents[index];
    if (agent.state == Agent::State::Failed || m_finishing)
        return;
    const QString what = QStringLiteral("agent %1 (extension %2): %3")
                                 .arg(index)
                                 .arg(agent.extension,
                                      why.isEmpty() ? QStringLiteral("connection closed") : why);
    if (agent.state == Agent::State::Live) {
        --m_agentsLive;
        ++m_agentsDropped;
        failure(QStringLiteral("dropped: ") + what);
    } else {
        --m_agentsHandshaking;
        failure(QStringLiteral("could not connect: ") + what);
        if (m_nextAgent < m_agents.size())
            connectNextAgent();
    }
    agent.state = Agent::State::Failed;
    ++m_agentsFailed;
}

void RelayBench::onAgentText(size_t index, const QString &text, qint64 receivedNs)
{
    Agent &agent = m_agents[index];
    if (agent.state == Agent::State::Live) {
        // Only call.ringing is timed; the rest (call.ended, pings) is not worth parsing.
        if (text.contains(u"\"call.ringing\""))
            onRinging(index, text, receivedNs);
        return;
    }
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = message.value(QLatin1StringView("type")).toString();
    if (type == u"welcome") {
        agent.state = Agent::State::AwaitingReplay;
    } else if (type == u"replay_done" && agent.state == Agent::State::AwaitingReplay) {
        agent.state = Agent::State::Live;
        ++m_agentsLive;
        --m_agentsHandshaking;
        if (m_nextAgent < m_agents.size())
            connectNextAgent();
    }
}

void RelayBench::onRinging(size_t index, const QString &text, qint64 receivedNs)
{
    const QJsonObject item = QJsonDocument::fromJson(text.toUtf8()).object();
    if (item.value(QLatin1StringView("type")).toString() != u"call.ringing")
        return;
    const QJsonObject call = item.value(QLatin1StringView("data"))
                                     .toObject()
                                     .value(QLatin1StringView("call"))
                                     .toObject();
    const qint32 number = callIndex(call.value(QLatin1StringView("pbx_call_id")).toString());
    const QJsonArray rang = call.value(QLatin1StringView("ringing_extensions")).toArray();
    // An item for the call that does not ring this agent (say, as the contact's responsible) is
    // not the one being timed.
    if (number < 0 || !rang.contains(QJsonValue(m_agents[index].extension)))
        return;
    if (agentFor(number) != index) {
        ++m_misrouted;
        return;
    }
    if (m_delivered[size_t(number)]) {
        ++m_repeated;
        return;
    }
    const qint64 sentNs = m_internalSentNs[size_t(number)];
    if (sentNs == 0) {
        ++m_early;
        return;
    }
    m_delivered[size_t(number)] = 1;
    m_deliveryLatency.push_back(receivedNs - sentNs);
}

bool RelayBench::buildWebhooks()
{
    const qint64 total = qint64(std::llround(double(m_options.rate) * m_options.seconds));
    m_calls = qint32(std::max<qint64>(1, total / 3));
    const double callsPerSecond = std::max(1.0, double(m_options.rate) / 3.0);
    // The gap between one call's events, in calls started meanwhile.
    const qint32 gap = std::max<qint32>(1, qint32(callsPerSecond * double(callEventGapNs) / 1e9));

    QRandomGenerator *random = QRandomGenerator::system();
    m_callIdPrefix = QStringLiteral("in_%1%2%3%4")
                             .arg(random->generate(), 8, 16, QLatin1Char('0'))
                             .arg(random->generate(), 8, 16, QLatin1Char('0'))
                             .arg(random->generate(), 8, 16, QLatin1Char('0'))
                             .arg(random->generate(), 8, 16, QLatin1Char('0'));
    const QByteArray head
            = "POST /zadarma HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port)
            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nSignature: ";
    const QDateTime firstStart = QDateTime::currentDateTimeUtc();
    const QString calledDid = QStringLiteral("34911234567");

    auto build = [&](qint32 call, Kind kind) -> bool {
        const QString pbxCallId
                = m_callIdPrefix + QStringLiteral("%1").arg(call, 8, 16, QLatin1Char('0'));
        // Every other caller is a known contact, the rest are new numbers.
        const QString caller = m_options.contacts > 0 && call % 2 == 0
                ? knownCaller(call / 2 % m_options.contacts)
                : QStringLiteral("+34600%1").arg(call % 1'000'000, 6, 10, QLatin1Char('0'));
        const QString callStart
                = firstStart.addMSecs(qint64(double(call) * 1000.0 / callsPerSecond))
                          .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        const QString extension = m_agents[agentFor(call)].extension;
        const WebhookEventType type = kind == Kind::Start ? WebhookEventType::NotifyStart
                : kind == Kind::Internal                  ? WebhookEventType::NotifyInternal
                                                          : WebhookEventType::NotifyEnd;
        FormFields fields { { QStringLiteral("event"), toText(type) },
                            { QStringLiteral("call_start"), callStart },
                            { QStringLiteral("pbx_call_id"), pbxCallId },
                            { QStringLiteral("caller_id"), caller },
                            { QStringLiteral("called_did"), calledDid } };
        if (kind != Kind::Start)
            fields.append(QStringLiteral("internal"), extension);
        if (kind == Kind::End) {
            // As zadarma-sim ends an answered call.
            fields.append(QStringLiteral("last_internal"), extension);
            fields.append(QStringLiteral("duration"), QString::number(30 + call % 300));
            fields.append(QStringLiteral("disposition"), QStringLiteral("answered"));
            fields.append(QStringLiteral("status_code"), QStringLiteral("16"));
            fields.append(QStringLiteral("is_recorded"), QStringLiteral("0"));
            fields.append(QStringLiteral("call_id_with_rec"), QString());
        }
        const auto signature = WebhookVerifier::sign(type, fields, webhookSecret);
        if (!signature) {
            m_err << "error: cannot sign: " << signature.error().message << Qt::endl;
            return false;
        }
        const QByteArray body = fields.toUrlEncoded();
        Webhook webhook;
        webhook.call = call;
        webhook.kind = kind;
        webhook.request = head + signature.value()
                + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        m_webhooks.push_back(std::move(webhook));
        return true;
    };

    // Many calls overlap, as on a busy PBX: step j starts call j, rings call j - gap and ends
    // call j - 2·gap.
    m_webhooks.reserve(size_t(m_calls) * 3);
    for (qint32 step = 0; step < m_calls + 2 * gap; ++step) {
        if (step < m_calls && !build(step, Kind::Start))
            return false;
        if (step >= gap && step - gap < m_calls && !build(step - gap, Kind::Internal))
            return false;
        if (step >= 2 * gap && step - 2 * gap < m_calls && !build(step - 2 * gap, Kind::End))
            return false;
    }
    m_planned = qint64(m_webhooks.size());
    m_internalSentNs.assign(size_t(m_calls), 0);
    m_answeredKind.assign(size_t(m_calls), -1);
    m_delivered.assign(size_t(m_calls), 0);
    m_startLatency.reserve(size_t(m_calls));
    m_allLatency.reserve(m_webhooks.size());
    m_deliveryLatency.reserve(size_t(m_calls));
    return true;
}

bool RelayBench::openConnections()
{
    for (int i = 0; i < m_options.connections; ++i) {
        m_connections.push_back(std::make_unique<Connection>());
        Connection &connection = *m_connections.back();
        connection.socket = std::make_unique<QTcpSocket>();
        connection.input.reserve(4096);
        QTcpSocket *socket = connection.socket.get();
        QObject::connect(socket, &QTcpSocket::connected, socket, [this, &connection] {
            // Small requests must leave at once, not wait for Nagle.
            connection.socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            connection.usable = true;
            m_idle.push_back(&connection);
            if (m_running)
                pump();
        });
        QObject::connect(socket, &QTcpSocket::readyRead, socket,
                         [this, &connection] { onReadable(connection); });
        QObject::connect(socket, &QTcpSocket::disconnected, socket,
                         [this, &connection] { onDisconnected(connection); });
        QObject::connect(socket, &QTcpSocket::errorOccurred, socket,
                         [this, &connection](QAbstractSocket::SocketError error) {
                             if (error != QAbstractSocket::RemoteHostClosedError && !m_finishing)
                                 failure(QStringLiteral("webhook connection: %1")
                                                 .arg(connection.socket->errorString()));
                         });
        openConnection(connection);
    }
    if (!waitUntil([this] { return m_idle.size() == m_connections.size(); }, 10'000)) {
        m_err << "error: only " << m_idle.size() << " of " << m_connections.size()
              << " webhook connections opened" << Qt::endl;
        return false;
    }
    return true;
}

void RelayBench::openConnection(Connection &connection)
{
    connection.input.resize(0);
    connection.usable = false;
    connection.socket->connectToHost(QHostAddress(QHostAddress::LocalHost), m_port);
}

void RelayBench::send(Connection &connection, qint64 index)
{
    const Webhook &webhook = m_webhooks[size_t(index)];
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 lag = now - (m_startNs + index * 1'000'000'000 / m_options.rate);
    m_maxLagNs = std::max(m_maxLagNs, lag);
    if (lag > lateThresholdNs)
        ++m_late;
    if (webhook.kind != Kind::Start
        && m_answeredKind[size_t(webhook.call)] < qint8(int(webhook.kind) - 1))
        ++m_outOfOrder;
    if (webhook.kind == Kind::Internal) {
        m_internalSentNs[size_t(webhook.call)] = now;
        ++m_internalsSent;
    }
    connection.inFlight = index;
    connection.sentNs = now;
    m_lastSendNs = now;
    connection.socket->write(webhook.request.constData(), webhook.request.size());
    // Written now, not when the event loop next gets round to it: the latency starts here.
    connection.socket->flush();
}

void RelayBench::pump()
{
    if (m_next >= qint64(m_webhooks.size()))
        return;
    const qint64 elapsed = m_clock.nsecsElapsed() - m_startNs;
    if (elapsed > m_deadlineNs) {
        m_webhooks.resize(size_t(m_next)); // what was not sent by now is not sent at all
        return;
    }
    // Schedule by absolute time: webhook i is due at i / rate seconds, so a late timer tick
    // sends the whole backlog at once instead of drifting.
    const qint64 due = std::min<qint64>(qint64(m_webhooks.size()),
                                        elapsed * m_options.rate / 1'000'000'000 + 1);
    while (m_next < due && !m_idle.empty()) {
        Connection *connection = m_idle.back();
        m_idle.pop_back();
        send(*connection, m_next++);
    }
}

void RelayBench::onReadable(Connection &connection)
{
    QByteArray &input = connection.input;
    const qint64 available = connection.socket->bytesAvailable();
    if (available <= 0)
        return;
    const qsizetype old = input.size();
    input.resize(old + qsizetype(available));
    const qint64 got = connection.socket->read(input.data() + old, available);
    input.resize(old + qsizetype(std::max<qint64>(got, 0)));

    while (!input.isEmpty()) {
        const qsizetype headEnd = input.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QByteArrayView head(input.constData(), headEnd);
        int status = 0;
        if (head.startsWith("HTTP/1.") && head.size() >= 12)
            status = head.sliced(9, 3).toInt();
        const qsizetype length = qsizetype(headerValue(head, "Content-Length").toLongLong());
        const qsizetype total = headEnd + 4 + length;
        if (input.size() < total)
            return;
        const bool closing
                = headerValue(head, "Connection").compare("close", Qt::CaseInsensitive) == 0;
        if (closing) // before onAnswer(), which would send the next webhook on it
            connection.usable = false;
        onAnswer(connection, status, QByteArrayView(input.constData() + headEnd + 4, length));
        if (input.size() == total)
            input.resize(0);
        else
            input.remove(0, total);
        if (closing) {
            // The server ends keep-alive connections after many requests: open a new one.
            ++m_reconnects;
            connection.socket->disconnectFromHost();
            return;
        }
    }
}

void RelayBench::onAnswer(Connection &connection, int status, QByteArrayView body)
{
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 index = connection.inFlight;
    if (index < 0) {
        failure(QStringLiteral("an answer (HTTP %1) to no request").arg(status));
        return;
    }
    connection.inFlight = -1;
    const Webhook &webhook = m_webhooks[size_t(index)];
    const qint64 latency = now - connection.sentNs;
    m_lastAnswerNs = now;
    m_allLatency.push_back(latency);
    if (webhook.kind == Kind::Start)
        m_startLatency.push_back(latency);
    if (status >= 200 && status < 300) {
        ++m_answered2xx;
        qint8 &answered = m_answeredKind[size_t(webhook.call)];
        answered = std::max(answered, qint8(webhook.kind));
    } else {
        ++m_answeredOther;
        failure(QStringLiteral("HTTP %1 for webhook %2: %3")
                        .arg(status)
                        .arg(index)
                        .arg(QString::fromUtf8(body.first(std::min<qsizetype>(body.size(), 200)))));
    }
    if (connection.usable)
        m_idle.push_back(&connection);
    pump();
}

void RelayBench::onDisconnected(Connection &connection)
{
    if (m_finishing)
        return;
    if (connection.inFlight >= 0) {
        ++m_lostAnswers;
        failure(QStringLiteral("connection closed before webhook %1 was answered")
                        .arg(connection.inFlight));
        connection.inFlight = -1;
    }
    const auto idle = std::find(m_idle.begin(), m_idle.end(), &connection);
    if (idle != m_idle.end())
        m_idle.erase(idle);
    if (m_relayExited)
        return;
    // Not from inside the socket's own signal.
    QTimer::singleShot(0, connection.socket.get(),
                       [this, &connection] { openConnection(connection); });
}

void RelayBench::runLoad()
{
    m_deadlineNs = qint64((m_options.seconds * 2 + 5) * 1e9);
    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&pacer, &QTimer::timeout, &pacer, [this] { pump(); });
    // The relay closes a stream that says nothing for a minute.
    QTimer heartbeat;
    QObject::connect(&heartbeat, &QTimer::timeout, &heartbeat, [this] {
        for (Agent &agent : m_agents) {
            if (agent.state == Agent::State::Live)
                QMetaObject::invokeMethod(
                        agent.socket,
                        [socket = agent.socket] {
                            socket->sendTextMessage(QStringLiteral(R"({"type":"ping"})"));
                        },
                        Qt::QueuedConnection);
        }
    });
    heartbeat.start(15'000);

    m_running = true;
    m_startNs = m_clock.nsecsElapsed();
    pacer.start(1);
    pump();
    const auto allAnswered = [this] {
        return m_next >= qint64(m_webhooks.size())
                && std::all_of(m_connections.begin(), m_connections.end(),
                               [](const auto &connection) { return connection->inFlight < 0; });
    };
    waitUntil(allAnswered, int(m_deadlineNs / 1'000'000) + drainTimeoutMs);
    pacer.stop();
    const qint64 sendEndNs = m_lastSendNs;
    // Deliveries may trail the answers a little.
    waitUntil([this] { return qint64(m_deliveryLatency.size()) >= m_internalsSent; },
              std::max(0, drainTimeoutMs - int((m_clock.nsecsElapsed() - sendEndNs) / 1'000'000)));
    m_running = false;
    m_finishing = true;

    for (const auto &connection : m_connections) {
        if (connection->inFlight >= 0) {
            ++m_lostAnswers;
            failure(QStringLiteral("webhook %1 got no answer").arg(connection->inFlight));
        }
    }
}

QByteArray RelayBench::scrapeMetrics()
{
    if (m_relayExited)
        return {};
    QTcpSocket socket;
    QByteArray response;
    bool closed = false;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                     [&] { response += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [&] { closed = true; });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &socket, [&] { closed = true; });
    QObject::connect(&socket, &QTcpSocket::connected, &socket, [&] {
        socket.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    });
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), m_port);
    waitUntil([&] { return closed; }, 5'000);
    const qsizetype body = response.indexOf("\r\n\r\n");
    return body < 0 ? QByteArray() : response.mid(body + 4);
}

void RelayBench::stopAgents()
{
    if (!m_agentThread.isRunning())
        return;
    for (Agent &agent : m_agents) {
        if (!agent.socket)
            continue;
        // No signal of a socket being destroyed may reach a handler.
        QMetaObject::invokeMethod(
                agent.socket,
                [socket = agent.socket] {
                    socket->disconnect();
                    delete socket;
                },
                Qt::BlockingQueuedConnection);
        agent.socket = nullptr;
    }
    m_agentThread.quit();
    m_agentThread.wait();
}

void RelayBench::stopRelay()
{
    m_finishing = true;
    stopAgents();
    for (const auto &connection : m_connections)
        connection->socket->disconnect();
    m_connections.clear();
    m_idle.clear();
    if (m_relay.state() == QProcess::NotRunning)
        return;
    // SIGTERM: the graceful shutdown is part of what a clean run shows.
    m_relay.terminate();
    if (!m_relay.waitForFinished(20'000)) {
        failure(QStringLiteral("the relay did not stop within 20 s of SIGTERM"));
        m_relay.kill();
        m_relay.waitForFinished(5'000);
        return;
    }
    if (m_relay.exitStatus() != QProcess::NormalExit || m_relay.exitCode() != 0)
        failure(QStringLiteral("the relay's shutdown ended with %1 %2")
                        .arg(m_relay.exitStatus() == QProcess::CrashExit
                                     ? QStringLiteral("a crash, code")
                                     : QStringLiteral("exit code"))
                        .arg(m_relay.exitCode()));
}

void RelayBench::report(const std::optional<ProcessTimes> &before,
                        const std::optional<ProcessTimes> &after, double ownCpu,
                        const QByteArray &metrics)
{
    const qint64 sent = m_next;
    const double wallSeconds = double(std::max<qint64>(1, m_lastAnswerNs - m_startNs)) / 1e9;
    const qint64 missing = m_internalsSent - qint64(m_deliveryLatency.size());
    if (missing > 0)
        failure(QStringLiteral("%1 call.ringing items never reached their agent").arg(missing));
    // A slow relay is a figure, not a failure: say so and report what was sent.
    if (sent < m_planned)
        m_out << "note: the relay could not keep up; sending stopped after "
              << double(m_deadlineNs) / 1e9 << " s with " << formatCount(sent) << " of "
              << formatCount(m_planned) << " webhooks sent\n";

    m_out << "webhooks: " << formatCount(sent) << " sent, " << formatCount(m_answered2xx)
          << " answered 2xx (" << formatCount(m_answeredOther + m_lostAnswers) << " errors) — "
          << formatCount(qRound64(double(m_answered2xx) / wallSeconds)) << "/s achieved over "
          << QString::number(wallSeconds, 'f', 2) << " s\n";
    m_out << "  pacing: " << formatCount(m_late) << " sent over " << formatMs(lateThresholdNs)
          << " behind schedule (max " << formatMs(std::max<qint64>(0, m_maxLagNs)) << "); "
          << formatCount(m_outOfOrder) << " sent before the call's previous event was answered; "
          << m_reconnects << " reconnections\n";
    m_out << "NOTIFY_START answer: " << latencyLine(m_startLatency, true) << '\n';
    m_out << "all webhooks answer: " << latencyLine(m_allLatency, true) << '\n';
    m_out << "webhook→agent delivery: " << latencyLine(m_deliveryLatency, true) << " ("
          << formatCount(qint64(m_deliveryLatency.size())) << " of " << formatCount(m_internalsSent)
          << " delivered";
    if (m_misrouted || m_repeated || m_early)
        m_out << "; " << m_misrouted << " to the wrong agent, " << m_repeated << " repeated, "
              << m_early << " before the webhook was sent";
    m_out << ")\n";
    m_out << "agents: " << m_agentsLive << " live at the end, " << m_agentsDropped << " dropped\n";

    m_out << "relay:";
    if (before && after) {
        const double cpu = after->cpuSeconds - before->cpuSeconds;
        m_out << " RSS " << after->rssKiB / 1024 << " MB (peak " << after->peakRssKiB / 1024
              << " MB), "
              << QString::number(m_answered2xx > 0 ? cpu * 1000.0 / double(m_answered2xx) : 0, 'f',
                                 3)
              << " CPU s per 1,000 webhooks (" << qRound(cpu / wallSeconds * 100)
              << "% of one core)";
        if (before->diskWriteBytes >= 0 && after->diskWriteBytes >= 0 && m_answered2xx > 0)
            m_out << ", "
                  << QString::number(double(after->diskWriteBytes - before->diskWriteBytes) / 1024.0
                                             / double(m_answered2xx),
                                     'f', 1)
                  << " KiB written to disk per webhook";
    } else {
        m_out << " /proc figures unavailable";
    }
    const auto metric = [&metrics](QByteArrayView name) -> std::optional<double> {
        for (const QByteArray &line : metrics.split('\n')) {
            if (line.startsWith(name) && line.size() > name.size() && line[name.size()] == ' ')
                return line.mid(name.size() + 1).toDouble();
        }
        return std::nullopt;
    };
    const auto batches = metric("callbridge_commit_batches_total");
    const auto events = metric("callbridge_committed_events_total");
    if (batches && events && *batches > 0)
        m_out << "; group commits: " << formatCount(qRound64(*batches)) << " (avg "
              << QString::number(*events / *batches, 'f', 1) << " events)";
    m_out << '\n';
    // The relay's own clock, from the request's arrival to its answer: without the load
    // generator's share (its event loop holds the same 500 agent sockets).
    const auto startBucket = [&metric](const char *le) {
        const QByteArray name = "callbridge_webhook_answer_seconds_bucket{event=\"NOTIFY_START\","
                                "le=\""
                + QByteArray(le) + "\"}";
        return metric(name);
    };
    if (const auto all = startBucket("+Inf"); all && *all > 0) {
        m_out << "NOTIFY_START inside the relay:";
        for (const char *le : { "0.001", "0.0025", "0.005", "0.01" }) {
            if (const auto within = startBucket(le))
                m_out << ' ' << QString::number(*within / *all * 100, 'f', 2) << "% ≤ "
                      << QString::number(QByteArray(le).toDouble() * 1000, 'g', 3) << " ms;";
        }
        m_out << '\n';
    }
    m_out << "load generator: " << QString::number(ownCpu, 'f', 1) << " CPU s ("
          << qRound(ownCpu / wallSeconds * 100) << "% of one core)\n";

    if (m_failureCount > 0) {
        m_out << "FAILED: " << m_failureCount << " problems, first ones:\n";
        for (const QString &message : std::as_const(m_failures))
            m_out << "  " << message << '\n';
    }
    m_out.flush();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("callbridge-bench-relay"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Drives callbridge-relay with signed webhooks while agents listen on "
                           "the stream; prints webhooks/s, answer and delivery latency."));
    parser.addHelpOption();
    const QCommandLineOption rate(QStringLiteral("rate"),
                                  QStringLiteral("Webhooks per second (default 2500)."),
                                  QStringLiteral("N"), QStringLiteral("2500"));
    const QCommandLineOption seconds(QStringLiteral("seconds"),
                                     QStringLiteral("Length of the run (default 10)."),
                                     QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption agents(QStringLiteral("agents"),
                                    QStringLiteral("Connected agents (default 500)."),
                                    QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption connections(
            QStringLiteral("connections"),
            QStringLiteral("Keep-alive webhook connections, one request in flight each "
                           "(default 32)."),
            QStringLiteral("C"), QStringLiteral("32"));
    const QCommandLineOption contacts(
            QStringLiteral("contacts"),
            QStringLiteral("Contacts in the CRM before the run; every other call comes from one "
                           "(default 100000)."),
            QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption relay(QStringLiteral("relay"),
                                   QStringLiteral("The callbridge-relay binary (default: the one "
                                                  "built with this program)."),
                                   QStringLiteral("PATH"));
    const QCommandLineOption keep(QStringLiteral("keep"),
                                  QStringLiteral("Keep the data directory afterwards."));
    parser.addOptions({ rate, seconds, agents, connections, contacts, relay, keep });
    parser.process(app);

    Options options;
    bool ok[4] = {};
    options.rate = parser.value(rate).toInt(&ok[0]);
    options.seconds = parser.value(seconds).toDouble(&ok[1]);
    options.agents = parser.value(agents).toInt(&ok[2]);
    options.connections = parser.value(connections).toInt(&ok[3]);
    bool contactsOk = false;
    options.contacts = parser.value(contacts).toInt(&contactsOk);
    if (!contactsOk || options.contacts < 0 || options.contacts > 1'000'000) {
        err << "callbridge-bench-relay: --contacts takes 0–1000000" << Qt::endl;
        return 2;
    }
    if (parser.isSet(relay))
        options.relay = parser.value(relay);
    options.keep = parser.isSet(keep);
    if (!ok[0] || !ok[1] || !ok[2] || !ok[3] || options.rate < 3 || options.rate > 1'000'000
        || options.seconds <= 0 || options.seconds > 3600 || options.agents < 1
        || options.agents > 50'000 || options.connections < 1 || options.connections > 1000) {
        err << "callbridge-bench-relay: --rate 3–1000000, --seconds up to 3600, --agents "
               "1–50000, --connections 1–1000"
            << Qt::endl;
        return 2;
    }
    RelayBench bench(options, out, err);
    return bench.run();
}
