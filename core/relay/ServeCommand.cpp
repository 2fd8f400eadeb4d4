// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/ServeCommand.h"

#include "core/common/SystemClock.h"
#include "core/relay/RelayConfig.h"
#include "core/relay/RelayServer.h"
#include "core/relay/SignalWatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <csignal>

namespace CallBridge {

QString ServeCommand::usage()
{
    return QStringLiteral("serve [--listen HOST:PORT] [--data DIR] [--config FILE] [options]\n"
                          "    Run the relay (see serve --help for every option and its "
                          "CALLBRIDGE_* variable).");
}

int ServeCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Runs the relay: the Zadarma webhook endpoint, the agents' REST API and "
                           "stream, on one port.\n\nEvery option can also be set in the config "
                           "file or as an environment variable:\n\n")
            + RelayConfig::documentation());
    parser.addHelpOption();
    parser.addOptions(RelayConfig::commandLineOptions());
    if (!parser.parse(QStringList { QStringLiteral("callbridge-relay serve") } + arguments)) {
        err << "callbridge-relay serve: " << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText() << Qt::endl;
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err << "callbridge-relay serve: unexpected argument "
            << parser.positionalArguments().constFirst() << Qt::endl;
        return 2;
    }
    RelayConfig::Sources sources;
    sources.configFile = parser.value(QStringLiteral("config"));
    sources.options = RelayConfig::optionValues(parser);
    auto config = RelayConfig::load(sources);
    if (!config) {
        err << "callbridge-relay serve: " << config.error().message << Qt::endl;
        return 2;
    }
    const QString level = config->logLevel();
    if (level == QLatin1String("debug"))
        QLoggingCategory::setFilterRules(QStringLiteral("callbridge.*.debug=true"));
    else if (level == QLatin1String("warning"))
        QLoggingCategory::setFilterRules(QStringLiteral("callbridge.*.info=false"));
    else if (level == QLatin1String("error"))
        QLoggingCategory::setFilterRules(
                QStringLiteral("callbridge.*.info=false\ncallbridge.*.warning=false"));
    else
        QLoggingCategory::setFilterRules(QStringLiteral("callbridge.*.info=true"));

    SystemClock clock;
    RelayServer server(config.value(), &clock);
    if (auto started = server.start(); !started) {
        err << "callbridge-relay serve: " << started.error().message << Qt::endl;
        return 1;
    }
    // Tests and scripts read the port from this line when listening on port 0.
    out << "callbridge-relay: listening on " << server.baseUrl() << Qt::endl;

    SignalWatcher watcher({ SIGTERM, SIGINT });
    QObject::connect(&watcher, &SignalWatcher::received, &server, [&server](int signalNumber) {
        qInfo("callbridge-relay: signal %d received, shutting down", signalNumber);
        server.shutdown();
    });
    QObject::connect(&server, &RelayServer::stopped, &server, [] { QCoreApplication::exit(0); });
    return QCoreApplication::exec();
}

} // namespace CallBridge
