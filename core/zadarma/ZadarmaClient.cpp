// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/ZadarmaClient.h"

#include "core/common/Clock.h"
#include "core/zadarma/ZadarmaLogging.h"
#include "core/zadarma/ZadarmaSigner.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcZadarmaClient, "callbridge.core.zadarma", QtInfoMsg)

namespace CallBridge {

using std::chrono::milliseconds;

namespace {

constexpr char timedOutProperty[] = "callbridgeTimedOut";
constexpr char tooLargeProperty[] = "callbridgeTooLarge";

ZadarmaError makeError(ZadarmaError::Kind kind, int httpStatus, QString message, int attempts)
{
    return ZadarmaError { kind, httpStatus, std::move(message), attempts };
}

// A short, printable excerpt of an unexpected body for the error message.
QString excerpt(const QByteArray &body)
{
    if (body.isEmpty())
        return QStringLiteral("empty body");
    QString text = QString::fromUtf8(body.left(120)).simplified();
    for (QChar &c : text) {
        if (!c.isPrint())
            c = u'?';
    }
    return QStringLiteral("\"%1%2\"")
            .arg(text, body.size() > 120 ? QStringLiteral("…") : QString());
}

// Zadarma's error text: "message", or "data" for the Teamsale CRM methods.
QString zadarmaMessage(const QJsonObject &object)
{
    const QJsonValue message = object.value(QLatin1StringView("message"));
    if (message.isString() && !message.toString().isEmpty())
        return message.toString();
    const QJsonValue data = object.value(QLatin1StringView("data"));
    if (data.isString())
        return data.toString();
    if (data.isObject() || data.isArray()) {
        return QString::fromUtf8(QJsonDocument(data.isObject() ? QJsonDocument(data.toObject())
                                                               : QJsonDocument(data.toArray()))
                                         .toJson(QJsonDocument::Compact));
    }
    return QStringLiteral("no message given");
}

// Zadarma may send call ids as JSON numbers ("call_id":1439981389.2702773, as its OpenAPI spec
// types them); a double keeps only 15-17 digits, and an id with one digit changed finds no
// recording. Quote them while the text is still exact.
QByteArray quoteNumericCallIds(const QByteArray &body)
{
    static const QRegularExpression numericId(
            QStringLiteral(R"re("(call_id|call_id_with_rec)"\s*:\s*(-?[0-9]+\.[0-9]+))re"));
    if (!body.contains("call_id"))
        return body;
    QString text = QString::fromUtf8(body);
    text.replace(numericId, QStringLiteral(R"re("\1":"\2")re"));
    return text.toUtf8();
}

bool nothingWasSent(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::ConnectionRefusedError
            || error == QNetworkReply::HostNotFoundError;
}

} // namespace

ZadarmaClient::ZadarmaClient(QNetworkAccessManager *network, Clock *clock,
                             ZadarmaClientConfig config, QObject *parent)
    : QObject(parent),
      m_network(network),
      m_clock(clock),
      m_config(std::move(config)),
      m_limiter(m_config.limits)
{
    m_config.maxAttempts = std::max(1, m_config.maxAttempts);
    m_config.maxInFlight = std::max(1, m_config.maxInFlight);
}

ZadarmaClient::~ZadarmaClient()
{
    // Whoever still waits hears about it; the replies are our children and go with us.
    const auto replies = findChildren<ZadarmaReply *>(QString(), Qt::FindDirectChildrenOnly);
    for (ZadarmaReply *reply : replies) {
        if (!reply->isFinished())
            reply->finish(
                    fail(makeError(ZadarmaError::Kind::Cancelled, 0,
                                   QStringLiteral("the client was shut down"), reply->attempts())));
    }
}

void ZadarmaClient::setCredentials(ZadarmaCredentials credentials)
{
    m_credentials = std::move(credentials);
}

ZadarmaReply *ZadarmaClient::send(ZadarmaRequest request)
{
    request.methodPath = ZadarmaRequest::normalizedMethodPath(request.methodPath);
    request.httpMethod = request.httpMethod.toUpper();
    auto *reply = new ZadarmaReply(std::move(request), this);

    const QByteArray &method = reply->request().httpMethod;
    if (method != "GET" && method != "POST" && method != "PUT" && method != "DELETE") {
        refuse(reply, ZadarmaError::Kind::Configuration,
               QStringLiteral("unsupported HTTP method %1 (use GET, POST, PUT or DELETE)")
                       .arg(QString::fromLatin1(method)));
    } else if (!m_credentials.isComplete()) {
        refuse(reply, ZadarmaError::Kind::Configuration,
               QStringLiteral("the API key and secret are not set"));
    } else if (!m_config.baseUrl.isValid() || m_config.baseUrl.scheme().isEmpty()
               || m_config.baseUrl.host().isEmpty()) {
        refuse(reply, ZadarmaError::Kind::Configuration,
               QStringLiteral("the API URL \"%1\" is not a valid http(s) URL")
                       .arg(m_config.baseUrl.toString()));
    } else if (queuedCount() >= m_config.maxQueued) {
        qCWarning(lcZadarmaClient) << "queue full, refusing" << reply->request().methodPath;
        refuse(reply, ZadarmaError::Kind::QueueFull,
               QStringLiteral("%1 requests are already waiting").arg(queuedCount()));
    } else {
        m_queue.push_back(reply);
        // Dispatch from the event loop, so that the caller connects to finished() first.
        QTimer::singleShot(0, this, &ZadarmaClient::pump);
    }
    return reply;
}

void ZadarmaClient::refuse(ZadarmaReply *reply, ZadarmaError::Kind kind, const QString &message)
{
    // Nothing was sent; still finish from the event loop, after the caller has connected.
    QTimer::singleShot(0, reply, [reply, error = makeError(kind, 0, message, 0)] {
        reply->finish(fail(error));
    });
}

void ZadarmaClient::pump()
{
    const milliseconds now = m_clock->monotonic();
    while (m_inFlight < m_config.maxInFlight && !m_queue.empty()) {
        // The first request whose limit allows it now: a statistics request that must wait does
        // not hold up the others.
        auto next = std::find_if(
                m_queue.begin(), m_queue.end(), [&](const QPointer<ZadarmaReply> &reply) {
                    return !reply
                            || m_limiter.delayFor(reply->request().isStatistics(), now)
                            <= milliseconds(0);
                });
        if (next == m_queue.end())
            break;
        QPointer<ZadarmaReply> reply = *next;
        m_queue.erase(next);
        if (reply)
            dispatch(reply);
    }
    if (m_queue.empty() || m_inFlight >= m_config.maxInFlight)
        return;
    milliseconds wait = milliseconds::max();
    for (const auto &reply : m_queue) {
        if (reply)
            wait = std::min(wait, m_limiter.delayFor(reply->request().isStatistics(), now));
    }
    if (wait != milliseconds::max())
        scheduleWake(wait);
}

void ZadarmaClient::scheduleWake(milliseconds delay)
{
    const milliseconds wakeAt = m_clock->monotonic() + delay;
    if (m_wakeAt >= m_clock->monotonic() && m_wakeAt <= wakeAt)
        return; // an earlier wake-up is already set
    m_wakeAt = wakeAt;
    qCDebug(lcZadarmaClient) << "rate limit: next request in" << delay.count() << "ms";
    m_clock->callAfter(delay, this, [this] {
        m_wakeAt = milliseconds(-1);
        pump();
    });
}

void ZadarmaClient::dispatch(ZadarmaReply *reply)
{
    const ZadarmaRequest &request = reply->request();
    const ZadarmaSignedRequest signedRequest = signZadarmaRequest(
            request.methodPath, request.parameters, m_credentials.key, m_credentials.secret);

    QByteArray url = m_config.baseUrl.toEncoded(QUrl::StripTrailingSlash) + request.methodPath;
    const bool isGet = request.httpMethod == "GET";
    if (isGet)
        url += '?' + signedRequest.query;
    QNetworkRequest networkRequest(QUrl::fromEncoded(url));
    networkRequest.setRawHeader("Authorization", signedRequest.authorization);
    networkRequest.setRawHeader("Accept", "application/json");
    networkRequest.setHeader(
            QNetworkRequest::UserAgentHeader,
            QStringLiteral("CallBridge/%1").arg(QCoreApplication::applicationVersion()));
    // A redirect would carry the Authorization header somewhere else.
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    if (!isGet)
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader,
                                 QByteArrayLiteral("application/x-www-form-urlencoded"));

    QNetworkReply *networkReply = isGet
            ? m_network->get(networkRequest)
            : m_network->sendCustomRequest(networkRequest, request.httpMethod, signedRequest.query);
    m_limiter.recordSent(request.isStatistics(), m_clock->monotonic());
    ++reply->m_attempts;
    ++m_inFlight;
    qCDebug(lcZadarmaClient).noquote()
            << request.httpMethod << request.methodPath << "attempt" << reply->attempts();

    const QPointer<ZadarmaReply> guardedReply(reply);
    connect(networkReply, &QNetworkReply::finished, this, [this, guardedReply, networkReply] {
        --m_inFlight;
        networkReply->deleteLater();
        if (guardedReply)
            handleFinished(guardedReply, networkReply);
        pump();
    });
    connect(networkReply, &QNetworkReply::downloadProgress, networkReply,
            [networkReply, limit = m_config.maxResponseBytes](qint64 received, qint64) {
                if (received > limit && networkReply->isRunning()) {
                    networkReply->setProperty(tooLargeProperty, true);
                    networkReply->abort();
                }
            });
    connect(networkReply, &QNetworkReply::metaDataChanged, networkReply,
            [networkReply, limit = m_config.maxResponseBytes] {
                const qint64 announced
                        = networkReply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
                if (announced > limit && networkReply->isRunning()) {
                    networkReply->setProperty(tooLargeProperty, true);
                    networkReply->abort();
                }
            });
    m_clock->callAfter(m_config.timeout, networkReply, [networkReply] {
        if (networkReply->isRunning()) {
            networkReply->setProperty(timedOutProperty, true);
            networkReply->abort();
        }
    });
}

void ZadarmaClient::handleFinished(ZadarmaReply *reply, QNetworkReply *networkReply)
{
    const ZadarmaRequest &request = reply->request();
    const int attempts = reply->attempts();
    const bool mayRetry = attempts < m_config.maxAttempts;
    const int status = networkReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

    auto failWith = [&](ZadarmaError::Kind kind, const QString &message) {
        const ZadarmaError error = makeError(kind, status, message, attempts);
        qCWarning(lcZadarmaClient).noquote()
                << request.httpMethod << request.methodPath << "failed:" << error.toString();
        reply->finish(fail(error));
    };

    if (networkReply->property(timedOutProperty).toBool()) {
        const QString message
                = QStringLiteral("no answer within %1 ms").arg(m_config.timeout.count());
        if (mayRetry && request.isRetrySafe())
            return retryLater(reply, backoffFor(attempts));
        return failWith(ZadarmaError::Kind::Timeout, message);
    }
    if (networkReply->property(tooLargeProperty).toBool())
        return failWith(ZadarmaError::Kind::InvalidResponse,
                        QStringLiteral("the answer is larger than %1 bytes")
                                .arg(m_config.maxResponseBytes));
    if (status == 0) {
        if (mayRetry && (request.isRetrySafe() || nothingWasSent(networkReply->error())))
            return retryLater(reply, backoffFor(attempts));
        return failWith(ZadarmaError::Kind::Network, networkReply->errorString());
    }

    const QByteArray body = networkReply->readAll();
    if (body.size() > m_config.maxResponseBytes)
        return failWith(ZadarmaError::Kind::InvalidResponse,
                        QStringLiteral("the answer is larger than %1 bytes")
                                .arg(m_config.maxResponseBytes));
    if (status >= 300 && status < 400) {
        return failWith(ZadarmaError::Kind::InvalidResponse,
                        QStringLiteral("redirected to %1; check the API URL")
                                .arg(QString::fromUtf8(networkReply->rawHeader("Location"))));
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(quoteNumericCallIds(body), &parseError);
    const QJsonObject object = document.object();
    const bool isJsonObject = parseError.error == QJsonParseError::NoError && document.isObject();

    if (status == 429) {
        const milliseconds wait = retryAfter(networkReply, attempts);
        m_limiter.pauseUntil(request.isStatistics(), m_clock->monotonic() + wait);
        if (mayRetry)
            return retryLater(reply, wait);
        return failWith(ZadarmaError::Kind::RateLimited,
                        isJsonObject ? zadarmaMessage(object) : QStringLiteral("HTTP 429"));
    }
    if (status >= 500 && mayRetry && request.isRetrySafe())
        return retryLater(reply, backoffFor(attempts));

    if (!isJsonObject) {
        const QString reason = parseError.error != QJsonParseError::NoError
                ? QStringLiteral("not JSON (%1): %2").arg(parseError.errorString(), excerpt(body))
                : QStringLiteral("JSON, but not an object: %1").arg(excerpt(body));
        return failWith(status >= 400 ? ZadarmaError::Kind::Http
                                      : ZadarmaError::Kind::InvalidResponse,
                        reason);
    }
    if (status >= 400
        || object.value(QLatin1StringView("status")).toString() == QLatin1StringView("error"))
        return failWith(ZadarmaError::Kind::Api, zadarmaMessage(object));

    qCDebug(lcZadarmaClient).noquote() << request.httpMethod << request.methodPath << "→" << status;
    reply->finish(object);
}

void ZadarmaClient::retryLater(ZadarmaReply *reply, milliseconds delay)
{
    qCInfo(lcZadarmaClient).noquote()
            << reply->request().methodPath << "attempt" << reply->attempts()
            << "was refused or failed; retrying in" << delay.count() << "ms";
    ++m_waitingForRetry;
    const QPointer<ZadarmaReply> guardedReply(reply);
    m_clock->callAfter(delay, this, [this, guardedReply] {
        --m_waitingForRetry;
        if (guardedReply) {
            m_queue.push_front(guardedReply);
            pump();
        }
    });
}

milliseconds ZadarmaClient::backoffFor(int attempts) const
{
    const double base
            = double(m_config.firstBackoff.count()) * std::pow(2.0, std::max(0, attempts - 1));
    const double jitter = m_config.backoffJitter > 0 ? 1.0
                    + m_config.backoffJitter
                            * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0)
                                                     : 1.0;
    return std::min(m_config.maxBackoff, milliseconds(qint64(base * jitter)));
}

milliseconds ZadarmaClient::retryAfter(QNetworkReply *networkReply, int attempts) const
{
    const QByteArray header = networkReply->rawHeader("Retry-After").trimmed();
    bool isSeconds = false;
    const qint64 seconds = header.toLongLong(&isSeconds);
    milliseconds wait = backoffFor(attempts);
    if (isSeconds && seconds >= 0) {
        wait = milliseconds(seconds * 1000);
    } else if (!header.isEmpty()) {
        const QDateTime at = QDateTime::fromString(QString::fromLatin1(header), Qt::RFC2822Date);
        if (at.isValid())
            wait = milliseconds(std::max<qint64>(0, m_clock->now().msecsTo(at)));
    }
    return std::clamp(wait, milliseconds(0), std::max(m_config.maxBackoff, milliseconds(300'000)));
}

// The typed calls -------------------------------------------------------------------------

namespace {

ZadarmaRequest get(const char *path, PhpArray parameters = {})
{
    return ZadarmaRequest { "GET", path, std::move(parameters), ZadarmaRequest::Retry::Auto };
}

PhpArray switchParameters(const QList<std::pair<QString, bool>> &switches)
{
    PhpArray parameters;
    for (const auto &[name, on] : switches)
        parameters.set(PhpKey(name), PhpValue(on ? "true" : "false"));
    return parameters;
}

} // namespace

ZadarmaReply *ZadarmaClient::balance()
{
    return send(get("/v1/info/balance/"));
}

ZadarmaReply *ZadarmaClient::timezone()
{
    return send(get("/v1/info/timezone/"));
}

ZadarmaReply *ZadarmaClient::pbxExtensions()
{
    return send(get("/v1/pbx/internal/"));
}

ZadarmaReply *ZadarmaClient::extensionStatus(const QString &extension)
{
    return send(
            get(QByteArray("/v1/pbx/internal/" + QUrl::toPercentEncoding(extension) + "/status/")));
}

ZadarmaReply *ZadarmaClient::extensionInfo(const QString &extension)
{
    return send(
            get(QByteArray("/v1/pbx/internal/" + QUrl::toPercentEncoding(extension) + "/info/")));
}

ZadarmaReply *ZadarmaClient::requestCallback(const QString &from, const QString &to,
                                             const QString &sip, bool predicted)
{
    PhpArray parameters { { "from", from }, { "to", to } };
    if (!sip.isEmpty())
        parameters.set(PhpKey("sip"), sip);
    if (predicted)
        parameters.set(PhpKey("predicted"), "1");
    ZadarmaRequest request = get("/v1/request/callback/", std::move(parameters));
    request.retry = ZadarmaRequest::Retry::Unsafe;
    return send(std::move(request));
}

ZadarmaReply *ZadarmaClient::recordingByCallId(const QString &callId, int lifetimeSeconds)
{
    return send(get("/v1/pbx/record/request/",
                    { { "call_id", callId }, { "lifetime", lifetimeSeconds } }));
}

ZadarmaReply *ZadarmaClient::recordingsByPbxCallId(const QString &pbxCallId, int lifetimeSeconds)
{
    return send(get("/v1/pbx/record/request/",
                    { { "pbx_call_id", pbxCallId }, { "lifetime", lifetimeSeconds } }));
}

ZadarmaReply *ZadarmaClient::pbxStatistics(const PbxStatisticsQuery &query)
{
    PhpArray parameters;
    if (!query.start.isEmpty())
        parameters.set(PhpKey("start"), query.start);
    if (!query.end.isEmpty())
        parameters.set(PhpKey("end"), query.end);
    parameters.set(PhpKey("version"), query.version);
    if (!query.callType.isEmpty())
        parameters.set(PhpKey("call_type"), query.callType);
    parameters.set(PhpKey("skip"), query.skip);
    parameters.set(PhpKey("limit"), query.limit);
    return send(get("/v1/statistics/pbx/", std::move(parameters)));
}

ZadarmaReply *ZadarmaClient::statistics(const StatisticsQuery &query)
{
    PhpArray parameters;
    if (!query.start.isEmpty())
        parameters.set(PhpKey("start"), query.start);
    if (!query.end.isEmpty())
        parameters.set(PhpKey("end"), query.end);
    if (!query.sip.isEmpty())
        parameters.set(PhpKey("sip"), query.sip);
    if (query.costOnly)
        parameters.set(PhpKey("cost_only"), 1);
    if (!query.type.isEmpty())
        parameters.set(PhpKey("type"), query.type);
    parameters.set(PhpKey("skip"), query.skip);
    parameters.set(PhpKey("limit"), query.limit);
    return send(get("/v1/statistics/", std::move(parameters)));
}

ZadarmaReply *ZadarmaClient::directNumbers()
{
    return send(get("/v1/direct_numbers/"));
}

ZadarmaReply *ZadarmaClient::callInfo()
{
    return send(get("/v1/pbx/callinfo/"));
}

ZadarmaReply *ZadarmaClient::setCallInfoUrl(const QUrl &url)
{
    return send({ "POST",
                  "/v1/pbx/callinfo/url/",
                  { { "url", url.toString(QUrl::FullyEncoded) } },
                  ZadarmaRequest::Retry::Safe });
}

ZadarmaReply *ZadarmaClient::removeCallInfoUrl()
{
    return send({ "DELETE", "/v1/pbx/callinfo/url/", {}, ZadarmaRequest::Retry::Safe });
}

ZadarmaReply *
ZadarmaClient::setCallInfoNotifications(const QList<std::pair<QString, bool>> &switches)
{
    return send({ "POST", "/v1/pbx/callinfo/notifications/", switchParameters(switches),
                  ZadarmaRequest::Retry::Safe });
}

ZadarmaReply *ZadarmaClient::webhooks()
{
    return send(get("/v1/pbx/webhooks/"));
}

ZadarmaReply *ZadarmaClient::setWebhooksUrl(const QUrl &url)
{
    return send({ "POST",
                  "/v1/pbx/webhooks/url/",
                  { { "url", url.toString(QUrl::FullyEncoded) } },
                  ZadarmaRequest::Retry::Safe });
}

ZadarmaReply *ZadarmaClient::removeWebhooksUrl()
{
    return send({ "DELETE", "/v1/pbx/webhooks/url/", {}, ZadarmaRequest::Retry::Safe });
}

ZadarmaReply *ZadarmaClient::setWebhookHooks(const QList<std::pair<QString, bool>> &switches)
{
    return send({ "POST", "/v1/pbx/webhooks/hooks/", switchParameters(switches),
                  ZadarmaRequest::Retry::Safe });
}

} // namespace CallBridge
