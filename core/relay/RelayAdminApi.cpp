// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RelayAdminApi.h"

#include "core/common/Clock.h"
#include "core/relay/AccessToken.h"
#include "core/relay/CallBackfill.h"
#include "core/relay/CrmSync.h"
#include "core/relay/RelayApi.h"
#include "core/relay/RelayApiLogging.h"
#include "core/relay/RelayJson.h"
#include "core/relay/RelayMetrics.h"
#include "core/relay/RelaySettings.h"
#include "core/relay/RoutingDirectory.h"
#include "core/relay/SecretsFile.h"
#include "core/relay/WebhookEndpoint.h"
#include "core/store/Store.h"
#include "core/zadarma/ZadarmaClient.h"
#include "core/zadarma/ZadarmaTypes.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace CallBridge {

namespace {

constexpr int maxPageSize = 200;
constexpr int maxUserNameLength = 64;

std::optional<UserRole> parseRole(const QString &text)
{
    if (text == u"agent")
        return UserRole::Agent;
    if (text == u"admin")
        return UserRole::Admin;
    return std::nullopt;
}

std::optional<ApiError> checkExtension(const QString &extension)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,5}$"));
    if (extension.isEmpty() || digits.match(extension).hasMatch())
        return std::nullopt;
    return ApiError { 400,
                      QStringLiteral("\"extension\" is a PBX extension such as \"101\" (digits "
                                     "only), not \"%1\".")
                              .arg(extension) };
}

std::optional<ApiError> checkUserName(const QString &name)
{
    if (name.isEmpty())
        return ApiError { 400, QStringLiteral("\"name\" is required: the user's login name.") };
    static const QRegularExpression spaceOrControl(QStringLiteral("[\\s\\p{Cc}]"));
    if (name.size() > maxUserNameLength || spaceOrControl.match(name).hasMatch())
        return ApiError { 400,
                          QStringLiteral("\"name\" must be up to %1 characters without spaces, "
                                         "not \"%2\".")
                                  .arg(maxUserNameLength)
                                  .arg(name) };
    return std::nullopt;
}

QString typeName(RelaySettings::Type type)
{
    switch (type) {
    case RelaySettings::Type::Bool:
        return QStringLiteral("bool");
    case RelaySettings::Type::Seconds:
        return QStringLiteral("seconds");
    case RelaySettings::Type::Hours:
        return QStringLiteral("hours");
    case RelaySettings::Type::UserName:
        return QStringLiteral("user");
    case RelaySettings::Type::Region:
        return QStringLiteral("region");
    case RelaySettings::Type::UrlTemplate:
        return QStringLiteral("url_template");
    }
    return QStringLiteral("text");
}

// A settings value as JSON may carry it: "true", true, 20 and "20" all mean what they say.
std::optional<QString> settingText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble() && std::floor(value.toDouble()) == value.toDouble())
        return QString::number(qint64(value.toDouble()));
    return std::nullopt;
}

} // namespace

RelayAdminApi::RelayAdminApi(RelayServices services, std::function<Result<void>()> reloadSettings,
                             RelayApi *api)
    : m_services(std::move(services)), m_reloadSettings(std::move(reloadSettings))
{
    const auto add = [this, api](QByteArray method, const QString &pattern,
                                 void (RelayAdminApi::*handler)(const ApiRequestPtr &)) {
        api->addRoute(std::move(method), QStringLiteral("admin/") + pattern, true,
                      [this, handler](const ApiRequestPtr &request) { (this->*handler)(request); });
    };
    add("GET", QStringLiteral("zadarma/credentials"), &RelayAdminApi::getCredentials);
    add("PUT", QStringLiteral("zadarma/credentials"), &RelayAdminApi::putCredentials);
    add("POST", QStringLiteral("zadarma/test"), &RelayAdminApi::testZadarma);
    add("GET", QStringLiteral("balance"), &RelayAdminApi::balance);
    add("GET", QStringLiteral("extensions"), &RelayAdminApi::extensions);
    add("GET", QStringLiteral("users"), &RelayAdminApi::listUsers);
    add("POST", QStringLiteral("users"), &RelayAdminApi::createUser);
    add("PATCH", QStringLiteral("users/*"), &RelayAdminApi::updateUser);
    add("DELETE", QStringLiteral("users/*"), &RelayAdminApi::removeUser);
    add("POST", QStringLiteral("users/*/token"), &RelayAdminApi::newToken);
    add("GET", QStringLiteral("settings"), &RelayAdminApi::getSettings);
    add("PUT", QStringLiteral("settings"), &RelayAdminApi::putSettings);
    add("GET", QStringLiteral("blacklist"), &RelayAdminApi::listBlacklist);
    add("POST", QStringLiteral("blacklist"), &RelayAdminApi::addToBlacklist);
    add("DELETE", QStringLiteral("blacklist/*"), &RelayAdminApi::removeFromBlacklist);
    add("GET", QStringLiteral("audit"), &RelayAdminApi::listAudit);
    add("GET", QStringLiteral("leads"), &RelayAdminApi::listLeads);
    add("POST", QStringLiteral("backfill"), &RelayAdminApi::startBackfill);
    add("GET", QStringLiteral("backfill"), &RelayAdminApi::backfillStatus);
    add("GET", QStringLiteral("crm"), &RelayAdminApi::crmStatus);
    add("POST", QStringLiteral("crm/retry"), &RelayAdminApi::retryCrm);
}

// --- Zadarma ----------------------------------------------------------------------------------

void RelayAdminApi::getCredentials(const ApiRequestPtr &request)
{
    // Write-only: whether they are set, never what they are.
    request->answerJson(200,
                        { { QStringLiteral("configured"), m_services.zadarma->hasCredentials() } });
}

void RelayAdminApi::putCredentials(const ApiRequestPtr &request)
{
    const auto body = request->body({ QStringLiteral("key"), QStringLiteral("secret") });
    if (!body)
        return request->answerError(body.error());
    const auto key = body->string(QStringLiteral("key"));
    if (!key)
        return request->answerError(key.error());
    const auto secret = body->string(QStringLiteral("secret"));
    if (!secret)
        return request->answerError(secret.error());
    if (!key->has_value() || (*key)->isEmpty() || !secret->has_value() || (*secret)->isEmpty())
        return request->answerError(
                400,
                QStringLiteral("Send both \"key\" and \"secret\" from the API section of the "
                               "Zadarma personal account."));
    static const QRegularExpression spaceOrControl(QStringLiteral("[\\s\\p{Cc}]"));
    if (spaceOrControl.match(**key).hasMatch() || spaceOrControl.match(**secret).hasMatch())
        return request->answerError(
                400,
                QStringLiteral("\"key\" and \"secret\" cannot contain spaces or line breaks; "
                               "copy them again from the Zadarma personal account."));
    const ZadarmaCredentials credentials { (*key)->toUtf8(), (*secret)->toUtf8() };

    // Checked with a client of its own, so that the working credentials stay in use until the
    // new ones are known to work.
    ZadarmaClientConfig config = m_services.zadarma->config();
    config.maxAttempts = 1;
    auto *probe = new ZadarmaClient(m_services.network, m_services.clock, config, this);
    probe->setCredentials(credentials);
    ZadarmaReply *reply = probe->balance();
    connect(reply, &ZadarmaReply::finished, this, [this, request, reply, probe, credentials] {
        reply->deleteLater();
        probe->deleteLater();
        if (!reply->result()) {
            const ZadarmaError &error = reply->result().error();
            if (m_services.metrics)
                m_services.metrics->countZadarmaError(toText(error.kind));
            const bool refused = error.kind == ZadarmaError::Kind::Api
                    || (error.kind == ZadarmaError::Kind::Http
                        && (error.httpStatus == 401 || error.httpStatus == 403));
            if (refused)
                return request->answerError(
                        400,
                        QStringLiteral("Zadarma did not accept this key and secret%1: %2")
                                .arg(error.httpStatus
                                             ? QStringLiteral(" (HTTP %1)").arg(error.httpStatus)
                                             : QString(),
                                     error.message));
            return request->answerError(
                    502,
                    QStringLiteral("Could not check the key and secret with Zadarma: %1")
                            .arg(error.toString()));
        }
        if (auto written = SecretsFile(m_services.secretsFile).write(credentials); !written)
            return request->answerError(
                    500,
                    QStringLiteral("Zadarma accepted the key and secret, but they could not be "
                                   "saved: %1")
                            .arg(written.error().message));
        m_services.zadarma->setCredentials(credentials);
        if (m_services.webhooks)
            m_services.webhooks->setSecret(credentials.secret);
        if (m_services.credentialsChanged)
            m_services.credentialsChanged();
        request->audit(m_services, QStringLiteral("zadarma.credentials"),
                       QStringLiteral("replaced after a successful balance check"));
        qCInfo(lcRelayApi).noquote()
                << "Zadarma key and secret replaced by" << request->user().name;
        request->answer(HttpResponse::empty(204));
    });
}

void RelayAdminApi::testZadarma(const ApiRequestPtr &request)
{
    const auto body = request->body({});
    if (!body)
        return request->answerError(body.error());
    // A measurement for the admin, not behaviour: the wall clock is right here.
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    ZadarmaReply *reply = m_services.zadarma->balance();
    connect(reply, &ZadarmaReply::finished, this, [this, request, reply, timer] {
        reply->deleteLater();
        if (!reply->result())
            return request->answerZadarmaError(reply->result().error(), m_services);
        const auto balance = Balance::fromJson(reply->result().value());
        if (!balance)
            return request->answerError(502, balance.error().message);
        request->answerJson(200,
                            { { QStringLiteral("ok"), true },
                              { QStringLiteral("balance"), balance->balance },
                              { QStringLiteral("currency"), balance->currency },
                              { QStringLiteral("round_trip_ms"), timer->elapsed() } });
    });
}

void RelayAdminApi::balance(const ApiRequestPtr &request)
{
    ZadarmaReply *reply = m_services.zadarma->balance();
    connect(reply, &ZadarmaReply::finished, this, [this, request, reply] {
        reply->deleteLater();
        if (!reply->result())
            return request->answerZadarmaError(reply->result().error(), m_services);
        const auto balance = Balance::fromJson(reply->result().value());
        if (!balance)
            return request->answerError(502, balance.error().message);
        request->answerJson(200,
                            { { QStringLiteral("balance"), balance->balance },
                              { QStringLiteral("currency"), balance->currency } });
    });
}

void RelayAdminApi::extensions(const ApiRequestPtr &request)
{
    ZadarmaReply *reply = m_services.zadarma->pbxExtensions();
    connect(reply, &ZadarmaReply::finished, this, [this, request, reply] {
        reply->deleteLater();
        if (!reply->result())
            return request->answerZadarmaError(reply->result().error(), m_services);
        const auto pbx = PbxExtensions::fromJson(reply->result().value());
        if (!pbx)
            return request->answerError(502, pbx.error().message);
        QJsonArray list;
        for (const QString &extension : pbx->extensions) {
            const auto holder = m_services.directory->userByExtension(extension);
            QJsonValue user = QJsonValue::Null;
            if (holder)
                user = QJsonObject { { QStringLiteral("id"), holder->id },
                                     { QStringLiteral("name"), holder->name } };
            list.append(QJsonObject { { QStringLiteral("extension"), extension },
                                      { QStringLiteral("user"), user },
                                      { QStringLiteral("free"), !holder.has_value() } });
        }
        request->answerJson(200,
                            { { QStringLiteral("pbx_id"), pbx->pbxId },
                              { QStringLiteral("extensions"), list } });
    });
}

// --- Users ------------------------------------------------------------------------------------

void RelayAdminApi::reloadUsers()
{
    const auto users = m_services.store->users();
    if (users)
        m_services.directory->setUsers(users.value());
    else
        qCWarning(lcRelayApi).noquote() << "could not reload the users:" << users.error().message;
}

Result<UserRecord, ApiError> RelayAdminApi::existingUser(const ApiRequest &request) const
{
    const qint64 id = pathId(request.argument(0));
    const auto users = m_services.store->users();
    if (!users)
        return fail(storeError(users.error()));
    for (const UserRecord &user : users.value()) {
        if (id != 0 && user.id == id)
            return user;
    }
    return fail(ApiError { 404, QStringLiteral("There is no user %1.").arg(request.argument(0)) });
}

ApiError RelayAdminApi::userWriteError(const UserRecord &user, const Error &error) const
{
    const auto users = m_services.store->users();
    if (users) {
        for (const UserRecord &other : users.value()) {
            if (other.id != user.id
                && (other.name == user.name
                    || (!user.extension.isEmpty() && other.extension == user.extension)))
                return ApiError { 409, error.message };
        }
    }
    return storeError(error);
}

void RelayAdminApi::listUsers(const ApiRequestPtr &request)
{
    const auto users = m_services.store->users();
    if (!users)
        return request->answerError(storeError(users.error()));
    QJsonArray list;
    for (const UserRecord &user : users.value())
        list.append(toJson(user));
    request->answerJson(200, { { QStringLiteral("users"), list } });
}

void RelayAdminApi::createUser(const ApiRequestPtr &request)
{
    const auto body = request->body({ QStringLiteral("name"), QStringLiteral("display_name"),
                                      QStringLiteral("role"), QStringLiteral("extension") });
    if (!body)
        return request->answerError(body.error());
    const auto name = body->string(QStringLiteral("name"));
    const auto displayName = body->string(QStringLiteral("display_name"));
    const auto role = body->string(QStringLiteral("role"));
    const auto extension = body->string(QStringLiteral("extension"));
    for (const auto *field : { &name, &displayName, &role, &extension }) {
        if (!*field)
            return request->answerError(field->error());
    }
    UserRecord user;
    user.name = name->value_or(QString());
    if (const auto error = checkUserName(user.name))
        return request->answerError(*error);
    user.displayName = displayName->value_or(QString());
    if (user.displayName.isEmpty())
        user.displayName = user.name;
    const auto parsedRole = parseRole(role->value_or(QStringLiteral("agent")));
    if (!parsedRole)
        return request->answerError(
                400, QStringLiteral("\"role\" is \"agent\" or \"admin\", not \"%1\".").arg(**role));
    user.role = *parsedRole;
    user.extension = extension->value_or(QString());
    if (const auto error = checkExtension(user.extension))
        return request->answerError(*error);
    // Shown once, in this answer; only its hash is kept.
    const QString token = AccessToken::generate();
    user.tokenHash = AccessToken::hash(token);
    user.createdAt = m_services.clock->now();

    const auto id = m_services.store->createUser(user);
    if (!id)
        return request->answerError(userWriteError(user, id.error()));
    user.id = id.value();
    reloadUsers();
    request->audit(m_services, QStringLiteral("user.create"),
                   QStringLiteral("name=%1, role=%2, extension=%3")
                           .arg(user.name, toText(user.role), user.extension));
    qCInfo(lcRelayApi).noquote() << request->user().name << "created user" << user.name;
    request->answerJson(
            201, { { QStringLiteral("user"), toJson(user) }, { QStringLiteral("token"), token } });
}

void RelayAdminApi::updateUser(const ApiRequestPtr &request)
{
    const auto body = request->body({ QStringLiteral("display_name"), QStringLiteral("role"),
                                      QStringLiteral("extension") });
    if (!body)
        return request->answerError(body.error());
    auto existing = existingUser(*request);
    if (!existing)
        return request->answerError(existing.error());
    UserRecord user = existing.value();
    QStringList changes;

    const auto displayName = body->string(QStringLiteral("display_name"));
    if (!displayName)
        return request->answerError(displayName.error());
    if (displayName->has_value() && **displayName != user.displayName) {
        changes << QStringLiteral("display_name");
        user.displayName = **displayName;
    }
    const auto role = body->string(QStringLiteral("role"));
    if (!role)
        return request->answerError(role.error());
    if (role->has_value()) {
        const auto parsed = parseRole(**role);
        if (!parsed)
            return request->answerError(
                    400,
                    QStringLiteral("\"role\" is \"agent\" or \"admin\", not \"%1\".").arg(**role));
        if (*parsed != user.role) {
            // Otherwise the last administrator could lock everyone out.
            if (user.id == request->user().id)
                return request->answerError(
                        409,
                        QStringLiteral("You cannot change your own role; another "
                                       "administrator can."));
            changes << QStringLiteral("role %1 → %2").arg(toText(user.role), toText(*parsed));
            user.role = *parsed;
        }
    }
    const auto extension = body->string(QStringLiteral("extension"));
    if (!extension)
        return request->answerError(extension.error());
    if (extension->has_value() && **extension != user.extension) {
        if (const auto error = checkExtension(**extension))
            return request->answerError(*error);
        changes << QStringLiteral("extension %1 → %2")
                           .arg(user.extension.isEmpty() ? QStringLiteral("none") : user.extension,
                                (*extension)->isEmpty() ? QStringLiteral("none") : **extension);
        user.extension = **extension;
    }

    if (!changes.isEmpty()) {
        if (auto updated = m_services.store->updateUser(user); !updated)
            return request->answerError(userWriteError(user, updated.error()));
        reloadUsers();
        request->audit(
                m_services, QStringLiteral("user.update"),
                QStringLiteral("name=%1: %2").arg(user.name, changes.join(QStringLiteral(", "))));
    }
    request->answerJson(200, toJson(user));
}

void RelayAdminApi::removeUser(const ApiRequestPtr &request)
{
    auto user = existingUser(*request);
    if (!user)
        return request->answerError(user.error());
    if (user->id == request->user().id)
        return request->answerError(
                409, QStringLiteral("You cannot delete yourself; another administrator can."));
    if (auto removed = m_services.store->removeUser(user->id); !removed)
        return request->answerError(storeError(removed.error()));
    reloadUsers();
    request->audit(m_services, QStringLiteral("user.remove"),
                   QStringLiteral("name=%1, extension=%2").arg(user->name, user->extension));
    qCInfo(lcRelayApi).noquote() << request->user().name << "removed user" << user->name;
    request->answer(HttpResponse::empty(204));
}

void RelayAdminApi::newToken(const ApiRequestPtr &request)
{
    const auto body = request->body({});
    if (!body)
        return request->answerError(body.error());
    auto user = existingUser(*request);
    if (!user)
        return request->answerError(user.error());
    const QString token = AccessToken::generate();
    user->tokenHash = AccessToken::hash(token);
    if (auto updated = m_services.store->updateUser(user.value()); !updated)
        return request->answerError(storeError(updated.error()));
    reloadUsers();
    request->audit(
            m_services, QStringLiteral("user.token"),
            QStringLiteral("name=%1: new token, the old one no longer works").arg(user->name));
    request->answerJson(200, { { QStringLiteral("token"), token } });
}

// --- Settings ---------------------------------------------------------------------------------

Result<QJsonObject, ApiError> RelayAdminApi::settingsJson() const
{
    const auto stored = m_services.store->settings();
    if (!stored)
        return fail(storeError(stored.error()));
    const RelaySettings current = RelaySettings::fromMap(stored.value());
    QJsonObject values;
    QJsonArray keys;
    for (const RelaySettings::Key &key : RelaySettings::keys()) {
        values.insert(key.name, current.value(key.name));
        keys.append(QJsonObject { { QStringLiteral("key"), key.name },
                                  { QStringLiteral("type"), typeName(key.type) },
                                  { QStringLiteral("default"), key.defaultValue },
                                  { QStringLiteral("description"), key.description } });
    }
    return QJsonObject { { QStringLiteral("settings"), values }, { QStringLiteral("keys"), keys } };
}

void RelayAdminApi::getSettings(const ApiRequestPtr &request)
{
    const auto settings = settingsJson();
    if (!settings)
        return request->answerError(settings.error());
    request->answerJson(200, settings.value());
}

void RelayAdminApi::putSettings(const ApiRequestPtr &request)
{
    const auto body = request->body(RelaySettings::keyNames());
    if (!body)
        return request->answerError(body.error());
    if (body->isEmpty())
        return request->answerError(
                400,
                QStringLiteral("Send the settings to change, such as {\"%1\": false}.")
                        .arg(RelaySettings::callerNameKey));

    // Every value is checked before anything is written: all of them or none.
    QList<std::pair<QString, std::optional<QString>>> changes; // nullopt: back to the default
    const QJsonObject &object = body->object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isNull()) {
            changes.append({ it.key(), std::nullopt });
            continue;
        }
        const auto text = settingText(it.value());
        if (!text)
            return request->answerError(
                    400,
                    QStringLiteral("\"%1\" must be a string, a whole number or true/false.")
                            .arg(it.key()));
        const auto normalized = RelaySettings::normalize(it.key(), *text);
        if (!normalized)
            return request->answerError(400, normalized.error().message);
        if (it.key() == RelaySettings::defaultResponsibleKey && !normalized->isEmpty()
            && !m_services.directory->userByName(normalized.value()))
            return request->answerError(400,
                                        QStringLiteral("%1: there is no user named \"%2\".")
                                                .arg(it.key(), normalized.value()));
        changes.append({ it.key(), normalized.value() });
    }

    Store &store = *m_services.store;
    Result<void> written = store.begin();
    for (const auto &[key, value] : std::as_const(changes)) {
        if (!written)
            break;
        written = value ? store.setSetting(key, *value) : store.removeSetting(key);
    }
    if (written)
        written = store.commit();
    if (!written) {
        store.rollback();
        return request->answerError(storeError(written.error()));
    }
    if (auto applied = m_reloadSettings(); !applied)
        return request->answerError(
                500,
                QStringLiteral("The settings were saved but could not be applied: %1")
                        .arg(applied.error().message));

    QStringList detail;
    for (const auto &[key, value] : std::as_const(changes))
        detail << QStringLiteral("%1=%2").arg(key, value ? *value : QStringLiteral("(default)"));
    request->audit(m_services, QStringLiteral("settings.set"), detail.join(QStringLiteral(", ")));
    qCInfo(lcRelayApi).noquote() << request->user().name << "changed settings"
                                 << detail.join(QStringLiteral(", "));
    const auto settings = settingsJson();
    if (!settings)
        return request->answerError(settings.error());
    request->answerJson(200, settings.value());
}

// --- Blacklist --------------------------------------------------------------------------------

void RelayAdminApi::listBlacklist(const ApiRequestPtr &request)
{
    const auto entries = m_services.store->blacklist();
    if (!entries)
        return request->answerError(storeError(entries.error()));
    QJsonArray list;
    for (const BlacklistEntry &entry : entries.value())
        list.append(toJson(entry));
    request->answerJson(200, { { QStringLiteral("blacklist"), list } });
}

void RelayAdminApi::addToBlacklist(const ApiRequestPtr &request)
{
    const auto body = request->body({ QStringLiteral("number"), QStringLiteral("reason") });
    if (!body)
        return request->answerError(body.error());
    const auto number = body->string(QStringLiteral("number"));
    if (!number)
        return request->answerError(number.error());
    const auto reason = body->string(QStringLiteral("reason"));
    if (!reason)
        return request->answerError(reason.error());
    if (!number->has_value() || (*number)->isEmpty())
        return request->answerError(
                400, QStringLiteral("\"number\" is required, such as \"+48 600 100 200\"."));
    const PhoneNumber parsed = m_services.directory->normalizer().normalize(**number);
    if (parsed.kind != PhoneNumber::Kind::E164)
        return request->answerError(
                400,
                QStringLiteral("\"number\": \"%1\" is not a public phone number; write it with "
                               "its country code, such as +48 600 100 200.")
                        .arg(**number));
    BlacklistEntry entry;
    entry.number = parsed.canonical();
    entry.reason = reason->value_or(QString());
    entry.createdAt = m_services.clock->now();
    if (auto added = m_services.store->addToBlacklist(entry); !added)
        return request->answerError(storeError(added.error()));
    m_services.directory->addToBlacklist(entry.number);
    request->audit(m_services, QStringLiteral("blacklist.add"),
                   QStringLiteral("number=%1, reason=%2").arg(entry.number, entry.reason));
    request->answerJson(201, toJson(entry));
}

void RelayAdminApi::removeFromBlacklist(const ApiRequestPtr &request)
{
    const QString raw = request->argument(0);
    const PhoneNumber parsed = m_services.directory->normalizer().normalize(raw);
    if (parsed.kind != PhoneNumber::Kind::E164)
        return request->answerError(
                400,
                QStringLiteral("\"%1\" is not a public phone number; send it URL-encoded "
                               "with its country code, such as %2B48600100200.")
                        .arg(raw));
    const auto removed = m_services.store->removeFromBlacklist(parsed.canonical());
    if (!removed)
        return request->answerError(storeError(removed.error()));
    if (!removed.value())
        return request->answerError(
                404, QStringLiteral("%1 is not on the blacklist.").arg(parsed.canonical()));
    m_services.directory->removeFromBlacklist(parsed.canonical());
    request->audit(m_services, QStringLiteral("blacklist.remove"),
                   QStringLiteral("number=%1").arg(parsed.canonical()));
    request->answer(HttpResponse::empty(204));
}

// --- Audit, leads, back-fill ------------------------------------------------------------------

void RelayAdminApi::listAudit(const ApiRequestPtr &request)
{
    const auto limit = request->queryInt(QStringLiteral("limit"), 50, 1, maxPageSize);
    if (!limit)
        return request->answerError(limit.error());
    const auto before = request->queryId(QStringLiteral("before"));
    if (!before)
        return request->answerError(before.error());
    const auto entries = m_services.store->audit(limit.value(), before.value());
    if (!entries)
        return request->answerError(storeError(entries.error()));
    QJsonArray list;
    for (const AuditEntry &entry : entries.value())
        list.append(toJson(entry));
    const qint64 next = entries->size() == limit.value() ? entries->constLast().id : 0;
    request->answerJson(
            200,
            { { QStringLiteral("entries"), list }, { QStringLiteral("next"), idOrNull(next) } });
}

void RelayAdminApi::listLeads(const ApiRequestPtr &request)
{
    const auto limit = request->queryInt(QStringLiteral("limit"), 50, 1, maxPageSize);
    if (!limit)
        return request->answerError(limit.error());
    const auto after = request->queryId(QStringLiteral("after"));
    if (!after)
        return request->answerError(after.error());
    const auto leads = m_services.store->leads(limit.value(), after.value());
    if (!leads)
        return request->answerError(storeError(leads.error()));
    QJsonArray list;
    for (const LeadRecord &lead : leads.value())
        list.append(toJson(lead));
    const qint64 next = leads->size() == limit.value() ? leads->constLast().id : 0;
    request->answerJson(
            200, { { QStringLiteral("leads"), list }, { QStringLiteral("next"), idOrNull(next) } });
}

void RelayAdminApi::startBackfill(const ApiRequestPtr &request)
{
    const auto body = request->body({ QStringLiteral("from"), QStringLiteral("to") });
    if (!body)
        return request->answerError(body.error());
    const auto from = body->dateTime(QStringLiteral("from"));
    if (!from)
        return request->answerError(from.error());
    const auto to = body->dateTime(QStringLiteral("to"));
    if (!to)
        return request->answerError(to.error());
    if (!m_services.backfill)
        return request->answerError(503, QStringLiteral("This relay has no back-fill."));
    if (!m_services.zadarma->hasCredentials())
        return request->answerError(
                503,
                QStringLiteral("The relay has no Zadarma key and secret yet; an administrator "
                               "sets them with PUT /v1/admin/zadarma/credentials."));
    const QDateTime fromTime = from->value_or(QDateTime());
    const QDateTime toTime = to->value_or(QDateTime());
    if (fromTime.isValid() && toTime.isValid() && fromTime >= toTime)
        return request->answerError(400, QStringLiteral("\"from\" must be before \"to\"."));
    if (auto started = m_services.backfill->start(fromTime, toTime); !started)
        return request->answerError(409, started.error().message);
    const CallBackfill::Status &status = m_services.backfill->status();
    request->audit(
            m_services, QStringLiteral("backfill.start"),
            QStringLiteral("from %1 to %2")
                    .arg(status.from.toString(Qt::ISODate), status.to.toString(Qt::ISODate)));
    request->answerJson(202, status.toJson());
}

void RelayAdminApi::backfillStatus(const ApiRequestPtr &request)
{
    if (!m_services.backfill)
        return request->answerError(503, QStringLiteral("This relay has no back-fill."));
    request->answerJson(200, m_services.backfill->status().toJson());
}

// --- External CRM ---------------------------------------------------------------------------

void RelayAdminApi::crmStatus(const ApiRequestPtr &request)
{
    if (!m_services.crm) {
        request->answerJson(200, { { QStringLiteral("connected"), false } });
        return;
    }
    auto status = m_services.crm->status();
    if (!status)
        return request->answerError(storeError(status.error()));
    request->answerJson(200, status.value());
}

void RelayAdminApi::retryCrm(const ApiRequestPtr &request)
{
    if (!m_services.crm)
        return request->answerError(409,
                                    QStringLiteral("This relay has no external CRM "
                                                   "(crm_mapping is not set)."));
    auto queued = m_services.store->retryFailedCrmWrites();
    if (!queued)
        return request->answerError(storeError(queued.error()));
    m_services.crm->poke();
    request->audit(m_services, QStringLiteral("crm.retry"),
                   QStringLiteral("%1 failed writes queued again").arg(queued.value()));
    request->answerJson(200, { { QStringLiteral("queued"), queued.value() } });
}

} // namespace CallBridge
