// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/FakeCrm.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <functional>
#include <optional>

namespace CallBridge::Test {

namespace {

const QStringList &entities()
{
    static const QStringList names { QStringLiteral("Contact"), QStringLiteral("Lead"),
                                     QStringLiteral("Call"), QStringLiteral("Task") };
    return names;
}

QString text(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

// PHP-style bracket parameters (where[0][value][1][attribute]=x) as nested objects.
QJsonObject bracketQuery(const QByteArray &query)
{
    QJsonObject root;
    const QUrlQuery parsed(QString::fromUtf8(query));
    for (const auto &[key, value] : parsed.queryItems(QUrl::FullyDecoded)) {
        QStringList path;
        const qsizetype open = key.indexOf(u'[');
        path.append(open < 0 ? key : key.left(open));
        static const QRegularExpression part(QStringLiteral("\\[([^\\]]*)\\]"));
        for (auto it = part.globalMatch(key); it.hasNext();)
            path.append(it.next().captured(1));
        // Walk down, rebuilding the objects on the way back up (QJsonObject has value semantics).
        std::function<QJsonObject(QJsonObject, qsizetype)> insert
                = [&](QJsonObject object, qsizetype depth) {
                      if (depth == path.size() - 1) {
                          object.insert(path.at(depth), value);
                          return object;
                      }
                      object.insert(path.at(depth),
                                    insert(object.value(path.at(depth)).toObject(), depth + 1));
                      return object;
                  };
        root = insert(root, 0);
    }
    return root;
}

QJsonArray elements(const QJsonValue &value)
{
    if (value.isArray())
        return value.toArray();
    QJsonArray result;
    const QJsonObject object = value.toObject();
    for (const QJsonValue &element : object)
        result.append(element);
    return result;
}

QStringList attributeValues(const QJsonObject &record, const QString &attribute)
{
    QStringList values { text(record.value(attribute)) };
    // EspoCRM's phoneNumber filter looks at every number of the record.
    if (attribute == u"phoneNumber") {
        for (const QJsonValue &entry : record.value(QLatin1StringView("phoneNumberData")).toArray())
            values.append(entry.toObject().value(QLatin1StringView("phoneNumber")).toString());
    }
    return values;
}

// nullopt: a filter EspoCRM has but this fake does not know (the test should fail loudly).
std::optional<bool> matches(const QJsonObject &record, const QJsonObject &clause)
{
    const QString type = clause.value(QLatin1StringView("type")).toString();
    const QString attribute = clause.value(QLatin1StringView("attribute")).toString();
    const QJsonValue value = clause.value(QLatin1StringView("value"));
    if (type == u"or" || type == u"and") {
        const QJsonArray clauses = elements(value);
        for (const QJsonValue &inner : clauses) {
            const std::optional<bool> result = matches(record, inner.toObject());
            if (!result)
                return std::nullopt;
            if (*result == (type == u"or"))
                return type == u"or";
        }
        return type == u"and";
    }
    if (type == u"equals") {
        return attributeValues(record, attribute).contains(text(value));
    }
    if (type == u"contains") {
        for (const QString &candidate : attributeValues(record, attribute)) {
            if (candidate.contains(text(value), Qt::CaseInsensitive))
                return true;
        }
        return false;
    }
    return std::nullopt;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

FakeCrm::FakeCrm(QByteArray apiKey, quint16 port, QObject *parent)
    : QObject(parent), m_apiKey(std::move(apiKey))
{
    m_server.setMissingHandler(
            [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                const Request recorded = Request::from(request);
                m_requests.append(recorded);
                handle(recorded, std::move(responder));
                emit requestReceived();
            });
    m_port = m_server.listen(QHostAddress::LocalHost, port);
    if (m_port == 0)
        qFatal("FakeCrm: cannot listen on 127.0.0.1:%u", unsigned(port));
}

FakeCrm::~FakeCrm() = default;

QUrl FakeCrm::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QString FakeCrm::addRecord(const QString &entity, QJsonObject record)
{
    // EspoCRM ids are 17 hex digits.
    const QString id
            = QStringLiteral("%1").arg(0x6a0000000000000ULL + m_nextId++, 17, 16, QLatin1Char('0'));
    record.insert(QStringLiteral("id"), id);
    if (entity == u"Contact" || entity == u"Lead") {
        const QString name = QStringList { record.value(QLatin1StringView("firstName")).toString(),
                                           record.value(QLatin1StringView("lastName")).toString() }
                                     .join(u' ')
                                     .trimmed();
        record.insert(QStringLiteral("name"), name);
    }
    record.insert(QStringLiteral("createdAt"),
                  QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    m_records[entity].append(record);
    return id;
}

bool FakeCrm::updateRecord(const QString &entity, const QString &id, const QJsonObject &fields)
{
    for (QJsonObject &record : m_records[entity]) {
        if (record.value(QLatin1StringView("id")).toString() != id)
            continue;
        for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
            record.insert(it.key(), it.value());
        if (entity == u"Contact" || entity == u"Lead")
            record.insert(QStringLiteral("name"),
                          QStringList { record.value(QLatin1StringView("firstName")).toString(),
                                        record.value(QLatin1StringView("lastName")).toString() }
                                  .join(u' ')
                                  .trimmed());
        return true;
    }
    return false;
}

QString FakeCrm::addContact(const QString &firstName, const QString &lastName,
                            const QStringList &phones, QJsonObject extra)
{
    extra.insert(QStringLiteral("firstName"), firstName);
    extra.insert(QStringLiteral("lastName"), lastName);
    QJsonArray data;
    for (const QString &phone : phones) {
        data.append(QJsonObject { { QStringLiteral("phoneNumber"), phone },
                                  { QStringLiteral("primary"), data.isEmpty() },
                                  { QStringLiteral("type"), QStringLiteral("Mobile") },
                                  { QStringLiteral("optOut"), false },
                                  { QStringLiteral("invalid"), false } });
    }
    if (!phones.isEmpty())
        extra.insert(QStringLiteral("phoneNumber"), phones.first());
    extra.insert(QStringLiteral("phoneNumberData"), data);
    return addRecord(QStringLiteral("Contact"), extra);
}

QJsonObject FakeCrm::record(const QString &entity, const QString &id) const
{
    for (const QJsonObject &record : m_records.value(entity)) {
        if (record.value(QLatin1StringView("id")).toString() == id)
            return record;
    }
    return {};
}

void FakeCrm::failNext(int count, int status, QByteArray retryAfter, QByteArray body)
{
    for (int i = 0; i < count; ++i)
        m_faults.push_back(
                Fault { Fault::Kind::Status, status, body, "application/json", retryAfter });
}

void FakeCrm::hangNext(int count)
{
    for (int i = 0; i < count; ++i)
        m_faults.push_back(Fault { Fault::Kind::Hang, 0, {}, {}, {} });
}

void FakeCrm::dropAnswerNext(int count)
{
    for (int i = 0; i < count; ++i)
        m_faults.push_back(Fault { Fault::Kind::DropAnswer, 0, {}, {}, {} });
}

void FakeCrm::answerNext(int status, QByteArray body, QByteArray contentType)
{
    m_faults.push_back(Fault { Fault::Kind::Raw, status, body, contentType, {} });
}

void FakeCrm::handle(const Request &request, QHttpServerResponder &&responder)
{
    std::optional<Fault> fault;
    if (!m_faults.empty()) {
        fault = m_faults.front();
        m_faults.pop_front();
    }
    if (fault && fault->kind == Fault::Kind::Hang)
        return hold(std::move(responder));
    if (fault && (fault->kind == Fault::Kind::Status || fault->kind == Fault::Kind::Raw)) {
        Answer answer { fault->status, fault->body, fault->contentType, {} };
        if (!fault->retryAfter.isEmpty())
            answer.headers.append({ "Retry-After", fault->retryAfter });
        return write(responder, answer);
    }
    const Answer answer = process(request);
    if (fault && fault->kind == Fault::Kind::DropAnswer)
        return hold(std::move(responder));
    if (m_delayMs <= 0)
        return write(responder, answer);

    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = held->socket();
    QTimer::singleShot(m_delayMs, this, [this, held, socket, answer] {
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            write(*held, answer);
    });
}

FakeCrm::Answer FakeCrm::process(const Request &request)
{
    if (request.header("X-Api-Key") != m_apiKey)
        return Answer { 401, {}, "application/json", {} };
    const QString path = QString::fromUtf8(QByteArray::fromPercentEncoding(request.path));
    static const QRegularExpression route(QStringLiteral("^/api/v1/([A-Za-z]+)(?:/([^/]+))?$"));
    const QRegularExpressionMatch match = route.match(path);
    if (!match.hasMatch() || !entities().contains(match.captured(1)))
        return Answer { 404, {}, "application/json", {} };
    const QString entity = match.captured(1);
    const QString id = match.captured(2);
    if (request.method == "GET" && id.isEmpty())
        return list(entity, request.query);
    if (request.method == "GET") {
        const QJsonObject found = record(entity, id);
        return found.isEmpty() ? Answer { 404, {}, "application/json", {} }
                               : Answer { 200, json(found), "application/json", {} };
    }
    if (request.method == "POST" && id.isEmpty())
        return create(entity, request.body);
    return Answer { 405, {}, "application/json", {} };
}

FakeCrm::Answer FakeCrm::list(const QString &entity, const QByteArray &query) const
{
    const QJsonObject parameters = bracketQuery(query);
    const QJsonArray where = elements(parameters.value(QLatin1StringView("where")));
    const int maxSize = parameters.value(QLatin1StringView("maxSize")).toString().toInt();
    QJsonArray found;
    for (const QJsonObject &record : m_records.value(entity)) {
        bool all = true;
        for (const QJsonValue &clause : where) {
            const std::optional<bool> result = matches(record, clause.toObject());
            if (!result)
                return Answer { 400,
                                R"({"message":"FakeCrm does not know this where[] type"})",
                                "application/json",
                                {} };
            all = all && *result;
        }
        if (all)
            found.append(record);
    }
    const qsizetype total = found.size();
    while (maxSize > 0 && found.size() > maxSize)
        found.removeLast();
    return Answer { 200,
                    json(QJsonObject { { QStringLiteral("total"), total },
                                       { QStringLiteral("list"), found } }),
                    "application/json",
                    {} };
}

FakeCrm::Answer FakeCrm::create(const QString &entity, const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Answer {
            400, R"({"message":"the body is not a JSON object"})", "application/json", {}
        };
    QJsonObject record = document.object();
    // EspoCRM's required fields for these entity types.
    const QHash<QString, QStringList> required {
        { QStringLiteral("Contact"), { QStringLiteral("lastName") } },
        { QStringLiteral("Lead"), { QStringLiteral("lastName") } },
        { QStringLiteral("Call"),
          { QStringLiteral("name"), QStringLiteral("dateStart"), QStringLiteral("dateEnd") } },
        { QStringLiteral("Task"), { QStringLiteral("name") } },
    };
    for (const QString &field : required.value(entity)) {
        if (record.value(field).toString().isEmpty())
            return Answer { 400,
                            json(QJsonObject { { QStringLiteral("messageTranslation"),
                                                 QStringLiteral("%1 is required").arg(field) } }),
                            "application/json",
                            {} };
    }
    if (record.contains(QLatin1StringView("phoneNumber"))
        && !record.contains(QLatin1StringView("phoneNumberData"))) {
        record.insert(QStringLiteral("phoneNumberData"),
                      QJsonArray { QJsonObject { { QStringLiteral("phoneNumber"),
                                                   record.value(QLatin1StringView("phoneNumber")) },
                                                 { QStringLiteral("primary"), true } } });
    }
    const QString id = addRecord(entity, record);
    return Answer { 200, json(this->record(entity, id)), "application/json", {} };
}

void FakeCrm::write(QHttpServerResponder &responder, const Answer &answer)
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(answer.status));
    responder.writeHeader("Content-Type", answer.contentType);
    for (const auto &[name, value] : answer.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(answer.body.size()));
    responder.writeBody(answer.body);
}

void FakeCrm::hold(QHttpServerResponder &&responder)
{
    m_held.push_back(std::make_unique<QHttpServerResponder>(std::move(responder)));
}

} // namespace CallBridge::Test
