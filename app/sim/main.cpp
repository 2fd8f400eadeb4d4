// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/SystemClock.h"
#include "core/sim/SimApi.h"
#include "core/sim/SimCallCommand.h"
#include "core/sim/SimCallRunner.h"
#include "core/sim/SimConfig.h"
#include "core/sim/SimControl.h"
#include "core/sim/SimControlClient.h"
#include "core/sim/SimEchoCheck.h"
#include "core/sim/SimLoadCommand.h"
#include "core/sim/SimLoadPlan.h"
#include "core/sim/SimPbx.h"
#include "core/sim/SimRecordingDownloads.h"
#include "core/sim/SimServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

using namespace CallBridge;

namespace {

const char *const description
        = R"(A faithful Zadarma stand-in: the API with Zadarma's signature checks and
rate limits, and scripted calls delivered as signed webhooks.

Modes:
  zadarma-sim [options]        serve the API (/v1/…), the control API (/_sim/…) and
                               recordings (/_sim/recordings/…) on --listen
  zadarma-sim call [options]   place one scripted call on a running simulator and
                               print its outcome (zadarma-sim call --help)
  zadarma-sim load [options]   start a seeded mix of calls on a running simulator
                               (zadarma-sim load --help)

Control API (no authentication; listen on loopback):
  POST /_sim/calls             a JSON scenario (below) → 201 {"id", "pbx_call_id"}
  GET  /_sim/calls/<id>        the outcome: every webhook sent with the relay's
                               answers, what each phone displayed, the disposition;
                               ?wait=1 answers once the call has ended
  GET  /_sim/calls             all calls;  POST /_sim/reset forgets finished ones
  GET  /_sim/stats             calls running; webhooks posted, answered, failed

Scenario JSON (times in simulated seconds, scaled by --time-scale):
  {"direction": "inbound"|"outbound", "caller": "+48600100200",
   "called_did": "34911234567", "ring": ["100","101"],
   "answer": {"by": "101", "after": 5},
   "outcome": "answered"|"busy"|"no answer"|"cancel", "ring_timeout": 30,
   "duration": 60, "recorded": true, "record_delay": 5,
   "extension": "100", "destination": "+442037691880",          (outbound)
   "faults": {"delay_ms": 0, "drop": ["NOTIFY_INTERNAL"],
              "duplicate": ["NOTIFY_END"], "late": ["NOTIFY_ANSWER"]}}
  The answer to NOTIFY_START is honoured: {"redirect": "101", "return_timeout": 20}
  rings 101 (back to the scenario after return_timeout), {"hangup": 1} ends the
  call as busy, "caller_name" is what the ringing phones display.
  /v1/request/callback/ places a two-leg click-to-call: the extension first.

Account configuration (--config FILE, JSON; every field optional):
  {"key", "secret", "pbx_id", "balance", "currency", "timezone": "UTC+1",
   "notification_url", "rate_limits": true, "time_scale": 1, "answer_timeout_ms",
   "recording_seconds": 3,
   "extensions": [{"number": "100", "name": "Ana", "caller_id": "+3491…", "online": true}],
   "direct_numbers": [{"number": "34911234567", "country": "Spain",
                       "description": "Madrid", "sip": "100"}]}
  Defaults: extensions 100-109 with names, two direct numbers, key sim-key,
  secret sim-secret.)";

QString defaultSimulatorUrl()
{
    const QString fromEnvironment = qEnvironmentVariable("ZADARMA_SIM_URL");
    return fromEnvironment.isEmpty() ? QStringLiteral("http://127.0.0.1:8090") : fromEnvironment;
}

int usageError(QTextStream &err, const QString &message)
{
    err << "zadarma-sim: " << message << Qt::endl;
    return 2;
}

// Zadarma checks a notification URL with zd_echo before it saves it; at start-up the relay may
// still be starting, so an unreachable URL is tried again for a while; a wrong answer is final.
void checkNotificationUrl(QNetworkAccessManager *network, Clock *clock, SimPbx *pbx,
                          const QUrl &url, QElapsedTimer since, std::chrono::milliseconds patience,
                          QTextStream *out, QTextStream *err)
{
    auto *check = new SimEchoCheck(network, clock, url, pbx);
    QObject::connect(check, &SimEchoCheck::finished, pbx, [=] {
        check->deleteLater();
        if (check->error() == SimEchoCheck::Error::NoError) {
            pbx->setNotificationUrl(url);
            *out << "zadarma-sim: notification URL " << url.toString()
                 << " answered zd_echo; calls will notify it" << Qt::endl;
            return;
        }
        const bool mayRetry = check->error() == SimEchoCheck::Error::Unreachable
                || check->error() == SimEchoCheck::Error::Timeout;
        if (mayRetry && since.elapsed() < patience.count()) {
            QTimer::singleShot(250, pbx, [=] {
                checkNotificationUrl(network, clock, pbx, url, since, patience, out, err);
            });
            return;
        }
        *err << "zadarma-sim: refusing notification URL " << url.toString() << ": "
             << check->errorString() << Qt::endl;
        QCoreApplication::exit(1);
    });
    check->start();
}

int serve(QCoreApplication &app, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(description));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listenOption(
            QStringLiteral("listen"),
            QStringLiteral("Address and port (default 127.0.0.1:8090; port 0 picks a free one)."),
            QStringLiteral("host:port"), QStringLiteral("127.0.0.1:8090"));
    const QCommandLineOption keyOption(
            QStringLiteral("key"),
            QStringLiteral("The account's API key (default: config, else sim-key)."),
            QStringLiteral("key"));
    const QCommandLineOption secretOption(
            QStringLiteral("secret"),
            QStringLiteral("The account's API secret (default: config, else sim-secret)."),
            QStringLiteral("secret"));
    const QCommandLineOption webhookOption(
            QStringLiteral("webhook-url"),
            QStringLiteral("Notification URL for NOTIFY_* webhooks; checked with zd_echo first."),
            QStringLiteral("url"));
    const QCommandLineOption configOption(
            QStringLiteral("config"), QStringLiteral("Account configuration (JSON; see above)."),
            QStringLiteral("file"));
    const QCommandLineOption noLimitsOption(
            QStringLiteral("no-rate-limits"),
            QStringLiteral("Lift Zadarma's 100/min and 3/min statistics limits (benchmarks)."));
    const QCommandLineOption timeScaleOption(
            QStringLiteral("time-scale"),
            QStringLiteral(
                    "Real seconds per simulated second (0.01 plays a 2-minute call in 1.2 s)."),
            QStringLiteral("factor"));
    const QCommandLineOption answerTimeoutOption(
            QStringLiteral("answer-timeout-ms"),
            QStringLiteral("How long NOTIFY_START waits for the relay's answer (default 3000)."),
            QStringLiteral("ms"));
    const QCommandLineOption dropOption(
            QStringLiteral("fault-drop"),
            QStringLiteral("Probability (0-1) that any webhook is never delivered."),
            QStringLiteral("p"), QStringLiteral("0"));
    const QCommandLineOption duplicateOption(
            QStringLiteral("fault-duplicate"),
            QStringLiteral("Probability (0-1) that a webhook is delivered twice."),
            QStringLiteral("p"), QStringLiteral("0"));
    const QCommandLineOption lateOption(
            QStringLiteral("fault-late"),
            QStringLiteral("Probability (0-1) that a webhook arrives after the call's last one."),
            QStringLiteral("p"), QStringLiteral("0"));
    const QCommandLineOption seedOption(
            QStringLiteral("fault-seed"),
            QStringLiteral("Seed for the fault probabilities (default 1)."), QStringLiteral("n"),
            QStringLiteral("1"));
    const QCommandLineOption publicUrlOption(
            QStringLiteral("public-url"),
            QStringLiteral("Base URL put into recording links (default: the listen address)."),
            QStringLiteral("url"));
    parser.addOptions({ listenOption, keyOption, secretOption, webhookOption, configOption,
                        noLimitsOption, timeScaleOption, answerTimeoutOption, dropOption,
                        duplicateOption, lateOption, seedOption, publicUrlOption });
    parser.process(app);
    if (!parser.positionalArguments().isEmpty())
        return usageError(err,
                          QStringLiteral("unexpected argument \"%1\"; modes are call and load")
                                  .arg(parser.positionalArguments().first()));

    auto config = parser.isSet(configOption) ? SimConfig::fromFile(parser.value(configOption))
                                             : Result<SimConfig>(SimConfig::defaults());
    if (!config)
        return usageError(err, config.error().message);
    if (parser.isSet(keyOption))
        config->key = parser.value(keyOption).toUtf8();
    if (parser.isSet(secretOption))
        config->secret = parser.value(secretOption).toUtf8();
    if (config->key.isEmpty() || config->secret.isEmpty())
        return usageError(err, QStringLiteral("--key and --secret must not be empty"));
    if (parser.isSet(noLimitsOption))
        config->rateLimited = false;
    if (parser.isSet(timeScaleOption)) {
        bool ok = false;
        config->timeScale = parser.value(timeScaleOption).toDouble(&ok);
        if (!ok || config->timeScale <= 0 || config->timeScale > 100)
            return usageError(err,
                              QStringLiteral("--time-scale takes a number above 0, at most 100"));
    }
    if (parser.isSet(answerTimeoutOption)) {
        bool ok = false;
        const int ms = parser.value(answerTimeoutOption).toInt(&ok);
        if (!ok || ms < 1 || ms > 600000)
            return usageError(err, QStringLiteral("--answer-timeout-ms takes 1 to 600000"));
        config->answerTimeout = std::chrono::milliseconds(ms);
    }
    SimFaultRates faults;
    for (auto [option, target] : { std::pair { &dropOption, &faults.drop },
                                   std::pair { &duplicateOption, &faults.duplicate },
                                   std::pair { &lateOption, &faults.late } }) {
        bool ok = false;
        *target = parser.value(*option).toDouble(&ok);
        if (!ok || *target < 0 || *target > 1)
            return usageError(err,
                              QStringLiteral("--%1 takes a probability from 0 to 1")
                                      .arg(option->names().first()));
    }
    faults.seed = parser.value(seedOption).toUInt();
    QUrl notificationUrl = config->notificationUrl;
    if (parser.isSet(webhookOption))
        notificationUrl = QUrl(parser.value(webhookOption), QUrl::StrictMode);
    config->notificationUrl = QUrl(); // set only once zd_echo has answered

    const QString listen = parser.value(listenOption);
    const qsizetype colon = listen.lastIndexOf(u':');
    bool portOk = false;
    const uint port = listen.mid(colon + 1).toUInt(&portOk);
    const QHostAddress address(colon > 0 ? listen.left(colon).remove(u'[').remove(u']')
                                         : QString());
    if (colon <= 0 || !portOk || port > 65535 || address.isNull())
        return usageError(
                err,
                QStringLiteral("--listen takes HOST:PORT with an IP address, e.g. 127.0.0.1:8090"));

    SystemClock clock;
    QNetworkAccessManager network;
    SimPbx pbx(*config, &clock);
    SimCallRunner runner(&pbx, &network);
    runner.setFaultRates(faults);
    SimServer server;
    const QUrl publicUrl(parser.value(publicUrlOption));
    SimApi api(&pbx, &runner, &network, [&server, publicUrl] {
        return publicUrl.isValid() && !publicUrl.isEmpty() ? publicUrl : server.url();
    });
    SimRecordingDownloads downloads(&pbx);
    SimControl control(&pbx, &runner);
    server.addHandler("/v1/", &api);
    server.addHandler("/_sim/recordings/", &downloads);
    server.addHandler("/_sim/", &control);
    if (auto listening = server.listen(address, quint16(port)); !listening) {
        err << "zadarma-sim: " << listening.error().message << Qt::endl;
        return 1;
    }
    out << "zadarma-sim: listening on " << server.url().toString() << " (key "
        << QString::fromUtf8(config->key) << ", " << config->extensions.size()
        << " extensions, time scale " << config->timeScale
        << (config->rateLimited ? "" : ", no rate limits") << ")" << Qt::endl;
    if (!notificationUrl.isEmpty()) {
        QElapsedTimer since;
        since.start();
        checkNotificationUrl(&network, &clock, &pbx, notificationUrl, since,
                             std::chrono::seconds(15), &out, &err);
    }
    return QCoreApplication::exec();
}

// The arguments without the mode word ("call", "load"), for that mode's parser.
QStringList argumentsAfterMode(const QCoreApplication &app)
{
    QStringList arguments = app.arguments();
    arguments.removeAt(1);
    return arguments;
}

QStringList extensionList(const QString &text)
{
    QStringList extensions;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        const QStringList range = part.split(u'-');
        if (range.size() == 2 && range[0].toInt() > 0 && range[1].toInt() >= range[0].toInt()
            && range[1].toInt() - range[0].toInt() < 1000) {
            for (int extension = range[0].toInt(); extension <= range[1].toInt(); ++extension)
                extensions.append(QString::number(extension));
        } else {
            extensions.append(part.trimmed());
        }
    }
    return extensions;
}

int call(QCoreApplication &app, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("zadarma-sim call: place one scripted call on a running simulator "
                           "and print its outcome (see zadarma-sim --help for the scenario)."));
    parser.addHelpOption();
    const QCommandLineOption simOption(
            QStringLiteral("sim"),
            QStringLiteral("The simulator (default $ZADARMA_SIM_URL, else http://127.0.0.1:8090)."),
            QStringLiteral("url"), defaultSimulatorUrl());
    const QCommandLineOption scenarioOption(
            QStringLiteral("scenario"),
            QStringLiteral("A JSON scenario file; the options below override it."),
            QStringLiteral("file"));
    const QCommandLineOption outboundOption(
            QStringLiteral("outbound"),
            QStringLiteral("An outbound call from --extension to --destination."));
    const QCommandLineOption callerOption(QStringLiteral("caller"),
                                          QStringLiteral("Inbound: the caller's number."),
                                          QStringLiteral("number"));
    const QCommandLineOption didOption(
            QStringLiteral("did"),
            QStringLiteral(
                    "Inbound: the company number dialled (default: the first direct number)."),
            QStringLiteral("number"));
    const QCommandLineOption ringOption(
            QStringLiteral("ring"), QStringLiteral("Inbound: extensions to ring, e.g. 100,101."),
            QStringLiteral("list"));
    const QCommandLineOption answerByOption(QStringLiteral("answer-by"),
                                            QStringLiteral("The extension that answers."),
                                            QStringLiteral("ext"));
    const QCommandLineOption answerAfterOption(
            QStringLiteral("answer-after"), QStringLiteral("Seconds of ringing before the answer."),
            QStringLiteral("s"));
    const QCommandLineOption durationOption(
            QStringLiteral("duration"), QStringLiteral("Seconds of talk."), QStringLiteral("s"));
    const QCommandLineOption busyOption(QStringLiteral("busy"),
                                        QStringLiteral("The call ends busy."));
    const QCommandLineOption noAnswerOption(QStringLiteral("no-answer"),
                                            QStringLiteral("Nobody answers."));
    const QCommandLineOption cancelOption(QStringLiteral("cancel"),
                                          QStringLiteral("The caller hangs up while it rings."));
    const QCommandLineOption recordedOption(
            QStringLiteral("recorded"),
            QStringLiteral("The call is recorded (NOTIFY_RECORD follows)."));
    const QCommandLineOption extensionOption(QStringLiteral("extension"),
                                             QStringLiteral("Outbound: the calling extension."),
                                             QStringLiteral("ext"));
    const QCommandLineOption destinationOption(QStringLiteral("destination"),
                                               QStringLiteral("Outbound: the number called."),
                                               QStringLiteral("number"));
    const QCommandLineOption noWaitOption(
            QStringLiteral("no-wait"),
            QStringLiteral("Print the call's id at once instead of waiting for its end."));
    parser.addOptions({ simOption, scenarioOption, outboundOption, callerOption, didOption,
                        ringOption, answerByOption, answerAfterOption, durationOption, busyOption,
                        noAnswerOption, cancelOption, recordedOption, extensionOption,
                        destinationOption, noWaitOption });
    parser.process(argumentsAfterMode(app));

    SimCallCommand::Options options;
    options.scenarioFile = parser.value(scenarioOption);
    options.outbound = parser.isSet(outboundOption);
    options.caller = parser.value(callerOption);
    options.calledDid = parser.value(didOption);
    options.ring = parser.value(ringOption).split(u',', Qt::SkipEmptyParts);
    options.answerBy = parser.value(answerByOption);
    options.answerAfter
            = parser.isSet(answerAfterOption) ? parser.value(answerAfterOption).toInt() : -1;
    options.duration = parser.isSet(durationOption) ? parser.value(durationOption).toInt() : -1;
    options.outcome = parser.isSet(busyOption) ? QStringLiteral("busy")
            : parser.isSet(noAnswerOption)     ? QStringLiteral("no answer")
            : parser.isSet(cancelOption)       ? QStringLiteral("cancel")
                                               : QString();
    options.recorded = parser.isSet(recordedOption);
    options.extension = parser.value(extensionOption);
    options.destination = parser.value(destinationOption);
    const auto scenario = SimCallCommand::scenario(options);
    if (!scenario)
        return usageError(err, scenario.error().message);

    QNetworkAccessManager network;
    SimControlClient client(&network, QUrl(parser.value(simOption)));
    SimCallCommand command(&client, &out, &err);
    QObject::connect(&command, &SimCallCommand::finished, &app,
                     [](int code) { QCoreApplication::exit(code); });
    command.run(scenario.value(), !parser.isSet(noWaitOption));
    return QCoreApplication::exec();
}

int load(QCoreApplication &app, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("zadarma-sim load: start a seeded, realistic mix of calls on a "
                           "running simulator at a steady rate and print what was sent."));
    parser.addHelpOption();
    const QCommandLineOption simOption(
            QStringLiteral("sim"),
            QStringLiteral("The simulator (default $ZADARMA_SIM_URL, else http://127.0.0.1:8090)."),
            QStringLiteral("url"), defaultSimulatorUrl());
    const QCommandLineOption rateOption(QStringLiteral("rate"),
                                        QStringLiteral("Calls started per second (default 10)."),
                                        QStringLiteral("n"), QStringLiteral("10"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("For how long (default 10)."),
                                           QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption seedOption(
            QStringLiteral("seed"),
            QStringLiteral("Seed of the mix (default 1): the same seed, the same calls."),
            QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption extensionsOption(
            QStringLiteral("extensions"), QStringLiteral("Extensions to ring (default 100-109)."),
            QStringLiteral("list"), QStringLiteral("100-109"));
    const QCommandLineOption didsOption(
            QStringLiteral("dids"),
            QStringLiteral("Company numbers callers dial (default: the simulator's first)."),
            QStringLiteral("list"));
    const QCommandLineOption verboseOption(
            QStringLiteral("verbose"),
            QStringLiteral("Print every call's scenario as it is sent."));
    const QCommandLineOption noWaitOption(
            QStringLiteral("no-wait"),
            QStringLiteral("Do not wait for the calls to end (and print no delivery figures)."));
    parser.addOptions({ simOption, rateOption, secondsOption, seedOption, extensionsOption,
                        didsOption, verboseOption, noWaitOption });
    parser.process(argumentsAfterMode(app));

    SimLoadPlan::Options options;
    bool rateOk = false;
    bool secondsOk = false;
    options.callsPerSecond = parser.value(rateOption).toDouble(&rateOk);
    options.seconds = parser.value(secondsOption).toDouble(&secondsOk);
    options.seed = parser.value(seedOption).toUInt();
    options.extensions = extensionList(parser.value(extensionsOption));
    options.directNumbers = parser.value(didsOption).split(u',', Qt::SkipEmptyParts);
    if (!rateOk || !secondsOk || options.callsPerSecond <= 0 || options.seconds <= 0
        || options.callsPerSecond * options.seconds > 1'000'000)
        return usageError(
                err,
                QStringLiteral(
                        "--rate and --seconds take positive numbers (at most a million calls)"));

    QNetworkAccessManager network;
    SimControlClient client(&network, QUrl(parser.value(simOption)));
    SimLoadCommand command(&client, &out, parser.isSet(verboseOption), !parser.isSet(noWaitOption));
    QObject::connect(&command, &SimLoadCommand::finished, &app,
                     [](int code) { QCoreApplication::exit(code); });
    command.run(SimLoadPlan::make(options));
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("zadarma-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CALLBRIDGE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString mode = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (mode == QLatin1StringView("call"))
        return call(app, out, err);
    if (mode == QLatin1StringView("load"))
        return load(app, out, err);
    return serve(app, out, err);
}
