// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RelayConfig.h"

#include "core/relay/RelayConfigLogging.h"
#include "core/relay/RelaySettings.h"
#include "core/relay/SecretsFile.h"
#include "core/relay/ZadarmaCommand.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <optional>

namespace CallBridge {

namespace {

const QString dataPlaceholder = QStringLiteral("<data>/secrets");

// Keys holding paths: relative ones in the config file are relative to the file's directory.
bool isPathKey(const QString &name)
{
    return name == u"data" || name == u"secrets_file" || name == u"tls_certificate"
            || name == u"tls_private_key";
}

QString absolutePath(const QString &path, const QString &base = QDir::currentPath())
{
    return QDir::cleanPath(QDir(base).absoluteFilePath(path));
}

std::optional<qint64> parseInteger(const QString &text, qint64 minimum, qint64 maximum)
{
    bool ok = false;
    const qint64 number = text.trimmed().toLongLong(&ok);
    if (!ok || number < minimum || number > maximum)
        return std::nullopt;
    return number;
}

struct ListenAddress
{
    QHostAddress address;
    quint16 port = 0;
};

Result<ListenAddress> parseListen(const QString &text)
{
    const QString trimmed = text.trimmed();
    QString host;
    QString port;
    if (trimmed.startsWith(u'[')) {
        const qsizetype close = trimmed.indexOf(QLatin1StringView("]:"));
        if (close < 0)
            return fail(QStringLiteral("\"%1\" is not HOST:PORT; write IPv6 addresses as "
                                       "[::1]:8080")
                                .arg(trimmed));
        host = trimmed.mid(1, close - 1);
        port = trimmed.mid(close + 2);
    } else {
        const qsizetype colon = trimmed.lastIndexOf(u':');
        if (colon <= 0 || trimmed.indexOf(u':') != colon)
            return fail(QStringLiteral("\"%1\" is not HOST:PORT such as 127.0.0.1:8080, "
                                       "0.0.0.0:8080 or [::1]:8080")
                                .arg(trimmed));
        host = trimmed.left(colon);
        port = trimmed.mid(colon + 1);
    }
    ListenAddress listen;
    if (host == u"localhost")
        listen.address = QHostAddress(QHostAddress::LocalHost);
    else if (!listen.address.setAddress(host) || host.contains(u'%'))
        return fail(QStringLiteral("\"%1\" is not an IP address; listen on 127.0.0.1 (this host "
                                   "only), 0.0.0.0 (every IPv4 interface), [::] or [::1]")
                            .arg(host));
    const auto number = parseInteger(port, 0, 65535);
    if (!number || port.trimmed() != port)
        return fail(
                QStringLiteral("port must be 0–65535 (0 picks a free port), not \"%1\"").arg(port));
    listen.port = quint16(*number);
    return listen;
}

} // namespace

QString RelayConfig::Key::environmentVariable() const
{
    return QStringLiteral("CALLBRIDGE_") + name.toUpper();
}

QString RelayConfig::Key::optionName() const
{
    if (secret)
        return {};
    return QString(name).replace(u'_', u'-');
}

const QList<RelayConfig::Key> &RelayConfig::keys()
{
    static const QList<Key> table {
        { QStringLiteral("listen"), QStringLiteral("127.0.0.1:8080"),
          QStringLiteral("Address and port for webhooks, the API and the agents' stream: "
                         "HOST:PORT, [IPv6]:PORT. Loopback by default; put nginx in front for "
                         "the internet.") },
        { QStringLiteral("data"), QString(),
          QStringLiteral("Data directory (required): the database callbridge.sqlite and the "
                         "secrets file.") },
        { QStringLiteral("database"), QString(),
          QStringLiteral("Where the relay keeps its data: sqlite:PATH (default: callbridge.sqlite "
                         "in the data directory) for one relay, or postgres://user@host:5432/db "
                         "for several relays sharing one PostgreSQL database. A password in the "
                         "URL is best left out: libpq reads PGPASSWORD and ~/.pgpass.") },
        { QStringLiteral("webhook_path"), QStringLiteral("/zadarma"),
          QStringLiteral("URL path of the webhook endpoint registered with Zadarma.") },
        { QStringLiteral("webhook_allowed_ips"), QStringLiteral("185.45.152.40/30"),
          QStringLiteral("Comma-separated addresses or CIDR ranges that may send webhooks "
                         "(Zadarma's by default).") },
        { QStringLiteral("trusted_proxies"), QString(),
          QStringLiteral("Comma-separated CIDR ranges of reverse proxies whose X-Forwarded-For "
                         "is believed. Empty: the header is ignored.") },
        { QStringLiteral("zadarma_api_url"), QStringLiteral("https://api.zadarma.com"),
          QStringLiteral("Zadarma API base URL; \"production\", \"sandbox\" or a simulator's "
                         "URL.") },
        { QStringLiteral("zadarma_key"), QString(),
          QStringLiteral("Zadarma API key. Only from the environment or the secrets file."), true },
        { QStringLiteral("zadarma_secret"), QString(),
          QStringLiteral("Zadarma API secret. Only from the environment or the secrets file."),
          true },
        { QStringLiteral("secrets_file"), dataPlaceholder,
          QStringLiteral("File with zadarma_key=… and zadarma_secret=… lines, mode 0600. The "
                         "environment overrides it.") },
        { QStringLiteral("tls_certificate"), QString(),
          QStringLiteral("PEM certificate (chain) for HTTPS; with tls_private_key, or neither.") },
        { QStringLiteral("tls_private_key"), QString(),
          QStringLiteral("PEM private key for HTTPS; with tls_certificate, or neither.") },
        { QStringLiteral("max_connections"), QStringLiteral("2000"),
          QStringLiteral("Open connections beyond which new ones are refused.") },
        { QStringLiteral("header_timeout_ms"), QStringLiteral("10000"),
          QStringLiteral("Time a client has to send a request's headers.") },
        { QStringLiteral("idle_timeout_ms"), QStringLiteral("60000"),
          QStringLiteral("Idle HTTP connections are closed after this time.") },
        { QStringLiteral("max_webhook_bytes"), QStringLiteral("65536"),
          QStringLiteral("Largest webhook request body accepted.") },
        { QStringLiteral("max_api_body_bytes"), QStringLiteral("1048576"),
          QStringLiteral("Largest API request body accepted.") },
        { QStringLiteral("backfill_on_start"), QStringLiteral("true"),
          QStringLiteral("Fetch calls missed while the relay was down from Zadarma's statistics "
                         "at start-up.") },
        { QStringLiteral("crm_mapping"), QString(),
          QStringLiteral("Mapping file of an external CRM (e.g. /usr/share/callbridge/crm/"
                         "espocrm.json); empty: the relay's own store is the CRM. Its secrets "
                         "come from CALLBRIDGE_CRM_SECRET_NAME or crm_secret_NAME lines of the "
                         "secrets file.") },
        { QStringLiteral("crm_base_url"), QString(),
          QStringLiteral("The external CRM's address, {{base_url}} in the mapping file "
                         "(https://crm.example.com).") },
        { QStringLiteral("log_level"), QStringLiteral("info"),
          QStringLiteral("Least severe messages logged: debug, info, warning or error.") },
    };
    return table;
}

const RelayConfig::Key *RelayConfig::key(const QString &name)
{
    for (const Key &entry : keys()) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

QString RelayConfig::documentation()
{
    QString text;
    for (const Key &entry : keys()) {
        QString where = entry.environmentVariable();
        if (!entry.secret)
            where = QStringLiteral("--%1, %2").arg(entry.optionName(), where);
        text += QStringLiteral("  %1 (%2)\n").arg(entry.name, where);
        text += QStringLiteral("      %1\n").arg(entry.description);
        if (!entry.defaultValue.isEmpty())
            text += QStringLiteral("      Default: %1\n").arg(entry.defaultValue);
    }
    text += QStringLiteral(
                    "  Precedence, lowest first: defaults, the config file (--config FILE or %1; "
                    "\"key = value\" lines, '#' starts a comment line), environment variables, "
                    "command-line options. Relative paths in the config file are relative to its "
                    "directory.\n")
                    .arg(configVariable());
    return text;
}

QList<QCommandLineOption> RelayConfig::commandLineOptions()
{
    QList<QCommandLineOption> options;
    options.append(
            QCommandLineOption(QStringLiteral("config"),
                               QStringLiteral("Config file (default: $%1).").arg(configVariable()),
                               QStringLiteral("file")));
    for (const Key &entry : keys()) {
        if (entry.secret)
            continue;
        QString description = entry.description;
        if (!entry.defaultValue.isEmpty())
            description += QStringLiteral(" Default: %1.").arg(entry.defaultValue);
        description += QStringLiteral(" ($%1)").arg(entry.environmentVariable());
        options.append(
                QCommandLineOption(entry.optionName(), description, QStringLiteral("value")));
    }
    return options;
}

QHash<QString, QString> RelayConfig::optionValues(const QCommandLineParser &parser)
{
    QHash<QString, QString> values;
    for (const Key &entry : keys()) {
        if (!entry.secret && parser.isSet(entry.optionName()))
            values.insert(entry.name, parser.value(entry.optionName()));
    }
    return values;
}

Result<RelayConfig> RelayConfig::load(const Sources &sources)
{
    RelayConfig config;
    for (const Key &entry : keys())
        config.m_values.insert(entry.name, { entry.defaultValue, Origin::Default, {} });

    QString configFile = sources.configFile;
    if (configFile.isEmpty())
        configFile = sources.environment.value(configVariable());
    if (!configFile.isEmpty()) {
        QFile file(configFile);
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot read the config file %1: %2")
                                .arg(configFile, file.errorString()));
        QStringDecoder decoder(QStringDecoder::Utf8);
        QString content = decoder.decode(file.readAll());
        if (decoder.hasError())
            return fail(QStringLiteral("the config file %1 is not UTF-8 text").arg(configFile));
        if (content.startsWith(u'\uFEFF'))
            content.remove(0, 1);
        const QString directory = QFileInfo(configFile).absolutePath();
        const QString fileName = QFileInfo(configFile).fileName();
        const QStringList lines = content.split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QString line = lines.at(i).trimmed();
            if (line.isEmpty() || line.startsWith(u'#'))
                continue;
            const QString where = QStringLiteral("%1:%2").arg(configFile).arg(i + 1);
            const qsizetype equals = line.indexOf(u'=');
            if (equals <= 0)
                return fail(QStringLiteral("%1: expected \"key = value\", e.g. "
                                           "\"listen = 127.0.0.1:8080\"")
                                    .arg(where));
            const QString name = line.left(equals).trimmed();
            QString value = line.mid(equals + 1).trimmed();
            if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
                value = value.mid(1, value.size() - 2);
            const Key *entry = key(name);
            if (!entry) {
                QStringList known;
                for (const Key &candidate : keys()) {
                    if (!candidate.secret)
                        known.append(candidate.name);
                }
                return fail(QStringLiteral("%1: unknown key \"%2\"; known keys: %3")
                                    .arg(where, name, known.join(QStringLiteral(", "))));
            }
            if (entry->secret)
                return fail(QStringLiteral("%1: %2 may not be in the config file; put it in the "
                                           "secrets file (secrets_file, mode 0600) or set %3")
                                    .arg(where, name, entry->environmentVariable()));
            Value &slot = config.m_values[name];
            if (slot.origin == Origin::ConfigFile)
                return fail(QStringLiteral("%1: %2 is already set on line %3")
                                    .arg(where, name, slot.where.section(u':', -1)));
            if (isPathKey(name) && !value.isEmpty())
                value = absolutePath(value, directory);
            slot = { value, Origin::ConfigFile, where };
        }
        qCDebug(lcRelayConfig).noquote() << "read the config file" << fileName;
    }

    for (const Key &entry : keys()) {
        const QString variable = entry.environmentVariable();
        if (sources.environment.contains(variable))
            config.m_values[entry.name]
                    = { sources.environment.value(variable), Origin::Environment, variable };
    }

    for (auto it = sources.options.cbegin(); it != sources.options.cend(); ++it) {
        const Key *entry = key(it.key());
        if (!entry)
            return fail(QStringLiteral("unknown option --%1").arg(it.key()));
        if (entry->secret)
            return fail(QStringLiteral("%1 may not be given on the command line, where other "
                                       "users can see it; set %2 or use the secrets file")
                                .arg(entry->name, entry->environmentVariable()));
        config.m_values[entry->name]
                = { it.value(), Origin::CommandLine, QStringLiteral("--") + entry->optionName() };
    }

    if (auto valid = config.validate(sources.environment); !valid)
        return fail(valid.error());
    return config;
}

Result<void> RelayConfig::validate(const QProcessEnvironment &sourceEnvironment)
{
    const auto where = [this](const QString &name) -> QString {
        const Value &slot = m_values.value(name);
        switch (slot.origin) {
        case Origin::Default:
            return name;
        case Origin::ConfigFile:
            return slot.where + QStringLiteral(": ") + name;
        case Origin::Environment:
        case Origin::CommandLine:
            break;
        }
        return slot.where;
    };
    const auto invalid = [&where](const QString &name, const QString &message) {
        return fail(where(name) + QStringLiteral(": ") + message);
    };
    const auto text = [this](const QString &name) { return m_values.value(name).text.trimmed(); };

    auto listen = parseListen(text(QStringLiteral("listen")));
    if (!listen)
        return invalid(QStringLiteral("listen"), listen.error().message);
    m_listenAddress = listen->address;
    m_listenPort = listen->port;

    const QString data = text(QStringLiteral("data"));
    if (data.isEmpty())
        return fail(QStringLiteral("no data directory: give --data DIR, set CALLBRIDGE_DATA or "
                                   "put \"data = DIR\" in the config file"));
    m_dataDirectory = absolutePath(data);
    if (QFileInfo(m_dataDirectory).exists() && !QFileInfo(m_dataDirectory).isDir())
        return invalid(QStringLiteral("data"),
                       QStringLiteral("%1 is not a directory").arg(m_dataDirectory));

    const QString database = text(QStringLiteral("database"));
    if (database.isEmpty()) {
        m_database = StoreLocation::sqlite(QDir(m_dataDirectory).filePath(databaseFileName()));
    } else {
        auto location = StoreLocation::parse(database, m_dataDirectory);
        if (!location)
            return invalid(QStringLiteral("database"), location.error().message);
        m_database = location.value();
    }

    m_webhookPath = text(QStringLiteral("webhook_path"));
    if (!m_webhookPath.startsWith(u'/') || m_webhookPath.contains(u'?')
        || m_webhookPath.contains(u'#') || m_webhookPath.contains(u' ')
        || m_webhookPath.startsWith(QLatin1StringView("/v1/"))
        || m_webhookPath == QLatin1StringView("/v1"))
        return invalid(QStringLiteral("webhook_path"),
                       QStringLiteral("\"%1\" is not a URL path such as /zadarma (it must start "
                                      "with '/', hold no '?', '#' or spaces, and stay out of "
                                      "/v1/, the API's)")
                               .arg(m_webhookPath));

    auto allowed = IpRange::parseList(text(QStringLiteral("webhook_allowed_ips")));
    if (!allowed)
        return invalid(QStringLiteral("webhook_allowed_ips"), allowed.error().message);
    if (allowed->isEmpty())
        return invalid(QStringLiteral("webhook_allowed_ips"),
                       QStringLiteral("no range given, so no webhook could arrive; write "
                                      "\"0.0.0.0/0, ::/0\" to accept every sender"));
    m_webhookAllowedIps = allowed.value();

    auto proxies = IpRange::parseList(text(QStringLiteral("trusted_proxies")));
    if (!proxies)
        return invalid(QStringLiteral("trusted_proxies"), proxies.error().message);
    m_trustedProxies = proxies.value();

    const QString apiUrl = text(QStringLiteral("zadarma_api_url"));
    if (apiUrl.isEmpty()) {
        m_zadarmaApiUrl = ZadarmaClientConfig::productionUrl();
    } else {
        auto url = ZadarmaCommand::apiUrl(apiUrl);
        if (!url)
            return invalid(QStringLiteral("zadarma_api_url"), url.error().message);
        m_zadarmaApiUrl = url.value();
    }

    QString secrets = text(QStringLiteral("secrets_file"));
    if (secrets.isEmpty() || secrets == dataPlaceholder)
        secrets = QDir(m_dataDirectory).filePath(QStringLiteral("secrets"));
    m_secretsFile = absolutePath(secrets);
    // The environment's values are used as they are; the file only where they are missing.
    QProcessEnvironment environment;
    for (const QString &name :
         { QStringLiteral("zadarma_key"), QStringLiteral("zadarma_secret") }) {
        const Value &slot = m_values.value(name);
        if (slot.origin == Origin::Environment)
            environment.insert(slot.where, slot.text);
    }
    auto credentials = SecretsFile(m_secretsFile).resolve(environment);
    if (!credentials)
        return invalid(QStringLiteral("secrets_file"), credentials.error().message);
    m_credentials = credentials.value();

    m_crmMapping = text(QStringLiteral("crm_mapping"));
    if (!m_crmMapping.isEmpty()) {
        m_crmMapping = absolutePath(m_crmMapping);
        const QUrl base(text(QStringLiteral("crm_base_url")));
        if (!base.isValid() || base.host().isEmpty()
            || (base.scheme() != u"https" && base.scheme() != u"http"))
            return invalid(QStringLiteral("crm_base_url"),
                           QStringLiteral("an external CRM needs its address, e.g. "
                                          "https://crm.example.com"));
        m_crmBaseUrl = base;
        QProcessEnvironment crmEnvironment;
        const QString prefix = SecretsFile::crmSecretVariablePrefix.toString();
        for (const QString &variable : sourceEnvironment.keys()) {
            if (variable.startsWith(prefix))
                crmEnvironment.insert(variable, sourceEnvironment.value(variable));
        }
        auto crmSecrets = SecretsFile(m_secretsFile).crmSecrets(crmEnvironment);
        if (!crmSecrets)
            return invalid(QStringLiteral("secrets_file"), crmSecrets.error().message);
        m_crmSecrets = crmSecrets.value();
    }

    m_tlsCertificate = text(QStringLiteral("tls_certificate"));
    m_tlsPrivateKey = text(QStringLiteral("tls_private_key"));
    if (m_tlsCertificate.isEmpty() != m_tlsPrivateKey.isEmpty()) {
        const QString given = m_tlsCertificate.isEmpty() ? QStringLiteral("tls_private_key")
                                                         : QStringLiteral("tls_certificate");
        return invalid(given,
                       QStringLiteral("HTTPS needs both tls_certificate and tls_private_key"));
    }
    for (const QString &name :
         { QStringLiteral("tls_certificate"), QStringLiteral("tls_private_key") }) {
        QString &path = name == u"tls_certificate" ? m_tlsCertificate : m_tlsPrivateKey;
        if (path.isEmpty())
            continue;
        path = absolutePath(path);
        if (!QFileInfo(path).isFile() || !QFileInfo(path).isReadable())
            return invalid(name, QStringLiteral("cannot read %1").arg(path));
    }

    const auto integer = [&](const QString &name, qint64 minimum, qint64 maximum,
                             const QString &unit) -> Result<qint64> {
        const auto number = parseInteger(text(name), minimum, maximum);
        if (!number)
            return invalid(name,
                           QStringLiteral("must be a whole number of %1 from %2 to %3, not \"%4\"")
                                   .arg(unit)
                                   .arg(minimum)
                                   .arg(maximum)
                                   .arg(text(name)));
        return *number;
    };
    auto connections = integer(QStringLiteral("max_connections"), 1, 1'000'000,
                               QStringLiteral("connections"));
    if (!connections)
        return fail(connections.error());
    m_maxConnections = int(connections.value());
    auto headerTimeout = integer(QStringLiteral("header_timeout_ms"), 100, 3'600'000,
                                 QStringLiteral("milliseconds"));
    if (!headerTimeout)
        return fail(headerTimeout.error());
    m_headerTimeout = std::chrono::milliseconds(headerTimeout.value());
    auto idleTimeout = integer(QStringLiteral("idle_timeout_ms"), 100, 86'400'000,
                               QStringLiteral("milliseconds"));
    if (!idleTimeout)
        return fail(idleTimeout.error());
    m_idleTimeout = std::chrono::milliseconds(idleTimeout.value());
    auto webhookBytes = integer(QStringLiteral("max_webhook_bytes"), 1024, 64 * 1024 * 1024,
                                QStringLiteral("bytes"));
    if (!webhookBytes)
        return fail(webhookBytes.error());
    m_maxWebhookBytes = webhookBytes.value();
    auto apiBytes = integer(QStringLiteral("max_api_body_bytes"), 1024, 256 * 1024 * 1024,
                            QStringLiteral("bytes"));
    if (!apiBytes)
        return fail(apiBytes.error());
    m_maxApiBodyBytes = apiBytes.value();

    const auto backfill = RelaySettings::parseBool(text(QStringLiteral("backfill_on_start")));
    if (!backfill)
        return invalid(QStringLiteral("backfill_on_start"),
                       QStringLiteral("must be true or false, not \"%1\"")
                               .arg(text(QStringLiteral("backfill_on_start"))));
    m_backfillOnStart = *backfill;

    m_logLevel = text(QStringLiteral("log_level")).toLower();
    if (m_logLevel != u"debug" && m_logLevel != u"info" && m_logLevel != u"warning"
        && m_logLevel != u"error")
        return invalid(QStringLiteral("log_level"),
                       QStringLiteral("must be debug, info, warning or error, not \"%1\"")
                               .arg(m_logLevel));
    return {};
}

QString RelayConfig::value(const QString &key) const
{
    const Key *entry = RelayConfig::key(key);
    if (!entry || entry->secret)
        return {};
    if (key == u"data")
        return m_dataDirectory;
    if (key == u"secrets_file")
        return m_secretsFile;
    if (key == u"database") // never the password a URL may hold
        return m_database.engine() == StoreLocation::Engine::Sqlite
                ? QStringLiteral("sqlite:") + m_database.sqlitePath()
                : m_database.toDisplayString();
    return m_values.value(key).text.trimmed();
}

RelayConfig::Origin RelayConfig::origin(const QString &key) const
{
    return m_values.value(key).origin;
}

QString RelayConfig::originText(const QString &key) const
{
    const Value &slot = m_values.value(key);
    return slot.origin == Origin::Default ? QStringLiteral("default") : slot.where;
}

QString RelayConfig::databasePath() const
{
    return m_database.engine() == StoreLocation::Engine::Sqlite
            ? m_database.sqlitePath()
            : QDir(m_dataDirectory).filePath(databaseFileName());
}

} // namespace CallBridge
