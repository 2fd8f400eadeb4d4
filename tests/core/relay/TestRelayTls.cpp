// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/AccessToken.h"
#include "core/relay/RelayServer.h"
#include "core/relay/RoutingDirectory.h"
#include "core/store/Store.h"
#include "tests/support/FakeClock.h"
#include "tests/support/TestData.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace CallBridge;

// The relay with its own certificate (QSslServer): the API and the agents' stream over TLS on
// the one port, and nothing in clear text.
class TestRelayTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void apiAndStreamAreServedOverTls();
    void clearTextIsNotServed();
    void cleanupTestCase();

private:
    static QSslConfiguration clientTls();
    QTemporaryDir m_data;
    Test::FakeClock m_clock;
    std::unique_ptr<RelayServer> m_relay;
    QString m_token;
};

QSslConfiguration TestRelayTls::clientTls()
{
    // The test certificate is self-signed for 127.0.0.1: trusting it alone, the client verifies
    // the relay as it would a real certificate.
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(
            QSslCertificate::fromPath(Test::dataPath(QStringLiteral("http/localhost.crt"))));
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return tls;
}

void TestRelayTls::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here");
    RelayConfig::Sources sources;
    sources.environment = QProcessEnvironment();
    sources.environment.insert(QStringLiteral("CALLBRIDGE_LISTEN"), QStringLiteral("127.0.0.1:0"));
    sources.environment.insert(QStringLiteral("CALLBRIDGE_DATA"), m_data.path());
    sources.environment.insert(QStringLiteral("CALLBRIDGE_BACKFILL_ON_START"),
                               QStringLiteral("false"));
    sources.environment.insert(QStringLiteral("CALLBRIDGE_TLS_CERTIFICATE"),
                               Test::dataPath(QStringLiteral("http/localhost.crt")));
    sources.environment.insert(QStringLiteral("CALLBRIDGE_TLS_PRIVATE_KEY"),
                               Test::dataPath(QStringLiteral("http/localhost.key")));
    auto config = RelayConfig::load(sources);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    m_relay = std::make_unique<RelayServer>(config.value(), &m_clock);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^no Zadarma key")));
    const auto started = m_relay->start();
    QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
    QVERIFY(m_relay->baseUrl().startsWith(QLatin1String("https://")));

    m_token = AccessToken::generate();
    UserRecord agent;
    agent.name = QStringLiteral("ana");
    agent.extension = QStringLiteral("101");
    agent.tokenHash = AccessToken::hash(m_token);
    Store &store = *m_relay->services().store;
    QVERIFY(store.createUser(agent));
    m_relay->services().directory->setUsers(store.users().value());
}

void TestRelayTls::apiAndStreamAreServedOverTls()
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(m_relay->baseUrl() + QStringLiteral("/v1/me")));
    request.setSslConfiguration(clientTls());
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(QJsonDocument::fromJson(reply->readAll()).object()[QStringLiteral("name")].toString(),
             QStringLiteral("ana"));
    reply->deleteLater();

    QWebSocket socket;
    socket.setSslConfiguration(clientTls());
    QUrl url(m_relay->baseUrl() + QStringLiteral("/v1/stream"));
    url.setScheme(QStringLiteral("wss"));
    QNetworkRequest upgrade(url);
    upgrade.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QSignalSpy message(&socket, &QWebSocket::textMessageReceived);
    socket.open(upgrade);
    QVERIFY(connected.wait(5000));
    socket.sendTextMessage(QStringLiteral(R"({"type":"hello","resume_after":0})"));
    QVERIFY(message.wait(5000));
    const QJsonObject welcome
            = QJsonDocument::fromJson(message.first().first().toString().toUtf8()).object();
    QCOMPARE(welcome[QStringLiteral("type")].toString(), QStringLiteral("welcome"));
    socket.close();
}

void TestRelayTls::clearTextIsNotServed()
{
    QNetworkAccessManager network;
    QString url = m_relay->baseUrl() + QStringLiteral("/healthz");
    url.replace(QStringLiteral("https://"), QStringLiteral("http://"));
    QNetworkReply *reply = network.get(QNetworkRequest(QUrl(url)));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(15000));
    QVERIFY(reply->error() != QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 0);
    reply->deleteLater();
}

void TestRelayTls::cleanupTestCase()
{
    m_relay.reset();
}

QTEST_GUILESS_MAIN(TestRelayTls)
#include "TestRelayTls.moc"
