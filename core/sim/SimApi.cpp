// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimApi.h"

#include "core/common/Clock.h"
#include "core/common/ConstantTime.h"
#include "core/common/Result.h"
#include "core/sim/SimCallController.h"
#include "core/sim/SimEchoCheck.h"
#include "core/sim/SimPbx.h"
#include "core/sim/SimRecordingDownloads.h"
#include "core/zadarma/PhpQuery.h"
#include "core/zadarma/ZadarmaSigner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <optional>

Q_LOGGING_CATEGORY(lcSimApi, "callbridge.core.sim.api", QtInfoMsg)

namespace CallBridge {

using std::chrono::milliseconds;
using Headers = QList<std::pair<QByteArray, QByteArray>>;

namespace {

// The per-minute rate the simulated account pays for outgoing calls (/v1/statistics/ "cost").
constexpr double outgoingRatePerMinute = 0.02;

QJsonObject success(QJsonObject fields)
{
    fields.insert(QStringLiteral("status"), QStringLiteral("success"));
    return fields;
}

QString boolText(bool on)
{
    return on ? QStringLiteral("true") : QStringLiteral("false");
}

// Zadarma's examples write digit-only values (extensions, phone numbers in statistics and
// callback answers) as JSON numbers, PHP's json_encode of integer columns; clients have to cope,
// so the simulator does the same. Anything else (a leading '+' or 0) stays a string.
QJsonValue numberLike(const QString &text)
{
    static const QRegularExpression integer(QStringLiteral("^[1-9][0-9]{0,14}$"));
    if (integer.match(text).hasMatch())
        return QJsonValue(text.toLongLong());
    return text;
}

QJsonObject switchesObject(const QList<std::pair<QString, bool>> &switches)
{
    QJsonObject object;
    for (const auto &[name, on] : switches)
        object.insert(name, boolText(on));
    return object;
}

bool matchesRoute(const QByteArray &pattern, const QList<QByteArray> &segments,
                  QByteArray *argument)
{
    const QList<QByteArray> parts = pattern.split('/');
    if (parts.size() != segments.size())
        return false;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (parts[i] == "*") {
            if (segments[i].isEmpty())
                return false;
            *argument = segments[i];
        } else if (parts[i] != segments[i]) {
            return false;
        }
    }
    return true;
}

struct Period
{
    QDateTime start; // UTC
    QDateTime end;
};

// Zadarma: start defaults to the start of the current month, end to now; "Maximum period of
// getting statistics is 1 month. If the limit in the request is exceeded, the time period
// automatically decreases to 30 days" (from the start). Times are in the account's zone.
Result<Period> statisticsPeriod(const SimPbx &pbx, const QString &startText, const QString &endText)
{
    const QDateTime now = pbx.clock()->now().toUTC();
    QDateTime start;
    if (startText.isEmpty()) {
        start = pbx.fromAccountTime(pbx.accountTime(now).left(8) + QStringLiteral("01 00:00:00"));
    } else {
        start = pbx.fromAccountTime(startText);
        if (!start.isValid())
            return fail(QStringLiteral("Wrong start date, expected YYYY-MM-DD HH:MM:SS"));
    }
    QDateTime end = now;
    if (!endText.isEmpty()) {
        end = pbx.fromAccountTime(endText);
        if (!end.isValid())
            return fail(QStringLiteral("Wrong end date, expected YYYY-MM-DD HH:MM:SS"));
    }
    if (end < start)
        return fail(QStringLiteral("Wrong period: the end date is before the start date"));
    if (end > start.addMonths(1))
        end = start.addDays(30);
    return Period { start, end };
}

QDateTime startOf(const SimPbx &pbx, const SimCallRecord &record)
{
    return record.startUtc.isValid() ? record.startUtc.toUTC()
                                     : pbx.fromAccountTime(record.callStart);
}

QString callStartOf(const SimPbx &pbx, const SimCallRecord &record)
{
    return record.callStart.isEmpty() ? pbx.accountTime(record.startUtc) : record.callStart;
}

QString recordingFileName(const QString &callId)
{
    return callId + QStringLiteral(".wav");
}

} // namespace

// One authenticated request on its way to a method.
struct SimApi::Call
{
    const SimHttpRequest &request;
    PhpArray parameters;
    QString argument; // the '*' segment of the route: an extension or a SIP id
    Headers headers; // X-RateLimit-*

    bool has(const PhpKey &name) const { return parameters.find(name) != nullptr; }

    // A scalar parameter as text; an array ("to[]=…") counts as empty.
    QString text(const PhpKey &name) const
    {
        const PhpValue *value = parameters.find(name);
        return value && value->isString() ? QString::fromUtf8(value->toBytes()) : QString();
    }

    // fallback when absent; nullopt when not a plain decimal integer.
    std::optional<qint64> integer(const PhpKey &name, qint64 fallback) const
    {
        if (!has(name))
            return fallback;
        static const QRegularExpression pattern(QStringLiteral("^-?[0-9]{1,15}$"));
        const QString value = text(name);
        if (!pattern.match(value).hasMatch())
            return std::nullopt;
        return value.toLongLong();
    }

    // A flag such as predicted or cost_only: present and not "", "0" or "false".
    bool flag(const PhpKey &name) const
    {
        if (!has(name))
            return false;
        const QString value = text(name);
        return !value.isEmpty() && value != QLatin1StringView("0")
                && value != QLatin1StringView("false");
    }

    void answer(SimHttpReply &reply, QJsonObject fields) const
    {
        reply.sendJson(200, success(std::move(fields)), headers);
    }

    void refuse(SimHttpReply &reply, const QString &message, int status = 400) const
    {
        reply.sendError(status, message, headers);
    }
};

SimApi::SimApi(SimPbx *pbx, SimCallController *calls, QNetworkAccessManager *network,
               std::function<QUrl()> publicUrl, QObject *parent)
    : QObject(parent),
      m_pbx(pbx),
      m_calls(calls),
      m_network(network),
      m_publicUrl(std::move(publicUrl)),
      m_echoTimeout(SimEchoCheck::defaultTimeout),
      m_limiter(pbx->config().limits)
{
    m_routes = {
        { "GET", "info/balance", &SimApi::balance },
        { "GET", "info/timezone", &SimApi::timezone },
        { "GET", "pbx/internal", &SimApi::pbxInternal },
        { "GET", "pbx/internal/*/status", &SimApi::extensionStatus },
        { "GET", "pbx/internal/*/info", &SimApi::extensionInfo },
        { "GET", "request/callback", &SimApi::callback },
        { "GET", "pbx/record/request", &SimApi::recordRequest },
        { "DELETE", "pbx/record/request", &SimApi::recordDelete },
        { "GET", "statistics/pbx", &SimApi::pbxStatistics },
        { "GET", "statistics", &SimApi::statistics },
        { "GET", "direct_numbers", &SimApi::directNumbers },
        { "GET", "sip", &SimApi::sipList },
        { "GET", "sip/*/status", &SimApi::sipStatus },
        { "GET", "pbx/callinfo", &SimApi::callInfo },
        { "POST", "pbx/callinfo/url", &SimApi::setCallInfoUrl },
        { "DELETE", "pbx/callinfo/url", &SimApi::removeCallInfoUrl },
        { "POST", "pbx/callinfo/notifications", &SimApi::setCallInfoNotifications },
        { "GET", "pbx/webhooks", &SimApi::webhooks },
        { "POST", "pbx/webhooks/url", &SimApi::setWebhooksUrl },
        { "DELETE", "pbx/webhooks/url", &SimApi::removeWebhooksUrl },
        { "POST", "pbx/webhooks/hooks", &SimApi::setWebhookHooks },
    };
}

SimApi::~SimApi() = default;

void SimApi::handle(const SimHttpRequest &request, SimHttpReply reply)
{
    // The parameters as PHP sees them: the query of a GET, the form body of the others (the
    // official client sends DELETE and PUT parameters in the body too). multipart/form-data is
    // not simulated: none of these methods takes a file.
    const bool isGet = request.method == "GET";
    QByteArray rawParameters;
    if (isGet) {
        rawParameters = request.query;
    } else {
        const QByteArray type = request.header("Content-Type").toLower();
        if (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded"))
            rawParameters = request.body;
    }

    // Authentication comes first, so that any change to the signed path, including one that
    // names no method, is an "Auth error" (Zadarma's order is not documented). Refused requests
    // are not counted against the limits: the limits are per account, and a request that fails
    // authentication is not known to be the account's.
    if (!isAuthentic(request, rawParameters)) {
        qCInfo(lcSimApi).noquote() << "Auth error for" << request.method << request.path;
        reply.sendError(401, QStringLiteral("Auth error"));
        return;
    }

    // Routing ignores the trailing slash (the OpenAPI spec omits it); the signature does not.
    QByteArray route = QByteArray::fromPercentEncoding(request.path).mid(4); // after "/v1/"
    if (route.endsWith('/'))
        route.chop(1);
    const QList<QByteArray> segments = route.split('/');
    const bool isStatistics = segments.first() == "statistics";

    Headers limitHeaders;
    if (m_pbx->config().rateLimited) {
        const milliseconds now = m_pbx->clock()->monotonic();
        const milliseconds delay = m_limiter.delayFor(isStatistics, now);
        if (delay > milliseconds(0)) {
            Headers headers = rateLimitHeaders(isStatistics, now);
            headers.append(
                    { "Retry-After",
                      QByteArray::number(std::max<qint64>(1, (delay.count() + 999) / 1000)) });
            reply.sendError(429, QStringLiteral("You exceeded the rate limit"), headers);
            return;
        }
        m_limiter.recordSent(isStatistics, now);
        limitHeaders = rateLimitHeaders(isStatistics, now);
    }

    PhpArray parameters = phpParseQuery(rawParameters);
    const PhpValue *format = parameters.find(PhpKey("format"));
    // Zadarma answers XML for format=xml and JSON otherwise.
    if (format && format->isString() && format->toBytes() == "xml") {
        reply.sendError(400, QStringLiteral("XML is not supported by the simulator"), limitHeaders);
        return;
    }

    QByteArrayList allowed;
    for (const Route &candidate : std::as_const(m_routes)) {
        QByteArray argument;
        if (!matchesRoute(candidate.pattern, segments, &argument))
            continue;
        if (candidate.httpMethod != request.method) {
            allowed.append(candidate.httpMethod);
            continue;
        }
        const Call call { request, std::move(parameters), QString::fromUtf8(argument),
                          limitHeaders };
        (this->*candidate.method)(call, reply);
        return;
    }
    if (allowed.isEmpty()) {
        reply.sendError(404, QStringLiteral("Method not found"), limitHeaders);
    } else {
        limitHeaders.append({ "Allow", allowed.join(", ") });
        reply.sendError(405,
                        QStringLiteral("Method not allowed: use %1")
                                .arg(QString::fromLatin1(allowed.join(" or "))),
                        limitHeaders);
    }
}

bool SimApi::isAuthentic(const SimHttpRequest &request, const QByteArray &rawParameters) const
{
    // "<key>:<signature>" exactly; a space after the colon (as the web docs' prose writes it) is
    // part of the signature and fails, as no official client sends one.
    const QByteArray header = request.header("Authorization");
    const qsizetype colon = header.indexOf(':');
    if (colon <= 0)
        return false;
    // The client sends its parameters in any order (PHP: insertion order) but signs them sorted,
    // so sort what arrived and sign that, over the path as received.
    PhpArray parameters = phpParseQuery(rawParameters);
    phpKsort(parameters);
    const QByteArray query = phpHttpBuildQuery(parameters);
    const QByteArray expected
            = zadarmaSignature(m_pbx->config().secret, zadarmaStringToSign(request.path, query));
    const bool keyMatches = constantTimeEquals(header.left(colon), m_pbx->config().key);
    const bool signatureMatches = constantTimeEquals(header.mid(colon + 1), expected);
    return keyMatches && signatureMatches;
}

// Zadarma's documented headers: X-RateLimit-Limit (per minute), -Remaining (after this request,
// the tighter of the overall and the method's limit) and -Reset (unix time the window frees up).
Headers SimApi::rateLimitHeaders(bool statistics, milliseconds now)
{
    const ZadarmaRateLimiter::Budget budget = m_limiter.budget(statistics, now);
    const qint64 reset
            = m_pbx->clock()->now().addMSecs(budget.resetIn.count() + 999).toSecsSinceEpoch();
    return { { "X-RateLimit-Limit", QByteArray::number(budget.limit) },
             { "X-RateLimit-Remaining", QByteArray::number(budget.remaining) },
             { "X-RateLimit-Reset", QByteArray::number(reset) } };
}

// Info --------------------------------------------------------------------------------------

void SimApi::balance(const Call &call, SimHttpReply &reply)
{
    call.answer(reply,
                { { QStringLiteral("balance"), m_pbx->config().balance },
                  { QStringLiteral("currency"), m_pbx->config().currency } });
}

void SimApi::timezone(const Call &call, SimHttpReply &reply)
{
    const QDateTime now = m_pbx->clock()->now();
    call.answer(reply,
                { { QStringLiteral("unixtime"), now.toSecsSinceEpoch() },
                  { QStringLiteral("datetime"), m_pbx->accountTime(now) },
                  { QStringLiteral("timezone"), m_pbx->config().timeZone } });
}

// PBX extensions ----------------------------------------------------------------------------

void SimApi::pbxInternal(const Call &call, SimHttpReply &reply)
{
    QJsonArray numbers;
    for (const SimExtension &extension : m_pbx->config().extensions)
        numbers.append(numberLike(extension.number));
    call.answer(reply,
                { { QStringLiteral("pbx_id"), m_pbx->config().pbxId },
                  { QStringLiteral("numbers"), numbers } });
}

void SimApi::extensionStatus(const Call &call, SimHttpReply &reply)
{
    const SimExtension *extension = m_pbx->extension(call.argument);
    if (!extension)
        return call.refuse(reply, QStringLiteral("PBX extension %1 not found").arg(call.argument));
    call.answer(reply,
                { { QStringLiteral("pbx_id"), m_pbx->config().pbxId },
                  { QStringLiteral("number"), numberLike(extension->number) },
                  { QStringLiteral("is_online"), boolText(extension->online) } });
}

void SimApi::extensionInfo(const Call &call, SimHttpReply &reply)
{
    const SimExtension *extension = m_pbx->extension(call.argument);
    if (!extension)
        return call.refuse(reply, QStringLiteral("PBX extension %1 not found").arg(call.argument));
    // The settings the simulator does not model take the values of a fresh extension that
    // records to the cloud (the simulator records calls).
    call.answer(reply,
                { { QStringLiteral("pbx_id"), m_pbx->config().pbxId },
                  { QStringLiteral("number"), numberLike(extension->number) },
                  { QStringLiteral("name"), extension->name },
                  { QStringLiteral("caller_id"), extension->callerId },
                  { QStringLiteral("caller_id_app_change"), QStringLiteral("false") },
                  { QStringLiteral("caller_id_by_direction"), QStringLiteral("false") },
                  { QStringLiteral("lines"), QStringLiteral("3") },
                  { QStringLiteral("ip_restriction"), QStringLiteral("false") },
                  { QStringLiteral("record_store"), QStringLiteral("Without recognition") },
                  { QStringLiteral("record_email"), QStringLiteral("false") },
                  { QStringLiteral("supervisor_status"), 0 } });
}

// Click-to-call -----------------------------------------------------------------------------

void SimApi::callback(const Call &call, SimHttpReply &reply)
{
    // The value patterns of Zadarma's OpenAPI spec; "Check phone's number" is its example error.
    static const QRegularExpression fromPattern(QStringLiteral("^(\\+?[0-9]{7,15}|[0-9]{3,5})$"));
    static const QRegularExpression toPattern(QStringLiteral("^(\\+?[0-9]{7,15}|[0-9]{5})$"));
    static const QRegularExpression sipPattern(QStringLiteral("^([0-9]{5}|[0-9]{3})$"));
    const QString from = call.text("from");
    const QString to = call.text("to");
    const QString sip = call.text("sip");
    if (!fromPattern.match(from).hasMatch() || !toPattern.match(to).hasMatch()
        || (call.has("sip") && !sipPattern.match(sip).hasMatch()))
        return call.refuse(reply, QStringLiteral("Check phone's number"));
    if (!m_calls)
        return call.refuse(reply, QStringLiteral("This simulator does not place calls"));
    const Result<QString> placed = m_calls->startCallback(from, to, sip, call.flag("predicted"));
    if (!placed)
        return call.refuse(reply, placed.error().message);
    call.answer(reply,
                { { QStringLiteral("from"), numberLike(from) },
                  { QStringLiteral("to"), numberLike(to) },
                  { QStringLiteral("time"), m_pbx->clock()->now().toSecsSinceEpoch() } });
}

// Recordings --------------------------------------------------------------------------------

namespace {

// The recordings a call_id / pbx_call_id request means. With both (community code sends both
// and gets "links"), the pbx_call_id's recordings narrowed to that call_id.
QStringList requestedRecordings(const SimPbx &pbx, const QString &callId, const QString &pbxCallId)
{
    if (pbxCallId.isEmpty())
        return pbx.hasRecording(callId) ? QStringList { callId } : QStringList();
    QStringList ids = pbx.recordingsOfCall(pbxCallId);
    if (!callId.isEmpty())
        ids = ids.contains(callId) ? QStringList { callId } : QStringList();
    return ids;
}

} // namespace

void SimApi::recordRequest(const Call &call, SimHttpReply &reply)
{
    // Zadarma documents the range; whether it clamps or refuses is not documented, and refusing
    // shows a client bug that clamping would hide.
    const auto lifetime = call.integer("lifetime", defaultRecordLifetime);
    if (!lifetime || *lifetime < minRecordLifetime || *lifetime > maxRecordLifetime)
        return call.refuse(reply,
                           QStringLiteral("Wrong lifetime: from %1 to %2 seconds")
                                   .arg(minRecordLifetime)
                                   .arg(maxRecordLifetime));
    const QString callId = call.text("call_id");
    const QString pbxCallId = call.text("pbx_call_id");
    if (callId.isEmpty() && pbxCallId.isEmpty())
        return call.refuse(reply, QStringLiteral("Wrong parameters: call_id or pbx_call_id"));
    const QStringList ids = requestedRecordings(*m_pbx, callId, pbxCallId);
    if (ids.isEmpty())
        return call.refuse(reply, QStringLiteral("Recording not found"));

    const QString base = QString::fromUtf8(m_publicUrl().toEncoded(QUrl::StripTrailingSlash))
            + QString::fromLatin1(SimRecordingDownloads::pathPrefix.toByteArray());
    QJsonArray links;
    for (const QString &id : ids)
        links.append(QString(base + m_pbx->createDownloadToken(id, int(*lifetime), nullptr)
                             + QStringLiteral(".wav")));
    // Zadarma's docs show lifetime_till as a date ("2016-01-01 23:56:22", and the PHP client
    // types it as a string), not a unix time; the account's zone, as for every API time.
    const QString till = m_pbx->accountTime(m_pbx->clock()->now().addSecs(*lifetime));
    if (pbxCallId.isEmpty())
        call.answer(reply,
                    { { QStringLiteral("link"), links.first() },
                      { QStringLiteral("lifetime_till"), till } });
    else
        call.answer(
                reply,
                { { QStringLiteral("links"), links }, { QStringLiteral("lifetime_till"), till } });
}

void SimApi::recordDelete(const Call &call, SimHttpReply &reply)
{
    const QString callId = call.text("call_id");
    const QString pbxCallId = call.text("pbx_call_id");
    if (callId.isEmpty() && pbxCallId.isEmpty())
        return call.refuse(reply, QStringLiteral("Wrong parameters: call_id or pbx_call_id"));
    const QStringList ids = requestedRecordings(*m_pbx, callId, pbxCallId);
    if (ids.isEmpty())
        return call.refuse(reply, QStringLiteral("Recording not found"));
    QJsonArray deleted;
    QJsonArray failed;
    for (const QString &id : ids)
        (m_pbx->deleteRecording(id) ? deleted : failed).append(recordingFileName(id));
    if (pbxCallId.isEmpty())
        call.answer(reply, { { QStringLiteral("file_name"), deleted.first() } });
    else
        call.answer(reply,
                    { { QStringLiteral("deleted_files"), deleted },
                      { QStringLiteral("failed_files"), failed } });
}

// Statistics --------------------------------------------------------------------------------

void SimApi::pbxStatistics(const Call &call, SimHttpReply &reply)
{
    // The legacy format (version 1) is not described by any source we have; PHP and TS send 2.
    const auto version = call.integer("version", 2);
    if (version == 1)
        return call.refuse(reply,
                           QStringLiteral("Statistics version 1 (the old format) is not supported "
                                          "by the simulator; use version=2"));
    if (version != 2)
        return call.refuse(reply, QStringLiteral("Wrong version"));
    const QString callType = call.text("call_type");
    if (call.has("call_type") && callType != QLatin1StringView("in")
        && callType != QLatin1StringView("out"))
        return call.refuse(reply, QStringLiteral("Wrong call_type: use in or out"));
    const auto skip = call.integer("skip", 0);
    const auto limit = call.integer("limit", maxStatisticsRows);
    if (!skip || *skip < 0 || !limit || *limit < 1)
        return call.refuse(reply, QStringLiteral("Wrong skip or limit"));
    const auto period = statisticsPeriod(*m_pbx, call.text("start"), call.text("end"));
    if (!period)
        return call.refuse(reply, period.error().message);

    QList<const SimCallRecord *> rows;
    for (const SimCallRecord &record : m_pbx->calls()) {
        const QDateTime start = startOf(*m_pbx, record);
        if (start < period->start || start > period->end)
            continue;
        if (!callType.isEmpty() && record.inbound != (callType == QLatin1StringView("in")))
            continue;
        rows.append(&record);
    }
    std::stable_sort(rows.begin(), rows.end(), [this](const auto *a, const auto *b) {
        return startOf(*m_pbx, *a) < startOf(*m_pbx, *b);
    });

    QJsonArray stats;
    const qint64 end
            = std::min<qint64>(rows.size(), *skip + std::min<qint64>(*limit, maxStatisticsRows));
    for (qint64 i = *skip; i < end; ++i) {
        const SimCallRecord &record = *rows.at(i);
        stats.append(
                QJsonObject { { QStringLiteral("call_id"), record.callId },
                              { QStringLiteral("sip"), numberLike(record.sip) },
                              { QStringLiteral("callstart"), callStartOf(*m_pbx, record) },
                              { QStringLiteral("clid"), numberLike(record.clid) },
                              { QStringLiteral("destination"), numberLike(record.destination) },
                              { QStringLiteral("disposition"), record.disposition },
                              { QStringLiteral("seconds"), record.seconds },
                              { QStringLiteral("is_recorded"), record.isRecorded },
                              { QStringLiteral("pbx_call_id"), record.pbxCallId } });
    }
    QByteArray body
            = QJsonDocument(
                      success({ { QStringLiteral("start"), m_pbx->accountTime(period->start) },
                                { QStringLiteral("end"), m_pbx->accountTime(period->end) },
                                { QStringLiteral("version"), 2 },
                                { QStringLiteral("stats"), stats } }))
                      .toJson(QJsonDocument::Compact);
    // Zadarma's example writes call_id as a bare JSON number (1439981389.2702773), more digits
    // than a double keeps; clients have to read the text. Call ids are digits and one dot.
    static const QRegularExpression quotedCallId(
            QStringLiteral(R"re("call_id":"([0-9]+\.[0-9]+)")re"));
    body = QString::fromUtf8(body)
                   .replace(quotedCallId, QStringLiteral(R"("call_id":\1)"))
                   .toUtf8();
    reply.send(200, body, "application/json", call.headers);
}

void SimApi::statistics(const Call &call, SimHttpReply &reply)
{
    // "type" (overall / toll-free) is accepted and ignored: the account has no toll-free numbers
    // to tell apart.
    const auto skip = call.integer("skip", 0);
    const auto limit = call.integer("limit", maxStatisticsRows);
    if (!skip || *skip < 0 || !limit || *limit < 1)
        return call.refuse(reply, QStringLiteral("Wrong skip or limit"));
    const auto period = statisticsPeriod(*m_pbx, call.text("start"), call.text("end"));
    if (!period)
        return call.refuse(reply, period.error().message);
    const QString sip = call.text("sip");
    const bool costOnly = call.flag("cost_only");

    struct Row
    {
        qsizetype index;
        const SimCallRecord *record;
    };
    QList<Row> rows;
    const QList<SimCallRecord> &calls = m_pbx->calls();
    for (qsizetype i = 0; i < calls.size(); ++i) {
        const QDateTime start = startOf(*m_pbx, calls[i]);
        if (start < period->start || start > period->end)
            continue;
        if (!sip.isEmpty() && calls[i].sip != sip)
            continue;
        rows.append({ i, &calls[i] });
    }
    std::stable_sort(rows.begin(), rows.end(), [this](const Row &a, const Row &b) {
        return startOf(*m_pbx, *a.record) < startOf(*m_pbx, *b.record);
    });

    // Incoming calls are free; outgoing ones cost a flat rate, billed by the second.
    auto rateOf = [](const SimCallRecord &record) {
        return record.inbound ? 0.0 : outgoingRatePerMinute;
    };
    auto billSecondsOf = [](const SimCallRecord &record) {
        return record.disposition == QLatin1StringView("answered") ? record.seconds : 0;
    };
    auto billCostOf = [&](const SimCallRecord &record) {
        return std::round(rateOf(record) * billSecondsOf(record) / 60.0 * 10000.0) / 10000.0;
    };

    QJsonArray stats;
    const QString currency = m_pbx->config().currency;
    if (costOnly) {
        // Zadarma: skip and limit do not apply to cost_only.
        double cost = 0;
        qint64 seconds = 0;
        for (const Row &row : std::as_const(rows)) {
            cost += billCostOf(*row.record);
            seconds += billSecondsOf(*row.record);
        }
        stats.append(QJsonObject { { QStringLiteral("cost"), std::round(cost * 10000.0) / 10000.0 },
                                   { QStringLiteral("currency"), currency },
                                   { QStringLiteral("seconds"), seconds } });
    } else {
        const qint64 end = std::min<qint64>(rows.size(),
                                            *skip + std::min<qint64>(*limit, maxStatisticsRows));
        for (qint64 i = *skip; i < end; ++i) {
            const SimCallRecord &record = *rows.at(i).record;
            QString description = QStringLiteral("Outgoing call");
            if (record.inbound) {
                description = QStringLiteral("Incoming call");
                for (const SimDirectNumber &number : m_pbx->config().directNumbers) {
                    if (number.number != record.destination)
                        continue;
                    // As Zadarma describes destinations: "United Kingdom, London".
                    QStringList parts { number.country, number.description };
                    parts.removeAll(QString());
                    if (!parts.isEmpty())
                        description = parts.join(QStringLiteral(", "));
                }
            }
            stats.append(QJsonObject {
                    // Zadarma's ids here are plain decimals of its own ("155112249").
                    { QStringLiteral("id"), QString::number(150000000 + rows.at(i).index) },
                    { QStringLiteral("sip"), record.sip },
                    { QStringLiteral("callstart"), callStartOf(*m_pbx, record) },
                    { QStringLiteral("from"), numberLike(record.clid) },
                    { QStringLiteral("to"), numberLike(record.destination) },
                    { QStringLiteral("description"), description },
                    { QStringLiteral("disposition"), record.disposition },
                    { QStringLiteral("billseconds"), billSecondsOf(record) },
                    { QStringLiteral("cost"), rateOf(record) },
                    { QStringLiteral("billcost"), billCostOf(record) },
                    { QStringLiteral("currency"), currency } });
        }
    }
    call.answer(reply,
                { { QStringLiteral("start"), m_pbx->accountTime(period->start) },
                  { QStringLiteral("end"), m_pbx->accountTime(period->end) },
                  { QStringLiteral("stats"), stats } });
}

// Numbers and SIP ---------------------------------------------------------------------------

void SimApi::directNumbers(const Call &call, SimHttpReply &reply)
{
    // Dates the simulator does not model: bought three months ago, paid a month ahead.
    const QDateTime now = m_pbx->clock()->now();
    QJsonArray info;
    for (const SimDirectNumber &number : m_pbx->config().directNumbers) {
        const SimExtension *extension = m_pbx->extension(number.sip);
        info.append(QJsonObject {
                { QStringLiteral("number"), number.number },
                { QStringLiteral("status"), QStringLiteral("on") },
                { QStringLiteral("country"), number.country },
                { QStringLiteral("description"), number.description },
                { QStringLiteral("number_name"), QJsonValue::Null },
                { QStringLiteral("sip"), number.sip },
                { QStringLiteral("sip_name"),
                  extension ? QJsonValue(extension->name) : QJsonValue(QJsonValue::Null) },
                { QStringLiteral("start_date"), m_pbx->accountTime(now.addDays(-90)) },
                { QStringLiteral("stop_date"), m_pbx->accountTime(now.addDays(30)) },
                { QStringLiteral("monthly_fee"), 2 },
                { QStringLiteral("currency"), m_pbx->config().currency },
                { QStringLiteral("channels"), 2 },
                { QStringLiteral("minutes"), 0 },
                { QStringLiteral("autorenew"), QStringLiteral("true") },
                { QStringLiteral("is_on_test"), QStringLiteral("false") },
                { QStringLiteral("type"), QStringLiteral("common") } });
    }
    call.answer(reply, { { QStringLiteral("info"), info } });
}

// The simulated account's phones are PBX extensions; it has no SIP numbers of its own.
void SimApi::sipList(const Call &call, SimHttpReply &reply)
{
    call.answer(reply, { { QStringLiteral("sips"), QJsonArray() }, { QStringLiteral("left"), 5 } });
}

void SimApi::sipStatus(const Call &call, SimHttpReply &reply)
{
    call.refuse(reply, QStringLiteral("SIP %1 not found").arg(call.argument));
}

// Notification URLs and switches -----------------------------------------------------------

void SimApi::callInfo(const Call &call, SimHttpReply &reply)
{
    call.answer(
            reply,
            { { QStringLiteral("url"), QString::fromUtf8(m_pbx->notificationUrl().toEncoded()) },
              { QStringLiteral("notifications"), switchesObject(m_pbx->notifications()) } });
}

void SimApi::setCallInfoUrl(const Call &call, SimHttpReply &reply)
{
    checkAndSetUrl(call, reply, [this](const QUrl &url) { m_pbx->setNotificationUrl(url); });
}

void SimApi::removeCallInfoUrl(const Call &call, SimHttpReply &reply)
{
    m_pbx->setNotificationUrl(QUrl());
    call.answer(reply, { { QStringLiteral("url"), QString() } });
}

void SimApi::setCallInfoNotifications(const Call &call, SimHttpReply &reply)
{
    const auto changes = switchChanges(call, reply, m_pbx->notifications());
    if (!changes)
        return;
    for (const auto &[name, on] : *changes)
        m_pbx->setNotification(name, on);
    call.answer(reply,
                { { QStringLiteral("notifications"), switchesObject(m_pbx->notifications()) } });
}

void SimApi::webhooks(const Call &call, SimHttpReply &reply)
{
    call.answer(reply,
                { { QStringLiteral("url"), QString::fromUtf8(m_pbx->webhooksUrl().toEncoded()) },
                  { QStringLiteral("hooks"), switchesObject(m_pbx->hooks()) } });
}

void SimApi::setWebhooksUrl(const Call &call, SimHttpReply &reply)
{
    checkAndSetUrl(call, reply, [this](const QUrl &url) { m_pbx->setWebhooksUrl(url); });
}

void SimApi::removeWebhooksUrl(const Call &call, SimHttpReply &reply)
{
    m_pbx->setWebhooksUrl(QUrl());
    call.answer(reply, { { QStringLiteral("url"), QString() } });
}

void SimApi::setWebhookHooks(const Call &call, SimHttpReply &reply)
{
    const auto changes = switchChanges(call, reply, m_pbx->hooks());
    if (!changes)
        return;
    for (const auto &[name, on] : *changes)
        m_pbx->setHook(name, on);
    call.answer(reply, { { QStringLiteral("hooks"), switchesObject(m_pbx->hooks()) } });
}

// Every switch is optional and must be "true" or "false"; all are checked before any changes,
// so one bad value changes nothing. nullopt: refused (the reply is sent).
std::optional<QList<std::pair<QString, bool>>>
SimApi::switchChanges(const Call &call, SimHttpReply &reply,
                      const QList<std::pair<QString, bool>> &switches)
{
    QList<std::pair<QString, bool>> changes;
    for (const auto &[name, on] : switches) {
        if (!call.has(name))
            continue;
        const QString value = call.text(name);
        if (value != QLatin1StringView("true") && value != QLatin1StringView("false")) {
            call.refuse(reply, QStringLiteral("Wrong %1: use \"true\" or \"false\"").arg(name));
            return std::nullopt;
        }
        changes.append({ name, value == QLatin1StringView("true") });
    }
    return changes;
}

void SimApi::checkAndSetUrl(const Call &call, SimHttpReply &reply,
                            std::function<void(const QUrl &)> apply)
{
    const QString text = call.text("url");
    if (text.isEmpty())
        return call.refuse(reply, QStringLiteral("Wrong parameters: url"));
    auto *check = new SimEchoCheck(m_network, m_pbx->clock(), QUrl(text, QUrl::StrictMode), this);
    check->setTimeout(m_echoTimeout);
    // The reply is kept and answered when the check is done; the old URL stays until then.
    connect(check, &SimEchoCheck::finished, this,
            [check, reply, apply = std::move(apply), headers = call.headers]() mutable {
                check->deleteLater();
                if (check->error() == SimEchoCheck::Error::InvalidUrl) {
                    reply.sendError(400, QStringLiteral("Wrong url: ") + check->errorString(),
                                    headers);
                } else if (check->error() != SimEchoCheck::Error::NoError) {
                    qCInfo(lcSimApi).noquote() << "URL refused:" << check->errorString();
                    reply.sendError(400,
                                    QStringLiteral("The URL did not pass the zd_echo check: ")
                                            + check->errorString(),
                                    headers);
                } else {
                    apply(check->url());
                    reply.sendJson(200,
                                   success({ { QStringLiteral("url"),
                                               QString::fromUtf8(check->url().toEncoded()) } }),
                                   headers);
                }
            });
    check->start();
}

} // namespace CallBridge
