// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RelayConfig.h"
#include "core/relay/SecretsFile.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace CallBridge;

class TestRelayConfig : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void defaults();
    void precedence();
    void configFileNamedByTheEnvironment();
    void configFilePathsAreRelativeToIt();
    void environmentNames();
    void invalidValues_data();
    void invalidValues();
    void configFileErrors_data();
    void configFileErrors();
    void secretsNeverFromFileOrOptions();
    void noDataDirectory();
    void apiUrlNames();
    void tlsNeedsBoth();
    void secretsFromFileAndEnvironment();
    void crmNeedsAnAddressAndTakesItsSecrets();
    void secretsFileReadableByOthersIsRefused();
    void secretsFileIsWrittenPrivately();
    void secretsFileErrors_data();
    void secretsFileErrors();
    void documentationNamesEveryKey();
    void commandLineOptions();

private:
    RelayConfig::Sources sources(QHash<QString, QString> options = {}) const;
    QString writeFile(const QString &name, const QByteArray &content) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRelayConfig::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

RelayConfig::Sources TestRelayConfig::sources(QHash<QString, QString> options) const
{
    RelayConfig::Sources sources;
    sources.environment = QProcessEnvironment(); // nothing from the test's own environment
    if (!options.contains(QStringLiteral("data")))
        options.insert(QStringLiteral("data"), m_dir->path());
    sources.options = std::move(options);
    return sources;
}

QString TestRelayConfig::writeFile(const QString &name, const QByteArray &content) const
{
    const QString path = m_dir->filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestRelayConfig::defaults()
{
    const auto config = RelayConfig::load(sources());
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->listenAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(config->listenPort(), 8080);
    QCOMPARE(config->dataDirectory(), QDir(m_dir->path()).absolutePath());
    QCOMPARE(config->databasePath(), m_dir->filePath(QStringLiteral("callbridge.sqlite")));
    QCOMPARE(config->webhookPath(), QStringLiteral("/zadarma"));
    QCOMPARE(IpRange::toString(config->webhookAllowedIps()), QStringLiteral("185.45.152.40/30"));
    QVERIFY(config->trustedProxies().isEmpty());
    QCOMPARE(config->zadarmaApiUrl(), QUrl(QStringLiteral("https://api.zadarma.com")));
    QVERIFY(!config->zadarmaCredentials().isComplete());
    QCOMPARE(config->secretsFile(), m_dir->filePath(QStringLiteral("secrets")));
    QVERIFY(!config->usesTls());
    QCOMPARE(config->maxConnections(), 2000);
    QCOMPARE(config->headerTimeout(), std::chrono::milliseconds(10000));
    QCOMPARE(config->idleTimeout(), std::chrono::milliseconds(60000));
    QCOMPARE(config->maxWebhookBytes(), 65536);
    QCOMPARE(config->maxApiBodyBytes(), 1024 * 1024);
    QVERIFY(config->backfillOnStart());
    QCOMPARE(config->logLevel(), QStringLiteral("info"));
    QCOMPARE(config->origin(QStringLiteral("listen")), RelayConfig::Origin::Default);
    QCOMPARE(config->originText(QStringLiteral("listen")), QStringLiteral("default"));
    QCOMPARE(config->origin(QStringLiteral("data")), RelayConfig::Origin::CommandLine);
}

void TestRelayConfig::precedence()
{
    // Four keys, each set at one more level than the last.
    const QString file = writeFile(QStringLiteral("relay.conf"),
                                   "# the relay\n"
                                   "\n"
                                   "webhook_path = /from-file\n"
                                   "max_connections = 10\n"
                                   "  idle_timeout_ms=1000  \n"
                                   "trusted_proxies = \"10.0.0.1\"\n");
    RelayConfig::Sources all
            = sources({ { QStringLiteral("idle_timeout_ms"), QStringLiteral("3000") } });
    all.configFile = file;
    all.environment.insert(QStringLiteral("CALLBRIDGE_MAX_CONNECTIONS"), QStringLiteral("20"));
    all.environment.insert(QStringLiteral("CALLBRIDGE_IDLE_TIMEOUT_MS"), QStringLiteral("2000"));
    all.environment.insert(QStringLiteral("CALLBRIDGE_LISTEN"), QStringLiteral("[::1]:9000"));

    const auto config = RelayConfig::load(all);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->headerTimeout(), std::chrono::milliseconds(10000)); // default
    QCOMPARE(config->webhookPath(), QStringLiteral("/from-file")); // file
    QCOMPARE(config->originText(QStringLiteral("webhook_path")), file + QStringLiteral(":3"));
    QCOMPARE(config->maxConnections(), 20); // environment over file
    QCOMPARE(config->originText(QStringLiteral("max_connections")),
             QStringLiteral("CALLBRIDGE_MAX_CONNECTIONS"));
    QCOMPARE(config->idleTimeout(), std::chrono::milliseconds(3000)); // option over both
    QCOMPARE(config->origin(QStringLiteral("idle_timeout_ms")), RelayConfig::Origin::CommandLine);
    QCOMPARE(config->listenAddress(), QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(config->listenPort(), 9000);
    QCOMPARE(IpRange::toString(config->trustedProxies()), QStringLiteral("10.0.0.1/32"));
    QCOMPARE(config->value(QStringLiteral("max_connections")), QStringLiteral("20"));
}

void TestRelayConfig::configFileNamedByTheEnvironment()
{
    const QString file = writeFile(QStringLiteral("etc/relay.conf"), "listen = 0.0.0.0:8443\n");
    RelayConfig::Sources fromEnvironment = sources();
    fromEnvironment.environment.insert(QStringLiteral("CALLBRIDGE_CONFIG"), file);
    const auto config = RelayConfig::load(fromEnvironment);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->listenAddress(), QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(config->listenPort(), 8443);

    // --config wins over CALLBRIDGE_CONFIG.
    const QString other = writeFile(QStringLiteral("other.conf"), "listen = localhost:0\n");
    fromEnvironment.configFile = other;
    const auto second = RelayConfig::load(fromEnvironment);
    QVERIFY(second);
    QCOMPARE(second->listenAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(second->listenPort(), 0);
}

void TestRelayConfig::configFilePathsAreRelativeToIt()
{
    writeFile(QStringLiteral("etc/cert.pem"), "certificate");
    writeFile(QStringLiteral("etc/key.pem"), "key");
    const QString file = writeFile(QStringLiteral("etc/relay.conf"),
                                   "data = ../var\n"
                                   "tls_certificate = cert.pem\n"
                                   "tls_private_key = key.pem\n"
                                   "secrets_file = private/secrets\n");
    RelayConfig::Sources fromFile;
    fromFile.environment = QProcessEnvironment();
    fromFile.configFile = file;
    const auto config = RelayConfig::load(fromFile);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->dataDirectory(), QDir::cleanPath(m_dir->filePath(QStringLiteral("var"))));
    QCOMPARE(config->tlsCertificate(), m_dir->filePath(QStringLiteral("etc/cert.pem")));
    QCOMPARE(config->tlsPrivateKey(), m_dir->filePath(QStringLiteral("etc/key.pem")));
    QVERIFY(config->usesTls());
    QCOMPARE(config->secretsFile(), m_dir->filePath(QStringLiteral("etc/private/secrets")));
    QCOMPARE(config->value(QStringLiteral("data")), config->dataDirectory());
}

void TestRelayConfig::environmentNames()
{
    for (const char *name :
         { "CALLBRIDGE_ZADARMA_KEY", "CALLBRIDGE_ZADARMA_SECRET", "CALLBRIDGE_ZADARMA_API_URL",
           "CALLBRIDGE_WEBHOOK_PATH", "CALLBRIDGE_WEBHOOK_ALLOWED_IPS", "CALLBRIDGE_LISTEN",
           "CALLBRIDGE_DATA", "CALLBRIDGE_TRUSTED_PROXIES", "CALLBRIDGE_SECRETS_FILE" }) {
        bool found = false;
        for (const RelayConfig::Key &key : RelayConfig::keys())
            found = found || key.environmentVariable() == QLatin1StringView(name);
        QVERIFY2(found, name);
    }
    QCOMPARE(RelayConfig::key(QStringLiteral("webhook_allowed_ips"))->optionName(),
             QStringLiteral("webhook-allowed-ips"));
    QVERIFY(RelayConfig::key(QStringLiteral("zadarma_secret"))->optionName().isEmpty());

    // Each variable is read under its name.
    RelayConfig::Sources fromEnvironment;
    fromEnvironment.environment = QProcessEnvironment();
    fromEnvironment.environment.insert(QStringLiteral("CALLBRIDGE_DATA"), m_dir->path());
    fromEnvironment.environment.insert(QStringLiteral("CALLBRIDGE_WEBHOOK_PATH"),
                                       QStringLiteral("/hooks/zd"));
    fromEnvironment.environment.insert(QStringLiteral("CALLBRIDGE_WEBHOOK_ALLOWED_IPS"),
                                       QStringLiteral("127.0.0.1, 185.45.152.40/30"));
    fromEnvironment.environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_API_URL"),
                                       QStringLiteral("http://127.0.0.1:9999"));
    fromEnvironment.environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_KEY"),
                                       QStringLiteral("env-key"));
    fromEnvironment.environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_SECRET"),
                                       QStringLiteral("env-secret"));
    fromEnvironment.environment.insert(QStringLiteral("CALLBRIDGE_BACKFILL_ON_START"),
                                       QStringLiteral("off"));
    const auto config = RelayConfig::load(fromEnvironment);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->dataDirectory(), QDir(m_dir->path()).absolutePath());
    QCOMPARE(config->webhookPath(), QStringLiteral("/hooks/zd"));
    QCOMPARE(config->webhookAllowedIps().size(), 2);
    QCOMPARE(config->zadarmaApiUrl(), QUrl(QStringLiteral("http://127.0.0.1:9999")));
    QCOMPARE(config->zadarmaCredentials().key, QByteArray("env-key"));
    QCOMPARE(config->zadarmaCredentials().secret, QByteArray("env-secret"));
    QVERIFY(!config->backfillOnStart());
    QVERIFY(config->value(QStringLiteral("zadarma_secret")).isEmpty()); // never by value()
}

void TestRelayConfig::invalidValues_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");

    QTest::newRow("port too large") << QStringLiteral("listen") << QStringLiteral("127.0.0.1:70000")
                                    << QStringLiteral("port must be 0–65535");
    QTest::newRow("no port") << QStringLiteral("listen") << QStringLiteral("127.0.0.1")
                             << QStringLiteral("is not HOST:PORT");
    QTest::newRow("host name") << QStringLiteral("listen") << QStringLiteral("example.com:80")
                               << QStringLiteral("is not an IP address");
    QTest::newRow("bare IPv6") << QStringLiteral("listen") << QStringLiteral("::1:8080")
                               << QStringLiteral("[::1]:8080");
    QTest::newRow("IPv6 unclosed") << QStringLiteral("listen") << QStringLiteral("[::1:8080")
                                   << QStringLiteral("[::1]:8080");
    QTest::newRow("port text") << QStringLiteral("listen") << QStringLiteral("127.0.0.1:http")
                               << QStringLiteral("port must be");
    QTest::newRow("webhook path relative")
            << QStringLiteral("webhook_path") << QStringLiteral("zadarma")
            << QStringLiteral("must start with '/'");
    QTest::newRow("webhook path with query")
            << QStringLiteral("webhook_path") << QStringLiteral("/zadarma?x=1")
            << QStringLiteral("is not a URL path");
    QTest::newRow("webhook path in the API")
            << QStringLiteral("webhook_path") << QStringLiteral("/v1/zadarma")
            << QStringLiteral("/v1/");
    QTest::newRow("allowed IPs bad entry")
            << QStringLiteral("webhook_allowed_ips") << QStringLiteral("185.45.152.40/30, nope")
            << QStringLiteral("entry 2: \"nope\"");
    QTest::newRow("allowed IPs empty")
            << QStringLiteral("webhook_allowed_ips") << QString() << QStringLiteral("0.0.0.0/0");
    QTest::newRow("trusted proxies bad")
            << QStringLiteral("trusted_proxies") << QStringLiteral("10.0.0.0/40")
            << QStringLiteral("\"10.0.0.0/40\"");
    QTest::newRow("API URL scheme")
            << QStringLiteral("zadarma_api_url") << QStringLiteral("ftp://api.zadarma.com")
            << QStringLiteral("not an http(s) URL");
    QTest::newRow("max connections zero") << QStringLiteral("max_connections")
                                          << QStringLiteral("0") << QStringLiteral("from 1 to");
    QTest::newRow("max connections text") << QStringLiteral("max_connections")
                                          << QStringLiteral("many") << QStringLiteral("\"many\"");
    QTest::newRow("header timeout tiny")
            << QStringLiteral("header_timeout_ms") << QStringLiteral("5")
            << QStringLiteral("milliseconds from 100");
    QTest::newRow("idle timeout negative")
            << QStringLiteral("idle_timeout_ms") << QStringLiteral("-1")
            << QStringLiteral("milliseconds");
    QTest::newRow("webhook bytes tiny") << QStringLiteral("max_webhook_bytes")
                                        << QStringLiteral("10") << QStringLiteral("bytes from");
    QTest::newRow("API bytes huge") << QStringLiteral("max_api_body_bytes")
                                    << QStringLiteral("99999999999") << QStringLiteral("bytes");
    QTest::newRow("backfill word")
            << QStringLiteral("backfill_on_start") << QStringLiteral("sometimes")
            << QStringLiteral("true or false");
    QTest::newRow("log level") << QStringLiteral("log_level") << QStringLiteral("loud")
                               << QStringLiteral("debug, info, warning or error");
    QTest::newRow("TLS file missing")
            << QStringLiteral("tls_certificate") << QStringLiteral("/nonexistent/cert.pem")
            << QStringLiteral("tls_private_key");
}

// Each invalid value is refused from each source, and the message says which source.
void TestRelayConfig::invalidValues()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, message);
    const RelayConfig::Key *entry = RelayConfig::key(key);
    QVERIFY(entry);

    RelayConfig::Sources fromOption = sources({ { key, value } });
    auto config = RelayConfig::load(fromOption);
    QVERIFY(!config);
    QVERIFY2(config.error().message.contains(message), qPrintable(config.error().message));
    if (key != u"tls_certificate")
        QVERIFY2(config.error().message.startsWith(QStringLiteral("--") + entry->optionName()
                                                   + QStringLiteral(": ")),
                 qPrintable(config.error().message));

    RelayConfig::Sources fromEnvironment = sources();
    fromEnvironment.environment.insert(entry->environmentVariable(), value);
    config = RelayConfig::load(fromEnvironment);
    QVERIFY(!config);
    QVERIFY2(config.error().message.contains(message), qPrintable(config.error().message));
    if (key != u"tls_certificate")
        QVERIFY2(config.error().message.startsWith(entry->environmentVariable()
                                                   + QStringLiteral(": ")),
                 qPrintable(config.error().message));

    RelayConfig::Sources fromFile = sources();
    fromFile.configFile = writeFile(QStringLiteral("relay.conf"),
                                    "# comment\n" + key.toUtf8() + " = " + value.toUtf8() + '\n');
    config = RelayConfig::load(fromFile);
    QVERIFY(!config);
    QVERIFY2(config.error().message.contains(message), qPrintable(config.error().message));
    if (key != u"tls_certificate")
        QVERIFY2(config.error().message.startsWith(fromFile.configFile + QStringLiteral(":2: ")
                                                   + key + QStringLiteral(": ")),
                 qPrintable(config.error().message));
}

void TestRelayConfig::configFileErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown key") << QByteArray("listen = 127.0.0.1:1\nlisten_port = 80\n")
                                 << QStringLiteral(":2: unknown key \"listen_port\"; known keys: "
                                                   "listen, data,");
    QTest::newRow("no equals sign") << QByteArray("# x\n\nlisten 127.0.0.1:80\n")
                                    << QStringLiteral(":3: expected \"key = value\"");
    QTest::newRow("secret") << QByteArray("zadarma_secret = s3cr3t\n")
                            << QStringLiteral(":1: zadarma_secret may not be in the config file");
    QTest::newRow("key") << QByteArray("zadarma_key = k\n")
                         << QStringLiteral("CALLBRIDGE_ZADARMA_KEY");
    QTest::newRow("twice") << QByteArray("listen = 127.0.0.1:1\nlisten = 127.0.0.1:2\n")
                           << QStringLiteral(":2: listen is already set on line 1");
    QTest::newRow("section") << QByteArray("[relay]\nlisten = 127.0.0.1:1\n")
                             << QStringLiteral(":1: expected \"key = value\"");
    QTest::newRow("not UTF-8") << QByteArray("webhook_path = /caf\xe9\n")
                               << QStringLiteral("is not UTF-8");
}

void TestRelayConfig::configFileErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    RelayConfig::Sources fromFile = sources();
    fromFile.configFile = writeFile(QStringLiteral("relay.conf"), content);
    const auto config = RelayConfig::load(fromFile);
    QVERIFY(!config);
    QVERIFY2(config.error().message.contains(message), qPrintable(config.error().message));
    QVERIFY2(config.error().message.contains(fromFile.configFile),
             qPrintable(config.error().message));
    QVERIFY(!config.error().message.contains(u"s3cr3t"));

    fromFile.configFile = m_dir->filePath(QStringLiteral("missing.conf"));
    const auto missing = RelayConfig::load(fromFile);
    QVERIFY(!missing);
    QVERIFY2(missing.error().message.startsWith(u"cannot read the config file"),
             qPrintable(missing.error().message));
}

void TestRelayConfig::secretsNeverFromFileOrOptions()
{
    const auto option = RelayConfig::load(
            sources({ { QStringLiteral("zadarma_secret"), QStringLiteral("s3cr3t") } }));
    QVERIFY(!option);
    QVERIFY2(option.error().message.contains(u"may not be given on the command line"),
             qPrintable(option.error().message));
    QVERIFY(!option.error().message.contains(u"s3cr3t"));

    const auto unknown = RelayConfig::load(sources({ { QStringLiteral("colour"), QString() } }));
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().message, QStringLiteral("unknown option --colour"));
}

void TestRelayConfig::noDataDirectory()
{
    RelayConfig::Sources none;
    none.environment = QProcessEnvironment();
    auto config = RelayConfig::load(none);
    QVERIFY(!config);
    QVERIFY2(config.error().message.contains(u"--data DIR")
                     && config.error().message.contains(u"CALLBRIDGE_DATA"),
             qPrintable(config.error().message));

    const QString file = writeFile(QStringLiteral("plain-file"), "x");
    config = RelayConfig::load(sources({ { QStringLiteral("data"), file } }));
    QVERIFY(!config);
    QVERIFY2(config.error().message.startsWith(u"--data: ")
                     && config.error().message.contains(u"is not a directory"),
             qPrintable(config.error().message));
}

void TestRelayConfig::apiUrlNames()
{
    auto config = RelayConfig::load(
            sources({ { QStringLiteral("zadarma_api_url"), QStringLiteral("sandbox") } }));
    QVERIFY(config);
    QCOMPARE(config->zadarmaApiUrl(), ZadarmaClientConfig::sandboxUrl());
    config = RelayConfig::load(
            sources({ { QStringLiteral("zadarma_api_url"), QStringLiteral("production") } }));
    QVERIFY(config);
    QCOMPARE(config->zadarmaApiUrl(), ZadarmaClientConfig::productionUrl());
    config = RelayConfig::load(sources({ { QStringLiteral("zadarma_api_url"), QString() } }));
    QVERIFY(config);
    QCOMPARE(config->zadarmaApiUrl(), ZadarmaClientConfig::productionUrl());
}

void TestRelayConfig::tlsNeedsBoth()
{
    const QString certificate = writeFile(QStringLiteral("cert.pem"), "c");
    const QString key = writeFile(QStringLiteral("key.pem"), "k");
    auto config
            = RelayConfig::load(sources({ { QStringLiteral("tls_certificate"), certificate } }));
    QVERIFY(!config);
    QVERIFY2(config.error().message.startsWith(u"--tls-certificate: HTTPS needs both"),
             qPrintable(config.error().message));
    config = RelayConfig::load(sources({ { QStringLiteral("tls_private_key"), key } }));
    QVERIFY(!config);
    QVERIFY2(config.error().message.startsWith(u"--tls-private-key: HTTPS needs both"),
             qPrintable(config.error().message));
    config = RelayConfig::load(sources({ { QStringLiteral("tls_certificate"), certificate },
                                         { QStringLiteral("tls_private_key"), key } }));
    QVERIFY(config);
    QVERIFY(config->usesTls());
    QCOMPARE(config->tlsCertificate(), certificate);
    config = RelayConfig::load(sources({ { QStringLiteral("tls_certificate"), certificate },
                                         { QStringLiteral("tls_private_key"),
                                           m_dir->filePath(QStringLiteral("nokey.pem")) } }));
    QVERIFY(!config);
    QVERIFY2(config.error().message.startsWith(u"--tls-private-key: cannot read"),
             qPrintable(config.error().message));
}

void TestRelayConfig::secretsFromFileAndEnvironment()
{
    const QString path = m_dir->filePath(QStringLiteral("secrets"));
    QVERIFY(SecretsFile(path).write({ "file-key", "file-secret" }));

    auto config = RelayConfig::load(sources());
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->zadarmaCredentials().key, QByteArray("file-key"));
    QCOMPARE(config->zadarmaCredentials().secret, QByteArray("file-secret"));

    // The environment overrides the file, each value on its own.
    RelayConfig::Sources withEnvironment = sources();
    withEnvironment.environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_SECRET"),
                                       QStringLiteral("env-secret"));
    config = RelayConfig::load(withEnvironment);
    QVERIFY(config);
    QCOMPARE(config->zadarmaCredentials().key, QByteArray("file-key"));
    QCOMPARE(config->zadarmaCredentials().secret, QByteArray("env-secret"));

    // secrets_file names another file.
    const QString other = m_dir->filePath(QStringLiteral("elsewhere/zadarma.secrets"));
    QVERIFY(SecretsFile(other).write({ "other-key", "other-secret" }));
    RelayConfig::Sources fromFile = sources();
    fromFile.configFile
            = writeFile(QStringLiteral("relay.conf"), "secrets_file = elsewhere/zadarma.secrets\n");
    config = RelayConfig::load(fromFile);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->secretsFile(), other);
    QCOMPARE(config->zadarmaCredentials().key, QByteArray("other-key"));
}

void TestRelayConfig::crmNeedsAnAddressAndTakesItsSecrets()
{
    auto config = RelayConfig::load(sources());
    QVERIFY(config);
    QVERIFY(config->crmMapping().isEmpty()); // the relay's own store is the CRM

    auto noAddress = RelayConfig::load(
            sources({ { QStringLiteral("crm_mapping"), QStringLiteral("crm/espocrm.json") } }));
    QVERIFY(!noAddress);
    QVERIFY2(noAddress.error().message.contains(u"crm_base_url"),
             qPrintable(noAddress.error().message));

    // The secrets file's crm_secret_ lines, each overridden by the environment; writing the
    // Zadarma credentials keeps them.
    const QString path = m_dir->filePath(QStringLiteral("secrets"));
    writeFile(QStringLiteral("secrets"),
              "zadarma_key=k\ncrm_secret_api_key=from-file\ncrm_secret_database=crm\n");
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
    QVERIFY(SecretsFile(path).write({ "new-key", "new-secret" }));
    RelayConfig::Sources withCrm = sources(
            { { QStringLiteral("crm_mapping"), QStringLiteral("crm/espocrm.json") },
              { QStringLiteral("crm_base_url"), QStringLiteral("https://crm.example.com") } });
    withCrm.environment.insert(QStringLiteral("CALLBRIDGE_CRM_SECRET_API_KEY"),
                               QStringLiteral("from-env"));
    config = RelayConfig::load(withCrm);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->zadarmaCredentials().key, QByteArray("new-key"));
    QCOMPARE(config->crmBaseUrl(), QUrl(QStringLiteral("https://crm.example.com")));
    QVERIFY(QFileInfo(config->crmMapping()).isAbsolute());
    QCOMPARE(config->crmSecrets().value(QStringLiteral("api_key")), QStringLiteral("from-env"));
    QCOMPARE(config->crmSecrets().value(QStringLiteral("database")), QStringLiteral("crm"));
}

void TestRelayConfig::secretsFileReadableByOthersIsRefused()
{
    const QString path = m_dir->filePath(QStringLiteral("secrets"));
    QVERIFY(SecretsFile(path).write({ "file-key", "file-secret" }));
    for (const QFile::Permissions extra :
         { QFile::Permissions(QFile::ReadGroup), QFile::Permissions(QFile::ReadOther),
           QFile::Permissions(QFile::WriteOther) }) {
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | extra));
        const auto read = SecretsFile(path).read();
        QVERIFY(!read);
        QVERIFY2(read.error().message.contains(QStringLiteral("chmod 600 ") + path),
                 qPrintable(read.error().message));

        const auto config = RelayConfig::load(sources());
        QVERIFY(!config);
        QVERIFY2(config.error().message.startsWith(u"secrets_file: ")
                         && config.error().message.contains(u"chmod 600"),
                 qPrintable(config.error().message));
        QVERIFY(!config.error().message.contains(u"file-secret"));
    }
}

void TestRelayConfig::secretsFileIsWrittenPrivately()
{
    const QString path = m_dir->filePath(QStringLiteral("private/secrets"));
    const SecretsFile file(path);
    QVERIFY(!file.exists());
    QVERIFY(file.read()); // missing: empty
    QVERIFY(!file.read()->isComplete());
    QVERIFY(file.write({ "k1", "s1" }));
    QCOMPARE(QFile::permissions(path) & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(file.read()->key, QByteArray("k1"));

    // Replacing a file that had become readable by others leaves it private again.
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    QVERIFY(file.write({ "k2", "s2" }));
    QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther),
             QFile::Permissions());
    QCOMPARE(file.read()->secret, QByteArray("s2"));
    QVERIFY(!file.write({ "with space", "s" }));
}

void TestRelayConfig::secretsFileErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("secret");
    QTest::newRow("comments and spaces")
            << QByteArray("# keys\n\n zadarma_key = abc \nzadarma_secret=def\n") << QString()
            << QByteArray("abc") << QByteArray("def");
    QTest::newRow("key only") << QByteArray("zadarma_key=abc\n") << QString() << QByteArray("abc")
                              << QByteArray();
    QTest::newRow("unknown name") << QByteArray("zadarma_key=abc\napi_secret=xyz\n")
                                  << QStringLiteral(":2: unknown name \"api_secret\"")
                                  << QByteArray() << QByteArray();
    QTest::newRow("no equals") << QByteArray("abcdef\n") << QStringLiteral(":1: expected")
                               << QByteArray() << QByteArray();
    QTest::newRow("twice") << QByteArray("zadarma_key=a\nzadarma_key=b\n")
                           << QStringLiteral(":2: zadarma_key is given twice") << QByteArray()
                           << QByteArray();
}

void TestRelayConfig::secretsFileErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, secret);
    const QString path = writeFile(QStringLiteral("secrets"), content);
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
    const auto read = SecretsFile(path).read();
    if (message.isEmpty()) {
        QVERIFY(read);
        QCOMPARE(read->key, key);
        QCOMPARE(read->secret, secret);
        return;
    }
    QVERIFY(!read);
    QVERIFY2(read.error().message.contains(path + message), qPrintable(read.error().message));
    // The message never quotes a value.
    QVERIFY(!read.error().message.contains(u"xyz"));
    QVERIFY(!read.error().message.contains(u"abcdef"));
}

void TestRelayConfig::documentationNamesEveryKey()
{
    const QString text = RelayConfig::documentation();
    for (const RelayConfig::Key &key : RelayConfig::keys()) {
        QVERIFY2(text.contains(key.name + QStringLiteral(" (")), qPrintable(key.name));
        QVERIFY2(text.contains(key.environmentVariable()), qPrintable(key.name));
        QVERIFY(!key.description.isEmpty());
        if (!key.defaultValue.isEmpty())
            QVERIFY2(text.contains(QStringLiteral("Default: ") + key.defaultValue),
                     qPrintable(key.name));
    }
    QVERIFY(text.contains(u"CALLBRIDGE_CONFIG"));
}

void TestRelayConfig::commandLineOptions()
{
    QCommandLineParser parser;
    parser.addOptions(RelayConfig::commandLineOptions());
    QVERIFY(parser.parse({ QStringLiteral("serve"), QStringLiteral("--listen"),
                           QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"), m_dir->path(),
                           QStringLiteral("--webhook-allowed-ips"), QStringLiteral("127.0.0.1") }));
    QVERIFY(!parser.parse(
            { QStringLiteral("serve"), QStringLiteral("--zadarma-secret"), QStringLiteral("x") }));
    QVERIFY(parser.parse({ QStringLiteral("serve"), QStringLiteral("--listen"),
                           QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"), m_dir->path(),
                           QStringLiteral("--webhook-allowed-ips"), QStringLiteral("127.0.0.1") }));
    const QHash<QString, QString> options = RelayConfig::optionValues(parser);
    QCOMPARE(options.size(), 3);
    QCOMPARE(options.value(QStringLiteral("webhook_allowed_ips")), QStringLiteral("127.0.0.1"));
    RelayConfig::Sources fromParser;
    fromParser.environment = QProcessEnvironment();
    fromParser.options = options;
    const auto config = RelayConfig::load(fromParser);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->listenPort(), 0);
}

QTEST_GUILESS_MAIN(TestRelayConfig)
#include "TestRelayConfig.moc"
