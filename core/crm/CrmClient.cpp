// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/crm/CrmClient.h"

#include "core/crm/CrmLogging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

namespace CallBridge {

namespace {

constexpr char tooLargeProperty[] = "callbridgeTooLarge";

// Nothing reached the CRM: safe to send again as it is.
bool nothingWasSent(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::ConnectionRefusedError
            || error == QNetworkReply::HostNotFoundError
            || error == QNetworkReply::NetworkSessionFailedError
            || error == QNetworkReply::TemporaryNetworkFailureError
            || error == QNetworkReply::UnknownNetworkError;
}

bool isTlsProblem(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::SslHandshakeFailedError
            || error == QNetworkReply::InsecureRedirectError;
}

// Odoo writes false for an empty field; other CRMs null.
QString fieldText(const QJsonValue &value)
{
    if (value.isBool() && !value.toBool())
        return {};
    if (value.isArray() || value.isObject())
        return {};
    return CrmTemplate::toText(value).trimmed();
}

int retryAfterMs(QNetworkReply *reply)
{
    const QByteArray header = reply->rawHeader("Retry-After").trimmed();
    if (header.isEmpty())
        return 0;
    bool isSeconds = false;
    const qint64 seconds = header.toLongLong(&isSeconds);
    if (isSeconds)
        return int(std::clamp<qint64>(seconds, 0, 86'400) * 1000);
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(header), Qt::RFC2822Date);
    if (!at.isValid())
        return 0;
    return int(std::clamp<qint64>(QDateTime::currentDateTimeUtc().msecsTo(at), 0, 86'400'000));
}

} // namespace

CrmClient::CrmClient(CrmMapping mapping, CrmClientConfig config, QObject *parent)
    : QObject(parent),
      m_mapping(std::move(mapping)),
      m_config(std::move(config)),
      m_network(new QNetworkAccessManager(this))
{
    m_config.baseUrl = m_config.baseUrl.adjusted(QUrl::StripTrailingSlash);
    if (m_config.timeoutMs <= 0)
        m_config.timeoutMs = m_mapping.timeoutMs();
}

// The replies are children of m_network and go with it; their callbacks never run.
CrmClient::~CrmClient() = default;

QStringList CrmClient::missingSecrets() const
{
    QStringList missing;
    for (const QString &name : m_mapping.secretNames()) {
        if (m_config.secrets.value(name).isEmpty())
            missing.append(name);
    }
    return missing;
}

bool CrmClient::supports(CrmOperation operation) const
{
    return m_mapping.operation(operation) != nullptr;
}

bool CrmClient::canFind(CrmOperation operation) const
{
    const CrmMapping::Operation *mapped = m_mapping.operation(operation);
    return mapped && mapped->find;
}

CrmVariables CrmClient::variablesFor(const CrmVariables &given) const
{
    CrmVariables variables = given;
    if (!variables.contains(QStringLiteral("call.ended_at"))) {
        const QDateTime started = QDateTime::fromString(
                variables.value(QStringLiteral("call.started_at")).toString(), Qt::ISODateWithMs);
        const QJsonValue duration = variables.value(QStringLiteral("call.duration_seconds"));
        if (started.isValid() && duration.isDouble())
            variables.insert(
                    QStringLiteral("call.ended_at"),
                    started.toUTC().addSecs(qint64(duration.toDouble())).toString(Qt::ISODate));
    }
    // EspoCRM and Odoo refuse a contact without a (last) name: fall back to what is known.
    auto text = [&](const char *name) {
        return CrmTemplate::toText(variables.value(QLatin1StringView(name))).trimmed();
    };
    if (text("contact.name").isEmpty()) {
        const QString name
                = QString(text("contact.first_name") + u' ' + text("contact.last_name")).trimmed();
        const QString fallback = name.isEmpty() ? text("contact.phone") : name;
        if (!fallback.isEmpty())
            variables.insert(QStringLiteral("contact.name"), fallback);
    }
    if (text("contact.first_name").isEmpty() && text("contact.last_name").isEmpty()
        && !text("contact.name").isEmpty())
        variables.insert(QStringLiteral("contact.last_name"), text("contact.name"));
    // The relay's config wins over anything the caller passed under these names.
    variables.insert(QStringLiteral("base_url"), m_config.baseUrl.toString());
    for (auto it = m_config.secrets.cbegin(); it != m_config.secrets.cend(); ++it)
        variables.insert(QStringLiteral("secret.") + it.key(), it.value());
    return variables;
}

QString CrmClient::redact(QString text) const
{
    for (const QString &secret : m_config.secrets) {
        if (secret.size() >= 4)
            text.replace(secret, QStringLiteral("***"));
    }
    return text;
}

QString CrmClient::excerpt(const QByteArray &body) const
{
    if (body.trimmed().isEmpty())
        return QStringLiteral("an empty answer");
    QString text = QString::fromUtf8(body.left(200)).simplified();
    for (QChar &c : text) {
        if (!c.isPrint())
            c = u'?';
    }
    return QStringLiteral("\"%1%2\"")
            .arg(redact(text), body.size() > 200 ? QStringLiteral("…") : QString());
}

void CrmClient::failLater(const Done &done, CrmError error)
{
    QTimer::singleShot(0, this, [done, error] { done(Failure<CrmError> { error }); });
}

void CrmClient::lookup(const QString &e164Phone, Callback<std::optional<CrmContact>> done,
                       const CrmVariables &extra)
{
    const CrmMapping::Operation *operation = m_mapping.operation(CrmOperation::Lookup);
    CrmVariables variables = extra;
    variables.insert(QStringLiteral("phone"), e164Phone);
    QString digits = e164Phone;
    digits.remove(u'+');
    variables.insert(QStringLiteral("phone.digits"), digits);
    if (CrmTemplate::toText(variables.value(QStringLiteral("phone.national"))).isEmpty())
        variables.insert(QStringLiteral("phone.national"), e164Phone);
    variables = variablesFor(variables);

    send(operation->request, variables, false, false,
         [this, operation, variables, done = std::move(done)](CrmResult<QJsonValue> result) {
             if (!result)
                 return done(Failure<CrmError> { result.error() });
             const QJsonValue record = *result;
             if (record.isUndefined() || record.isNull() || (record.isBool() && !record.toBool()))
                 return done(std::optional<CrmContact>());
             auto text = [&](const QString &field) {
                 for (const CrmJsonPath &path : operation->fields.value(field)) {
                     for (const QJsonValue &value : path.select(record)) {
                         const QString found = fieldText(value);
                         if (!found.isEmpty())
                             return found;
                     }
                 }
                 return QString();
             };
             CrmContact contact;
             contact.id = text(QStringLiteral("id"));
             if (contact.id.isEmpty())
                 return done(crmFailure(
                         QStringLiteral(
                                 "%1 found a record for lookup, but lookup.fields.id (\"%2\") "
                                 "gives no id in it; check the mapping")
                                 .arg(m_mapping.name(),
                                      operation->fields.value(QStringLiteral("id"))
                                              .value(0)
                                              .text())));
             contact.name = text(QStringLiteral("name"));
             contact.company = text(QStringLiteral("company"));
             contact.email = text(QStringLiteral("email"));
             contact.responsible = text(QStringLiteral("responsible"));
             for (const CrmJsonPath &path : operation->fields.value(QStringLiteral("phones"))) {
                 for (const QJsonValue &value : path.select(record)) {
                     const QString phone = fieldText(value);
                     if (!phone.isEmpty() && !contact.phones.contains(phone))
                         contact.phones.append(phone);
                 }
             }
             CrmVariables contactVariables;
             contactVariables.insert(QStringLiteral("contact.id"), contact.id);
             contactVariables.insert(QStringLiteral("contact.name"), contact.name);
             contactVariables.insert(QStringLiteral("contact.email"), contact.email);
             contactVariables.insert(QStringLiteral("contact.company"), contact.company);
             contact.url = contactUrl(contactVariables);
             done(std::optional<CrmContact>(std::move(contact)));
         });
}

void CrmClient::createContact(const CrmVariables &variables, Callback<QString> done)
{
    write(CrmOperation::CreateContact, variables, std::move(done));
}

void CrmClient::createLead(const CrmVariables &variables, Callback<QString> done)
{
    write(CrmOperation::CreateLead, variables, std::move(done));
}

void CrmClient::pushCall(const CrmVariables &variables, Callback<QString> done)
{
    write(CrmOperation::PushCall, variables, std::move(done));
}

void CrmClient::createTask(const CrmVariables &variables, Callback<QString> done)
{
    write(CrmOperation::CreateTask, variables, std::move(done));
}

void CrmClient::write(CrmOperation operation, const CrmVariables &variables, Callback<QString> done)
{
    const CrmMapping::Operation *mapped = m_mapping.operation(operation);
    auto finish
            = [done](CrmResult<QJsonValue> result) { done(Failure<CrmError> { result.error() }); };
    if (!mapped || operation == CrmOperation::Lookup) {
        return failLater(finish,
                         CrmError { QStringLiteral("%1's mapping (%2) has no %3; add it to the "
                                                   "mapping or turn this feature off")
                                            .arg(m_mapping.name(), m_mapping.sourceName(),
                                                 crmOperationKey(operation)) });
    }
    const CrmMapping::Request &request = mapped->request;
    send(request, variablesFor(variables), true, false,
         [this, &request, done = std::move(done)](CrmResult<QJsonValue> result) {
             if (!result)
                 return done(Failure<CrmError> { result.error() });
             const QString id = fieldText(request.id.first(*result));
             if (id.isEmpty()) {
                 // It answered with success: the record most likely exists.
                 return done(
                         crmFailure(QStringLiteral("%1 accepted %2 but its answer has no id at "
                                                   "\"%3\"; check %2.id in the mapping")
                                            .arg(m_mapping.name(), request.key, request.id.text()),
                                    false, true));
             }
             done(id);
         });
}

void CrmClient::findExisting(CrmOperation operation, const CrmVariables &variables,
                             Callback<std::optional<QString>> done)
{
    const CrmMapping::Operation *mapped = m_mapping.operation(operation);
    if (!mapped || !mapped->find) {
        return failLater(
                [done](CrmResult<QJsonValue> result) {
                    done(Failure<CrmError> { result.error() });
                },
                CrmError { QStringLiteral("%1's mapping (%2) has no %3.find, so whether an "
                                          "unanswered write reached the CRM cannot be checked")
                                   .arg(m_mapping.name(), m_mapping.sourceName(),
                                        crmOperationKey(operation)) });
    }
    const CrmMapping::Request &request = *mapped->find;
    send(request, variablesFor(variables), false, true,
         [&request, done = std::move(done)](CrmResult<QJsonValue> result) {
             if (!result)
                 return done(Failure<CrmError> { result.error() });
             const QString id = fieldText(request.id.first(*result));
             done(id.isEmpty() ? std::optional<QString>() : std::optional<QString>(id));
         });
}

QString CrmClient::contactUrl(const CrmVariables &contact) const
{
    const std::optional<CrmTemplate> &url = m_mapping.openUrl();
    if (!url)
        return {};
    CrmVariables variables = contact;
    variables.insert(QStringLiteral("base_url"), m_config.baseUrl.toString());
    return url->renderText(variables, m_mapping.maps()).valueOr(QString());
}

void CrmClient::send(const CrmMapping::Request &request, const CrmVariables &variables,
                     bool isWrite, bool strict, Done done)
{
    const CrmValueMaps &maps = m_mapping.maps();
    QStringList missing;
    auto templateError = [&](const QString &what) {
        return CrmError {
            QStringLiteral("%1: %2: %3").arg(m_mapping.sourceName(), request.key, what)
        };
    };

    const Result<QString> urlText = request.url.renderText(variables, maps, &missing);
    if (!urlText)
        return failLater(done, templateError(urlText.error().message));
    const QUrl url(*urlText, QUrl::TolerantMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")
        || url.host().isEmpty())
        return failLater(done,
                         templateError(QStringLiteral("the URL is not a valid http(s) URL; check "
                                                      "base_url (\"%1\") and the url")
                                               .arg(m_config.baseUrl.toString())));

    QNetworkRequest networkRequest(url);
    networkRequest.setTransferTimeout(m_config.timeoutMs);
    // A redirect would carry the credentials somewhere else.
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setRawHeader("Accept", "application/json");
    networkRequest.setHeader(
            QNetworkRequest::UserAgentHeader,
            QStringLiteral("CallBridge/%1").arg(QCoreApplication::applicationVersion()));

    const CrmMapping::Auth &auth = m_mapping.auth();
    auto render
            = [&](const CrmTemplate &value) { return value.renderText(variables, maps, &missing); };
    QList<std::pair<QByteArray, Result<QString>>> headers;
    switch (auth.type) {
    case CrmMapping::AuthType::None:
        break;
    case CrmMapping::AuthType::Header:
        headers.append({ auth.header, render(auth.value) });
        break;
    case CrmMapping::AuthType::Bearer: {
        const Result<QString> token = render(auth.value);
        headers.append(
                { "Authorization",
                  token ? Result<QString>(QString(QStringLiteral("Bearer ") + *token)) : token });
        break;
    }
    case CrmMapping::AuthType::Basic: {
        const Result<QString> user = render(auth.user);
        const Result<QString> password = render(auth.password);
        if (!user || !password) {
            headers.append({ "Authorization", user ? password : user });
            break;
        }
        const QByteArray credentials = QString(*user + u':' + *password).toUtf8().toBase64();
        headers.append({ "Authorization",
                         QString(QStringLiteral("Basic ") + QString::fromLatin1(credentials)) });
        break;
    }
    }
    for (const auto &[name, value] : m_mapping.headers())
        headers.append({ name, render(value) });
    for (const auto &[name, value] : request.headers)
        headers.append({ name, render(value) });
    for (const auto &[name, value] : headers) {
        if (!value)
            return failLater(done, templateError(value.error().message));
        networkRequest.setRawHeader(name, value->toUtf8());
    }

    QByteArray body;
    if (request.body) {
        const Result<QJsonValue> rendered
                = CrmTemplate::renderJson(*request.body, variables, maps, &missing);
        if (!rendered)
            return failLater(done, templateError(rendered.error().message));
        body = rendered->isArray()
                ? QJsonDocument(rendered->toArray()).toJson(QJsonDocument::Compact)
                : rendered->isObject()
                ? QJsonDocument(rendered->toObject()).toJson(QJsonDocument::Compact)
                : CrmTemplate::toText(*rendered).toUtf8();
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader,
                                 QByteArrayLiteral("application/json; charset=utf-8"));
    }
    if (strict && !missing.isEmpty()) {
        // An empty search term would match records of other calls.
        return failLater(
                done,
                templateError(QStringLiteral("cannot check, because %1 not given")
                                      .arg(missing.join(u", ")
                                           + (missing.size() == 1 ? QStringLiteral(" is")
                                                                  : QStringLiteral(" are")))));
    }

    QNetworkReply *reply = m_network->sendCustomRequest(networkRequest, request.method, body);
    ++m_pending;
    QElapsedTimer timer;
    timer.start();
    qCDebug(lcCrm).noquote() << request.key << request.method << request.url.text();
    const qint64 maxBytes = m_mapping.maxResponseBytes();
    auto abortIfTooLarge = [reply, maxBytes](qint64 size) {
        if (size > maxBytes && reply->isRunning()) {
            reply->setProperty(tooLargeProperty, true);
            reply->abort();
        }
    };
    connect(reply, &QNetworkReply::downloadProgress, reply,
            [abortIfTooLarge](qint64 received, qint64) { abortIfTooLarge(received); });
    connect(reply, &QNetworkReply::metaDataChanged, reply, [reply, abortIfTooLarge] {
        abortIfTooLarge(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong());
    });
    connect(reply, &QNetworkReply::finished, this, [this, &request, reply, isWrite, timer, done] {
        --m_pending;
        reply->deleteLater();
        handleFinished(request, reply, isWrite, timer.elapsed(), done);
    });
}

CrmError CrmClient::httpError(const CrmMapping::Request &request, int status,
                              const QByteArray &body, bool isWrite, QNetworkReply *reply) const
{
    const QString &crm = m_mapping.name();
    CrmError error;
    error.httpStatus = status;
    if (status == 408 || status == 429 || status >= 500) {
        error.retryable = true;
        // 500/502/504 may come after the CRM wrote the record; 408/429/503 refuse the request.
        error.ambiguous = isWrite && (status == 500 || status == 502 || status == 504);
        error.retryAfterMs = retryAfterMs(reply);
        const QString when = error.retryAfterMs > 0
                ? QStringLiteral("in %1 s").arg((error.retryAfterMs + 999) / 1000)
                : QStringLiteral("later");
        error.message = status == 429
                ? QStringLiteral(
                          "%1 limits the rate of requests (HTTP 429) for %2; trying again %3")
                          .arg(crm, request.key, when)
                : QStringLiteral("%1 could not handle %2 (HTTP %3): %4; trying again %5")
                          .arg(crm, request.key)
                          .arg(status)
                          .arg(excerpt(body), when);
        return error;
    }
    if (status == 401 || status == 403) {
        QStringList secrets;
        for (const QString &name : m_mapping.secretNames())
            secrets.append(QStringLiteral("secret.") + name);
        error.message = QStringLiteral("%1 refused the credentials for %2 (HTTP %3); check %4 in "
                                       "the relay's CRM settings and the API user's permissions")
                                .arg(crm, request.key)
                                .arg(status)
                                .arg(secrets.isEmpty() ? QStringLiteral("the credentials")
                                                       : secrets.join(u", "));
    } else if (status == 404) {
        error.message = QStringLiteral("%1 has no such address (HTTP 404) for %2 (%3 %4); check "
                                       "base_url and %2.url in %5")
                                .arg(crm, request.key, QString::fromLatin1(request.method),
                                     reply->url().path(), m_mapping.sourceName());
    } else if (status >= 300 && status < 400) {
        error.message
                = QStringLiteral("%1 redirected %2 to %3; set base_url to the address it "
                                 "redirects to (https?)")
                          .arg(crm, request.key, QString::fromUtf8(reply->rawHeader("Location")));
    } else {
        error.message = QStringLiteral("%1 rejected %2 (HTTP %3): %4; check %2 in %5")
                                .arg(crm, request.key)
                                .arg(status)
                                .arg(excerpt(body), m_mapping.sourceName());
    }
    return error;
}

void CrmClient::handleFinished(const CrmMapping::Request &request, QNetworkReply *reply,
                               bool isWrite, qint64 elapsedMs, const Done &done)
{
    const QString &crm = m_mapping.name();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError networkError = reply->error();
    auto failWith = [&](CrmError error) {
        error.message = redact(error.message);
        qCWarning(lcCrm).noquote()
                << request.key << "failed after" << elapsedMs << "ms:" << error.message;
        done(Failure<CrmError> { std::move(error) });
    };

    if (reply->property(tooLargeProperty).toBool())
        return failWith(CrmError { QStringLiteral("%1's answer to %2 is larger than %3 bytes; "
                                                  "narrow the request (select, limit) or raise "
                                                  "max_response_bytes")
                                           .arg(crm, request.key)
                                           .arg(m_mapping.maxResponseBytes()),
                                   false, isWrite, 0, status });
    if (status == 0) {
        const QUrl &url = reply->url();
        const QString host = url.port() > 0
                ? QString(url.host() + u':' + QString::number(url.port()))
                : url.host();
        if (networkError == QNetworkReply::OperationCanceledError
            || networkError == QNetworkReply::TimeoutError) {
            return failWith(CrmError {
                    QStringLiteral("%1 did not answer %2 within %3 ms%4")
                            .arg(crm, request.key)
                            .arg(m_config.timeoutMs)
                            .arg(isWrite ? QStringLiteral("; it may have done it, so check "
                                                          "before sending again")
                                         : QString()),
                    true, isWrite, 0, 0 });
        }
        if (isTlsProblem(networkError))
            return failWith(CrmError { QStringLiteral("cannot talk securely to %1 at %2 (%3); "
                                                      "check its certificate and base_url")
                                               .arg(crm, host, reply->errorString()),
                                       false, false, 0, 0 });
        const bool sent = !nothingWasSent(networkError);
        return failWith(CrmError {
                QStringLiteral("cannot reach %1 at %2 for %3 (%4); check that it is up and "
                               "base_url is right")
                        .arg(crm, host, request.key,
                             QString::fromLatin1(QMetaEnum::fromType<QNetworkReply::NetworkError>()
                                                         .valueToKey(networkError))),
                true, isWrite && sent, 0, 0 });
    }

    const QByteArray body = reply->readAll();
    qCInfo(lcCrm).noquote() << request.key << request.method << reply->url().host() << "→ HTTP"
                            << status << "in" << elapsedMs << "ms";
    if (status < 200 || status >= 300)
        return failWith(httpError(request, status, body, isWrite, reply));

    // Wrapped in a list so that a bare number or string answer parses too.
    QJsonParseError parseError;
    const QJsonDocument document
            = QJsonDocument::fromJson(QByteArray('[' + body + ']'), &parseError);
    if (body.trimmed().isEmpty() || parseError.error != QJsonParseError::NoError
        || document.array().size() != 1) {
        return failWith(CrmError { QStringLiteral("%1's answer to %2 is not JSON (%3): %4")
                                           .arg(crm, request.key,
                                                parseError.error != QJsonParseError::NoError
                                                        ? parseError.errorString()
                                                        : QStringLiteral("no single value"),
                                                excerpt(body)),
                                   false, isWrite, 0, status });
    }
    const QJsonValue answer = document.array().first();
    if (const auto &errorPath = m_mapping.errorPath()) {
        const QJsonValue reported = errorPath->first(answer);
        if (!reported.isUndefined() && !reported.isNull()
            && !(reported.isBool() && !reported.toBool()))
            return failWith(CrmError {
                    QStringLiteral("%1 reported an error for %2: %3")
                            .arg(crm, request.key, excerpt(CrmTemplate::toText(reported).toUtf8())),
                    false, false, 0, status });
    }
    done(request.result.first(answer));
}

} // namespace CallBridge
