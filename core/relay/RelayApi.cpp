// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RelayApi.h"

#include "core/common/Clock.h"
#include "core/relay/Authenticator.h"
#include "core/relay/ContactFields.h"
#include "core/relay/FeedHub.h"
#include "core/relay/RecordingCache.h"
#include "core/relay/RelayAdminApi.h"
#include "core/relay/RelayApiLogging.h"
#include "core/relay/RelayJson.h"
#include "core/relay/RelayMetrics.h"
#include "core/relay/RelaySettings.h"
#include "core/relay/RoutingDirectory.h"
#include "core/store/Store.h"
#include "core/zadarma/ZadarmaClient.h"
#include "core/zadarma/ZadarmaTypes.h"

#include <QDir>
#include <QJsonArray>
#include <QUrl>

#include <algorithm>
#include <limits>

namespace CallBridge {

namespace {

constexpr int maxPageSize = 200;
constexpr int maxSnoozeMinutes = 7 * 24 * 60;
constexpr qint64 recordingAuditWindowMs = 3'600'000;

const QStringList callDirections { QStringLiteral("inbound"), QStringLiteral("outbound"),
                                   QStringLiteral("callback"), QStringLiteral("unknown") };
const QStringList callStates { QStringLiteral("ringing"), QStringLiteral("answered"),
                               QStringLiteral("ended"), QStringLiteral("missed") };

} // namespace

RelayApi::RelayApi(RelayServices services, std::function<Result<void>()> reloadSettings,
                   QObject *parent)
    : QObject(parent), m_services(std::move(services)), m_reloadSettings(std::move(reloadSettings))
{
    m_recordings = std::make_unique<RecordingCache>(
            m_services.network, m_services.zadarma,
            QDir(m_services.dataDirectory).filePath(QStringLiteral("recordings")),
            m_services.clock);
    connect(m_recordings.get(), &RecordingCache::zadarmaFailed, this,
            [this](const ZadarmaError &error) {
                if (m_services.metrics)
                    m_services.metrics->countZadarmaError(toText(error.kind));
            });

    const auto bind = [this](void (RelayApi::*handler)(const ApiRequestPtr &)) {
        return [this, handler](const ApiRequestPtr &request) { (this->*handler)(request); };
    };
    addRoute("GET", QStringLiteral("me"), false, bind(&RelayApi::me));
    addRoute("POST", QStringLiteral("calls/click-to-call"), false, bind(&RelayApi::clickToCall));
    addRoute("GET", QStringLiteral("contacts"), false, bind(&RelayApi::listContacts));
    addRoute("POST", QStringLiteral("contacts"), false, bind(&RelayApi::createContact));
    addRoute("GET", QStringLiteral("contacts/*"), false, bind(&RelayApi::getContact));
    addRoute("PATCH", QStringLiteral("contacts/*"), false, bind(&RelayApi::updateContact));
    addRoute("GET", QStringLiteral("calls"), false, bind(&RelayApi::listCalls));
    addRoute("GET", QStringLiteral("calls/*"), false, bind(&RelayApi::getCall));
    addRoute("GET", QStringLiteral("calls/*/recording"), false, bind(&RelayApi::getRecording));
    addRoute("GET", QStringLiteral("tasks"), false, bind(&RelayApi::listTasks));
    addRoute("POST", QStringLiteral("tasks/*/done"), false, bind(&RelayApi::finishTask));
    addRoute("POST", QStringLiteral("tasks/*/snooze"), false, bind(&RelayApi::snoozeTask));

    m_admin = std::make_unique<RelayAdminApi>(m_services, m_reloadSettings, this);
}

RelayApi::~RelayApi() = default;

void RelayApi::addRoute(QByteArray method, const QString &pattern, bool adminOnly, Handler handler)
{
    m_routes.append(
            Route { std::move(method), pattern.split(u'/'), adminOnly, std::move(handler) });
}

void RelayApi::handle(HttpRequest request, HttpResponder responder)
{
    auto user = m_services.authenticator->authenticate(request.header("Authorization"),
                                                       request.peerAddress);
    if (!user) {
        HttpResponse response = HttpResponse::error(user.error().httpStatus, user.error().message);
        response.setHeader("WWW-Authenticate", "Bearer");
        if (user.error().retryAfterSeconds > 0)
            response.setHeader("Retry-After", QByteArray::number(user.error().retryAfterSeconds));
        if (m_services.metrics)
            m_services.metrics->countHttpRefusal(user.error().httpStatus);
        responder.send(std::move(response));
        return;
    }

    QStringList segments;
    for (const QByteArray &segment : request.path.mid(int(qstrlen("/v1/"))).split('/'))
        segments.append(QUrl::fromPercentEncoding(segment));
    if (segments.size() > 1 && segments.constLast().isEmpty())
        segments.removeLast(); // "/v1/contacts/" is "/v1/contacts"

    // The most literal pattern wins: "calls/click-to-call" before "calls/*".
    const Route *match = nullptr;
    QStringList arguments;
    QByteArrayList allowed;
    qsizetype fewestWildcards = std::numeric_limits<qsizetype>::max();
    for (const Route &route : std::as_const(m_routes)) {
        if (route.pattern.size() != segments.size())
            continue;
        QStringList captured;
        bool matches = true;
        for (qsizetype i = 0; i < segments.size() && matches; ++i) {
            if (route.pattern.at(i) == u"*")
                captured.append(segments.at(i));
            else
                matches = route.pattern.at(i) == segments.at(i);
        }
        if (!matches || captured.size() > fewestWildcards)
            continue;
        if (captured.size() < fewestWildcards) {
            fewestWildcards = captured.size();
            allowed.clear();
            match = nullptr;
        }
        allowed.append(route.method);
        if (route.method == request.method) {
            match = &route;
            arguments = captured;
        }
    }

    const QString what = QString::fromLatin1(request.method + ' ' + request.path);
    if (allowed.isEmpty()) {
        responder.send(
                HttpResponse::error(404, QStringLiteral("There is no API route %1.").arg(what)));
        return;
    }
    if (!match) {
        HttpResponse response
                = HttpResponse::error(405,
                                      QStringLiteral("%1 is not allowed here; use %2.")
                                              .arg(QString::fromLatin1(request.method),
                                                   QString::fromLatin1(allowed.join(", "))));
        response.setHeader("Allow", allowed.join(", "));
        responder.send(std::move(response));
        return;
    }
    if (match->adminOnly && user->role != UserRole::Admin) {
        responder.send(HttpResponse::error(
                403,
                QStringLiteral("%1 is for administrators; you are signed in as %2, an agent.")
                        .arg(what, user->name)));
        return;
    }
    qCDebug(lcRelayApi).noquote() << what << "by" << user->name;
    match->handler(std::make_shared<ApiRequest>(std::move(request), std::move(responder),
                                                user.value(), arguments));
}

QString RelayApi::callCursor(const QDateTime &startedAt, const QString &pbxCallId)
{
    const QByteArray text
            = QByteArray::number(startedAt.toMSecsSinceEpoch()) + ':' + pbxCallId.toUtf8();
    return QString::fromLatin1(
            text.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<std::pair<QDateTime, QString>> RelayApi::parseCallCursor(const QString &cursor)
{
    const auto decoded = QByteArray::fromBase64Encoding(
            cursor.toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const qsizetype colon = decoded.decoded.indexOf(':');
    if (colon <= 0)
        return std::nullopt;
    bool ok = false;
    const qint64 ms = decoded.decoded.left(colon).toLongLong(&ok);
    const QString pbxCallId = QString::fromUtf8(decoded.decoded.mid(colon + 1));
    if (!ok || pbxCallId.isEmpty())
        return std::nullopt;
    return std::pair(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC), pbxCallId);
}

// --- Profile and click-to-call ----------------------------------------------------------------

void RelayApi::me(const ApiRequestPtr &request)
{
    // The desktop app learns here where a contact lives in the company's CRM, and which numbers
    // to show in their national form.
    const auto stored = m_services.store->settings();
    if (!stored)
        return request->answerError(storeError(stored.error()));
    const RelaySettings settings = RelaySettings::fromMap(stored.value());
    QJsonObject me = toJson(request->user());
    me.insert(QStringLiteral("crm_contact_url"), settings.crmContactUrl());
    me.insert(QStringLiteral("default_region"), settings.defaultRegion()); // for national forms
    request->answerJson(200, me);
}

void RelayApi::clickToCall(const ApiRequestPtr &request)
{
    const auto body = request->body(
            { QStringLiteral("to"), QStringLiteral("from"), QStringLiteral("sip") });
    if (!body)
        return request->answerError(body.error());
    const UserRecord &user = request->user();
    if (body->has(QStringLiteral("from")) || body->has(QStringLiteral("sip")))
        return request->answerError(
                400,
                QStringLiteral("Leave out \"from\" and \"sip\": a call is always placed from "
                               "your own extension. Send only \"to\"."));
    const auto to = body->string(QStringLiteral("to"));
    if (!to)
        return request->answerError(to.error());
    if (!to->has_value() || (*to)->isEmpty())
        return request->answerError(
                400,
                QStringLiteral(
                        "\"to\" is required: the number to call, such as \"+48 600 100 200\"."));
    if (user.extension.isEmpty())
        return request->answerError(
                409, QStringLiteral("You have no PBX extension; ask an administrator."));

    // Zadarma wants digits: E.164 without '+' (its PHP client strips every other character).
    const PhoneNumber number = m_services.directory->normalizer().normalize(**to);
    QString digits;
    if (number.kind == PhoneNumber::Kind::E164)
        digits = number.e164.mid(1);
    else if (number.kind == PhoneNumber::Kind::Extension)
        digits = number.extension;
    else
        return request->answerError(
                400,
                QStringLiteral("\"to\": \"%1\" is not a phone number; write it with its country "
                               "code, such as +48 600 100 200.")
                        .arg(**to));

    const QString extension = user.extension;
    ZadarmaReply *reply = m_services.zadarma->requestCallback(extension, digits, extension);
    connect(reply, &ZadarmaReply::finished, this, [this, request, reply, extension, digits] {
        reply->deleteLater();
        if (!reply->result())
            return request->answerZadarmaError(reply->result().error(), m_services);
        const auto placed = CallbackResult::fromJson(reply->result().value());
        const qint64 time = placed && placed->time > 0 ? placed->time
                                                       : m_services.clock->now().toSecsSinceEpoch();
        request->audit(m_services, QStringLiteral("call.click_to_call"),
                       QStringLiteral("from %1 to %2").arg(extension, digits));
        qCInfo(lcRelayApi).noquote() << request->user().name << "calls" << maskedNumber(digits)
                                     << "from extension" << extension;
        request->answerJson(
                200,
                { { QStringLiteral("from"),
                    placed && !placed->from.isEmpty() ? placed->from : extension },
                  { QStringLiteral("to"), placed && !placed->to.isEmpty() ? placed->to : digits },
                  { QStringLiteral("time"), time } });
    });
}

// --- Contacts ---------------------------------------------------------------------------------

void RelayApi::listContacts(const ApiRequestPtr &request)
{
    const auto limit = request->queryInt(QStringLiteral("limit"), 50, 1, maxPageSize);
    if (!limit)
        return request->answerError(limit.error());
    const auto offset = request->queryInt(QStringLiteral("offset"), 0, 0, 1'000'000'000);
    if (!offset)
        return request->answerError(offset.error());
    const auto found = m_services.store->searchContacts(request->query(QStringLiteral("q")),
                                                        limit.value(), offset.value());
    if (!found)
        return request->answerError(storeError(found.error()));
    QJsonArray cards;
    for (const ContactRecord &contact : found.value())
        cards.append(toJson(contact, *m_services.directory));
    request->answerJson(200, { { QStringLiteral("contacts"), cards } });
}

void RelayApi::getContact(const ApiRequestPtr &request)
{
    const qint64 id = pathId(request->argument(0));
    const auto contact = id ? m_services.store->contact(id) : std::optional<ContactRecord>();
    if (!contact)
        return request->answerError(storeError(contact.error()));
    if (!contact->has_value())
        return request->answerError(
                404, QStringLiteral("There is no contact %1.").arg(request->argument(0)));
    request->answerJson(200, toJson(**contact, *m_services.directory));
}

namespace {

const QStringList contactFields { QStringLiteral("name"),   QStringLiteral("company"),
                                  QStringLiteral("email"),  QStringLiteral("notes"),
                                  QStringLiteral("phones"), QStringLiteral("responsible_id"),
                                  QStringLiteral("tags"),   QStringLiteral("external_url") };

// The API's messages are sentences.
ApiError sentence(QString message)
{
    if (!message.isEmpty())
        message[0] = message.at(0).toUpper();
    return ApiError { 400, message + u'.' };
}

// Copies the text fields, tags and link present in the body onto the contact.
std::optional<ApiError> applyContactText(const ApiBody &body, ContactRecord &contact)
{
    const std::pair<QString, QString *> fields[] = {
        { QStringLiteral("name"), &contact.name },
        { QStringLiteral("company"), &contact.company },
        { QStringLiteral("email"), &contact.email },
        { QStringLiteral("notes"), &contact.notes },
    };
    for (const auto &[name, target] : fields) {
        const auto value = body.string(name);
        if (!value)
            return value.error();
        if (value->has_value())
            *target = **value;
    }
    const auto tags = body.stringList(QStringLiteral("tags"));
    if (!tags)
        return tags.error();
    if (tags->has_value()) {
        auto clean = ContactFields::cleanTags(**tags);
        if (!clean)
            return sentence(clean.error().message);
        contact.tags = clean.value();
    }
    const auto url = body.string(QStringLiteral("external_url"));
    if (!url)
        return url.error();
    if (url->has_value()) {
        auto clean = ContactFields::cleanExternalUrl(**url);
        if (!clean)
            return sentence(clean.error().message);
        contact.externalUrl = clean.value();
    }
    return std::nullopt;
}

} // namespace

void RelayApi::createContact(const ApiRequestPtr &request)
{
    const auto body = request->body(contactFields);
    if (!body)
        return request->answerError(body.error());
    ContactRecord contact;
    contact.source = QStringLiteral("manual");
    contact.createdAt = m_services.clock->now();
    contact.updatedAt = contact.createdAt;
    if (const auto error = applyContactText(body.value(), contact))
        return request->answerError(*error);
    const auto phones = body->stringList(QStringLiteral("phones"));
    if (!phones)
        return request->answerError(phones.error());
    const auto canonical = canonicalPhones(phones->value_or(QStringList()));
    if (!canonical)
        return request->answerError(canonical.error());
    contact.phones = canonical.value();
    if (contact.name.isEmpty() && contact.phones.isEmpty())
        return request->answerError(400,
                                    QStringLiteral("A contact needs a name or a phone number."));

    const auto responsible = body->integer(QStringLiteral("responsible_id"));
    if (!responsible)
        return request->answerError(responsible.error());
    // An agent's new contact is theirs unless they say otherwise (and they may only say so).
    const qint64 wanted = responsible->value_or(request->isAdmin() ? 0 : request->user().id);
    const auto allowed = allowedResponsible(*request, wanted);
    if (!allowed)
        return request->answerError(allowed.error());
    contact.responsibleUserId = allowed.value();

    const auto id = m_services.store->createContact(contact);
    if (!id)
        return request->answerError(contactWriteError(contact, id.error()));
    const auto saved = m_services.store->contact(id.value());
    if (!saved || !saved->has_value())
        return request->answerError(storeError(
                saved ? Error { QStringLiteral("the new contact vanished") } : saved.error()));
    m_services.directory->setContact(**saved);
    publishContact(**saved, { (*saved)->responsibleUserId });
    request->answerJson(201, toJson(**saved, *m_services.directory));
}

void RelayApi::updateContact(const ApiRequestPtr &request)
{
    const auto body = request->body(contactFields);
    if (!body)
        return request->answerError(body.error());
    const qint64 id = pathId(request->argument(0));
    const auto existing = id ? m_services.store->contact(id) : std::optional<ContactRecord>();
    if (!existing)
        return request->answerError(storeError(existing.error()));
    if (!existing->has_value())
        return request->answerError(
                404, QStringLiteral("There is no contact %1.").arg(request->argument(0)));

    ContactRecord contact = **existing;
    if (const auto error = applyContactText(body.value(), contact))
        return request->answerError(*error);
    const auto phones = body->stringList(QStringLiteral("phones"));
    if (!phones)
        return request->answerError(phones.error());
    if (phones->has_value()) {
        const auto canonical = canonicalPhones(**phones);
        if (!canonical)
            return request->answerError(canonical.error());
        contact.phones = canonical.value();
    }
    const auto responsible = body->integer(QStringLiteral("responsible_id"));
    if (!responsible)
        return request->answerError(responsible.error());
    // A client sending the whole card back unchanged is not asking for a change.
    if (responsible->has_value() && **responsible != contact.responsibleUserId) {
        const auto allowed = allowedResponsible(*request, **responsible);
        if (!allowed)
            return request->answerError(allowed.error());
        contact.responsibleUserId = allowed.value();
    }
    if (contact.name.isEmpty() && contact.phones.isEmpty())
        return request->answerError(400,
                                    QStringLiteral("A contact needs a name or a phone number."));
    contact.updatedAt = m_services.clock->now();

    if (auto updated = m_services.store->updateContact(contact); !updated)
        return request->answerError(contactWriteError(contact, updated.error()));
    const auto saved = m_services.store->contact(id);
    if (!saved || !saved->has_value())
        return request->answerError(storeError(
                saved ? Error { QStringLiteral("the contact vanished") } : saved.error()));
    m_services.directory->setContact(**saved);
    // The previous responsible learns that the contact is no longer theirs.
    publishContact(**saved, { (*saved)->responsibleUserId, (*existing)->responsibleUserId });
    request->answerJson(200, toJson(**saved, *m_services.directory));
}

Result<QStringList, ApiError> RelayApi::canonicalPhones(const QStringList &raw) const
{
    QStringList phones;
    for (const QString &text : raw) {
        if (text.isEmpty())
            continue;
        const PhoneNumber number = m_services.directory->normalizer().normalize(text);
        if (number.kind != PhoneNumber::Kind::E164 && number.kind != PhoneNumber::Kind::Extension)
            return fail(ApiError { 400,
                                   QStringLiteral("\"phones\": \"%1\" is not a phone number; write "
                                                  "it with its country code, such as +48 600 100 "
                                                  "200.")
                                           .arg(text) });
        if (!phones.contains(number.canonical()))
            phones.append(number.canonical());
    }
    return phones;
}

Result<qint64, ApiError> RelayApi::allowedResponsible(const ApiRequest &request,
                                                      qint64 userId) const
{
    if (!request.isAdmin() && userId != request.user().id)
        return fail(ApiError {
                403,
                QStringLiteral("Only administrators can give a contact to someone else; you may "
                               "make it yours (\"responsible_id\": %1).")
                        .arg(request.user().id) });
    if (userId != 0 && !m_services.directory->user(userId))
        return fail(ApiError {
                400, QStringLiteral("\"responsible_id\": there is no user %1.").arg(userId) });
    return userId;
}

ApiError RelayApi::contactWriteError(const ContactRecord &contact, const Error &error) const
{
    for (const QString &phone : contact.phones) {
        const auto holder = m_services.store->contactByPhone(phone);
        if (holder && holder->has_value() && (*holder)->id != contact.id)
            return ApiError { 409, error.message };
    }
    return storeError(error);
}

void RelayApi::publishContact(const ContactRecord &contact, QList<qint64> audience)
{
    audience.removeAll(0);
    std::sort(audience.begin(), audience.end());
    audience.erase(std::unique(audience.begin(), audience.end()), audience.end());
    const auto item = m_services.feed->append(
            QStringLiteral("contact.updated"),
            { { QStringLiteral("contact"), toJson(contact, *m_services.directory) } }, audience);
    if (!item)
        qCWarning(lcRelayApi).noquote()
                << "contact" << contact.id << "saved, but not announced:" << item.error().message;
}

// --- Calls and recordings ---------------------------------------------------------------------

bool RelayApi::isResponsibleFor(const UserRecord &user, qint64 contactId) const
{
    if (contactId <= 0)
        return false;
    const auto contact = m_services.store->contact(contactId);
    return contact && contact->has_value() && (*contact)->responsibleUserId == user.id;
}

bool RelayApi::mayView(const UserRecord &user, const CallRecord &call) const
{
    if (user.role == UserRole::Admin)
        return true;
    const QString &own = user.extension;
    if (!own.isEmpty()
        && (call.extension == own || call.answeredBy == own
            || call.ringingExtensions.contains(own)))
        return true;
    return isResponsibleFor(user, call.contactId);
}

Result<CallRecord, ApiError> RelayApi::visibleCall(const ApiRequest &request) const
{
    const QString pbxCallId = request.argument(0);
    const auto call = m_services.store->call(pbxCallId);
    if (!call)
        return fail(storeError(call.error()));
    // The same answer whether the call does not exist or is someone else's.
    if (!call->has_value() || !mayView(request.user(), **call))
        return fail(ApiError {
                404, QStringLiteral("There is no call %1 that you may see.").arg(pbxCallId) });
    return **call;
}

void RelayApi::listCalls(const ApiRequestPtr &request)
{
    CallQuery query;
    const auto contactId = request->queryId(QStringLiteral("contact_id"));
    if (!contactId)
        return request->answerError(contactId.error());
    query.contactId = contactId.value();
    query.direction = request->query(QStringLiteral("direction"));
    if (!query.direction.isEmpty() && !callDirections.contains(query.direction))
        return request->answerError(
                400,
                QStringLiteral("direction is one of %1, not \"%2\".")
                        .arg(callDirections.join(QStringLiteral(", ")), query.direction));
    query.state = request->query(QStringLiteral("state"));
    if (!query.state.isEmpty() && !callStates.contains(query.state))
        return request->answerError(
                400,
                QStringLiteral("state is one of %1, not \"%2\".")
                        .arg(callStates.join(QStringLiteral(", ")), query.state));
    const QString number = request->query(QStringLiteral("number"));
    if (!number.isEmpty()) {
        const PhoneNumber parsed = m_services.directory->normalizer().normalize(number);
        if (parsed.kind == PhoneNumber::Kind::Empty || parsed.kind == PhoneNumber::Kind::Unparsable)
            return request->answerError(
                    400,
                    QStringLiteral("number: \"%1\" is not a phone number (send '+' as %2B).")
                            .arg(number));
        query.number = parsed.canonical();
    }
    const auto from = request->queryTime(QStringLiteral("from"));
    if (!from)
        return request->answerError(from.error());
    const auto to = request->queryTime(QStringLiteral("to"));
    if (!to)
        return request->answerError(to.error());
    query.from = from.value();
    query.to = to.value();
    const QString before = request->query(QStringLiteral("before"));
    if (!before.isEmpty()) {
        const auto position = parseCallCursor(before);
        if (!position)
            return request->answerError(
                    400, QStringLiteral("before must be a \"next\" value from an earlier page."));
        query.beforeStartedAt = position->first;
        query.beforePbxCallId = position->second;
    }
    const auto limit = request->queryInt(QStringLiteral("limit"), 50, 1, maxPageSize);
    if (!limit)
        return request->answerError(limit.error());
    query.limit = limit.value() + 1; // one more tells whether there is a next page

    const UserRecord &user = request->user();
    if (user.role != UserRole::Admin && !isResponsibleFor(user, query.contactId))
        query.extensions = { user.extension }; // none: the store matches nothing

    auto calls = m_services.store->calls(query);
    if (!calls)
        return request->answerError(storeError(calls.error()));
    QJsonValue next = QJsonValue::Null;
    if (calls->size() > limit.value()) {
        calls->resize(limit.value());
        next = callCursor(calls->constLast().startedAt, calls->constLast().pbxCallId);
    }
    QJsonArray list;
    for (const CallRecord &call : calls.value())
        list.append(toJson(call));
    request->answerJson(200,
                        { { QStringLiteral("calls"), list }, { QStringLiteral("next"), next } });
}

void RelayApi::getCall(const ApiRequestPtr &request)
{
    const auto call = visibleCall(*request);
    if (!call)
        return request->answerError(call.error());
    request->answerJson(200, toJson(call.value()));
}

void RelayApi::getRecording(const ApiRequestPtr &request)
{
    const auto call = visibleCall(*request);
    if (!call)
        return request->answerError(call.error());
    if (call->recordingId.isEmpty())
        return request->answerError(
                404, QStringLiteral("Call %1 has no recording.").arg(call->pbxCallId));
    if (!m_services.zadarma->hasCredentials())
        return request->answerError(
                503,
                QStringLiteral("The relay has no Zadarma key and secret yet; an administrator "
                               "sets them with PUT /v1/admin/zadarma/credentials."));
    const QString pbxCallId = call->pbxCallId;
    m_recordings->fetch(call->recordingId,
                        [this, request, pbxCallId](Result<QString> path, QByteArray contentType) {
                            if (!path)
                                return request->answerError(
                                        502,
                                        QStringLiteral("Could not get the recording: %1")
                                                .arg(path.error().message));
                            HttpResponse response = HttpResponse::fileWithRange(
                                    path.value(), request->http().header("Range"), contentType);
                            response.setHeader("Cache-Control", "private");
                            if (response.status == 200 || response.status == 206)
                                auditRecordingFetch(*request, pbxCallId);
                            request->answer(std::move(response));
                        });
}

void RelayApi::auditRecordingFetch(const ApiRequest &request, const QString &pbxCallId)
{
    const auto key = std::pair(request.user().id, pbxCallId);
    const QDateTime now = m_services.clock->now();
    const auto last = m_recordingAudits.constFind(key);
    if (last != m_recordingAudits.cend() && last->msecsTo(now) < recordingAuditWindowMs)
        return;
    if (m_recordingAudits.size() > 10'000) {
        m_recordingAudits.removeIf([&now](const auto &entry) {
            return entry.value().msecsTo(now) >= recordingAuditWindowMs;
        });
    }
    m_recordingAudits.insert(key, now);
    request.audit(m_services, QStringLiteral("recording.fetch"),
                  QStringLiteral("pbx_call_id=%1, user=%2").arg(pbxCallId, request.user().name));
}

// --- Tasks ------------------------------------------------------------------------------------

void RelayApi::listTasks(const ApiRequestPtr &request)
{
    TaskQuery query;
    const UserRecord &user = request->user();
    const QString assignee = request->query(QStringLiteral("assignee"));
    query.assigneeUserId = user.id;
    if (assignee == u"all") {
        if (!request->isAdmin())
            return request->answerError(403, QStringLiteral("Agents see only their own tasks."));
        query.assigneeUserId = 0;
    } else if (!assignee.isEmpty()) {
        const qint64 id = pathId(assignee);
        if (id == 0)
            return request->answerError(
                    400,
                    QStringLiteral("assignee is \"all\" or a user id, not \"%1\".").arg(assignee));
        if (id != user.id && !request->isAdmin())
            return request->answerError(403, QStringLiteral("Agents see only their own tasks."));
        query.assigneeUserId = id;
    }
    const auto done = request->queryBool(QStringLiteral("done"));
    if (!done)
        return request->answerError(done.error());
    query.done = done.value();
    const auto limit = request->queryInt(QStringLiteral("limit"), 100, 1, maxPageSize);
    if (!limit)
        return request->answerError(limit.error());
    query.limit = limit.value();
    const auto after = request->queryId(QStringLiteral("after"));
    if (!after)
        return request->answerError(after.error());
    query.afterId = after.value();

    const auto tasks = m_services.store->tasks(query);
    if (!tasks)
        return request->answerError(storeError(tasks.error()));
    QJsonArray list;
    for (const TaskRecord &task : tasks.value())
        list.append(toJson(task));
    const qint64 next = tasks->size() == limit.value() ? tasks->constLast().id : 0;
    request->answerJson(
            200, { { QStringLiteral("tasks"), list }, { QStringLiteral("next"), idOrNull(next) } });
}

Result<TaskRecord, ApiError> RelayApi::ownTask(const ApiRequest &request) const
{
    const qint64 id = pathId(request.argument(0));
    const auto task = id ? m_services.store->task(id) : std::optional<TaskRecord>();
    if (!task)
        return fail(storeError(task.error()));
    if (!task->has_value())
        return fail(
                ApiError { 404, QStringLiteral("There is no task %1.").arg(request.argument(0)) });
    if (!request.isAdmin() && (*task)->assigneeUserId != request.user().id)
        return fail(ApiError {
                403,
                QStringLiteral("Task %1 is assigned to someone else; you can change only your "
                               "own tasks.")
                        .arg(id) });
    return **task;
}

void RelayApi::finishTask(const ApiRequestPtr &request)
{
    const auto body = request->body({});
    if (!body)
        return request->answerError(body.error());
    auto task = ownTask(*request);
    if (!task)
        return request->answerError(task.error());
    if (task->done)
        return request->answerJson(200, toJson(task.value())); // done twice is done
    task->done = true;
    saveTask(request, std::move(task.value()));
}

void RelayApi::snoozeTask(const ApiRequestPtr &request)
{
    const auto body = request->body({ QStringLiteral("until"), QStringLiteral("minutes") });
    if (!body)
        return request->answerError(body.error());
    const auto until = body->dateTime(QStringLiteral("until"));
    if (!until)
        return request->answerError(until.error());
    const auto minutes = body->integer(QStringLiteral("minutes"));
    if (!minutes)
        return request->answerError(minutes.error());
    if (until->has_value() == minutes->has_value())
        return request->answerError(
                400,
                QStringLiteral("Send either \"until\" (an ISO 8601 time) or \"minutes\" "
                               "(1–%1).")
                        .arg(maxSnoozeMinutes));
    const QDateTime now = m_services.clock->now();
    QDateTime due;
    if (minutes->has_value()) {
        if (**minutes < 1 || **minutes > maxSnoozeMinutes)
            return request->answerError(400,
                                        QStringLiteral("\"minutes\" must be 1–%1 (a week), not %2.")
                                                .arg(maxSnoozeMinutes)
                                                .arg(**minutes));
        due = now.addSecs(**minutes * 60);
    } else {
        due = **until;
        if (!due.isValid() || due <= now)
            return request->answerError(400, QStringLiteral("\"until\" must be in the future."));
    }
    auto task = ownTask(*request);
    if (!task)
        return request->answerError(task.error());
    if (task->done)
        return request->answerError(
                409, QStringLiteral("Task %1 is done; there is nothing to snooze.").arg(task->id));
    task->dueAt = due;
    saveTask(request, std::move(task.value()));
}

void RelayApi::saveTask(const ApiRequestPtr &request, TaskRecord task)
{
    task.updatedAt = m_services.clock->now();
    if (auto updated = m_services.store->updateTask(task); !updated)
        return request->answerError(storeError(updated.error()));
    QList<qint64> audience;
    if (task.assigneeUserId > 0)
        audience.append(task.assigneeUserId);
    const auto item = m_services.feed->append(
            QStringLiteral("task.updated"), { { QStringLiteral("task"), toJson(task) } }, audience);
    if (!item)
        qCWarning(lcRelayApi).noquote()
                << "task" << task.id << "saved, but not announced:" << item.error().message;
    request->answerJson(200, toJson(task));
}

} // namespace CallBridge
