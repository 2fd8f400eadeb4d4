// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/SystemClock.h"
#include "core/relay/AccessToken.h"
#include "core/relay/Authenticator.h"
#include "core/relay/RelayApi.h"
#include "core/relay/RelayConfig.h"
#include "core/relay/RelayJson.h"
#include "core/relay/RelayMetrics.h"
#include "core/relay/RelayServer.h"
#include "core/relay/RelaySettings.h"
#include "core/relay/RoutingDirectory.h"
#include "core/relay/SecretsFile.h"
#include "core/sim/SimApi.h"
#include "core/sim/SimCallRunner.h"
#include "core/sim/SimPbx.h"
#include "core/sim/SimRecordingDownloads.h"
#include "core/sim/SimServer.h"
#include "core/store/Store.h"
#include "tests/support/FakeClock.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace CallBridge;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QByteArray simKey = "relay-test-key";
const QByteArray simSecret = "relay-test-secret";

struct Answer
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray list(const QString &field) const { return json().value(field).toArray(); }
    QString error() const { return json().value(u"error"_s).toString(); }
};

struct Account
{
    qint64 id = 0;
    QString name;
    QString token;
};

CallRecord callRecord(const QString &pbxCallId, const QString &extension,
                      const QDateTime &startedAt, qint64 contactId = 0,
                      const QString &recordingId = {})
{
    CallRecord call;
    call.pbxCallId = pbxCallId;
    call.direction = u"inbound"_s;
    call.state = u"ended"_s;
    call.startedAt = startedAt;
    call.clientNumber = u"+48600100200"_s;
    call.callerId = u"48600100200"_s;
    call.extension = extension;
    call.ringingExtensions = { extension };
    call.answeredBy = extension;
    call.durationSeconds = 30;
    call.contactId = contactId;
    call.recordingId = recordingId;
    call.isRecorded = !recordingId.isEmpty();
    call.recordingReady = call.isRecorded;
    call.updatedAt = startedAt;
    return call;
}

QStringList field(const QJsonArray &array, const QString &name)
{
    QStringList values;
    for (const QJsonValue &value : array)
        values.append(value.toObject().value(name).toVariant().toString());
    return values;
}

} // namespace

// The REST API of a real RelayServer on 127.0.0.1, with an in-process Zadarma simulator behind
// it, driven over HTTP.
class TestRelayApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void everyRequestNeedsAToken();
    void repeatedBadTokensAreThrottled();
    void routingRefusals();
    void bodiesAreChecked();
    void meIsTheCaller();
    void clickToCallRingsTheCallersOwnExtension();
    void clickToCallRefusals();
    void contactsAreCreatedSearchedAndUpdated();
    void contactTagsAndLinkAreCheckedAndSearchable();
    void contactPhonesAreCheckedAndUnique();
    void onlyAdminsGiveContactsToOthers();
    void callsAreVisibleToTheirExtensionsOnly();
    void callsArePagedWithACursor();
    void callsAreFiltered();
    void recordingIsStreamedWithRanges();
    void recordingOfAnotherExtensionIsHidden();
    void tasksAreListedDoneAndSnoozed();
    void tasksOfOthersAreRefused();
    void credentialsAreWriteOnlyAndChecked();
    void zadarmaCallsNeedCredentials();
    void balanceTestAndExtensions();
    void usersAreManaged();
    void extensionsCannotBeGivenTwice();
    void settingsAreValidatedAndApplied();
    void blacklistIsNormalised();
    void auditAndLeadsArePaged();
    void backfillIsStartedAndReported();

private:
    void startRelay(bool withCredentials);
    Answer send(const QByteArray &method, const QString &path, const QString &token,
                const QByteArray &body = {}, const QByteArray &contentType = "application/json",
                const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    Answer send(const QByteArray &method, const QString &path, const QString &token,
                const QJsonObject &body);
    Account createUser(const QString &name, const QString &extension,
                       const QString &role = u"agent"_s);
    QStringList auditActions();
    QList<FeedItem> feed();
    Store &store() { return *m_relay->services().store; }

    std::unique_ptr<Test::FakeClock> m_simClock;
    std::unique_ptr<QNetworkAccessManager> m_simNetwork;
    std::unique_ptr<SimPbx> m_pbx;
    std::unique_ptr<SimCallRunner> m_runner;
    std::unique_ptr<SimApi> m_simApi;
    std::unique_ptr<SimRecordingDownloads> m_downloads;
    std::unique_ptr<SimServer> m_sim;

    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<SystemClock> m_clock;
    std::unique_ptr<RelayServer> m_relay;
    std::unique_ptr<QNetworkAccessManager> m_client;
    Account m_admin;
    Account m_ana; // agent, extension 101
    Account m_ben; // agent, extension 102
};

void TestRelayApi::initTestCase()
{
    QLoggingCategory::setFilterRules(u"callbridge.*.info=false\ncallbridge.*.debug=false"_s);
}

void TestRelayApi::init()
{
    m_simClock = std::make_unique<Test::FakeClock>();
    m_simNetwork = std::make_unique<QNetworkAccessManager>();
    SimConfig config = SimConfig::defaults();
    config.key = simKey;
    config.secret = simSecret;
    config.rateLimited = false;
    m_pbx = std::make_unique<SimPbx>(config, m_simClock.get());
    m_runner = std::make_unique<SimCallRunner>(m_pbx.get(), m_simNetwork.get());
    m_sim = std::make_unique<SimServer>();
    m_simApi = std::make_unique<SimApi>(m_pbx.get(), m_runner.get(), m_simNetwork.get(),
                                        [this] { return m_sim->url(); });
    m_downloads = std::make_unique<SimRecordingDownloads>(m_pbx.get());
    m_sim->addHandler("/v1/", m_simApi.get());
    m_sim->addHandler(SimRecordingDownloads::pathPrefix.toByteArray(), m_downloads.get());
    QVERIFY(m_sim->listen(QHostAddress::LocalHost, 0));

    m_client = std::make_unique<QNetworkAccessManager>();
    m_clock = std::make_unique<SystemClock>();
    startRelay(true);
}

void TestRelayApi::startRelay(bool withCredentials)
{
    m_relay.reset();
    m_data = std::make_unique<QTemporaryDir>();
    QVERIFY(m_data->isValid());
    RelayConfig::Sources sources;
    sources.environment = QProcessEnvironment();
    sources.environment.insert(u"CALLBRIDGE_LISTEN"_s, u"127.0.0.1:0"_s);
    sources.environment.insert(u"CALLBRIDGE_DATA"_s, m_data->path());
    sources.environment.insert(u"CALLBRIDGE_ZADARMA_API_URL"_s, m_sim->url().toString());
    sources.environment.insert(u"CALLBRIDGE_BACKFILL_ON_START"_s, u"false"_s);
    sources.environment.insert(u"CALLBRIDGE_MAX_API_BODY_BYTES"_s, u"4096"_s);
    if (withCredentials) {
        sources.environment.insert(u"CALLBRIDGE_ZADARMA_KEY"_s, QString::fromLatin1(simKey));
        sources.environment.insert(u"CALLBRIDGE_ZADARMA_SECRET"_s, QString::fromLatin1(simSecret));
    } else {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^no Zadarma key and secret yet"_s));
    }
    auto config = RelayConfig::load(sources);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    m_relay = std::make_unique<RelayServer>(config.value(), m_clock.get());
    const auto started = m_relay->start();
    QVERIFY2(started, qPrintable(started ? QString() : started.error().message));

    // The first administrator comes from the operator's command line, i.e. the store.
    UserRecord admin;
    admin.name = u"root"_s;
    admin.displayName = u"Root"_s;
    admin.role = UserRole::Admin;
    m_admin.token = AccessToken::generate();
    admin.tokenHash = AccessToken::hash(m_admin.token);
    const auto id = store().createUser(admin);
    QVERIFY(id);
    m_admin.id = id.value();
    m_admin.name = admin.name;
    m_relay->services().directory->setUsers(store().users().value());

    m_ana = createUser(u"ana"_s, u"101"_s);
    m_ben = createUser(u"ben"_s, u"102"_s);
    QVERIFY(m_ana.id > 0 && m_ben.id > 0);
}

void TestRelayApi::cleanup()
{
    m_relay.reset();
    m_data.reset();
    m_client.reset();
    m_sim.reset();
    m_downloads.reset();
    m_simApi.reset();
    m_runner.reset();
    m_pbx.reset();
    m_simNetwork.reset();
    m_simClock.reset();
}

Answer TestRelayApi::send(const QByteArray &method, const QString &path, const QString &token,
                          const QByteArray &body, const QByteArray &contentType,
                          const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(QUrl(m_relay->baseUrl() + path));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    if (!body.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_client->sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(10'000))
        qWarning("no answer to %s %s", method.constData(), qPrintable(path));
    Answer answer { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                    reply->readAll(), reply->rawHeaderPairs() };
    reply->deleteLater();
    return answer;
}

Answer TestRelayApi::send(const QByteArray &method, const QString &path, const QString &token,
                          const QJsonObject &body)
{
    return send(method, path, token, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

Account TestRelayApi::createUser(const QString &name, const QString &extension, const QString &role)
{
    QJsonObject body { { u"name"_s, name }, { u"role"_s, role } };
    if (!extension.isEmpty())
        body.insert(u"extension"_s, extension);
    const Answer answer = send("POST", u"/v1/admin/users"_s, m_admin.token, body);
    if (answer.status != 201)
        qWarning("creating %s: %d %s", qPrintable(name), answer.status, answer.body.constData());
    const QJsonObject user = answer.json().value(u"user"_s).toObject();
    return { user.value(u"id"_s).toInteger(), name, answer.json().value(u"token"_s).toString() };
}

QStringList TestRelayApi::auditActions()
{
    QStringList actions;
    const QList<AuditEntry> entries = store().audit(1000, 0).value();
    for (const AuditEntry &entry : entries)
        actions.prepend(entry.action);
    return actions;
}

QList<FeedItem> TestRelayApi::feed()
{
    return store().feedAfter(0, 1000).value();
}

// --- Authentication and routing ---------------------------------------------------------------

void TestRelayApi::everyRequestNeedsAToken()
{
    for (const QString &path :
         { u"/v1/me"_s, u"/v1/contacts"_s, u"/v1/admin/users"_s, u"/v1/no/such/route"_s }) {
        const Answer anonymous = send("GET", path, {});
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(anonymous.header("WWW-Authenticate"), "Bearer");
        QVERIFY(!anonymous.error().isEmpty());
    }
    const Answer wrong = send("GET", u"/v1/me"_s, AccessToken::generate());
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.header("WWW-Authenticate"), "Bearer");
}

void TestRelayApi::repeatedBadTokensAreThrottled()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^too many failed sign-ins"_s));
    // The limit itself is the Authenticator's (LoginLimits); here: that the API applies it.
    Answer last;
    int attempts = 0;
    while (last.status != 429 && attempts < 100) {
        last = send("GET", u"/v1/me"_s, u"cbt_guess"_s);
        ++attempts;
    }
    QVERIFY(attempts > LoginLimits().maxFailures);
    QCOMPARE(last.status, 429);
    QVERIFY(last.header("Retry-After").toInt() > 0);
    QCOMPARE(last.header("WWW-Authenticate"), "Bearer");
}

void TestRelayApi::routingRefusals()
{
    const Answer unknown = send("GET", u"/v1/nothing"_s, m_ana.token);
    QCOMPARE(unknown.status, 404);
    QVERIFY(unknown.error().contains(u"/v1/nothing"_s));

    const Answer wrongMethod = send("DELETE", u"/v1/contacts"_s, m_ana.token);
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.header("Allow"), "GET, POST");

    // The literal route wins over calls/{id}.
    const Answer clickByGet = send("GET", u"/v1/calls/click-to-call"_s, m_ana.token);
    QCOMPARE(clickByGet.status, 405);
    QCOMPARE(clickByGet.header("Allow"), "POST");

    for (const auto &[method, path] :
         { std::pair("GET"_ba, u"/v1/admin/users"_s), std::pair("PUT"_ba, u"/v1/admin/settings"_s),
           std::pair("GET"_ba, u"/v1/admin/audit"_s),
           std::pair("PUT"_ba, u"/v1/admin/zadarma/credentials"_s) }) {
        const Answer forbidden = send(method, path, m_ana.token, QJsonObject {});
        QCOMPARE(forbidden.status, 403);
        QVERIFY(forbidden.error().contains(u"administrators"_s));
    }
    QCOMPARE(send("GET", u"/v1/admin/users"_s, m_admin.token).status, 200);
}

void TestRelayApi::bodiesAreChecked()
{
    const Answer invalid = send("POST", u"/v1/contacts"_s, m_ana.token, "{\"name\": ");
    QCOMPARE(invalid.status, 400);
    QVERIFY2(invalid.error().contains(u"not valid JSON"_s), qPrintable(invalid.error()));

    const Answer notObject = send("POST", u"/v1/contacts"_s, m_ana.token, "[1, 2]");
    QCOMPARE(notObject.status, 400);

    const Answer wrongType
            = send("POST", u"/v1/contacts"_s, m_ana.token, QJsonObject { { u"name"_s, 5 } });
    QCOMPARE(wrongType.status, 400);
    QVERIFY2(wrongType.error().contains(u"\"name\""_s), qPrintable(wrongType.error()));

    const Answer unknownField = send("POST", u"/v1/contacts"_s, m_ana.token,
                                     QJsonObject { { u"nmae"_s, u"Typo"_s } });
    QCOMPARE(unknownField.status, 400);
    QVERIFY(unknownField.error().contains(u"nmae"_s));

    const Answer form = send("POST", u"/v1/contacts"_s, m_ana.token, "name=x",
                             "application/x-www-form-urlencoded");
    QCOMPARE(form.status, 415);

    const QByteArray huge = "{\"notes\": \"" + QByteArray(8000, 'x') + "\"}";
    QCOMPARE(send("POST", u"/v1/contacts"_s, m_ana.token, huge).status, 413);
}

void TestRelayApi::meIsTheCaller()
{
    const Answer me = send("GET", u"/v1/me"_s, m_ana.token);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json().value(u"name"_s).toString(), u"ana"_s);
    QCOMPARE(me.json().value(u"extension"_s).toString(), u"101"_s);
    QCOMPARE(me.json().value(u"role"_s).toString(), u"agent"_s);
    QVERIFY(!me.body.contains("hash"));
    QVERIFY(!me.body.contains(m_ana.token.toUtf8()));
    QCOMPARE(me.json().value(u"crm_contact_url"_s).toString(), QString());
    QCOMPARE(me.json().value(u"default_region"_s).toString(), u"US"_s);

    const Answer set = send("PUT", u"/v1/admin/settings"_s, m_admin.token,
                            QJsonObject { { RelaySettings::crmContactUrlKey,
                                            u"https://crm.example.com/contacts/{id}"_s } });
    QCOMPARE(set.status, 200);
    QCOMPARE(send("GET", u"/v1/me"_s, m_ana.token).json().value(u"crm_contact_url"_s).toString(),
             u"https://crm.example.com/contacts/{id}"_s);
}

// --- Click-to-call ----------------------------------------------------------------------------

void TestRelayApi::clickToCallRingsTheCallersOwnExtension()
{
    const Answer placed = send("POST", u"/v1/calls/click-to-call"_s, m_ana.token,
                               QJsonObject { { u"to"_s, u"+48 600 100 200"_s } });
    QCOMPARE(placed.status, 200);
    QCOMPARE(placed.json().value(u"from"_s).toString(), u"101"_s);
    QCOMPARE(placed.json().value(u"to"_s).toString(), u"48600100200"_s);
    QVERIFY(placed.json().value(u"time"_s).toInteger() > 0);

    const auto outcomes = m_runner->outcomes();
    QCOMPARE(outcomes.size(), 1);
    const QJsonObject asked = outcomes.constFirst()->scenario;
    QCOMPARE(asked.value(u"direction"_s).toString(), u"callback"_s);
    QCOMPARE(asked.value(u"from"_s).toString(), u"101"_s);
    QCOMPARE(asked.value(u"sip"_s).toString(), u"101"_s);
    QCOMPARE(asked.value(u"to"_s).toString(), u"48600100200"_s);
    QCOMPARE(outcomes.constFirst()->rang.constFirst(), u"101"_s);

    // Ben's call rings Ben's phone, never Ana's.
    QCOMPARE(send("POST", u"/v1/calls/click-to-call"_s, m_ben.token,
                  QJsonObject { { u"to"_s, u"+44 20 3769 1880"_s } })
                     .status,
             200);
    QCOMPARE(m_runner->outcomes().size(), 2);
    QCOMPARE(m_runner->outcomes().constLast()->scenario.value(u"from"_s).toString(), u"102"_s);
    QCOMPARE(m_runner->outcomes().constLast()->scenario.value(u"to"_s).toString(),
             u"442037691880"_s);

    QCOMPARE(auditActions().count(u"call.click_to_call"_s), 2);
}

void TestRelayApi::clickToCallRefusals()
{
    const Answer withFrom
            = send("POST", u"/v1/calls/click-to-call"_s, m_ana.token,
                   QJsonObject { { u"to"_s, u"+48600100200"_s }, { u"from"_s, u"102"_s } });
    QCOMPARE(withFrom.status, 400);
    QVERIFY(withFrom.error().contains(u"\"from\""_s));
    const Answer withSip
            = send("POST", u"/v1/calls/click-to-call"_s, m_ana.token,
                   QJsonObject { { u"to"_s, u"+48600100200"_s }, { u"sip"_s, u"102"_s } });
    QCOMPARE(withSip.status, 400);

    const Answer noNumber = send("POST", u"/v1/calls/click-to-call"_s, m_ana.token, QJsonObject {});
    QCOMPARE(noNumber.status, 400);
    QVERIFY(noNumber.error().contains(u"\"to\""_s));
    const Answer garbage = send("POST", u"/v1/calls/click-to-call"_s, m_ana.token,
                                QJsonObject { { u"to"_s, u"call me maybe"_s } });
    QCOMPARE(garbage.status, 400);

    const Account noExtension = createUser(u"eve"_s, {});
    const Answer withoutExtension = send("POST", u"/v1/calls/click-to-call"_s, noExtension.token,
                                         QJsonObject { { u"to"_s, u"+48600100200"_s } });
    QCOMPARE(withoutExtension.status, 409);
    QCOMPARE(withoutExtension.error(), u"You have no PBX extension; ask an administrator."_s);

    // Ana's extension exists here but not at the PBX: Zadarma's refusal comes through as 502.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^GET /v1/request/callback/ failed"_s));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"^POST /v1/calls/click-to-call failed"_s));
    QCOMPARE(send("PATCH", u"/v1/admin/users/%1"_s.arg(m_ana.id), m_admin.token,
                  QJsonObject { { u"extension"_s, u"555"_s } })
                     .status,
             200);
    const Answer refused = send("POST", u"/v1/calls/click-to-call"_s, m_ana.token,
                                QJsonObject { { u"to"_s, u"+48600100200"_s } });
    QCOMPARE(refused.status, 502);
    QVERIFY2(refused.error().contains(u"555"_s), qPrintable(refused.error()));
    QVERIFY(m_runner->outcomes().isEmpty());
    QVERIFY(m_relay->services().metrics->render().contains(
            "callbridge_zadarma_api_errors_total{kind=\"api\"} 1"));
}

// --- Contacts ---------------------------------------------------------------------------------

void TestRelayApi::contactTagsAndLinkAreCheckedAndSearchable()
{
    const Answer created
            = send("POST", u"/v1/contacts"_s, m_ana.token,
                   QJsonObject { { u"name"_s, u"Berta Vidal"_s },
                                 { u"phones"_s, QJsonArray { u"+34600777888"_s } },
                                 { u"tags"_s, QJsonArray { u" vip "_s, u"VIP"_s, u"wholesale"_s } },
                                 { u"external_url"_s, u"https://crm.example.com/c/77"_s } });
    QCOMPARE(created.status, 201);
    const QJsonObject card = created.json();
    // Trimmed, and the same tag twice (whatever its case) kept once.
    QCOMPARE(card.value(u"tags"_s).toArray(), (QJsonArray { u"vip"_s, u"wholesale"_s }));
    QCOMPARE(card.value(u"external_url"_s).toString(), u"https://crm.example.com/c/77"_s);
    const Answer byTag = send("GET", u"/v1/contacts?q=wholesale"_s, m_ana.token);
    QCOMPARE(field(byTag.list(u"contacts"_s), u"name"_s), QStringList { u"Berta Vidal"_s });

    const QString path = u"/v1/contacts/%1"_s.arg(card.value(u"id"_s).toInteger());
    const auto refused = [&](const QJsonObject &patch, const QString &says) {
        const Answer answer = send("PATCH", path, m_ana.token, patch);
        if (answer.status != 400 || !answer.error().contains(says)) {
            qWarning() << answer.status << answer.error();
            return false;
        }
        return true;
    };
    QVERIFY(refused({ { u"external_url"_s, u"javascript:alert(1)"_s } }, u"https://"_s));
    QVERIFY(refused({ { u"tags"_s, QJsonArray { QString(33, u'x') } } }, u"longer than 32"_s));
    QJsonArray many;
    for (int i = 0; i < 21; ++i)
        many.append(u"t%1"_s.arg(i));
    QVERIFY(refused({ { u"tags"_s, many } }, u"at most 20"_s));
    QVERIFY(refused({ { u"tags"_s, QJsonArray { u"a;b"_s } } }, u"contains ';'"_s));
    // Nothing of a refused change was kept.
    QCOMPARE(send("GET", path, m_ana.token).json().value(u"tags"_s).toArray().size(), 2);

    // Empty removes the link.
    const Answer cleared = send("PATCH", path, m_ana.token, { { u"external_url"_s, u""_s } });
    QCOMPARE(cleared.status, 200);
    QCOMPARE(cleared.json().value(u"external_url"_s).toString(), QString());
}

void TestRelayApi::contactsAreCreatedSearchedAndUpdated()
{
    const Answer created
            = send("POST", u"/v1/contacts"_s, m_ana.token,
                   QJsonObject { { u"name"_s, u"Łucja Nowak"_s },
                                 { u"company"_s, u"Acme"_s },
                                 { u"phones"_s, QJsonArray { u"+48 (600) 100-200"_s } } });
    QCOMPARE(created.status, 201);
    const QJsonObject card = created.json();
    const qint64 id = card.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(card.value(u"phones"_s).toArray(), QJsonArray { u"+48600100200"_s });
    QCOMPARE(card.value(u"source"_s).toString(), u"manual"_s);
    // An agent's new contact is theirs.
    QCOMPARE(card.value(u"responsible"_s).toObject().value(u"name"_s).toString(), u"ana"_s);
    // Routing knows it at once.
    const auto route = m_relay->services().directory->contactForNumber(u"+48600100200"_s);
    QVERIFY(route);
    QCOMPARE(route->contactId, id);
    QCOMPARE(route->responsibleUserId, m_ana.id);

    const Answer found = send("GET", u"/v1/contacts?q=acme"_s, m_ben.token);
    QCOMPARE(found.status, 200);
    QCOMPARE(field(found.list(u"contacts"_s), u"id"_s), QStringList { QString::number(id) });
    QCOMPARE(send("GET", u"/v1/contacts?q=nobody"_s, m_ben.token).list(u"contacts"_s).size(), 0);
    QCOMPARE(send("GET", u"/v1/contacts?limit=500"_s, m_ben.token).status, 400);
    QCOMPARE(send("GET", u"/v1/contacts?limit=two"_s, m_ben.token).status, 400);

    const Answer read = send("GET", u"/v1/contacts/%1"_s.arg(id), m_ben.token);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json().value(u"name"_s).toString(), u"Łucja Nowak"_s);
    QCOMPARE(send("GET", u"/v1/contacts/99999"_s, m_ben.token).status, 404);
    QCOMPARE(send("GET", u"/v1/contacts/abc"_s, m_ben.token).status, 404);

    const Answer patched = send("PATCH", u"/v1/contacts/%1"_s.arg(id), m_ana.token,
                                QJsonObject { { u"notes"_s, u"Prefers mornings"_s } });
    QCOMPARE(patched.status, 200);
    QCOMPARE(patched.json().value(u"notes"_s).toString(), u"Prefers mornings"_s);
    QCOMPARE(patched.json().value(u"company"_s).toString(), u"Acme"_s); // untouched
    QCOMPARE(send("PATCH", u"/v1/contacts/99999"_s, m_ana.token,
                  QJsonObject { { u"notes"_s, u"x"_s } })
                     .status,
             404);

    // Each change reaches the responsible agent's stream.
    int updates = 0;
    for (const FeedItem &item : feed()) {
        if (item.type == u"contact.updated") {
            ++updates;
            QCOMPARE(item.audience, QList<qint64> { m_ana.id });
            QCOMPARE(item.payload.value(u"contact"_s).toObject().value(u"id"_s).toInteger(), id);
        }
    }
    QCOMPARE(updates, 2);
}

void TestRelayApi::contactPhonesAreCheckedAndUnique()
{
    QCOMPARE(send("POST", u"/v1/contacts"_s, m_ana.token,
                  QJsonObject { { u"name"_s, u"First"_s },
                                { u"phones"_s, QJsonArray { u"+48600100200"_s } } })
                     .status,
             201);
    const Answer clash
            = send("POST", u"/v1/contacts"_s, m_ben.token,
                   QJsonObject { { u"name"_s, u"Second"_s },
                                 { u"phones"_s, QJsonArray { u"0048 600 100 200"_s } } });
    QCOMPARE(clash.status, 409);
    QVERIFY2(clash.error().contains(u"First"_s), qPrintable(clash.error()));

    const Answer unparsable
            = send("POST", u"/v1/contacts"_s, m_ben.token,
                   QJsonObject { { u"name"_s, u"Third"_s },
                                 { u"phones"_s, QJsonArray { u"not a number"_s } } });
    QCOMPARE(unparsable.status, 400);
    QVERIFY(unparsable.error().contains(u"not a number"_s));
    const Answer wrongType
            = send("POST", u"/v1/contacts"_s, m_ben.token,
                   QJsonObject { { u"name"_s, u"Third"_s }, { u"phones"_s, u"+48600100201"_s } });
    QCOMPARE(wrongType.status, 400);
    QVERIFY(wrongType.error().contains(u"\"phones\""_s));
    QCOMPARE(send("POST", u"/v1/contacts"_s, m_ben.token, QJsonObject {}).status, 400);
}

void TestRelayApi::onlyAdminsGiveContactsToOthers()
{
    const Answer given
            = send("POST", u"/v1/contacts"_s, m_ana.token,
                   QJsonObject { { u"name"_s, u"Gift"_s }, { u"responsible_id"_s, m_ben.id } });
    QCOMPARE(given.status, 403);

    const Answer own
            = send("POST", u"/v1/contacts"_s, m_ana.token,
                   QJsonObject { { u"name"_s, u"Mine"_s }, { u"responsible_id"_s, m_ana.id } });
    QCOMPARE(own.status, 201);
    const qint64 id = own.json().value(u"id"_s).toInteger();

    QCOMPARE(send("PATCH", u"/v1/contacts/%1"_s.arg(id), m_ana.token,
                  QJsonObject { { u"responsible_id"_s, m_ben.id } })
                     .status,
             403);
    // Sending the current value back is not a change.
    QCOMPARE(send("PATCH", u"/v1/contacts/%1"_s.arg(id), m_ben.token,
                  QJsonObject { { u"responsible_id"_s, m_ana.id }, { u"notes"_s, u"called"_s } })
                     .status,
             200);
    // Ben may take it himself.
    const Answer taken = send("PATCH", u"/v1/contacts/%1"_s.arg(id), m_ben.token,
                              QJsonObject { { u"responsible_id"_s, m_ben.id } });
    QCOMPARE(taken.status, 200);
    QCOMPARE(taken.json().value(u"responsible"_s).toObject().value(u"id"_s).toInteger(), m_ben.id);
    // Ana, who had it, hears about it too.
    const FeedItem last = feed().constLast();
    QCOMPARE(last.type, u"contact.updated"_s);
    QVERIFY(last.audience.contains(m_ana.id) && last.audience.contains(m_ben.id));

    const Answer byAdmin = send("PATCH", u"/v1/contacts/%1"_s.arg(id), m_admin.token,
                                QJsonObject { { u"responsible_id"_s, m_ana.id } });
    QCOMPARE(byAdmin.status, 200);
    QCOMPARE(byAdmin.json().value(u"responsible"_s).toObject().value(u"id"_s).toInteger(),
             m_ana.id);
    QCOMPARE(send("PATCH", u"/v1/contacts/%1"_s.arg(id), m_admin.token,
                  QJsonObject { { u"responsible_id"_s, 4242 } })
                     .status,
             400);
    const Answer cleared = send("PATCH", u"/v1/contacts/%1"_s.arg(id), m_admin.token,
                                QJsonObject { { u"responsible_id"_s, QJsonValue::Null } });
    QCOMPARE(cleared.status, 200);
    QVERIFY(cleared.json().value(u"responsible"_s).isNull());
}

// --- Calls and recordings ---------------------------------------------------------------------

void TestRelayApi::callsAreVisibleToTheirExtensionsOnly()
{
    const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-3600);
    ContactRecord contact;
    contact.name = u"Ana's client"_s;
    contact.phones = { u"+48600100299"_s };
    contact.responsibleUserId = m_ana.id;
    const qint64 contactId = store().createContact(contact).value();
    QVERIFY(store().saveCall(callRecord(u"in_ana"_s, u"101"_s, t0)));
    QVERIFY(store().saveCall(callRecord(u"in_ben"_s, u"102"_s, t0.addSecs(60))));
    QVERIFY(store().saveCall(
            callRecord(u"in_bens_of_anas_contact"_s, u"102"_s, t0.addSecs(120), contactId)));

    QCOMPARE(field(send("GET", u"/v1/calls"_s, m_ana.token).list(u"calls"_s), u"pbx_call_id"_s),
             QStringList { u"in_ana"_s });
    QCOMPARE(field(send("GET", u"/v1/calls"_s, m_ben.token).list(u"calls"_s), u"pbx_call_id"_s),
             QStringList({ u"in_bens_of_anas_contact"_s, u"in_ben"_s }));
    QCOMPARE(send("GET", u"/v1/calls"_s, m_admin.token).list(u"calls"_s).size(), 3);
    // Ana is responsible for the contact, so she sees its calls whoever took them.
    QCOMPARE(field(send("GET", u"/v1/calls?contact_id=%1"_s.arg(contactId), m_ana.token)
                           .list(u"calls"_s),
                   u"pbx_call_id"_s),
             QStringList { u"in_bens_of_anas_contact"_s });

    QCOMPARE(send("GET", u"/v1/calls/in_ana"_s, m_ana.token).status, 200);
    QCOMPARE(
            send("GET", u"/v1/calls/in_ana"_s, m_ana.token).json().value(u"extension"_s).toString(),
            u"101"_s);
    QCOMPARE(send("GET", u"/v1/calls/in_bens_of_anas_contact"_s, m_ana.token).status, 200);
    // Someone else's call reads exactly like one that does not exist.
    const Answer hidden = send("GET", u"/v1/calls/in_ben"_s, m_ana.token);
    const Answer missing = send("GET", u"/v1/calls/in_nothing"_s, m_ana.token);
    QCOMPARE(hidden.status, 404);
    QCOMPARE(missing.status, 404);
    QCOMPARE(hidden.error(), missing.error().replace(u"in_nothing"_s, u"in_ben"_s));
    QCOMPARE(send("GET", u"/v1/calls/in_ben"_s, m_admin.token).status, 200);

    const Account noExtension = createUser(u"eve"_s, {});
    QCOMPARE(send("GET", u"/v1/calls"_s, noExtension.token).list(u"calls"_s).size(), 0);
}

void TestRelayApi::callsArePagedWithACursor()
{
    const QDateTime t0 = QDateTime::currentDateTimeUtc().addDays(-1);
    QStringList expected;
    for (int i = 0; i < 7; ++i) {
        // Two calls share each start time: the cursor must order by id too.
        const QString id = u"in_%1"_s.arg(i);
        QVERIFY(store().saveCall(callRecord(id, u"101"_s, t0.addSecs(60 * (i / 2)))));
    }
    // Newest first; within one start time by pbx_call_id, descending.
    for (int i = 6; i >= 0; --i)
        expected.append(u"in_%1"_s.arg(i));

    QStringList seen;
    QString before;
    int pages = 0;
    do {
        const Answer page = send("GET",
                                 u"/v1/calls?limit=3"_s
                                         + (before.isEmpty() ? QString() : u"&before="_s + before),
                                 m_ana.token);
        QCOMPARE(page.status, 200);
        seen += field(page.list(u"calls"_s), u"pbx_call_id"_s);
        before = page.json().value(u"next"_s).toString();
        QVERIFY(++pages <= 3);
    } while (!before.isEmpty());
    QCOMPARE(pages, 3);
    QCOMPARE(seen.size(), 7);
    QCOMPARE(seen, expected);

    QCOMPARE(send("GET", u"/v1/calls?before=bogus!"_s, m_ana.token).status, 400);
    QCOMPARE(send("GET", u"/v1/calls?limit=0"_s, m_ana.token).status, 400);
}

void TestRelayApi::callsAreFiltered()
{
    const QDateTime t0 = QDateTime::currentDateTimeUtc().addDays(-2);
    CallRecord missed = callRecord(u"in_missed"_s, u"101"_s, t0);
    missed.state = u"missed"_s;
    missed.clientNumber = u"+442037691880"_s;
    QVERIFY(store().saveCall(missed));
    CallRecord outbound = callRecord(u"out_1"_s, u"101"_s, t0.addSecs(3600));
    outbound.direction = u"outbound"_s;
    QVERIFY(store().saveCall(outbound));

    const auto ids = [this](const QString &query) {
        return field(send("GET", u"/v1/calls?"_s + query, m_ana.token).list(u"calls"_s),
                     u"pbx_call_id"_s);
    };
    QCOMPARE(ids(u"state=missed"_s), QStringList { u"in_missed"_s });
    QCOMPARE(ids(u"direction=outbound"_s), QStringList { u"out_1"_s });
    QCOMPARE(ids(u"number=%2B44%2020%203769%201880"_s), QStringList { u"in_missed"_s });
    QCOMPARE(ids(u"from="_s + t0.addSecs(60).toString(Qt::ISODate)), QStringList { u"out_1"_s });
    QCOMPARE(ids(u"to="_s + t0.addSecs(60).toString(Qt::ISODate)), QStringList { u"in_missed"_s });
    QCOMPARE(send("GET", u"/v1/calls?state=lost"_s, m_ana.token).status, 400);
    QCOMPARE(send("GET", u"/v1/calls?direction=sideways"_s, m_ana.token).status, 400);
    QCOMPARE(send("GET", u"/v1/calls?from=yesterday"_s, m_ana.token).status, 400);
    QCOMPARE(send("GET", u"/v1/calls?number=abc"_s, m_ana.token).status, 400);
}

void TestRelayApi::recordingIsStreamedWithRanges()
{
    const QString recordingId = u"1764062100.3427761"_s;
    m_pbx->addRecording(recordingId, u"in_recorded"_s, 3);
    QVERIFY(store().saveCall(callRecord(u"in_recorded"_s, u"101"_s, QDateTime::currentDateTimeUtc(),
                                        0, recordingId)));
    const QByteArray original
            = m_pbx->download(m_pbx->createDownloadToken(recordingId, 600, nullptr)).value();

    const Answer full = send("GET", u"/v1/calls/in_recorded/recording"_s, m_ana.token);
    QCOMPARE(full.status, 200);
    QCOMPARE(full.header("Content-Type"), "audio/wav");
    QCOMPARE(full.header("Accept-Ranges"), "bytes");
    QCOMPARE(full.body.size(), original.size());
    QVERIFY(full.body == original);

    const Answer middle = send("GET", u"/v1/calls/in_recorded/recording"_s, m_ana.token, {}, {},
                               { { "Range", "bytes=100-1099" } });
    QCOMPARE(middle.status, 206);
    QCOMPARE(middle.header("Content-Range"),
             "bytes 100-1099/" + QByteArray::number(original.size()));
    QVERIFY(middle.body == full.body.mid(100, 1000));

    const Answer tail = send("GET", u"/v1/calls/in_recorded/recording"_s, m_ana.token, {}, {},
                             { { "Range", "bytes=-44" } });
    QCOMPARE(tail.status, 206);
    QVERIFY(tail.body == full.body.right(44));

    const Answer beyond = send("GET", u"/v1/calls/in_recorded/recording"_s, m_ana.token, {}, {},
                               { { "Range", "bytes=99999999-" } });
    QCOMPARE(beyond.status, 416);

    // A player's many requests are one audit entry, and one download.
    QCOMPARE(auditActions().count(u"recording.fetch"_s), 1);
    QCOMPARE(m_relay->services().store->audit(1, 0).value().constFirst().detail,
             u"pbx_call_id=in_recorded, user=ana"_s);
    QCOMPARE(QDir(m_data->filePath(u"recordings"_s)).entryList(QDir::Files).size(), 1);

    // An admin's fetch is audited in the admin's name.
    QCOMPARE(send("GET", u"/v1/calls/in_recorded/recording"_s, m_admin.token).status, 200);
    QCOMPARE(auditActions().count(u"recording.fetch"_s), 2);
}

void TestRelayApi::recordingOfAnotherExtensionIsHidden()
{
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"^GET /v1/pbx/record/request/ failed"_s));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"^Zadarma refused.*Recording not found"_s));
    const QString recordingId = u"1764062100.1111111"_s;
    m_pbx->addRecording(recordingId, u"in_bens"_s, 3);
    QVERIFY(store().saveCall(
            callRecord(u"in_bens"_s, u"102"_s, QDateTime::currentDateTimeUtc(), 0, recordingId)));
    QVERIFY(store().saveCall(
            callRecord(u"in_unrecorded"_s, u"101"_s, QDateTime::currentDateTimeUtc())));

    QCOMPARE(send("GET", u"/v1/calls/in_bens/recording"_s, m_ana.token).status, 404);
    QCOMPARE(send("GET", u"/v1/calls/in_bens/recording"_s, m_ana.token, {}, {},
                  { { "Range", "bytes=0-10" } })
                     .status,
             404);
    const Answer unrecorded = send("GET", u"/v1/calls/in_unrecorded/recording"_s, m_ana.token);
    QCOMPARE(unrecorded.status, 404);
    QVERIFY(unrecorded.error().contains(u"no recording"_s));
    QCOMPARE(auditActions().count(u"recording.fetch"_s), 0);
    QCOMPARE(send("GET", u"/v1/calls/in_bens/recording"_s, m_ben.token).status, 200);

    // A recording Zadarma does not have: 502 with Zadarma's message.
    QVERIFY(store().saveCall(callRecord(u"in_lost"_s, u"101"_s, QDateTime::currentDateTimeUtc(), 0,
                                        u"1764062100.9999999"_s)));
    const Answer lost = send("GET", u"/v1/calls/in_lost/recording"_s, m_ana.token);
    QCOMPARE(lost.status, 502);
    QVERIFY(!lost.error().isEmpty());
}

// --- Tasks ------------------------------------------------------------------------------------

void TestRelayApi::tasksAreListedDoneAndSnoozed()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<qint64> ids;
    for (const qint64 assignee : { m_ana.id, m_ana.id, m_ben.id }) {
        TaskRecord task;
        task.title = u"Call back"_s;
        task.assigneeUserId = assignee;
        task.dueAt = now;
        task.createdAt = now;
        ids.append(store().createTask(task).value());
    }

    const Answer own = send("GET", u"/v1/tasks"_s, m_ana.token);
    QCOMPARE(own.status, 200);
    QCOMPARE(field(own.list(u"tasks"_s), u"id"_s),
             QStringList({ QString::number(ids[0]), QString::number(ids[1]) }));
    QCOMPARE(send("GET", u"/v1/tasks?assignee=all"_s, m_admin.token).list(u"tasks"_s).size(), 3);
    QCOMPARE(send("GET", u"/v1/tasks?assignee=%1"_s.arg(m_ben.id), m_admin.token)
                     .list(u"tasks"_s)
                     .size(),
             1);
    const Answer paged = send("GET", u"/v1/tasks?limit=1"_s, m_ana.token);
    QCOMPARE(paged.json().value(u"next"_s).toInteger(), ids[0]);
    QCOMPARE(field(send("GET", u"/v1/tasks?limit=1&after=%1"_s.arg(ids[0]), m_ana.token)
                           .list(u"tasks"_s),
                   u"id"_s),
             QStringList { QString::number(ids[1]) });

    const Answer done = send("POST", u"/v1/tasks/%1/done"_s.arg(ids[0]), m_ana.token);
    QCOMPARE(done.status, 200);
    QCOMPARE(done.json().value(u"done"_s).toBool(), true);
    QCOMPARE(send("POST", u"/v1/tasks/%1/done"_s.arg(ids[0]), m_ana.token).status, 200);
    QCOMPARE(field(send("GET", u"/v1/tasks?done=false"_s, m_ana.token).list(u"tasks"_s), u"id"_s),
             QStringList { QString::number(ids[1]) });
    QCOMPARE(field(send("GET", u"/v1/tasks?done=true"_s, m_ana.token).list(u"tasks"_s), u"id"_s),
             QStringList { QString::number(ids[0]) });
    QCOMPARE(send("GET", u"/v1/tasks?done=maybe"_s, m_ana.token).status, 400);

    const Answer snoozed = send("POST", u"/v1/tasks/%1/snooze"_s.arg(ids[1]), m_ana.token,
                                QJsonObject { { u"minutes"_s, 30 } });
    QCOMPARE(snoozed.status, 200);
    const QDateTime due = dateTimeFromJson(snoozed.json().value(u"due_at"_s));
    QVERIFY(qAbs(due.secsTo(QDateTime::currentDateTimeUtc().addSecs(1800))) < 60);
    const QDateTime later = QDateTime::currentDateTimeUtc().addDays(2);
    const Answer until = send("POST", u"/v1/tasks/%1/snooze"_s.arg(ids[1]), m_ana.token,
                              QJsonObject { { u"until"_s, later.toString(Qt::ISODate) } });
    QCOMPARE(until.status, 200);
    QCOMPARE(dateTimeFromJson(until.json().value(u"due_at"_s)).toSecsSinceEpoch(),
             later.toSecsSinceEpoch());
    QCOMPARE(store().task(ids[1]).value()->dueAt.toSecsSinceEpoch(), later.toSecsSinceEpoch());

    for (const QJsonObject &bad :
         { QJsonObject { { u"minutes"_s, 0 } }, QJsonObject { { u"minutes"_s, 10081 } },
           QJsonObject { { u"minutes"_s, 1.5 } }, QJsonObject {},
           QJsonObject { { u"minutes"_s, 5 }, { u"until"_s, later.toString(Qt::ISODate) } },
           QJsonObject { { u"until"_s, u"2001-01-01T00:00:00Z"_s } },
           QJsonObject { { u"until"_s, u"next week"_s } } }) {
        const Answer refused = send("POST", u"/v1/tasks/%1/snooze"_s.arg(ids[1]), m_ana.token, bad);
        QVERIFY2(refused.status == 400, refused.body.constData());
    }
    QCOMPARE(send("POST", u"/v1/tasks/%1/snooze"_s.arg(ids[0]), m_ana.token,
                  QJsonObject { { u"minutes"_s, 5 } })
                     .status,
             409);

    // Every change went to the assignee's stream.
    int updates = 0;
    for (const FeedItem &item : feed()) {
        if (item.type == u"task.updated") {
            ++updates;
            QCOMPARE(item.audience, QList<qint64> { m_ana.id });
        }
    }
    QCOMPARE(updates, 3);
}

void TestRelayApi::tasksOfOthersAreRefused()
{
    TaskRecord task;
    task.title = u"Ben's"_s;
    task.assigneeUserId = m_ben.id;
    task.dueAt = QDateTime::currentDateTimeUtc();
    const qint64 id = store().createTask(task).value();

    QCOMPARE(send("GET", u"/v1/tasks?assignee=all"_s, m_ana.token).status, 403);
    QCOMPARE(send("GET", u"/v1/tasks?assignee=%1"_s.arg(m_ben.id), m_ana.token).status, 403);
    QCOMPARE(send("POST", u"/v1/tasks/%1/done"_s.arg(id), m_ana.token).status, 403);
    QCOMPARE(send("POST", u"/v1/tasks/%1/snooze"_s.arg(id), m_ana.token,
                  QJsonObject { { u"minutes"_s, 5 } })
                     .status,
             403);
    QCOMPARE(store().task(id).value()->done, false);
    QCOMPARE(send("POST", u"/v1/tasks/99999/done"_s, m_ana.token).status, 404);
    QCOMPARE(send("POST", u"/v1/tasks/%1/done"_s.arg(id), m_admin.token).status, 200);
}

// --- Zadarma administration -------------------------------------------------------------------

void TestRelayApi::credentialsAreWriteOnlyAndChecked()
{
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"^GET /v1/info/balance/ failed.*Auth error"_s));
    startRelay(false);
    const QString secretsPath = m_relay->services().secretsFile;
    QCOMPARE(send("GET", u"/v1/admin/zadarma/credentials"_s, m_admin.token).json(),
             QJsonObject({ { u"configured"_s, false } }));

    const Answer wrong = send("PUT", u"/v1/admin/zadarma/credentials"_s, m_admin.token,
                              QJsonObject { { u"key"_s, QString::fromLatin1(simKey) },
                                            { u"secret"_s, u"not-the-secret"_s } });
    QCOMPARE(wrong.status, 400);
    QVERIFY2(wrong.error().contains(u"did not accept"_s), qPrintable(wrong.error()));
    QVERIFY(!wrong.body.contains("not-the-secret"));
    QVERIFY(!QFile::exists(secretsPath));
    QCOMPARE(send("GET", u"/v1/admin/zadarma/credentials"_s, m_admin.token)
                     .json()
                     .value(u"configured"_s),
             false);
    QCOMPARE(send("PUT", u"/v1/admin/zadarma/credentials"_s, m_admin.token,
                  QJsonObject { { u"key"_s, QString::fromLatin1(simKey) } })
                     .status,
             400);

    const Answer right = send("PUT", u"/v1/admin/zadarma/credentials"_s, m_admin.token,
                              QJsonObject { { u"key"_s, QString::fromLatin1(simKey) },
                                            { u"secret"_s, QString::fromLatin1(simSecret) } });
    QCOMPARE(right.status, 204);
    QVERIFY(right.body.isEmpty());
    QVERIFY(QFile::exists(secretsPath));
    QCOMPARE(QFile::permissions(secretsPath)
                     & ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser),
             QFile::Permissions());
    const auto saved = SecretsFile(secretsPath).read();
    QVERIFY(saved);
    QCOMPARE(saved->key, simKey);
    QCOMPARE(saved->secret, simSecret);

    const Answer configured = send("GET", u"/v1/admin/zadarma/credentials"_s, m_admin.token);
    QCOMPARE(configured.json(), QJsonObject({ { u"configured"_s, true } }));
    QVERIFY(!configured.body.contains(simKey) && !configured.body.contains(simSecret));
    QCOMPARE(send("GET", u"/v1/admin/balance"_s, m_admin.token).status, 200);
    QVERIFY(m_relay->services().zadarma->hasCredentials());
    // With credentials the relay learns the account's time zone at once, not at the next start.
    QTRY_VERIFY(store().settings()->contains(u"zadarma.utc_offset"_s));
    QCOMPARE(m_relay->services().directory->accountUtcOffsetSeconds(),
             store().settings()->value(u"zadarma.utc_offset"_s).toInt());

    const QList<AuditEntry> audit = store().audit(10, 0).value();
    const auto entry = std::find_if(audit.cbegin(), audit.cend(), [](const AuditEntry &e) {
        return e.action == u"zadarma.credentials";
    });
    QVERIFY(entry != audit.cend());
    QVERIFY(!entry->detail.contains(QString::fromLatin1(simSecret)));
    QVERIFY(!entry->detail.contains(QString::fromLatin1(simKey)));
    QCOMPARE(entry->actor, u"root"_s);
}

void TestRelayApi::zadarmaCallsNeedCredentials()
{
    for (int i = 0; i < 4; ++i)
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(u"failed: Zadarma client is not configured"_s));
    startRelay(false);
    const Answer balance = send("GET", u"/v1/admin/balance"_s, m_admin.token);
    QCOMPARE(balance.status, 503);
    QVERIFY(balance.error().contains(u"credentials"_s));
    QCOMPARE(send("POST", u"/v1/admin/zadarma/test"_s, m_admin.token).status, 503);
    QCOMPARE(send("GET", u"/v1/admin/extensions"_s, m_admin.token).status, 503);
    QCOMPARE(send("POST", u"/v1/calls/click-to-call"_s, m_ana.token,
                  QJsonObject { { u"to"_s, u"+48600100200"_s } })
                     .status,
             503);
    QCOMPARE(send("POST", u"/v1/admin/backfill"_s, m_admin.token).status, 503);
    QVERIFY(m_runner->outcomes().isEmpty());
}

void TestRelayApi::balanceTestAndExtensions()
{
    const Answer balance = send("GET", u"/v1/admin/balance"_s, m_admin.token);
    QCOMPARE(balance.status, 200);
    QCOMPARE(balance.json().value(u"balance"_s).toDouble(), 125.5);
    QCOMPARE(balance.json().value(u"currency"_s).toString(), u"USD"_s);

    const Answer test = send("POST", u"/v1/admin/zadarma/test"_s, m_admin.token);
    QCOMPARE(test.status, 200);
    QCOMPARE(test.json().value(u"ok"_s).toBool(), true);
    QCOMPARE(test.json().value(u"currency"_s).toString(), u"USD"_s);
    QVERIFY(test.json().value(u"round_trip_ms"_s).toInteger() >= 0);

    const Answer extensions = send("GET", u"/v1/admin/extensions"_s, m_admin.token);
    QCOMPARE(extensions.status, 200);
    QCOMPARE(extensions.json().value(u"pbx_id"_s).toInteger(), 12345);
    const QJsonArray list = extensions.list(u"extensions"_s);
    QCOMPARE(list.size(), 10);
    for (const QJsonValue &value : list) {
        const QJsonObject entry = value.toObject();
        const QString number = entry.value(u"extension"_s).toString();
        const bool taken = number == u"101" || number == u"102";
        QCOMPARE(entry.value(u"free"_s).toBool(), !taken);
        if (number == u"101")
            QCOMPARE(entry.value(u"user"_s).toObject(),
                     QJsonObject({ { u"id"_s, m_ana.id }, { u"name"_s, u"ana"_s } }));
        if (!taken)
            QVERIFY(entry.value(u"user"_s).isNull());
    }
}

// --- Users, settings, blacklist, audit --------------------------------------------------------

void TestRelayApi::usersAreManaged()
{
    const Answer created = send("POST", u"/v1/admin/users"_s, m_admin.token,
                                QJsonObject { { u"name"_s, u"cleo"_s },
                                              { u"display_name"_s, u"Cleo Ruiz"_s },
                                              { u"role"_s, u"admin"_s },
                                              { u"extension"_s, u"103"_s } });
    QCOMPARE(created.status, 201);
    const QString token = created.json().value(u"token"_s).toString();
    QVERIFY(AccessToken::isWellFormed(token));
    const QJsonObject user = created.json().value(u"user"_s).toObject();
    const qint64 id = user.value(u"id"_s).toInteger();
    QCOMPARE(user.value(u"role"_s).toString(), u"admin"_s);
    QVERIFY(!created.body.contains("hash"));
    // Only the hash is stored.
    const QList<UserRecord> users = store().users().value();
    for (const UserRecord &stored : users) {
        if (stored.id == id)
            QCOMPARE(stored.tokenHash, AccessToken::hash(token));
    }
    QCOMPARE(send("GET", u"/v1/me"_s, token).json().value(u"name"_s).toString(), u"cleo"_s);
    QCOMPARE(send("GET", u"/v1/admin/users"_s, m_admin.token).list(u"users"_s).size(), 4);

    QCOMPARE(send("POST", u"/v1/admin/users"_s, m_admin.token,
                  QJsonObject { { u"name"_s, u"cleo"_s } })
                     .status,
             409);
    QCOMPARE(send("POST", u"/v1/admin/users"_s, m_admin.token,
                  QJsonObject { { u"name"_s, u"dan"_s }, { u"role"_s, u"boss"_s } })
                     .status,
             400);
    QCOMPARE(send("POST", u"/v1/admin/users"_s, m_admin.token,
                  QJsonObject { { u"name"_s, u"dan"_s }, { u"extension"_s, u"ext1"_s } })
                     .status,
             400);
    QCOMPARE(send("POST", u"/v1/admin/users"_s, m_admin.token,
                  QJsonObject { { u"name"_s, u"two words"_s } })
                     .status,
             400);

    const Answer demoted
            = send("PATCH", u"/v1/admin/users/%1"_s.arg(id), m_admin.token,
                   QJsonObject { { u"role"_s, u"agent"_s }, { u"extension"_s, u""_s } });
    QCOMPARE(demoted.status, 200);
    QCOMPARE(demoted.json().value(u"role"_s).toString(), u"agent"_s);
    QCOMPARE(demoted.json().value(u"extension"_s).toString(), QString());
    QCOMPARE(send("GET", u"/v1/admin/users"_s, token).status, 403); // applies at once
    QCOMPARE(send("PATCH", u"/v1/admin/users/%1"_s.arg(m_admin.id), m_admin.token,
                  QJsonObject { { u"role"_s, u"agent"_s } })
                     .status,
             409);
    QCOMPARE(send("PATCH", u"/v1/admin/users/99999"_s, m_admin.token,
                  QJsonObject { { u"role"_s, u"agent"_s } })
                     .status,
             404);

    const Answer rotated = send("POST", u"/v1/admin/users/%1/token"_s.arg(id), m_admin.token);
    QCOMPARE(rotated.status, 200);
    const QString newToken = rotated.json().value(u"token"_s).toString();
    QVERIFY(newToken != token);
    QCOMPARE(send("GET", u"/v1/me"_s, token).status, 401);
    QCOMPARE(send("GET", u"/v1/me"_s, newToken).status, 200);

    const Answer self = send("DELETE", u"/v1/admin/users/%1"_s.arg(m_admin.id), m_admin.token);
    QCOMPARE(self.status, 409);
    QVERIFY(self.error().contains(u"yourself"_s));
    QCOMPARE(send("DELETE", u"/v1/admin/users/%1"_s.arg(id), m_admin.token).status, 204);
    QCOMPARE(send("DELETE", u"/v1/admin/users/%1"_s.arg(id), m_admin.token).status, 404);
    QCOMPARE(send("GET", u"/v1/me"_s, newToken).status, 401);

    const QStringList actions = auditActions();
    for (const QString &action :
         { u"user.create"_s, u"user.update"_s, u"user.token"_s, u"user.remove"_s })
        QVERIFY2(actions.contains(action), qPrintable(action));
    const QList<AuditEntry> entries = store().audit(100, 0).value();
    for (const AuditEntry &entry : entries)
        QVERIFY(!entry.detail.contains(token) && !entry.detail.contains(newToken));
}

void TestRelayApi::extensionsCannotBeGivenTwice()
{
    const Answer twice
            = send("POST", u"/v1/admin/users"_s, m_admin.token,
                   QJsonObject { { u"name"_s, u"dan"_s }, { u"extension"_s, u"101"_s } });
    QCOMPARE(twice.status, 409);
    QVERIFY2(twice.error().contains(u"101"_s) && twice.error().contains(u"ana"_s),
             qPrintable(twice.error()));

    const Answer moved = send("PATCH", u"/v1/admin/users/%1"_s.arg(m_ben.id), m_admin.token,
                              QJsonObject { { u"extension"_s, u"101"_s } });
    QCOMPARE(moved.status, 409);
    QVERIFY(moved.error().contains(u"ana"_s));
    QCOMPARE(m_relay->services().directory->userByExtension(u"101"_s)->name, u"ana"_s);
    QCOMPARE(m_relay->services().directory->userByExtension(u"102"_s)->name, u"ben"_s);

    // Freed, it can be given again, and routing follows at once.
    QCOMPARE(send("PATCH", u"/v1/admin/users/%1"_s.arg(m_ana.id), m_admin.token,
                  QJsonObject { { u"extension"_s, QJsonValue::Null } })
                     .status,
             200);
    QCOMPARE(send("PATCH", u"/v1/admin/users/%1"_s.arg(m_ben.id), m_admin.token,
                  QJsonObject { { u"extension"_s, u"101"_s } })
                     .status,
             200);
    QCOMPARE(m_relay->services().directory->userByExtension(u"101"_s)->name, u"ben"_s);
    QVERIFY(!m_relay->services().directory->userByExtension(u"102"_s));
}

void TestRelayApi::settingsAreValidatedAndApplied()
{
    const Answer initial = send("GET", u"/v1/admin/settings"_s, m_admin.token);
    QCOMPARE(initial.status, 200);
    QCOMPARE(initial.json()
                     .value(u"settings"_s)
                     .toObject()
                     .value(u"routing.caller_name"_s)
                     .toString(),
             u"true"_s);
    QCOMPARE(initial.list(u"keys"_s).size(), RelaySettings::keys().size());
    QVERIFY(!initial.list(u"keys"_s)
                     .first()
                     .toObject()
                     .value(u"description"_s)
                     .toString()
                     .isEmpty());

    const Answer changed = send("PUT", u"/v1/admin/settings"_s, m_admin.token,
                                QJsonObject { { u"routing.caller_name"_s, false },
                                              { u"routing.return_timeout"_s, 35 },
                                              { u"users.default_responsible"_s, u"ben"_s },
                                              { u"phone.default_region"_s, u"pl"_s } });
    QCOMPARE(changed.status, 200);
    const QJsonObject values = changed.json().value(u"settings"_s).toObject();
    QCOMPARE(values.value(u"routing.caller_name"_s).toString(), u"false"_s);
    QCOMPARE(values.value(u"routing.return_timeout"_s).toString(), u"35"_s);
    QCOMPARE(values.value(u"phone.default_region"_s).toString(), u"PL"_s);
    const RoutingPolicy &policy = m_relay->services().directory->policy();
    QCOMPARE(policy.sendCallerName, false);
    QCOMPARE(policy.returnTimeoutSeconds, 35);
    QCOMPARE(policy.defaultResponsible, u"ben"_s);
    QCOMPARE(m_relay->services().directory->defaultResponsible()->id, m_ben.id);
    // The region applies to numbers from now on.
    QCOMPARE(m_relay->services().directory->canonicalNumber(u"600 100 200"_s), u"+48600100200"_s);

    // All or nothing: one bad value and nothing is written.
    const Answer bad = send("PUT", u"/v1/admin/settings"_s, m_admin.token,
                            QJsonObject { { u"routing.caller_name"_s, true },
                                          { u"routing.return_timeout"_s, u"soon"_s } });
    QCOMPARE(bad.status, 400);
    QVERIFY2(bad.error().contains(u"routing.return_timeout"_s), qPrintable(bad.error()));
    QCOMPARE(m_relay->services().directory->policy().sendCallerName, false);
    QCOMPARE(store().settings().value().value(u"routing.caller_name"_s), u"false"_s);

    const Answer unknown = send("PUT", u"/v1/admin/settings"_s, m_admin.token,
                                QJsonObject { { u"routing.teleport"_s, true } });
    QCOMPARE(unknown.status, 400);
    QVERIFY(unknown.error().contains(u"routing.teleport"_s));
    const Answer nobody = send("PUT", u"/v1/admin/settings"_s, m_admin.token,
                               QJsonObject { { u"users.default_responsible"_s, u"nobody"_s } });
    QCOMPARE(nobody.status, 400);
    QVERIFY(nobody.error().contains(u"nobody"_s));
    QCOMPARE(send("PUT", u"/v1/admin/settings"_s, m_admin.token, QJsonObject {}).status, 400);

    // null puts a setting back to its default.
    const Answer reset = send("PUT", u"/v1/admin/settings"_s, m_admin.token,
                              QJsonObject { { u"routing.caller_name"_s, QJsonValue::Null },
                                            { u"users.default_responsible"_s, u""_s } });
    QCOMPARE(reset.status, 200);
    QCOMPARE(m_relay->services().directory->policy().sendCallerName, true);
    QVERIFY(!m_relay->services().directory->defaultResponsible());
    QCOMPARE(auditActions().count(u"settings.set"_s), 2);
}

void TestRelayApi::blacklistIsNormalised()
{
    const Answer added = send(
            "POST", u"/v1/admin/blacklist"_s, m_admin.token,
            QJsonObject { { u"number"_s, u"+48 (600) 100-200"_s }, { u"reason"_s, u"spam"_s } });
    QCOMPARE(added.status, 201);
    QCOMPARE(added.json().value(u"number"_s).toString(), u"+48600100200"_s);
    QVERIFY(m_relay->services().directory->isBlacklisted(u"+48600100200"_s));
    QVERIFY(m_relay->services().directory->routeInbound(u"48600100200"_s).hangUp);

    const Answer list = send("GET", u"/v1/admin/blacklist"_s, m_admin.token);
    QCOMPARE(field(list.list(u"blacklist"_s), u"number"_s), QStringList { u"+48600100200"_s });
    QCOMPARE(list.list(u"blacklist"_s).first().toObject().value(u"reason"_s).toString(), u"spam"_s);

    QCOMPARE(send("POST", u"/v1/admin/blacklist"_s, m_admin.token,
                  QJsonObject { { u"number"_s, u"spam"_s } })
                     .status,
             400);
    QCOMPARE(send("POST", u"/v1/admin/blacklist"_s, m_admin.token,
                  QJsonObject { { u"reason"_s, u"x"_s } })
                     .status,
             400);
    QCOMPARE(send("DELETE", u"/v1/admin/blacklist/garbage"_s, m_admin.token).status, 400);

    QCOMPARE(send("DELETE", u"/v1/admin/blacklist/%2B48600100200"_s, m_admin.token).status, 204);
    QVERIFY(!m_relay->services().directory->isBlacklisted(u"+48600100200"_s));
    QCOMPARE(send("DELETE", u"/v1/admin/blacklist/%2B48600100200"_s, m_admin.token).status, 404);
    QCOMPARE(send("GET", u"/v1/admin/blacklist"_s, m_admin.token).list(u"blacklist"_s).size(), 0);
    QCOMPARE(send("POST", u"/v1/admin/blacklist"_s, m_ana.token,
                  QJsonObject { { u"number"_s, u"+48600100200"_s } })
                     .status,
             403);

    const QStringList actions = auditActions();
    QCOMPARE(actions.count(u"blacklist.add"_s), 1);
    QCOMPARE(actions.count(u"blacklist.remove"_s), 1);
}

void TestRelayApi::auditAndLeadsArePaged()
{
    // init() created two users through the API.
    const Answer first = send("GET", u"/v1/admin/audit?limit=1"_s, m_admin.token);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.list(u"entries"_s).size(), 1);
    const QJsonObject newest = first.list(u"entries"_s).first().toObject();
    QCOMPARE(newest.value(u"action"_s).toString(), u"user.create"_s);
    QCOMPARE(newest.value(u"actor"_s).toString(), u"root"_s);
    QVERIFY(newest.value(u"detail"_s).toString().contains(u"ben"_s));
    const qint64 next = first.json().value(u"next"_s).toInteger();
    QVERIFY(next > 0);
    const Answer second
            = send("GET", u"/v1/admin/audit?limit=5&before=%1"_s.arg(next), m_admin.token);
    QCOMPARE(second.list(u"entries"_s).size(), 1);
    QVERIFY(second.list(u"entries"_s)
                    .first()
                    .toObject()
                    .value(u"detail"_s)
                    .toString()
                    .contains(u"ana"_s));
    QVERIFY(second.json().value(u"next"_s).isNull());

    ContactRecord contact;
    contact.name = u"Lead"_s;
    contact.phones = { u"+48600100277"_s };
    const qint64 contactId = store().createContact(contact).value();
    for (int i = 0; i < 3; ++i) {
        LeadRecord lead;
        lead.contactId = contactId;
        lead.pbxCallId = u"in_lead%1"_s.arg(i);
        QVERIFY(store().createLead(lead));
    }
    const Answer leads = send("GET", u"/v1/admin/leads?limit=2"_s, m_admin.token);
    QCOMPARE(leads.status, 200);
    QCOMPARE(field(leads.list(u"leads"_s), u"pbx_call_id"_s),
             QStringList({ u"in_lead0"_s, u"in_lead1"_s }));
    const Answer rest = send(
            "GET", u"/v1/admin/leads?after=%1"_s.arg(leads.json().value(u"next"_s).toInteger()),
            m_admin.token);
    QCOMPARE(field(rest.list(u"leads"_s), u"pbx_call_id"_s), QStringList { u"in_lead2"_s });
    QCOMPARE(send("GET", u"/v1/admin/leads"_s, m_ana.token).status, 403);
}

void TestRelayApi::backfillIsStartedAndReported()
{
    const QDateTime to = QDateTime::currentDateTimeUtc();
    const Answer started
            = send("POST", u"/v1/admin/backfill"_s, m_admin.token,
                   QJsonObject { { u"from"_s, to.addSecs(-3600).toString(Qt::ISODate) },
                                 { u"to"_s, to.toString(Qt::ISODate) } });
    QCOMPARE(started.status, 202);
    QVERIFY(started.json().contains(u"running"_s));
    QCOMPARE(auditActions().count(u"backfill.start"_s), 1);
    QCOMPARE(send("POST", u"/v1/admin/backfill"_s, m_admin.token,
                  QJsonObject { { u"from"_s, to.toString(Qt::ISODate) },
                                { u"to"_s, to.addSecs(-60).toString(Qt::ISODate) } })
                     .status,
             400);
    QTRY_VERIFY_WITH_TIMEOUT(!send("GET", u"/v1/admin/backfill"_s, m_admin.token)
                                      .json()
                                      .value(u"running"_s)
                                      .toBool(),
                             10'000);
    const Answer status = send("GET", u"/v1/admin/backfill"_s, m_admin.token);
    QCOMPARE(status.status, 200);
    QVERIFY(status.json().value(u"error"_s).isNull());
    QCOMPARE(send("GET", u"/v1/admin/backfill"_s, m_ana.token).status, 403);
}

QTEST_GUILESS_MAIN(TestRelayApi)
#include "TestRelayApi.moc"
