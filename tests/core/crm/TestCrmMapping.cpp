// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/crm/CrmJsonPath.h"
#include "core/crm/CrmMapping.h"
#include "core/crm/CrmTemplate.h"
#include "tests/support/ResultMessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace CallBridge;

namespace {

QJsonValue jsonValue(const char *text)
{
    return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().first();
}

// The smallest mapping that loads, with one part replaced by the test.
QByteArray mappingWith(const QByteArray &key, const QByteArray &value)
{
    QJsonObject root = QJsonDocument::fromJson(R"({
        "name": "Test CRM",
        "auth": { "type": "header", "header": "X-Api-Key", "value": "{{secret.api_key}}" },
        "maps": { "direction": { "inbound": "Inbound" } },
        "lookup": { "method": "GET", "url": "{{base_url}}/contacts?phone={{phone|url}}",
                    "result": "items.0", "fields": { "id": "id" } },
        "push_call": { "method": "POST", "url": "{{base_url}}/calls",
                       "body": { "subject": "{{call.pbx_call_id}}" }, "id": "id" }
    })")
                               .object();
    if (!key.isEmpty()) {
        const QStringList path = QString::fromUtf8(key).split(u'.');
        std::function<QJsonObject(QJsonObject, int)> set = [&](QJsonObject object, int depth) {
            if (depth == path.size() - 1) {
                if (value.isNull())
                    object.remove(path.at(depth));
                else
                    object.insert(path.at(depth), jsonValue(value.constData()));
                return object;
            }
            object.insert(path.at(depth), set(object.value(path.at(depth)).toObject(), depth + 1));
            return object;
        };
        root = set(root, 0);
    }
    return QJsonDocument(root).toJson();
}

} // namespace

class TestCrmMapping : public QObject
{
    Q_OBJECT

private slots:
    void templateText_data();
    void templateText();
    void templateKeepsJsonType();
    void templateMissingVariables();
    void templateErrors_data();
    void templateErrors();
    void renderJsonBody();
    void paths_data();
    void paths();
    void minimalMappingLoads();
    void validationErrors_data();
    void validationErrors();
    void invalidJsonNamesLine();
    void shippedMappingsLoad_data();
    void shippedMappingsLoad();
};

void TestCrmMapping::templateText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << "no placeholders"
                           << "no placeholders";
    QTest::newRow("variable") << "{{base_url}}/api"
                              << "https://crm.example.com/api";
    QTest::newRow("spaces") << "{{ phone | url }}"
                            << "%2B4930123456";
    QTest::newRow("url") << "q={{contact.name|url}}"
                         << "q=J%C3%BCrgen%20M%C3%BCller%20%26%20Co";
    QTest::newRow("json") << "{{contact.name|json}}"
                          << "\"Jürgen Müller & Co\"";
    QTest::newRow("number") << "{{call.duration_seconds}} s"
                            << "125 s";
    QTest::newRow("int") << "{{contact.id|int}}"
                         << "42";
    QTest::newRow("date") << "{{call.started_at|date}}"
                          << "2026-03-01";
    QTest::newRow("datetime, to UTC") << "{{task.due_at|datetime}}"
                                      << "2026-03-02 08:30:00";
    QTest::newRow("map") << "{{call.direction|map:direction}}"
                         << "Inbound";
    QTest::newRow("map default") << "{{call.disposition|map:status}}"
                                 << "Not Held";
    QTest::newRow("map chain") << "{{call.direction|map:direction|url}}"
                               << "Inbound";
    QTest::newRow("two") << "{{phone}}/{{phone.national}}"
                         << "+4930123456/030 123456";
}

static CrmVariables sampleVariables()
{
    return CrmVariables {
        { QStringLiteral("base_url"), QStringLiteral("https://crm.example.com") },
        { QStringLiteral("phone"), QStringLiteral("+4930123456") },
        { QStringLiteral("phone.national"), QStringLiteral("030 123456") },
        { QStringLiteral("contact.name"), QStringLiteral("Jürgen Müller & Co") },
        { QStringLiteral("contact.id"), QStringLiteral("42") },
        { QStringLiteral("call.duration_seconds"), 125 },
        { QStringLiteral("call.started_at"), QStringLiteral("2026-03-01T10:15:00Z") },
        { QStringLiteral("task.due_at"), QStringLiteral("2026-03-02T09:30:00+01:00") },
        { QStringLiteral("call.direction"), QStringLiteral("inbound") },
        { QStringLiteral("call.disposition"), QStringLiteral("busy") },
        { QStringLiteral("call.answered"), true },
    };
}

static CrmValueMaps sampleMaps()
{
    return CrmValueMaps {
        { QStringLiteral("direction"),
          QJsonObject { { QStringLiteral("inbound"), QStringLiteral("Inbound") } } },
        { QStringLiteral("status"),
          QJsonObject { { QStringLiteral("answered"), QStringLiteral("Held") },
                        { QStringLiteral("*"), QStringLiteral("Not Held") } } },
    };
}

void TestCrmMapping::templateText()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const Result<CrmTemplate> parsed = CrmTemplate::parse(text);
    QVERIFY2(parsed, Test::why(parsed));
    const Result<QString> rendered = parsed->renderText(sampleVariables(), sampleMaps());
    QVERIFY2(rendered, Test::why(rendered));
    QCOMPARE(*rendered, expected);
}

void TestCrmMapping::templateKeepsJsonType()
{
    auto value = [](const char *text) {
        return CrmTemplate::parse(QString::fromUtf8(text))
                ->renderValue(sampleVariables(), sampleMaps())
                .value();
    };
    QCOMPARE(value("{{call.duration_seconds}}"), QJsonValue(125));
    QCOMPARE(value("{{call.answered}}"), QJsonValue(true));
    QCOMPARE(value("{{contact.id|int}}"), QJsonValue(42));
    QCOMPARE(value("{{call.nothing_given}}"), QJsonValue(QJsonValue::Null));
    // Anything around the placeholder makes it text.
    QCOMPARE(value("{{call.duration_seconds}} s"), QJsonValue(QStringLiteral("125 s")));
    QCOMPARE(value("{{call.answered}}!"), QJsonValue(QStringLiteral("true!")));
}

void TestCrmMapping::templateMissingVariables()
{
    const CrmTemplate parsed
            = CrmTemplate::parse(QStringLiteral("id={{call.pbx_call_id}}&n={{phone}}")).value();
    QStringList missing;
    const Result<QString> rendered = parsed.renderText(sampleVariables(), {}, &missing);
    QCOMPARE(*rendered, QStringLiteral("id=&n=+4930123456"));
    QCOMPARE(missing, QStringList { QStringLiteral("call.pbx_call_id") });

    CrmVariables empty = sampleVariables();
    empty.insert(QStringLiteral("call.pbx_call_id"), QString());
    missing.clear();
    QVERIFY(parsed.renderText(empty, {}, &missing));
    QCOMPARE(missing, QStringList { QStringLiteral("call.pbx_call_id") });
}

void TestCrmMapping::templateErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("parses");
    QTest::addColumn<QString>("message");

    QTest::newRow("unclosed") << "{{phone" << false << "without a closing";
    QTest::newRow("empty name") << "{{}}" << false << "not a variable name";
    QTest::newRow("bad name") << "{{phone number}}" << false << "not a variable name";
    QTest::newRow("unknown filter") << "{{phone|upper}}" << false << "unknown filter \"upper\"";
    QTest::newRow("int of text") << "{{contact.name|int}}" << true << "not a whole number";
    QTest::newRow("date of text") << "{{contact.name|date}}" << true << "not an ISO 8601";
}

void TestCrmMapping::templateErrors()
{
    QFETCH(QString, text);
    QFETCH(bool, parses);
    QFETCH(QString, message);
    const Result<CrmTemplate> parsed = CrmTemplate::parse(text);
    QCOMPARE(bool(parsed), parses);
    if (!parsed) {
        QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
        return;
    }
    const Result<QJsonValue> rendered = parsed->renderValue(sampleVariables(), sampleMaps());
    QVERIFY(!rendered);
    QVERIFY2(rendered.error().message.contains(message), qPrintable(rendered.error().message));
}

void TestCrmMapping::renderJsonBody()
{
    const QJsonValue body = jsonValue(R"({
        "name": "Call {{phone}}", "duration": "{{call.duration_seconds}}",
        "ids": ["{{contact.id|int}}"], "fixed": 7, "flag": false,
        "nested": { "{{phone}}": "{{call.direction|map:direction}}" }
    })");
    const Result<QJsonValue> rendered
            = CrmTemplate::renderJson(body, sampleVariables(), sampleMaps());
    QVERIFY2(rendered, Test::why(rendered));
    QCOMPARE(rendered->toObject(),
             jsonValue(R"({
        "name": "Call +4930123456", "duration": 125, "ids": [42], "fixed": 7, "flag": false,
        "nested": { "{{phone}}": "Inbound" }
    })")
                     .toObject());
}

void TestCrmMapping::paths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected"); // the JSON list of what the path selects

    QTest::newRow("root")
            << ""
            << R"([{"list":[{"id":"a","phones":[{"n":"1"},{"n":"2"}]},{"id":"b"}],"total":2}])";
    QTest::newRow("index") << "list.1.id"
                           << R"(["b"])";
    QTest::newRow("each") << "list.*.id"
                          << R"(["a","b"])";
    QTest::newRow("each nested") << "list.0.phones.*.n"
                                 << R"(["1","2"])";
    QTest::newRow("number") << "total"
                            << "[2]";
    QTest::newRow("missing key") << "list.0.name"
                                 << "[]";
    QTest::newRow("index out of range") << "list.5.id"
                                        << "[]";
    QTest::newRow("index into object") << "total.0"
                                       << "[]";
}

void TestCrmMapping::paths()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const QJsonValue answer = jsonValue(
            R"({"list":[{"id":"a","phones":[{"n":"1"},{"n":"2"}]},{"id":"b"}],"total":2})");
    const Result<CrmJsonPath> parsed = CrmJsonPath::parse(path);
    QVERIFY2(parsed, Test::why(parsed));
    QCOMPARE(parsed->select(answer), jsonValue(expected.toUtf8().constData()).toArray());
    QVERIFY(!CrmJsonPath::parse(QStringLiteral("list..id")));
    QVERIFY(!CrmJsonPath::parse(QStringLiteral(".id")));
}

void TestCrmMapping::minimalMappingLoads()
{
    const Result<CrmMapping> mapping
            = CrmMapping::fromJson(mappingWith({}, {}), QStringLiteral("t.json"));
    QVERIFY2(mapping, Test::why(mapping));
    QCOMPARE(mapping->name(), QStringLiteral("Test CRM"));
    QCOMPARE(mapping->timeoutMs(), 10'000);
    QCOMPARE(mapping->secretNames(), QStringList { QStringLiteral("api_key") });
    QVERIFY(mapping->operation(CrmOperation::Lookup));
    QVERIFY(mapping->operation(CrmOperation::PushCall));
    QVERIFY(!mapping->operation(CrmOperation::CreateTask));
    QVERIFY(!mapping->operation(CrmOperation::PushCall)->find);
    QCOMPARE(mapping->operation(CrmOperation::PushCall)->request.method, QByteArray("POST"));
}

void TestCrmMapping::validationErrors_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("value"); // JSON; a null QByteArray removes the key
    QTest::addColumn<QString>("message"); // after "t.json: "

    QTest::newRow("unknown top-level key")
            << QByteArray("lookpu") << QByteArray("{}") << "lookpu: unknown key";
    QTest::newRow("no name") << QByteArray("name") << QByteArray() << "name: is missing";
    QTest::newRow("no lookup") << QByteArray("lookup") << QByteArray() << "lookup: is missing";
    QTest::newRow("typo in variable")
            << QByteArray("push_call.body.subject") << QByteArray(R"("{{call.pbx_cal_id}}")")
            << "push_call.body.subject: unknown variable {{call.pbx_cal_id}}; push_call can use:";
    QTest::newRow("variable of another operation")
            << QByteArray("lookup.url") << QByteArray(R"("{{base_url}}/c?id={{call.pbx_call_id}}")")
            << "lookup.url: unknown variable {{call.pbx_call_id}}; lookup can use:";
    QTest::newRow("secret in open_url")
            << QByteArray("open_url") << QByteArray(R"("{{base_url}}/?k={{secret.api_key}}")")
            << "open_url: unknown variable {{secret.api_key}}";
    QTest::newRow("bad method") << QByteArray("lookup.method") << QByteArray(R"("FETCH")")
                                << "lookup.method: \"FETCH\" is not one of GET";
    QTest::newRow("GET with body") << QByteArray("lookup.body") << QByteArray(R"({"a":"b"})")
                                   << "lookup.body: a GET request has no body";
    QTest::newRow("url without base") << QByteArray("push_call.url") << QByteArray(R"("/calls")")
                                      << "push_call.url: must start with {{base_url}}";
    QTest::newRow("unknown map")
            << QByteArray("push_call.body.subject") << QByteArray(R"("{{call.direction|map:dir}}")")
            << "push_call.body.subject: {{call.direction|map:dir}}: there is no "
               "map \"dir\"";
    QTest::newRow("unknown filter")
            << QByteArray("lookup.url") << QByteArray(R"("{{base_url}}/{{phone|upper}}")")
            << "lookup.url: unknown filter \"upper\"";
    QTest::newRow("write without id")
            << QByteArray("push_call.id") << QByteArray() << "push_call.id: is missing";
    QTest::newRow("lookup without fields.id")
            << QByteArray("lookup.fields") << QByteArray(R"({"name":"name"})")
            << "lookup.fields.id: is missing";
    QTest::newRow("unknown contact field")
            << QByteArray("lookup.fields.nmae") << QByteArray(R"("name")")
            << "lookup.fields.nmae: unknown key";
    QTest::newRow("bad path") << QByteArray("lookup.result") << QByteArray(R"("items..0")")
                              << "lookup.result: \"items..0\" has an empty step";
    QTest::newRow("path not a string") << QByteArray("lookup.fields.id") << QByteArray("3")
                                       << "lookup.fields.id: must be a path string";
    QTest::newRow("find without id")
            << QByteArray("push_call.find")
            << QByteArray(R"({"method":"GET","url":"{{base_url}}/calls?q={{call.pbx_call_id}}"})")
            << "push_call.find.id: is missing";
    QTest::newRow("bad auth type") << QByteArray("auth.type") << QByteArray(R"("oauth")")
                                   << "auth.type: \"oauth\" is not one of header, bearer, basic";
    QTest::newRow("auth uses call")
            << QByteArray("auth.value") << QByteArray(R"("{{call.pbx_call_id}}")")
            << "auth.value: unknown variable {{call.pbx_call_id}}";
    QTest::newRow("timeout") << QByteArray("timeout_ms") << QByteArray("5")
                             << "timeout_ms: must be a whole number from 100";
    QTest::newRow("bad header name") << QByteArray("headers") << QByteArray(R"({"X Bad":"1"})")
                                     << "headers.X Bad: is not a valid HTTP header name";
    QTest::newRow("operation not an object") << QByteArray("create_task") << QByteArray("[]")
                                             << "create_task: must be an object, not a list";
}

void TestCrmMapping::validationErrors()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, value);
    QFETCH(QString, message);
    const Result<CrmMapping> mapping
            = CrmMapping::fromJson(mappingWith(key, value), QStringLiteral("t.json"));
    QVERIFY(!mapping);
    QVERIFY2(mapping.error().message.startsWith(QStringLiteral("t.json: ") + message),
             qPrintable(mapping.error().message));
}

void TestCrmMapping::invalidJsonNamesLine()
{
    const Result<CrmMapping> mapping = CrmMapping::fromJson(
            "{\n  \"name\": \"x\",\n  \"lookup\": {,\n}", QStringLiteral("crm/broken.json"));
    QVERIFY(!mapping);
    QVERIFY2(mapping.error().message.startsWith(QStringLiteral("crm/broken.json: line 3: not valid "
                                                               "JSON")),
             qPrintable(mapping.error().message));
    const Result<CrmMapping> missing = CrmMapping::load(QStringLiteral("/nonexistent/x.json"));
    QVERIFY(!missing);
    QVERIFY(missing.error().message.startsWith(QStringLiteral("/nonexistent/x.json: cannot read")));
}

void TestCrmMapping::shippedMappingsLoad_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("secrets");

    QTest::newRow("espocrm") << "crm/espocrm.json"
                             << "EspoCRM" << QStringList { QStringLiteral("api_key") };
    QTest::newRow("odoo") << "crm/odoo.json"
                          << "Odoo"
                          << QStringList { QStringLiteral("api_key"), QStringLiteral("database") };
}

void TestCrmMapping::shippedMappingsLoad()
{
    QFETCH(QString, file);
    QFETCH(QString, name);
    QFETCH(QStringList, secrets);
    const Result<CrmMapping> mapping
            = CrmMapping::load(QStringLiteral(CALLBRIDGE_SOURCE_DIR "/") + file);
    QVERIFY2(mapping, Test::why(mapping));
    QCOMPARE(mapping->name(), name);
    QStringList used = mapping->secretNames();
    used.sort();
    QCOMPARE(used, secrets);
    for (CrmOperation operation : allCrmOperations) {
        QVERIFY2(mapping->operation(operation), qPrintable(crmOperationKey(operation)));
        if (operation != CrmOperation::Lookup && operation != CrmOperation::CreateContact)
            QVERIFY2(mapping->operation(operation)->find, qPrintable(crmOperationKey(operation)));
    }
    QVERIFY(mapping->openUrl());
}

QTEST_GUILESS_MAIN(TestCrmMapping)
#include "TestCrmMapping.moc"
