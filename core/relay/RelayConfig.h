// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/relay/IpRange.h"
#include "core/store/StoreLocation.h"
#include "core/zadarma/ZadarmaClient.h"

#include <QCommandLineOption>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <chrono>

class QCommandLineParser;

namespace CallBridge {

// How callbridge-relay is started: one typed value resolved, lowest to highest, from the key
// table's defaults, a config file (--config FILE or CALLBRIDGE_CONFIG; "key = value" lines and
// '#' comments), CALLBRIDGE_* environment variables and command-line options. Secrets come only
// from the environment or the secrets file. Runtime switches live in RelaySettings instead.
class RelayConfig
{
public:
    enum class Origin { Default, ConfigFile, Environment, CommandLine };

    struct Key
    {
        QString name; // "webhook_allowed_ips"
        QString defaultValue; // as text; empty: none
        QString description;
        bool secret = false; // only from the environment or the secrets file

        QString environmentVariable() const; // "CALLBRIDGE_WEBHOOK_ALLOWED_IPS"
        QString optionName() const; // "webhook-allowed-ips"; empty for secrets
    };

    struct Sources
    {
        QString configFile; // --config; empty: CALLBRIDGE_CONFIG, else none
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        QHash<QString, QString> options; // key name → value given on the command line
    };

    static const QList<Key> &keys();
    static const Key *key(const QString &name);
    static QString configVariable() { return QStringLiteral("CALLBRIDGE_CONFIG"); }
    // The SQLite database inside the data directory: the server and the CLI open the same file.
    static QString databaseFileName() { return QStringLiteral("callbridge.sqlite"); }

    // The key table as text (key, environment variable, default, description), for
    // "serve --help" and the README.
    static QString documentation();

    // One option per non-secret key ("--webhook-path PATH") plus --config, for a
    // QCommandLineParser; optionValues() reads back those that were set.
    static QList<QCommandLineOption> commandLineOptions();
    static QHash<QString, QString> optionValues(const QCommandLineParser &parser);

    // Every error names the key and where its value came from, e.g.
    // "CALLBRIDGE_LISTEN: port must be 0–65535".
    static Result<RelayConfig> load(const Sources &sources);

    // The resolved text of a key and where it came from ("default", "relay.conf:3",
    // "CALLBRIDGE_LISTEN", "--listen"). Secrets are never returned by value().
    QString value(const QString &key) const;
    Origin origin(const QString &key) const;
    QString originText(const QString &key) const;

    const QHostAddress &listenAddress() const { return m_listenAddress; }
    quint16 listenPort() const { return m_listenPort; } // 0: any free port
    const QString &dataDirectory() const { return m_dataDirectory; } // absolute
    const StoreLocation &database() const { return m_database; }
    QString databasePath() const; // the SQLite file (with PostgreSQL: where it would be)
    const QString &webhookPath() const { return m_webhookPath; }
    const QList<IpRange> &webhookAllowedIps() const { return m_webhookAllowedIps; }
    const QList<IpRange> &trustedProxies() const { return m_trustedProxies; }
    const QUrl &zadarmaApiUrl() const { return m_zadarmaApiUrl; }
    const ZadarmaCredentials &zadarmaCredentials() const { return m_credentials; }
    const QString &secretsFile() const { return m_secretsFile; } // absolute
    const QString &tlsCertificate() const { return m_tlsCertificate; }
    const QString &tlsPrivateKey() const { return m_tlsPrivateKey; }
    bool usesTls() const { return !m_tlsCertificate.isEmpty(); }
    int maxConnections() const { return m_maxConnections; }
    std::chrono::milliseconds headerTimeout() const { return m_headerTimeout; }
    std::chrono::milliseconds idleTimeout() const { return m_idleTimeout; }
    qint64 maxWebhookBytes() const { return m_maxWebhookBytes; }
    qint64 maxApiBodyBytes() const { return m_maxApiBodyBytes; }
    bool backfillOnStart() const { return m_backfillOnStart; }
    const QString &logLevel() const { return m_logLevel; } // debug, info, warning or error
    // The external CRM: its mapping file (absolute; empty: none), address and secrets by name.
    const QString &crmMapping() const { return m_crmMapping; }
    const QUrl &crmBaseUrl() const { return m_crmBaseUrl; }
    const QHash<QString, QString> &crmSecrets() const { return m_crmSecrets; }

private:
    struct Value
    {
        QString text;
        Origin origin = Origin::Default;
        QString where; // "relay.conf:3", "CALLBRIDGE_LISTEN", "--listen"; empty for defaults
    };

    Result<void> validate(const QProcessEnvironment &environment);

    QHash<QString, Value> m_values;
    QHostAddress m_listenAddress;
    quint16 m_listenPort = 0;
    QString m_dataDirectory;
    StoreLocation m_database;
    QString m_webhookPath;
    QList<IpRange> m_webhookAllowedIps;
    QList<IpRange> m_trustedProxies;
    QUrl m_zadarmaApiUrl;
    ZadarmaCredentials m_credentials;
    QString m_secretsFile;
    QString m_crmMapping;
    QUrl m_crmBaseUrl;
    QHash<QString, QString> m_crmSecrets;
    QString m_tlsCertificate;
    QString m_tlsPrivateKey;
    int m_maxConnections = 0;
    std::chrono::milliseconds m_headerTimeout { 0 };
    std::chrono::milliseconds m_idleTimeout { 0 };
    qint64 m_maxWebhookBytes = 0;
    qint64 m_maxApiBodyBytes = 0;
    bool m_backfillOnStart = true;
    QString m_logLevel;
};

} // namespace CallBridge
