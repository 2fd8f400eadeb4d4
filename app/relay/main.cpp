// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/SystemClock.h"
#include "core/relay/OperatorCommand.h"
#include "core/relay/ServeCommand.h"
#include "core/relay/ZadarmaCommand.h"
#include "core/zadarma/ZadarmaClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <cstdio>

using namespace CallBridge;

namespace {

QString commandsHelp()
{
    QString text = ServeCommand::usage() + u'\n' + OperatorCommand::usage() + u'\n'
            + ZadarmaCommand::usage();
    return QStringLiteral("Commands:\n  ") + text.replace(u'\n', QStringLiteral("\n  ")).trimmed()
            + u'\n';
}

int runZadarma(const QStringList &arguments, const QString &apiUrlOption, int timeoutSeconds,
               QTextStream &out, QTextStream &err)
{
    auto invocation = ZadarmaCommand::parseArguments(arguments);
    auto credentials = ZadarmaCommand::credentialsFromEnvironment();
    auto apiUrl = ZadarmaCommand::apiUrl(apiUrlOption);
    for (const Error *error :
         { invocation ? nullptr : &invocation.error(), credentials ? nullptr : &credentials.error(),
           apiUrl ? nullptr : &apiUrl.error() }) {
        if (error) {
            err << "callbridge-relay: " << error->message << Qt::endl;
            return ZadarmaCommand::UsageError;
        }
    }

    QNetworkAccessManager network;
    SystemClock clock;
    ZadarmaClientConfig config;
    config.baseUrl = apiUrl.value();
    config.timeout = std::chrono::seconds(timeoutSeconds);
    ZadarmaClient client(&network, &clock, config);
    client.setCredentials(credentials.value());
    ZadarmaCommand command(&client, &out, &err);
    int exitCode = ZadarmaCommand::TransportError;
    QObject::connect(&command, &ZadarmaCommand::finished, &command, [&exitCode](int code) {
        exitCode = code;
        QCoreApplication::exit(code);
    });
    command.run(invocation.value());
    QCoreApplication::exec();
    return exitCode;
}

} // namespace

int main(int argc, char *argv[])
{
    // The server holds hundreds of agent sockets: Qt's UNIX event dispatcher polls them at about
    // half the cost of the GLib one (measured with bench/callbridge-bench-relay: NOTIFY_START p50
    // 3.8 → 2.0 ms at 2,000 webhooks/s with 500 agents).
    if (argc > 1 && qstrcmp(argv[1], "serve") == 0 && !qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("callbridge-relay"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CALLBRIDGE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("CallBridge relay: the CRM's telephony module for the Zadarma PBX.\n\n")
            + commandsHelp());
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption apiUrlOption(
            QStringLiteral("api-url"),
            QStringLiteral("Zadarma API base URL, \"production\" or \"sandbox\" "
                           "(default: $CALLBRIDGE_ZADARMA_API_URL, else production)."),
            QStringLiteral("url"));
    const QCommandLineOption timeoutOption(
            QStringLiteral("timeout"),
            QStringLiteral("Seconds to wait for each API answer (default 15)."),
            QStringLiteral("seconds"), QStringLiteral("15"));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"),
                                           QStringLiteral("Log every request."));
    parser.addOptions({ apiUrlOption, timeoutOption, verboseOption });
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("zadarma"),
                                 QStringLiteral("<command> [args...]"));
    parser.process(app);

    // The command prints its own error line; the client's warning would say it twice.
    QLoggingCategory::setFilterRules(
            parser.isSet(verboseOption) ? QStringLiteral("callbridge.*.debug=true")
                                        : QStringLiteral("callbridge.core.zadarma.warning=false"));

    bool timeoutOk = false;
    const int timeoutSeconds = parser.value(timeoutOption).toInt(&timeoutOk);
    if (!timeoutOk || timeoutSeconds <= 0 || timeoutSeconds > 3600) {
        err << "callbridge-relay: --timeout takes a number of seconds from 1 to 3600" << Qt::endl;
        return ZadarmaCommand::UsageError;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        err << parser.helpText();
        return ZadarmaCommand::UsageError;
    }
    if (positional.first() == QLatin1StringView("serve"))
        return ServeCommand::run(positional.mid(1), out, err);
    // Before "zadarma": the operator commands include "zadarma register".
    if (OperatorCommand::handles(positional))
        return OperatorCommand::run(positional, out, err);
    if (positional.first() == QLatin1StringView("zadarma"))
        return runZadarma(positional.mid(1), parser.value(apiUrlOption), timeoutSeconds, out, err);

    err << "callbridge-relay: unknown command \"" << positional.first() << "\"\n\n"
        << commandsHelp();
    return ZadarmaCommand::UsageError;
}
