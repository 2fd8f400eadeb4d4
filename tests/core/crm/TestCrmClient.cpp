// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/crm/CrmClient.h"
#include "core/crm/CrmMapping.h"
#include "tests/support/FakeCrm.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>

#include <memory>
#include <optional>

using namespace CallBridge;
using Test::FakeCrm;

namespace {

QStringList g_logged;
QMutex g_loggedMutex;

void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    QMutexLocker lock(&g_loggedMutex);
    g_logged.append(message);
}

// Runs one client call to its end; the callback always comes from the event loop.
template<typename T, typename Start> std::optional<CrmResult<T>> run(Start start)
{
    auto result = std::make_shared<std::optional<CrmResult<T>>>();
    start([result](CrmResult<T> value) { result->emplace(std::move(value)); });
    if (result->has_value())
        return std::nullopt; // must not be synchronous
    if (!QTest::qWaitFor([&] { return result->has_value(); }, 5000))
        return std::nullopt;
    return *result;
}

CrmVariables callVariables(const QString &contactId, const QString &pbxCallId)
{
    return CrmVariables {
        { QStringLiteral("contact.id"), contactId },
        { QStringLiteral("call.pbx_call_id"), pbxCallId },
        { QStringLiteral("call.direction"), QStringLiteral("inbound") },
        { QStringLiteral("call.client_number"), QStringLiteral("+4930123456") },
        { QStringLiteral("call.our_number"), QStringLiteral("+4930999000") },
        { QStringLiteral("call.started_at"), QStringLiteral("2026-03-01T10:15:00Z") },
        { QStringLiteral("call.duration_seconds"), 125 },
        { QStringLiteral("call.disposition"), QStringLiteral("answered") },
        { QStringLiteral("call.recording_url"), QStringLiteral("https://relay.example/rec/1") },
        { QStringLiteral("call.agent_extension"), QStringLiteral("101") },
        { QStringLiteral("agent.name"), QStringLiteral("Anna") },
    };
}

} // namespace

class TestCrmClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void lookupFound();
    void lookupNotFound();
    void lookupBySecondPhone();
    void createContact();
    void createLead();
    void pushCall();
    void createTask();
    void authHeaderSentAndSecretsNotLogged();
    void missingSecrets();
    void slowAnswerIsRetryableAndAmbiguous();
    void hangingLookupIsRetryableNotAmbiguous();
    void serverError();
    void rateLimitedHonoursRetryAfter();
    void badRequestIsNotRetryable();
    void garbageAnswer();
    void connectionRefused();
    void findAfterDroppedAnswer();
    void findNeedsItsVariables();
    void answerTooLarge();

private:
    std::unique_ptr<CrmClient> makeClient(int timeoutMs = 2000, QByteArray apiKey = {},
                                          const QByteArray &mappingPatch = {});

    std::unique_ptr<FakeCrm> m_crm;
};

std::unique_ptr<CrmClient> TestCrmClient::makeClient(int timeoutMs, QByteArray apiKey,
                                                     const QByteArray &mappingPatch)
{
    QFile file(QStringLiteral(CALLBRIDGE_SOURCE_DIR "/crm/espocrm.json"));
    if (!file.open(QIODevice::ReadOnly))
        return nullptr;
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject patch = QJsonDocument::fromJson(mappingPatch).object();
    for (auto it = patch.begin(); it != patch.end(); ++it)
        root.insert(it.key(), it.value());
    Result<CrmMapping> mapping = CrmMapping::fromJson(QJsonDocument(root).toJson(),
                                                      QStringLiteral("crm/espocrm.json"));
    if (!mapping) {
        qWarning() << mapping.error().message;
        return nullptr;
    }
    CrmClientConfig config;
    config.baseUrl = m_crm->url();
    config.secrets.insert(QStringLiteral("api_key"),
                          QString::fromLatin1(apiKey.isEmpty() ? m_crm->apiKey() : apiKey));
    config.timeoutMs = timeoutMs;
    return std::make_unique<CrmClient>(std::move(mapping).value(), config);
}

void TestCrmClient::init()
{
    m_crm = std::make_unique<FakeCrm>();
}

void TestCrmClient::cleanup()
{
    m_crm.reset();
}

void TestCrmClient::lookupFound()
{
    const QString id = m_crm->addContact(
            QStringLiteral("Jürgen"), QStringLiteral("Müller"), { QStringLiteral("+4930123456") },
            QJsonObject { { QStringLiteral("accountName"), QStringLiteral("Müller GmbH") },
                          { QStringLiteral("emailAddress"), QStringLiteral("jm@example.com") },
                          { QStringLiteral("assignedUserName"), QStringLiteral("Anna Schmidt") } });
    m_crm->addContact(QStringLiteral("Other"), QStringLiteral("Person"),
                      { QStringLiteral("+4930555555") });
    auto client = makeClient();
    QVERIFY(client);
    const auto result = run<std::optional<CrmContact>>(
            [&](auto done) { client->lookup(QStringLiteral("+4930123456"), done); });
    QVERIFY(result);
    QVERIFY2(*result, qPrintable(result->hasValue() ? QString() : result->error().message));
    QVERIFY(result->value().has_value());
    const CrmContact &contact = *result->value();
    QCOMPARE(contact.id, id);
    QCOMPARE(contact.name, QStringLiteral("Jürgen Müller"));
    QCOMPARE(contact.company, QStringLiteral("Müller GmbH"));
    QCOMPARE(contact.email, QStringLiteral("jm@example.com"));
    QCOMPARE(contact.responsible, QStringLiteral("Anna Schmidt"));
    QCOMPARE(contact.phones, QStringList { QStringLiteral("+4930123456") });
    QCOMPARE(contact.url, m_crm->url().toString() + QStringLiteral("/#Contact/view/") + id);

    const FakeCrm::Request &request = m_crm->requests().last();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, QByteArray("/api/v1/Contact"));
    const QUrlQuery query(QString::fromUtf8(request.query));
    QCOMPARE(query.queryItemValue(QStringLiteral("where[0][value][0][value]"), QUrl::FullyDecoded),
             QStringLiteral("+4930123456"));
}

void TestCrmClient::lookupNotFound()
{
    m_crm->addContact(QStringLiteral("Other"), QStringLiteral("Person"),
                      { QStringLiteral("+4930555555") });
    auto client = makeClient();
    QVERIFY(client);
    const auto result = run<std::optional<CrmContact>>(
            [&](auto done) { client->lookup(QStringLiteral("+4930123456"), done); });
    QVERIFY(result && *result);
    QVERIFY(!result->value().has_value());
}

void TestCrmClient::lookupBySecondPhone()
{
    const QString id = m_crm->addContact(
            QStringLiteral("Jane"), QStringLiteral("Roe"),
            { QStringLiteral("+4930111111"), QStringLiteral("+4917622222222") });
    auto client = makeClient();
    QVERIFY(client);
    const auto result = run<std::optional<CrmContact>>(
            [&](auto done) { client->lookup(QStringLiteral("+4917622222222"), done); });
    QVERIFY(result && *result && result->value());
    QCOMPARE(result->value()->id, id);
    QCOMPARE(result->value()->phones,
             (QStringList { QStringLiteral("+4930111111"), QStringLiteral("+4917622222222") }));

    // The national form the relay passes finds a number written that way.
    const QString national = m_crm->addContact(QStringLiteral("Local"), QStringLiteral("Writer"),
                                               { QStringLiteral("030 777777") });
    const auto byNational = run<std::optional<CrmContact>>([&](auto done) {
        client->lookup(QStringLiteral("+4930777777"), done,
                       { { QStringLiteral("phone.national"), QStringLiteral("030 777777") } });
    });
    QVERIFY(byNational && *byNational && byNational->value());
    QCOMPARE(byNational->value()->id, national);
}

void TestCrmClient::createContact()
{
    auto client = makeClient();
    QVERIFY(client);
    const auto result = run<QString>([&](auto done) {
        client->createContact(
                { { QStringLiteral("contact.first_name"), QStringLiteral("Jane") },
                  { QStringLiteral("contact.last_name"), QStringLiteral("Roe") },
                  { QStringLiteral("contact.phone"), QStringLiteral("+4930123456") } },
                done);
    });
    QVERIFY(result);
    QVERIFY2(*result, qPrintable(result->hasValue() ? QString() : result->error().message));
    const QJsonObject record = m_crm->record(QStringLiteral("Contact"), result->value());
    QCOMPARE(record.value(QLatin1StringView("lastName")).toString(), QStringLiteral("Roe"));
    QCOMPARE(record.value(QLatin1StringView("phoneNumber")).toString(),
             QStringLiteral("+4930123456"));
    QCOMPARE(m_crm->records(QStringLiteral("Contact")).size(), 1);
    QCOMPARE(m_crm->requests().last().header("Content-Type").left(16),
             QByteArray("application/json"));

    // Only a phone number known: it becomes the name, so the CRM accepts the record.
    const auto unnamed = run<QString>([&](auto done) {
        client->createContact(
                { { QStringLiteral("contact.phone"), QStringLiteral("+4930999999") } }, done);
    });
    QVERIFY(unnamed && *unnamed);
    QCOMPARE(m_crm->record(QStringLiteral("Contact"), unnamed->value())
                     .value(QLatin1StringView("lastName"))
                     .toString(),
             QStringLiteral("+4930999999"));
}

void TestCrmClient::createLead()
{
    auto client = makeClient();
    QVERIFY(client);
    CrmVariables variables = callVariables({}, QStringLiteral("in_1700000000.1"));
    variables.insert(QStringLiteral("contact.name"), QStringLiteral("Unknown Caller"));
    variables.insert(QStringLiteral("contact.phone"), QStringLiteral("+4930123456"));
    const auto result = run<QString>([&](auto done) { client->createLead(variables, done); });
    QVERIFY(result);
    QVERIFY2(*result, qPrintable(result->hasValue() ? QString() : result->error().message));
    const QJsonObject lead = m_crm->record(QStringLiteral("Lead"), result->value());
    QCOMPARE(lead.value(QLatin1StringView("lastName")).toString(),
             QStringLiteral("Unknown Caller"));
    QCOMPARE(lead.value(QLatin1StringView("source")).toString(), QStringLiteral("Call"));
    QCOMPARE(lead.value(QLatin1StringView("description")).toString(),
             QStringLiteral("Call from +4930123456 on 2026-03-01 10:15:00 UTC (Zadarma call "
                            "in_1700000000.1)"));
}

void TestCrmClient::pushCall()
{
    const QString contact = m_crm->addContact(QStringLiteral("Jane"), QStringLiteral("Roe"),
                                              { QStringLiteral("+4930123456") });
    auto client = makeClient();
    QVERIFY(client);
    const auto result = run<QString>([&](auto done) {
        client->pushCall(callVariables(contact, QStringLiteral("in_1700000000.1")), done);
    });
    QVERIFY(result);
    QVERIFY2(*result, qPrintable(result->hasValue() ? QString() : result->error().message));
    const QJsonObject call = m_crm->record(QStringLiteral("Call"), result->value());
    QCOMPARE(call.value(QLatin1StringView("name")).toString(),
             QStringLiteral("Call from +4930123456"));
    QCOMPARE(call.value(QLatin1StringView("status")).toString(), QStringLiteral("Held"));
    QCOMPARE(call.value(QLatin1StringView("direction")).toString(), QStringLiteral("Inbound"));
    QCOMPARE(call.value(QLatin1StringView("dateStart")).toString(),
             QStringLiteral("2026-03-01 10:15:00"));
    QCOMPARE(call.value(QLatin1StringView("dateEnd")).toString(),
             QStringLiteral("2026-03-01 10:17:05"));
    QCOMPARE(call.value(QLatin1StringView("contactsIds")).toArray(), QJsonArray { contact });
    QVERIFY(call.value(QLatin1StringView("description")).toString().contains(u"in_1700000000.1"));
    QVERIFY(call.value(QLatin1StringView("description"))
                    .toString()
                    .contains(u"https://relay.example/rec/1"));
}

void TestCrmClient::createTask()
{
    const QString contact = m_crm->addContact(QStringLiteral("Jane"), QStringLiteral("Roe"),
                                              { QStringLiteral("+4930123456") });
    auto client = makeClient();
    QVERIFY(client);
    CrmVariables variables {
        { QStringLiteral("contact.id"), contact },
        { QStringLiteral("task.title"), QStringLiteral("Call back Jane") },
        { QStringLiteral("task.due_at"), QStringLiteral("2026-03-02T09:00:00Z") },
        // The relay names the call in the description; the find looks for it there.
        { QStringLiteral("task.description"),
          QStringLiteral("About the offer (Zadarma call in_1700000000.1)") },
        { QStringLiteral("call.pbx_call_id"), QStringLiteral("in_1700000000.1") }
    };
    const auto result = run<QString>([&](auto done) { client->createTask(variables, done); });
    QVERIFY(result);
    QVERIFY2(*result, qPrintable(result->hasValue() ? QString() : result->error().message));
    const QJsonObject task = m_crm->record(QStringLiteral("Task"), result->value());
    QCOMPARE(task.value(QLatin1StringView("name")).toString(), QStringLiteral("Call back Jane"));
    QCOMPARE(task.value(QLatin1StringView("parentId")).toString(), contact);
    QCOMPARE(task.value(QLatin1StringView("dateEnd")).toString(),
             QStringLiteral("2026-03-02 09:00:00"));

    const auto found = run<std::optional<QString>>(
            [&](auto done) { client->findExisting(CrmOperation::CreateTask, variables, done); });
    QVERIFY(found && *found && found->value());
    QCOMPARE(*found->value(), result->value());
}

void TestCrmClient::authHeaderSentAndSecretsNotLogged()
{
    QLoggingCategory::setFilterRules(QStringLiteral("callbridge.core.crm*=true"));
    g_logged.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    auto client = makeClient();
    QVERIFY(client);
    const auto found = run<std::optional<CrmContact>>(
            [&](auto done) { client->lookup(QStringLiteral("+4930123456"), done); });
    auto wrongKey = makeClient(2000, "wrong-secret-key-5678");
    const auto refused = run<QString>([&](auto done) {
        wrongKey->pushCall(callVariables(QStringLiteral("x"), QStringLiteral("in_1")), done);
    });
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());

    QVERIFY(found && *found);
    QCOMPARE(m_crm->requests().first().header("X-Api-Key"), m_crm->apiKey());
    QVERIFY(refused && !*refused);
    QCOMPARE(refused->error().httpStatus, 401);
    QVERIFY(!refused->error().retryable);
    QVERIFY2(refused->error().message.contains(u"secret.api_key"),
             qPrintable(refused->error().message));
    QVERIFY(!refused->error().message.contains(u"wrong-secret-key-5678"));

    QVERIFY(!g_logged.isEmpty());
    for (const QString &line : std::as_const(g_logged)) {
        QVERIFY2(!line.contains(QString::fromLatin1(m_crm->apiKey())), qPrintable(line));
        QVERIFY2(!line.contains(u"wrong-secret-key-5678"), qPrintable(line));
        QVERIFY2(!line.contains(u"Authorization", Qt::CaseInsensitive), qPrintable(line));
    }
}

void TestCrmClient::missingSecrets()
{
    auto client = makeClient();
    QVERIFY(client);
    QVERIFY(client->missingSecrets().isEmpty());
    CrmClient bare(client->mapping(), CrmClientConfig { m_crm->url(), {}, 0 });
    QCOMPARE(bare.missingSecrets(), QStringList { QStringLiteral("api_key") });
}

void TestCrmClient::slowAnswerIsRetryableAndAmbiguous()
{
    m_crm->setDelay(1500);
    auto client = makeClient(150);
    QVERIFY(client);
    const QString contact = m_crm->addContact(QStringLiteral("Jane"), QStringLiteral("Roe"), {});
    const auto result = run<QString>([&](auto done) {
        client->pushCall(callVariables(contact, QStringLiteral("in_slow")), done);
    });
    QVERIFY(result && !*result);
    QVERIFY(result->error().retryable);
    QVERIFY(result->error().ambiguous);
    QCOMPARE(result->error().httpStatus, 0);
    QVERIFY2(result->error().message.contains(u"did not answer push_call within 150 ms"),
             qPrintable(result->error().message));
    QCOMPARE(m_crm->records(QStringLiteral("Call")).size(), 1); // it did the work
}

void TestCrmClient::hangingLookupIsRetryableNotAmbiguous()
{
    m_crm->hangNext(1);
    auto client = makeClient(150);
    QVERIFY(client);
    const auto result = run<std::optional<CrmContact>>(
            [&](auto done) { client->lookup(QStringLiteral("+4930123456"), done); });
    QVERIFY(result && !*result);
    QVERIFY(result->error().retryable);
    QVERIFY(!result->error().ambiguous); // a read: nothing to duplicate
}

void TestCrmClient::serverError()
{
    m_crm->failNext(2, 500, {}, R"({"message":"database is down"})");
    auto client = makeClient();
    QVERIFY(client);
    const auto lookup = run<std::optional<CrmContact>>(
            [&](auto done) { client->lookup(QStringLiteral("+4930123456"), done); });
    QVERIFY(lookup && !*lookup);
    QVERIFY(lookup->error().retryable);
    QVERIFY(!lookup->error().ambiguous);
    QCOMPARE(lookup->error().httpStatus, 500);
    QVERIFY2(lookup->error().message.contains(u"database is down"),
             qPrintable(lookup->error().message));

    const auto write = run<QString>([&](auto done) {
        client->pushCall(callVariables(QStringLiteral("x"), QStringLiteral("in_500")), done);
    });
    QVERIFY(write && !*write);
    QVERIFY(write->error().retryable);
    QVERIFY(write->error().ambiguous); // a 500 may come after the record was written
}

void TestCrmClient::rateLimitedHonoursRetryAfter()
{
    m_crm->failNext(1, 429, "7");
    auto client = makeClient();
    QVERIFY(client);
    const auto result = run<QString>([&](auto done) {
        client->pushCall(callVariables(QStringLiteral("x"), QStringLiteral("in_429")), done);
    });
    QVERIFY(result && !*result);
    QVERIFY(result->error().retryable);
    QVERIFY(!result->error().ambiguous);
    QCOMPARE(result->error().httpStatus, 429);
    QCOMPARE(result->error().retryAfterMs, 7000);
    QVERIFY2(result->error().message.contains(u"in 7 s"), qPrintable(result->error().message));
}

void TestCrmClient::badRequestIsNotRetryable()
{
    auto client = makeClient();
    QVERIFY(client);
    // The fake refuses a Call without a name, as EspoCRM does.
    const auto result = run<QString>([&](auto done) {
        CrmVariables variables = callVariables(QStringLiteral("x"), QStringLiteral("in_400"));
        variables.remove(QStringLiteral("call.started_at"));
        client->pushCall(variables, done);
    });
    QVERIFY(result && !*result);
    QVERIFY(!result->error().retryable);
    QCOMPARE(result->error().httpStatus, 400);
    QVERIFY2(result->error().message.contains(u"EspoCRM rejected push_call (HTTP 400)"),
             qPrintable(result->error().message));
    QVERIFY2(result->error().message.contains(u"dateStart is required"),
             qPrintable(result->error().message));
}

void TestCrmClient::garbageAnswer()
{
    m_crm->answerNext(200, "<html><body>Maintenance</body></html>", "text/html");
    auto client = makeClient();
    QVERIFY(client);
    const auto result = run<std::optional<CrmContact>>(
            [&](auto done) { client->lookup(QStringLiteral("+4930123456"), done); });
    QVERIFY(result && !*result);
    QVERIFY(!result->error().retryable);
    QVERIFY2(result->error().message.contains(u"EspoCRM's answer to lookup is not JSON"),
             qPrintable(result->error().message));
    QVERIFY2(result->error().message.contains(u"Maintenance"), qPrintable(result->error().message));
}

void TestCrmClient::connectionRefused()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    auto mapping = makeClient()->mapping();
    CrmClient client(mapping,
                     CrmClientConfig { QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)),
                                       { { QStringLiteral("api_key"), QStringLiteral("k") } },
                                       500 });
    const auto result = run<QString>([&](auto done) {
        client.pushCall(callVariables(QStringLiteral("x"), QStringLiteral("in_refused")), done);
    });
    QVERIFY(result && !*result);
    QVERIFY(result->error().retryable);
    QVERIFY(!result->error().ambiguous); // nothing was sent
    QVERIFY2(result->error().message.contains(u"cannot reach EspoCRM at 127.0.0.1"),
             qPrintable(result->error().message));
}

void TestCrmClient::findAfterDroppedAnswer()
{
    const QString contact = m_crm->addContact(QStringLiteral("Jane"), QStringLiteral("Roe"), {});
    m_crm->dropAnswerNext(1);
    auto client = makeClient(200);
    QVERIFY(client);
    const CrmVariables variables = callVariables(contact, QStringLiteral("in_1700000123.7"));
    const auto sent = run<QString>([&](auto done) { client->pushCall(variables, done); });
    QVERIFY(sent && !*sent);
    QVERIFY(sent->error().ambiguous);
    QCOMPARE(m_crm->records(QStringLiteral("Call")).size(), 1);

    QVERIFY(client->canFind(CrmOperation::PushCall));
    const auto found = run<std::optional<QString>>(
            [&](auto done) { client->findExisting(CrmOperation::PushCall, variables, done); });
    QVERIFY(found);
    QVERIFY2(*found, qPrintable(found->hasValue() ? QString() : found->error().message));
    QVERIFY(found->value().has_value());
    QCOMPARE(*found->value(),
             m_crm->records(QStringLiteral("Call"))
                     .first()
                     .value(QLatin1StringView("id"))
                     .toString());

    const auto other = run<std::optional<QString>>([&](auto done) {
        client->findExisting(CrmOperation::PushCall,
                             callVariables(contact, QStringLiteral("in_1700000999.1")), done);
    });
    QVERIFY(other && *other);
    QVERIFY(!other->value().has_value());

    // An id that the created one starts with is another call.
    const auto prefix = run<std::optional<QString>>([&](auto done) {
        client->findExisting(CrmOperation::PushCall,
                             callVariables(contact, QStringLiteral("in_1700000123")), done);
    });
    QVERIFY(prefix && *prefix);
    QVERIFY(!prefix->value().has_value());
}

void TestCrmClient::findNeedsItsVariables()
{
    auto client = makeClient();
    QVERIFY(client);
    CrmVariables variables = callVariables(QStringLiteral("x"), QString());
    const auto result = run<std::optional<QString>>(
            [&](auto done) { client->findExisting(CrmOperation::PushCall, variables, done); });
    QVERIFY(result && !*result);
    QVERIFY(!result->error().retryable);
    QVERIFY2(result->error().message.contains(u"push_call.find: cannot check, because "
                                              u"call.pbx_call_id is not given"),
             qPrintable(result->error().message));
    QVERIFY(m_crm->requests().isEmpty());

    const auto noFind = run<std::optional<QString>>(
            [&](auto done) { client->findExisting(CrmOperation::CreateContact, variables, done); });
    QVERIFY(noFind && !*noFind);
    QVERIFY2(noFind->error().message.contains(u"no create_contact.find"),
             qPrintable(noFind->error().message));
}

void TestCrmClient::answerTooLarge()
{
    m_crm->addContact(QStringLiteral("Jane"), QStringLiteral("Roe"),
                      { QStringLiteral("+4930123456") },
                      QJsonObject { { QStringLiteral("description"), QString(8000, u'x') } });
    auto client = makeClient(2000, {}, R"({"max_response_bytes": 2048})");
    QVERIFY(client);
    const auto result = run<std::optional<CrmContact>>(
            [&](auto done) { client->lookup(QStringLiteral("+4930123456"), done); });
    QVERIFY(result && !*result);
    QVERIFY(!result->error().retryable);
    QVERIFY2(result->error().message.contains(u"larger than 2048 bytes"),
             qPrintable(result->error().message));
}

QTEST_GUILESS_MAIN(TestCrmClient)
#include "TestCrmClient.moc"
