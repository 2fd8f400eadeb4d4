// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/ZadarmaCommand.h"

#include "core/zadarma/PhpQuery.h"

#include <QJsonDocument>
#include <QTextStream>

namespace CallBridge {

QString ZadarmaCommand::usage()
{
    return QStringLiteral(
            "zadarma <GET|POST|PUT|DELETE> <method-path> [name=value ...]\n"
            "  Performs one signed Zadarma API request and prints the JSON answer.\n"
            "  method-path   e.g. /v1/info/balance/ (\"info/balance\" is completed to that)\n"
            "  name=value    a parameter; name[]=v appends to an array, name[k]=v sets a key,\n"
            "                as PHP would build it. format=json is always added.\n"
            "  Credentials come from CALLBRIDGE_ZADARMA_KEY and CALLBRIDGE_ZADARMA_SECRET;\n"
            "  the API URL from --api-url or CALLBRIDGE_ZADARMA_API_URL (default: production;\n"
            "  \"sandbox\" names Zadarma's sandbox).\n"
            "  Exit codes: 0 success, 1 Zadarma answered an error, 2 usage or configuration\n"
            "  error (nothing sent), 3 no valid answer (network, timeout, rate limit, not JSON).\n"
            "  Examples:\n"
            "    callbridge-relay zadarma GET /v1/info/balance/\n"
            "    callbridge-relay zadarma GET /v1/request/callback/ from=100 to=+442037691880 "
            "sip=100\n"
            "    callbridge-relay zadarma POST /v1/pbx/callinfo/notifications/ "
            "notify_start=true\n");
}

Result<ZadarmaCommand::Invocation> ZadarmaCommand::parseArguments(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return fail(QStringLiteral("expected an HTTP method and a method path, e.g. "
                                   "\"zadarma GET /v1/info/balance/\""));
    Invocation invocation;
    invocation.httpMethod = arguments.at(0).toUpper().toLatin1();
    if (invocation.httpMethod != "GET" && invocation.httpMethod != "POST"
        && invocation.httpMethod != "PUT" && invocation.httpMethod != "DELETE")
        return fail(QStringLiteral("\"%1\" is not GET, POST, PUT or DELETE").arg(arguments.at(0)));
    const QString path = arguments.at(1).trimmed();
    if (path.isEmpty() || path.contains(u'?') || path.contains(u'#') || path.contains(u' ')
        || path.startsWith(QLatin1StringView("http")))
        return fail(
                QStringLiteral(
                        "\"%1\" is not a method path such as /v1/info/balance/; give parameters as "
                        "name=value and the server with --api-url")
                        .arg(path));
    invocation.methodPath = ZadarmaRequest::normalizedMethodPath(path.toUtf8());

    for (qsizetype i = 2; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        const qsizetype equals = argument.indexOf(u'=');
        if (equals <= 0)
            return fail(QStringLiteral("\"%1\" is not name=value").arg(argument));
        const QString name = argument.left(equals);
        const qsizetype open = name.indexOf(u'[');
        if (open == 0 || (open > 0 && !name.endsWith(u']')) || name.count(u'[') != name.count(u']'))
            return fail(QStringLiteral("\"%1\": brackets in a name must be closed, as in to[]=… or "
                                       "opts[key]=…")
                                .arg(name));
        phpAssignVariable(invocation.parameters, name.toUtf8(), PhpValue(argument.mid(equals + 1)));
    }
    return invocation;
}

Result<ZadarmaCredentials> ZadarmaCommand::credentialsFromEnvironment()
{
    ZadarmaCredentials credentials { qgetenv("CALLBRIDGE_ZADARMA_KEY").trimmed(),
                                     qgetenv("CALLBRIDGE_ZADARMA_SECRET").trimmed() };
    if (!credentials.isComplete())
        return fail(QStringLiteral(
                "set CALLBRIDGE_ZADARMA_KEY and CALLBRIDGE_ZADARMA_SECRET to the API key and "
                "secret from the Zadarma personal account (Settings → API and integrations)"));
    return credentials;
}

Result<QUrl> ZadarmaCommand::apiUrl(const QString &option)
{
    QString text = option.isEmpty() ? qEnvironmentVariable("CALLBRIDGE_ZADARMA_API_URL") : option;
    text = text.trimmed();
    if (text.isEmpty() || text == QLatin1StringView("production"))
        return ZadarmaClientConfig::productionUrl();
    if (text == QLatin1StringView("sandbox"))
        return ZadarmaClientConfig::sandboxUrl();
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()
        || (url.scheme() != QLatin1StringView("http") && url.scheme() != QLatin1StringView("https"))
        || url.host().isEmpty() || url.hasQuery() || url.hasFragment())
        return fail(
                QStringLiteral(
                        "the API URL \"%1\" is not an http(s) URL such as https://api.zadarma.com")
                        .arg(text));
    return url;
}

ZadarmaCommand::ZadarmaCommand(ZadarmaClient *client, QTextStream *out, QTextStream *err,
                               QObject *parent)
    : QObject(parent), m_client(client), m_out(out), m_err(err)
{ }

void ZadarmaCommand::run(const Invocation &invocation)
{
    ZadarmaRequest request { invocation.httpMethod, invocation.methodPath, invocation.parameters,
                             ZadarmaRequest::Retry::Auto };
    ZadarmaReply *reply = m_client->send(std::move(request));
    connect(reply, &ZadarmaReply::finished, this, [this, reply] {
        reply->deleteLater();
        const ZadarmaResult &result = reply->result();
        if (result) {
            *m_out << QString::fromUtf8(
                    QJsonDocument(result.value()).toJson(QJsonDocument::Indented));
            m_out->flush();
            emit finished(Success);
            return;
        }
        const ZadarmaError &error = result.error();
        *m_err << "callbridge-relay: " << error.toString() << Qt::endl;
        switch (error.kind) {
        case ZadarmaError::Kind::Api:
        case ZadarmaError::Kind::Http:
            emit finished(ApiError);
            return;
        case ZadarmaError::Kind::Configuration:
            emit finished(UsageError);
            return;
        default:
            emit finished(TransportError);
            return;
        }
    });
}

} // namespace CallBridge
