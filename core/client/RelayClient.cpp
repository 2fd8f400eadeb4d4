// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/RelayClient.h"

#include "core/client/ClientJson.h"
#include "core/client/ClientLogging.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>
#include <memory>

namespace CallBridge {

namespace {

constexpr int requestTimeoutMs = 15'000;
// The relay fetches a recording from Zadarma before it sends the first byte.
constexpr int recordingTimeoutMs = 120'000;
constexpr int maxPageSize = 200; // the relay's own limit for calls and tasks
constexpr int maxTaskPages = 50;

QString segment(const QString &text)
{
    // '+' too: the relay reads a path segment such as a blacklisted number percent-decoded.
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// "a=1&b=%2B48…": QUrlQuery would leave '+' as it is, which the relay's documentation warns of.
QString queryText(const QList<std::pair<QString, QString>> &items)
{
    QStringList parts;
    for (const auto &[key, value] : items)
        parts.append(key + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value)));
    return parts.join(u'&');
}

RelayError relayError(int status, QString message)
{
    return RelayError { status, std::move(message) };
}

template<typename T> RelayResult<T> badAnswer(const QString &what)
{
    return fail(relayError(200,
                           QStringLiteral("The relay's answer to %1 lacks what it should "
                                          "hold; is the relay older than this app?")
                                   .arg(what)));
}

// The reply as a JSON object, or what went wrong in words a person can act on.
RelayResult<QJsonObject> readReply(QNetworkReply *reply, const QString &what, const QUrl &relay,
                                   int timeoutMs)
{
    const QString where = relay.toDisplayString(QUrl::RemoveUserInfo);
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid()) {
        // Nothing came back over HTTP. The client never aborts these requests itself, so a
        // cancelled one ran into the transfer timeout.
        if (reply->error() == QNetworkReply::OperationCanceledError
            || reply->error() == QNetworkReply::TimeoutError)
            return fail(relayError(0,
                                   QStringLiteral("The relay at %1 did not answer within %2 s.")
                                           .arg(where)
                                           .arg(timeoutMs / 1000)));
        return fail(relayError(0,
                               QStringLiteral("Cannot reach the relay at %1: %2")
                                       .arg(where, reply->errorString())));
    }

    const int status = statusAttribute.toInt();
    const QByteArray body = reply->readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (status < 200 || status > 299) {
        const QString message = document.object().value(u"error").toString();
        if (!message.isEmpty())
            return fail(relayError(status, message));
        const QString reason
                = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        return fail(relayError(
                status,
                QStringLiteral("The relay at %1 answered %2 with HTTP %3%4; is "
                               "this address really a CallBridge relay?")
                        .arg(where, what)
                        .arg(status)
                        .arg(reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(reason))));
    }
    if (status == 204 || (body.trimmed().isEmpty() && status != 200))
        return QJsonObject();
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(relayError(
                status,
                QStringLiteral("The answer from %1 to %2 is not valid JSON (%3); is this address "
                               "really a CallBridge relay?")
                        .arg(where, what,
                             parseError.error != QJsonParseError::NoError
                                     ? parseError.errorString()
                                     : QStringLiteral("not an object"))));
    return document.object();
}

UserInfo userOf(const QJsonObject &object)
{
    return UserInfo::fromJson(object);
}

RelayResult<ContactCard> cardOf(const QJsonObject &object, const QString &what)
{
    auto card = ContactCard::fromJson(object);
    if (!card || card->id == 0)
        return badAnswer<ContactCard>(what);
    return *card;
}

Balance balanceOf(const QJsonObject &object)
{
    return Balance { object.value(u"balance").toDouble(), jsonText(object.value(u"currency")) };
}

BlacklistEntryInfo blacklistEntryOf(const QJsonObject &object)
{
    return BlacklistEntryInfo { jsonText(object.value(u"number")),
                                jsonText(object.value(u"reason")),
                                jsonTime(object.value(u"created_at")) };
}

RelaySettingsSnapshot settingsOf(const QJsonObject &object)
{
    RelaySettingsSnapshot snapshot;
    snapshot.values = object.value(u"settings").toObject();
    const QJsonArray keys = object.value(u"keys").toArray();
    for (const QJsonValue &entry : keys) {
        const QJsonObject key = entry.toObject();
        snapshot.keys.append(RelaySettingKey {
                jsonText(key.value(u"key")), jsonText(key.value(u"type")),
                jsonText(key.value(u"default")), jsonText(key.value(u"description")) });
    }
    return snapshot;
}

struct TaskPage
{
    QList<TaskInfo> tasks;
    qint64 next = 0;
};

} // namespace

RelayClient::RelayClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network)
{ }

RelayClient::~RelayClient() = default;

void RelayClient::setRelayUrl(const QUrl &url)
{
    m_relayUrl = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
}

QUrl RelayClient::relayUrl() const
{
    return m_relayUrl;
}

void RelayClient::setToken(const QString &token)
{
    m_token = token.trimmed();
}

bool RelayClient::hasToken() const
{
    return !m_token.isEmpty();
}

QUrl RelayClient::streamUrl() const
{
    QUrl url = m_relayUrl;
    if (url.scheme() == u"https")
        url.setScheme(QStringLiteral("wss"));
    else
        url.setScheme(QStringLiteral("ws"));
    url.setPath(url.path() + QStringLiteral("/v1/stream"));
    return url;
}

QNetworkRequest RelayClient::request(const QString &path) const
{
    QUrl url = m_relayUrl;
    const qsizetype question = path.indexOf(u'?');
    url.setPath(url.path() + path.left(question), QUrl::TolerantMode);
    if (question >= 0)
        url.setQuery(path.mid(question + 1), QUrl::TolerantMode);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(requestTimeoutMs);
    return request;
}

template<typename T>
void RelayClient::send(const QByteArray &method, const QString &path, const QJsonObject *body,
                       QObject *context, std::function<RelayResult<T>(const QJsonObject &)> parse,
                       RelayCallback<T> done)
{
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    // The query may name a phone number: only the path goes into messages and the log.
    const QString what = QString::fromLatin1(method) + u' ' + path.left(path.indexOf(u'?'));
    if (!m_relayUrl.isValid() || m_relayUrl.host().isEmpty()) {
        QMetaObject::invokeMethod(
                this,
                [guard, hasContext, done] {
                    if (!hasContext || guard)
                        done(fail(relayError(0, QStringLiteral("No relay address is set."))));
                },
                Qt::QueuedConnection);
        return;
    }

    QNetworkRequest request = this->request(path);
    QByteArray payload;
    if (body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    }
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, payload);
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, what, guard, hasContext, elapsed, parse = std::move(parse),
             done = std::move(done)] {
                reply->deleteLater();
                const auto answer = readReply(reply, what, m_relayUrl, requestTimeoutMs);
                if (answer) {
                    qCDebug(lcClientRest).noquote()
                            << what << "answered in" << elapsed->elapsed() << "ms";
                } else if (answer.error().isNetwork()) {
                    qCInfo(lcClientRest).noquote() << what << "failed:" << answer.error().message;
                } else {
                    // The relay's message may quote a phone number: not at info level.
                    qCDebug(lcClientRest).noquote()
                            << what << "answered HTTP" << answer.error().httpStatus << ":"
                            << answer.error().message;
                }
                if (!answer && answer.error().isUnauthorised())
                    emit unauthorised(answer.error().message);
                if (hasContext && !guard)
                    return;
                if (!answer)
                    done(fail(answer.error()));
                else
                    done(parse(answer.value()));
            });
}

// --- Agents -----------------------------------------------------------------------------------

void RelayClient::me(QObject *context, RelayCallback<UserInfo> done)
{
    send<UserInfo>(
            "GET", QStringLiteral("/v1/me"), nullptr, context,
            [](const QJsonObject &object) -> RelayResult<UserInfo> {
                if (!object.contains(u"id"))
                    return badAnswer<UserInfo>(QStringLiteral("GET /v1/me"));
                return userOf(object);
            },
            std::move(done));
}

void RelayClient::clickToCall(const QString &number, QObject *context,
                              RelayCallback<ClickToCallPlaced> done)
{
    const QJsonObject body { { QStringLiteral("to"), number } };
    send<ClickToCallPlaced>(
            "POST", QStringLiteral("/v1/calls/click-to-call"), &body, context,
            [](const QJsonObject &object) -> RelayResult<ClickToCallPlaced> {
                return ClickToCallPlaced { jsonText(object.value(u"from")),
                                           jsonText(object.value(u"to")) };
            },
            std::move(done));
}

void RelayClient::searchContacts(const QString &query, int limit, QObject *context,
                                 RelayCallback<QList<ContactCard>> done)
{
    QList<std::pair<QString, QString>> items;
    if (!query.isEmpty())
        items.append({ QStringLiteral("q"), query });
    if (limit > 0)
        items.append({ QStringLiteral("limit"), QString::number(std::min(limit, maxPageSize)) });
    QString path = QStringLiteral("/v1/contacts");
    if (!items.isEmpty())
        path += u'?' + queryText(items);
    send<QList<ContactCard>>(
            "GET", path, nullptr, context,
            [](const QJsonObject &object) -> RelayResult<QList<ContactCard>> {
                QList<ContactCard> cards;
                const QJsonArray list = object.value(u"contacts").toArray();
                for (const QJsonValue &entry : list) {
                    if (auto card = ContactCard::fromJson(entry))
                        cards.append(std::move(*card));
                }
                return cards;
            },
            std::move(done));
}

void RelayClient::contact(qint64 id, QObject *context, RelayCallback<ContactCard> done)
{
    const QString path = QStringLiteral("/v1/contacts/%1").arg(id);
    send<ContactCard>(
            "GET", path, nullptr, context,
            [path](const QJsonObject &object) { return cardOf(object, u"GET " + path); },
            std::move(done));
}

void RelayClient::createContact(const ContactDraft &draft, QObject *context,
                                RelayCallback<ContactCard> done)
{
    const QJsonObject body = draft.toJson();
    send<ContactCard>(
            "POST", QStringLiteral("/v1/contacts"), &body, context,
            [](const QJsonObject &object) {
                return cardOf(object, QStringLiteral("POST /v1/contacts"));
            },
            std::move(done));
}

void RelayClient::updateContact(qint64 id, const ContactDraft &changes, QObject *context,
                                RelayCallback<ContactCard> done)
{
    const QJsonObject body = changes.toJson();
    const QString path = QStringLiteral("/v1/contacts/%1").arg(id);
    send<ContactCard>(
            "PATCH", path, &body, context,
            [path](const QJsonObject &object) { return cardOf(object, u"PATCH " + path); },
            std::move(done));
}

void RelayClient::calls(const CallQuery &query, QObject *context, RelayCallback<CallPage> done)
{
    QList<std::pair<QString, QString>> items;
    if (query.contactId > 0)
        items.append({ QStringLiteral("contact_id"), QString::number(query.contactId) });
    if (!query.direction.isEmpty())
        items.append({ QStringLiteral("direction"), query.direction });
    if (!query.state.isEmpty())
        items.append({ QStringLiteral("state"), query.state });
    if (!query.number.isEmpty())
        items.append({ QStringLiteral("number"), query.number });
    if (query.from.isValid())
        items.append({ QStringLiteral("from"), query.from.toUTC().toString(Qt::ISODateWithMs) });
    if (query.to.isValid())
        items.append({ QStringLiteral("to"), query.to.toUTC().toString(Qt::ISODateWithMs) });
    if (!query.before.isEmpty())
        items.append({ QStringLiteral("before"), query.before });
    items.append(
            { QStringLiteral("limit"), QString::number(std::clamp(query.limit, 1, maxPageSize)) });
    send<CallPage>(
            "GET", QStringLiteral("/v1/calls?") + queryText(items), nullptr, context,
            [](const QJsonObject &object) -> RelayResult<CallPage> {
                if (!object.value(u"calls").isArray())
                    return badAnswer<CallPage>(QStringLiteral("GET /v1/calls"));
                CallPage page;
                const QJsonArray list = object.value(u"calls").toArray();
                for (const QJsonValue &entry : list)
                    page.calls.append(CallInfo::fromJson(entry.toObject()));
                page.next = jsonText(object.value(u"next"));
                return page;
            },
            std::move(done));
}

void RelayClient::call(const QString &pbxCallId, QObject *context, RelayCallback<CallInfo> done)
{
    const QString path = u"/v1/calls/" + segment(pbxCallId);
    send<CallInfo>(
            "GET", path, nullptr, context,
            [path](const QJsonObject &object) -> RelayResult<CallInfo> {
                if (!object.contains(u"pbx_call_id"))
                    return badAnswer<CallInfo>(u"GET " + path);
                return CallInfo::fromJson(object);
            },
            std::move(done));
}

QNetworkReply *RelayClient::downloadRecording(const QString &pbxCallId)
{
    QNetworkRequest request = this->request(u"/v1/calls/" + segment(pbxCallId) + u"/recording");
    request.setRawHeader("Accept", "audio/*");
    request.setTransferTimeout(recordingTimeoutMs);
    return m_network->get(request);
}

void RelayClient::tasks(bool done, QObject *context, RelayCallback<QList<TaskInfo>> callback)
{
    // Every page, one after the other: the reminders list shows all of them.
    struct Fetch
    {
        QList<TaskInfo> tasks;
        int pages = 0;
        std::function<void(qint64)> next;
    };
    auto fetch = std::make_shared<Fetch>();
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    fetch->next = [this, done, guard, hasContext, callback,
                   weak = std::weak_ptr<Fetch>(fetch)](qint64 after) {
        const std::shared_ptr<Fetch> self = weak.lock(); // the previous page's callback holds it
        QList<std::pair<QString, QString>> items {
            { QStringLiteral("done"), done ? QStringLiteral("true") : QStringLiteral("false") },
            { QStringLiteral("limit"), QString::number(maxPageSize) },
        };
        if (after > 0)
            items.append({ QStringLiteral("after"), QString::number(after) });
        // Called only while the context lives, so the guard is not null here when it had one.
        send<TaskPage>(
                "GET", QStringLiteral("/v1/tasks?") + queryText(items), nullptr,
                hasContext ? guard.data() : nullptr,
                [](const QJsonObject &object) -> RelayResult<TaskPage> {
                    if (!object.value(u"tasks").isArray())
                        return badAnswer<TaskPage>(QStringLiteral("GET /v1/tasks"));
                    TaskPage page;
                    const QJsonArray list = object.value(u"tasks").toArray();
                    for (const QJsonValue &entry : list)
                        page.tasks.append(TaskInfo::fromJson(entry.toObject()));
                    page.next = object.value(u"next").toInteger();
                    return page;
                },
                [self, callback](RelayResult<TaskPage> page) {
                    if (!page)
                        return callback(fail(page.error()));
                    self->tasks.append(page->tasks);
                    if (page->next > 0 && ++self->pages < maxTaskPages)
                        return self->next(page->next);
                    callback(self->tasks);
                });
    };
    fetch->next(0);
}

void RelayClient::finishTask(qint64 id, QObject *context, RelayCallback<TaskInfo> done)
{
    const QJsonObject body;
    send<TaskInfo>(
            "POST", QStringLiteral("/v1/tasks/%1/done").arg(id), &body, context,
            [](const QJsonObject &object) {
                return RelayResult<TaskInfo>(TaskInfo::fromJson(object));
            },
            std::move(done));
}

void RelayClient::snoozeTask(qint64 id, int minutes, QObject *context, RelayCallback<TaskInfo> done)
{
    const QJsonObject body { { QStringLiteral("minutes"), minutes } };
    send<TaskInfo>(
            "POST", QStringLiteral("/v1/tasks/%1/snooze").arg(id), &body, context,
            [](const QJsonObject &object) {
                return RelayResult<TaskInfo>(TaskInfo::fromJson(object));
            },
            std::move(done));
}

// --- Admins -----------------------------------------------------------------------------------

void RelayClient::credentialsConfigured(QObject *context, RelayCallback<bool> done)
{
    send<bool>(
            "GET", QStringLiteral("/v1/admin/zadarma/credentials"), nullptr, context,
            [](const QJsonObject &object) -> RelayResult<bool> {
                if (!object.value(u"configured").isBool())
                    return badAnswer<bool>(QStringLiteral("GET /v1/admin/zadarma/credentials"));
                return object.value(u"configured").toBool();
            },
            std::move(done));
}

void RelayClient::setCredentials(const QString &key, const QString &secret, QObject *context,
                                 RelayCallback<Balance> done)
{
    // The relay checks them with a balance call and answers 204; the balance comes next.
    const QJsonObject body { { QStringLiteral("key"), key.trimmed() },
                             { QStringLiteral("secret"), secret.trimmed() } };
    const QPointer<QObject> guard(context);
    send<bool>(
            "PUT", QStringLiteral("/v1/admin/zadarma/credentials"), &body, context,
            [](const QJsonObject &) { return RelayResult<bool>(true); },
            [this, guard, done](RelayResult<bool> saved) {
                if (!saved)
                    return done(fail(saved.error()));
                balance(guard, [done](RelayResult<Balance> balance) {
                    if (balance)
                        return done(balance);
                    done(fail(relayError(balance.error().httpStatus,
                                         QStringLiteral("The key and secret were saved, but the "
                                                        "balance could not be read: %1")
                                                 .arg(balance.error().message))));
                });
            });
}

void RelayClient::testConnection(QObject *context, RelayCallback<ConnectionTest> done)
{
    const QJsonObject body;
    send<ConnectionTest>(
            "POST", QStringLiteral("/v1/admin/zadarma/test"), &body, context,
            [](const QJsonObject &object) {
                return RelayResult<ConnectionTest>(
                        ConnectionTest { object.value(u"ok").toBool(), balanceOf(object),
                                         object.value(u"round_trip_ms").toInt() });
            },
            std::move(done));
}

void RelayClient::balance(QObject *context, RelayCallback<Balance> done)
{
    send<Balance>(
            "GET", QStringLiteral("/v1/admin/balance"), nullptr, context,
            [](const QJsonObject &object) -> RelayResult<Balance> {
                if (!object.contains(u"balance"))
                    return badAnswer<Balance>(QStringLiteral("GET /v1/admin/balance"));
                return balanceOf(object);
            },
            std::move(done));
}

void RelayClient::extensions(QObject *context, RelayCallback<ExtensionList> done)
{
    send<ExtensionList>(
            "GET", QStringLiteral("/v1/admin/extensions"), nullptr, context,
            [](const QJsonObject &object) -> RelayResult<ExtensionList> {
                if (!object.value(u"extensions").isArray())
                    return badAnswer<ExtensionList>(QStringLiteral("GET /v1/admin/extensions"));
                ExtensionList list;
                list.pbxId = jsonText(object.value(u"pbx_id"));
                const QJsonArray entries = object.value(u"extensions").toArray();
                for (const QJsonValue &entry : entries) {
                    const QJsonObject extension = entry.toObject();
                    ExtensionInfo info;
                    info.extension = jsonText(extension.value(u"extension"));
                    info.holder = UserRef::fromJson(extension.value(u"user"));
                    info.free = extension.value(u"free").toBool(!info.holder.has_value());
                    if (info.holder)
                        info.holder->extension = info.extension;
                    list.extensions.append(info);
                }
                return list;
            },
            std::move(done));
}

void RelayClient::users(QObject *context, RelayCallback<QList<UserInfo>> done)
{
    send<QList<UserInfo>>(
            "GET", QStringLiteral("/v1/admin/users"), nullptr, context,
            [](const QJsonObject &object) -> RelayResult<QList<UserInfo>> {
                if (!object.value(u"users").isArray())
                    return badAnswer<QList<UserInfo>>(QStringLiteral("GET /v1/admin/users"));
                QList<UserInfo> users;
                const QJsonArray list = object.value(u"users").toArray();
                for (const QJsonValue &entry : list)
                    users.append(userOf(entry.toObject()));
                return users;
            },
            std::move(done));
}

void RelayClient::createUser(const NewUser &user, QObject *context, RelayCallback<CreatedUser> done)
{
    QJsonObject body { { QStringLiteral("name"), user.name },
                       { QStringLiteral("role"), user.role } };
    if (!user.displayName.isEmpty())
        body.insert(QStringLiteral("display_name"), user.displayName);
    if (!user.extension.isEmpty())
        body.insert(QStringLiteral("extension"), user.extension);
    send<CreatedUser>(
            "POST", QStringLiteral("/v1/admin/users"), &body, context,
            [](const QJsonObject &object) -> RelayResult<CreatedUser> {
                const QString token = object.value(u"token").toString();
                if (token.isEmpty() || !object.value(u"user").isObject())
                    return badAnswer<CreatedUser>(QStringLiteral("POST /v1/admin/users"));
                return CreatedUser { userOf(object.value(u"user").toObject()), token };
            },
            std::move(done));
}

void RelayClient::updateUser(qint64 id, const QJsonObject &changes, QObject *context,
                             RelayCallback<UserInfo> done)
{
    send<UserInfo>(
            "PATCH", QStringLiteral("/v1/admin/users/%1").arg(id), &changes, context,
            [](const QJsonObject &object) { return RelayResult<UserInfo>(userOf(object)); },
            std::move(done));
}

void RelayClient::removeUser(qint64 id, QObject *context, RelayCallback<bool> done)
{
    send<bool>(
            "DELETE", QStringLiteral("/v1/admin/users/%1").arg(id), nullptr, context,
            [](const QJsonObject &) { return RelayResult<bool>(true); }, std::move(done));
}

void RelayClient::newToken(qint64 id, QObject *context, RelayCallback<QString> done)
{
    const QJsonObject body;
    const QString path = QStringLiteral("/v1/admin/users/%1/token").arg(id);
    send<QString>(
            "POST", path, &body, context,
            [path](const QJsonObject &object) -> RelayResult<QString> {
                const QString token = object.value(u"token").toString();
                if (token.isEmpty())
                    return badAnswer<QString>(u"POST " + path);
                return token;
            },
            std::move(done));
}

void RelayClient::settings(QObject *context, RelayCallback<RelaySettingsSnapshot> done)
{
    send<RelaySettingsSnapshot>(
            "GET", QStringLiteral("/v1/admin/settings"), nullptr, context,
            [](const QJsonObject &object) {
                return RelayResult<RelaySettingsSnapshot>(settingsOf(object));
            },
            std::move(done));
}

void RelayClient::putSettings(const QJsonObject &changes, QObject *context,
                              RelayCallback<RelaySettingsSnapshot> done)
{
    send<RelaySettingsSnapshot>(
            "PUT", QStringLiteral("/v1/admin/settings"), &changes, context,
            [](const QJsonObject &object) {
                return RelayResult<RelaySettingsSnapshot>(settingsOf(object));
            },
            std::move(done));
}

void RelayClient::blacklist(QObject *context, RelayCallback<QList<BlacklistEntryInfo>> done)
{
    send<QList<BlacklistEntryInfo>>(
            "GET", QStringLiteral("/v1/admin/blacklist"), nullptr, context,
            [](const QJsonObject &object) -> RelayResult<QList<BlacklistEntryInfo>> {
                if (!object.value(u"blacklist").isArray())
                    return badAnswer<QList<BlacklistEntryInfo>>(
                            QStringLiteral("GET /v1/admin/blacklist"));
                QList<BlacklistEntryInfo> entries;
                const QJsonArray list = object.value(u"blacklist").toArray();
                for (const QJsonValue &entry : list)
                    entries.append(blacklistEntryOf(entry.toObject()));
                return entries;
            },
            std::move(done));
}

void RelayClient::addToBlacklist(const QString &number, const QString &reason, QObject *context,
                                 RelayCallback<BlacklistEntryInfo> done)
{
    QJsonObject body { { QStringLiteral("number"), number } };
    if (!reason.isEmpty())
        body.insert(QStringLiteral("reason"), reason);
    send<BlacklistEntryInfo>(
            "POST", QStringLiteral("/v1/admin/blacklist"), &body, context,
            [](const QJsonObject &object) {
                return RelayResult<BlacklistEntryInfo>(blacklistEntryOf(object));
            },
            std::move(done));
}

void RelayClient::removeFromBlacklist(const QString &number, QObject *context,
                                      RelayCallback<bool> done)
{
    send<bool>(
            "DELETE", u"/v1/admin/blacklist/" + segment(number), nullptr, context,
            [](const QJsonObject &) { return RelayResult<bool>(true); }, std::move(done));
}

} // namespace CallBridge
