// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/crm/CrmMapping.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace CallBridge {

// Reads one mapping file; stops at the first problem and names the file and the key.
class CrmMappingLoader
{
public:
    explicit CrmMappingLoader(CrmMapping &mapping) : m_mapping(mapping) { }

    Result<void> load(const QJsonObject &root);

private:
    Result<void> problem(const QString &key, const QString &what) const
    {
        return fail(QStringLiteral("%1: %2: %3").arg(m_mapping.m_sourceName, key, what));
    }
    Result<void> checkKeys(const QJsonObject &object, const QString &key,
                           const QStringList &allowed) const;
    Result<CrmTemplate> parseTemplate(const QJsonValue &value, const QString &key,
                                      CrmTemplateScope scope, CrmOperation operation);
    Result<void> checkBody(const QJsonValue &body, const QString &key, CrmOperation operation);
    Result<CrmJsonPath> parsePath(const QJsonValue &value, const QString &key) const;
    Result<CrmMapping::Headers> parseHeaders(const QJsonValue &value, const QString &key,
                                             CrmTemplateScope scope, CrmOperation operation);
    Result<void> loadAuth(const QJsonValue &value);
    Result<CrmMapping::Request> loadRequest(const QJsonObject &object, const QString &key,
                                            CrmOperation operation, bool isFind);
    Result<void> loadOperation(const QJsonValue &value, CrmOperation operation);

    CrmMapping &m_mapping;
};

namespace {

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

QString joinKey(const QString &parent, const QString &child)
{
    return parent.isEmpty() ? child : parent + u'.' + child;
}

const QStringList &contactFieldNames()
{
    static const QStringList names { QStringLiteral("id"),      QStringLiteral("name"),
                                     QStringLiteral("company"), QStringLiteral("email"),
                                     QStringLiteral("phones"),  QStringLiteral("responsible") };
    return names;
}

} // namespace

Result<void> CrmMappingLoader::checkKeys(const QJsonObject &object, const QString &key,
                                         const QStringList &allowed) const
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        // "_comment" and the like: JSON has no comments.
        if (it.key().startsWith(u'_') || allowed.contains(it.key()))
            continue;
        return problem(joinKey(key, it.key()),
                       QStringLiteral("unknown key (known here: %1)").arg(allowed.join(u", ")));
    }
    return {};
}

Result<CrmTemplate> CrmMappingLoader::parseTemplate(const QJsonValue &value, const QString &key,
                                                    CrmTemplateScope scope, CrmOperation operation)
{
    if (!value.isString())
        return fail(problem(key, QStringLiteral("must be a string, not %1").arg(typeName(value)))
                            .error()
                            .message);
    Result<CrmTemplate> parsed = CrmTemplate::parse(value.toString());
    if (!parsed)
        return fail(problem(key, parsed.error().message).error().message);
    for (const CrmTemplate::Placeholder &placeholder : parsed->placeholders()) {
        if (!isCrmVariable(placeholder.variable, scope, operation)) {
            const QString where = scope == CrmTemplateScope::Operation
                    ? crmOperationKey(operation)
                    : (scope == CrmTemplateScope::OpenUrl ? QStringLiteral("open_url")
                                                          : QStringLiteral("this key"));
            return fail(problem(key,
                                QStringLiteral("unknown variable {{%1}}; %2 can use: %3")
                                        .arg(placeholder.variable, where,
                                             crmVariableNames(scope, operation).join(u", ")))
                                .error()
                                .message);
        }
        if (placeholder.variable.startsWith(u"secret.")) {
            const QString secret = placeholder.variable.mid(7);
            if (!m_mapping.m_secretNames.contains(secret))
                m_mapping.m_secretNames.append(secret);
        }
        for (const QString &filter : placeholder.filters) {
            if (filter.startsWith(u"map:") && !m_mapping.m_maps.contains(filter.mid(4)))
                return fail(problem(key,
                                    QStringLiteral("{{%1|%2}}: there is no map \"%3\" under "
                                                   "\"maps\"")
                                            .arg(placeholder.variable, filter, filter.mid(4)))
                                    .error()
                                    .message);
        }
    }
    return parsed;
}

Result<void> CrmMappingLoader::checkBody(const QJsonValue &body, const QString &key,
                                         CrmOperation operation)
{
    if (body.isString()) {
        const Result<CrmTemplate> parsed
                = parseTemplate(body, key, CrmTemplateScope::Operation, operation);
        if (!parsed)
            return fail(parsed.error().message);
    } else if (body.isArray()) {
        const QJsonArray array = body.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const Result<void> checked
                    = checkBody(array.at(i), joinKey(key, QString::number(i)), operation);
            if (!checked)
                return checked;
        }
    } else if (body.isObject()) {
        const QJsonObject object = body.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const Result<void> checked = checkBody(it.value(), joinKey(key, it.key()), operation);
            if (!checked)
                return checked;
        }
    }
    return {};
}

Result<CrmJsonPath> CrmMappingLoader::parsePath(const QJsonValue &value, const QString &key) const
{
    if (!value.isString())
        return fail(problem(key,
                            QStringLiteral("must be a path string such as \"list.0.id\", not %1")
                                    .arg(typeName(value)))
                            .error()
                            .message);
    Result<CrmJsonPath> path = CrmJsonPath::parse(value.toString());
    if (!path)
        return fail(problem(key, path.error().message).error().message);
    return path;
}

Result<CrmMapping::Headers> CrmMappingLoader::parseHeaders(const QJsonValue &value,
                                                           const QString &key,
                                                           CrmTemplateScope scope,
                                                           CrmOperation operation)
{
    static const QRegularExpression token(QStringLiteral("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"));
    if (!value.isObject())
        return fail(problem(key, QStringLiteral("must be an object of header names and values"))
                            .error()
                            .message);
    CrmMapping::Headers headers;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString headerKey = joinKey(key, it.key());
        if (!token.match(it.key()).hasMatch())
            return fail(problem(headerKey, QStringLiteral("is not a valid HTTP header name"))
                                .error()
                                .message);
        Result<CrmTemplate> parsed = parseTemplate(it.value(), headerKey, scope, operation);
        if (!parsed)
            return fail(parsed.error().message);
        headers.append({ it.key().toLatin1(), *parsed });
    }
    return headers;
}

Result<void> CrmMappingLoader::loadAuth(const QJsonValue &value)
{
    CrmMapping::Auth &auth = m_mapping.m_auth;
    if (value.isUndefined())
        return {};
    if (!value.isObject())
        return problem(QStringLiteral("auth"), QStringLiteral("must be an object"));
    const QJsonObject object = value.toObject();
    const Result<void> keys
            = checkKeys(object, QStringLiteral("auth"),
                        { QStringLiteral("type"), QStringLiteral("header"), QStringLiteral("value"),
                          QStringLiteral("user"), QStringLiteral("password") });
    if (!keys)
        return keys;
    const QString type = object.value(QLatin1StringView("type")).toString();
    auto templateOf = [&](const char *name) {
        return parseTemplate(object.value(QLatin1StringView(name)),
                             QStringLiteral("auth.") + QLatin1StringView(name),
                             CrmTemplateScope::Common, CrmOperation::Lookup);
    };
    if (type == u"none") {
        auth.type = CrmMapping::AuthType::None;
    } else if (type == u"header" || type == u"bearer") {
        auth.type = type == u"header" ? CrmMapping::AuthType::Header : CrmMapping::AuthType::Bearer;
        if (auth.type == CrmMapping::AuthType::Header) {
            const QString header = object.value(QLatin1StringView("header")).toString();
            if (header.isEmpty())
                return problem(QStringLiteral("auth.header"),
                               QStringLiteral("the header's name is missing (e.g. \"X-Api-Key\")"));
            auth.header = header.toLatin1();
        }
        Result<CrmTemplate> parsed = templateOf("value");
        if (!parsed)
            return fail(parsed.error().message);
        auth.value = *parsed;
    } else if (type == u"basic") {
        Result<CrmTemplate> user = templateOf("user");
        if (!user)
            return fail(user.error().message);
        Result<CrmTemplate> password = templateOf("password");
        if (!password)
            return fail(password.error().message);
        auth.type = CrmMapping::AuthType::Basic;
        auth.user = *user;
        auth.password = *password;
    } else {
        return problem(
                QStringLiteral("auth.type"),
                QStringLiteral("\"%1\" is not one of header, bearer, basic, none").arg(type));
    }
    return {};
}

Result<CrmMapping::Request> CrmMappingLoader::loadRequest(const QJsonObject &object,
                                                          const QString &key,
                                                          CrmOperation operation, bool isFind)
{
    QStringList allowed { QStringLiteral("method"),  QStringLiteral("url"),
                          QStringLiteral("headers"), QStringLiteral("body"),
                          QStringLiteral("result"),  QStringLiteral("id") };
    if (operation == CrmOperation::Lookup)
        allowed.append(QStringLiteral("fields"));
    else if (!isFind)
        allowed.append(QStringLiteral("find"));
    const Result<void> keys = checkKeys(object, key, allowed);
    if (!keys)
        return fail(keys.error().message);

    CrmMapping::Request request;
    request.key = key;
    const QString method = object.value(QLatin1StringView("method")).toString().toUpper();
    static const QStringList methods { QStringLiteral("GET"), QStringLiteral("POST"),
                                       QStringLiteral("PUT"), QStringLiteral("PATCH"),
                                       QStringLiteral("DELETE") };
    if (!methods.contains(method))
        return fail(problem(joinKey(key, QStringLiteral("method")),
                            QStringLiteral("\"%1\" is not one of GET, POST, PUT, PATCH, DELETE")
                                    .arg(object.value(QLatin1StringView("method")).toString()))
                            .error()
                            .message);
    request.method = method.toLatin1();

    const QString urlKey = joinKey(key, QStringLiteral("url"));
    Result<CrmTemplate> url = parseTemplate(object.value(QLatin1StringView("url")), urlKey,
                                            CrmTemplateScope::Operation, operation);
    if (!url)
        return fail(url.error().message);
    if (!url->text().startsWith(QLatin1StringView("{{base_url}}"))
        && !url->text().startsWith(QLatin1StringView("https://"))
        && !url->text().startsWith(QLatin1StringView("http://")))
        return fail(problem(urlKey, QStringLiteral("must start with {{base_url}} or http(s)://"))
                            .error()
                            .message);
    request.url = *url;

    if (object.contains(QLatin1StringView("headers"))) {
        Result<CrmMapping::Headers> headers = parseHeaders(
                object.value(QLatin1StringView("headers")), joinKey(key, QStringLiteral("headers")),
                CrmTemplateScope::Operation, operation);
        if (!headers)
            return fail(headers.error().message);
        request.headers = *headers;
    }
    if (object.contains(QLatin1StringView("body"))) {
        if (method == u"GET")
            return fail(problem(joinKey(key, QStringLiteral("body")),
                                QStringLiteral("a GET request has no body; put the parameters "
                                               "in the url"))
                                .error()
                                .message);
        const QJsonValue body = object.value(QLatin1StringView("body"));
        const Result<void> checked
                = checkBody(body, joinKey(key, QStringLiteral("body")), operation);
        if (!checked)
            return fail(checked.error().message);
        request.body = body;
    }
    if (object.contains(QLatin1StringView("result"))) {
        Result<CrmJsonPath> path = parsePath(object.value(QLatin1StringView("result")),
                                             joinKey(key, QStringLiteral("result")));
        if (!path)
            return fail(path.error().message);
        request.result = *path;
    }
    if (operation != CrmOperation::Lookup || isFind) {
        if (!object.contains(QLatin1StringView("id")))
            return fail(problem(joinKey(key, QStringLiteral("id")),
                                QStringLiteral("is missing: the path of the record's id in the "
                                               "answer (e.g. \"id\")"))
                                .error()
                                .message);
        Result<CrmJsonPath> path = parsePath(object.value(QLatin1StringView("id")),
                                             joinKey(key, QStringLiteral("id")));
        if (!path)
            return fail(path.error().message);
        request.id = *path;
    } else if (object.contains(QLatin1StringView("id"))) {
        return fail(problem(joinKey(key, QStringLiteral("id")),
                            QStringLiteral("lookup takes the id from fields.id"))
                            .error()
                            .message);
    }
    return request;
}

Result<void> CrmMappingLoader::loadOperation(const QJsonValue &value, CrmOperation operation)
{
    const QString key = crmOperationKey(operation);
    if (value.isUndefined()) {
        if (operation == CrmOperation::Lookup)
            return problem(key, QStringLiteral("is missing; every mapping needs a lookup"));
        return {};
    }
    if (!value.isObject())
        return problem(key, QStringLiteral("must be an object, not %1").arg(typeName(value)));
    const QJsonObject object = value.toObject();
    Result<CrmMapping::Request> request = loadRequest(object, key, operation, false);
    if (!request)
        return fail(request.error().message);
    CrmMapping::Operation loaded;
    loaded.request = *request;

    if (object.contains(QLatin1StringView("find"))) {
        const QJsonValue find = object.value(QLatin1StringView("find"));
        if (!find.isObject())
            return problem(joinKey(key, QStringLiteral("find")),
                           QStringLiteral("must be an object, not %1").arg(typeName(find)));
        Result<CrmMapping::Request> findRequest = loadRequest(
                find.toObject(), joinKey(key, QStringLiteral("find")), operation, true);
        if (!findRequest)
            return fail(findRequest.error().message);
        loaded.find = *findRequest;
    }

    if (operation == CrmOperation::Lookup) {
        const QString fieldsKey = joinKey(key, QStringLiteral("fields"));
        const QJsonValue fields = object.value(QLatin1StringView("fields"));
        if (!fields.isObject())
            return problem(fieldsKey,
                           QStringLiteral("must be an object from contact fields (%1) to paths")
                                   .arg(contactFieldNames().join(u", ")));
        const QJsonObject fieldObject = fields.toObject();
        const Result<void> keys = checkKeys(fieldObject, fieldsKey, contactFieldNames());
        if (!keys)
            return keys;
        if (!fieldObject.contains(QLatin1StringView("id")))
            return problem(joinKey(fieldsKey, QStringLiteral("id")),
                           QStringLiteral("is missing: the path of the contact's id"));
        for (auto it = fieldObject.begin(); it != fieldObject.end(); ++it) {
            if (it.key().startsWith(u'_'))
                continue;
            const QString fieldKey = joinKey(fieldsKey, it.key());
            const QJsonArray paths
                    = it.value().isArray() ? it.value().toArray() : QJsonArray { it.value() };
            QList<CrmJsonPath> parsedPaths;
            for (const QJsonValue &path : paths) {
                Result<CrmJsonPath> parsed = parsePath(path, fieldKey);
                if (!parsed)
                    return fail(parsed.error().message);
                parsedPaths.append(*parsed);
            }
            loaded.fields.insert(it.key(), parsedPaths);
        }
    }
    m_mapping.m_operations[size_t(operation)] = loaded;
    return {};
}

Result<void> CrmMappingLoader::load(const QJsonObject &root)
{
    QStringList topKeys { QStringLiteral("name"),       QStringLiteral("auth"),
                          QStringLiteral("timeout_ms"), QStringLiteral("max_response_bytes"),
                          QStringLiteral("headers"),    QStringLiteral("maps"),
                          QStringLiteral("error"),      QStringLiteral("open_url") };
    for (CrmOperation operation : allCrmOperations)
        topKeys.append(crmOperationKey(operation));
    const Result<void> keys = checkKeys(root, QString(), topKeys);
    if (!keys)
        return keys;

    m_mapping.m_name = root.value(QLatin1StringView("name")).toString();
    if (m_mapping.m_name.trimmed().isEmpty())
        return problem(QStringLiteral("name"),
                       QStringLiteral("is missing: the CRM's name, shown in messages"));

    if (root.contains(QLatin1StringView("timeout_ms"))) {
        const QJsonValue timeout = root.value(QLatin1StringView("timeout_ms"));
        const int milliseconds = timeout.toInt(-1);
        if (!timeout.isDouble() || milliseconds < 100 || milliseconds > 600'000)
            return problem(QStringLiteral("timeout_ms"),
                           QStringLiteral("must be a whole number from 100 to 600000"));
        m_mapping.m_timeoutMs = milliseconds;
    }
    if (root.contains(QLatin1StringView("max_response_bytes"))) {
        const QJsonValue size = root.value(QLatin1StringView("max_response_bytes"));
        const qint64 bytes = qint64(size.toDouble(-1));
        if (!size.isDouble() || bytes < 1024)
            return problem(QStringLiteral("max_response_bytes"),
                           QStringLiteral("must be a whole number of at least 1024"));
        m_mapping.m_maxResponseBytes = bytes;
    }
    if (root.contains(QLatin1StringView("maps"))) {
        const QJsonValue maps = root.value(QLatin1StringView("maps"));
        if (!maps.isObject())
            return problem(QStringLiteral("maps"),
                           QStringLiteral("must be an object of named value tables"));
        const QJsonObject object = maps.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isObject())
                return problem(joinKey(QStringLiteral("maps"), it.key()),
                               QStringLiteral("must be an object such as {\"inbound\": "
                                              "\"Inbound\", \"*\": \"Other\"}"));
            m_mapping.m_maps.insert(it.key(), it.value().toObject());
        }
    }
    const Result<void> auth = loadAuth(root.value(QLatin1StringView("auth")));
    if (!auth)
        return auth;
    if (root.contains(QLatin1StringView("headers"))) {
        Result<CrmMapping::Headers> headers
                = parseHeaders(root.value(QLatin1StringView("headers")), QStringLiteral("headers"),
                               CrmTemplateScope::Common, CrmOperation::Lookup);
        if (!headers)
            return fail(headers.error().message);
        m_mapping.m_headers = *headers;
    }
    if (root.contains(QLatin1StringView("error"))) {
        Result<CrmJsonPath> path
                = parsePath(root.value(QLatin1StringView("error")), QStringLiteral("error"));
        if (!path)
            return fail(path.error().message);
        if (path->isRoot())
            return problem(QStringLiteral("error"),
                           QStringLiteral("must not be empty (that would make every answer an "
                                          "error)"));
        m_mapping.m_errorPath = *path;
    }
    for (CrmOperation operation : allCrmOperations) {
        const Result<void> loaded
                = loadOperation(root.value(crmOperationKey(operation)), operation);
        if (!loaded)
            return loaded;
    }
    if (root.contains(QLatin1StringView("open_url"))) {
        Result<CrmTemplate> url = parseTemplate(root.value(QLatin1StringView("open_url")),
                                                QStringLiteral("open_url"),
                                                CrmTemplateScope::OpenUrl, CrmOperation::Lookup);
        if (!url)
            return fail(url.error().message);
        m_mapping.m_openUrl = *url;
    }
    return {};
}

Result<CrmMapping> CrmMapping::load(const QString &filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: cannot read the CRM mapping file: %2")
                            .arg(filePath, file.errorString()));
    return fromJson(file.readAll(), filePath);
}

Result<CrmMapping> CrmMapping::fromJson(const QByteArray &json, const QString &sourceName)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const qsizetype line = json.left(parseError.offset).count('\n') + 1;
        return fail(QStringLiteral("%1: line %2: not valid JSON: %3")
                            .arg(sourceName)
                            .arg(line)
                            .arg(parseError.errorString()));
    }
    if (!document.isObject())
        return fail(QStringLiteral("%1: the mapping must be a JSON object").arg(sourceName));
    CrmMapping mapping;
    mapping.m_sourceName = sourceName;
    CrmMappingLoader loader(mapping);
    const Result<void> loaded = loader.load(document.object());
    if (!loaded)
        return fail(loaded.error().message);
    return mapping;
}

const CrmMapping::Operation *CrmMapping::operation(CrmOperation operation) const
{
    const std::optional<Operation> &found = m_operations[size_t(operation)];
    return found ? &*found : nullptr;
}

QStringList CrmMapping::secretNames() const
{
    return m_secretNames;
}

} // namespace CallBridge
