// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/OperatorCommand.h"

#include "core/common/SystemClock.h"
#include "core/phone/PhoneNumberNormalizer.h"
#include "core/relay/AccessToken.h"
#include "core/relay/ContactExport.h"
#include "core/relay/ContactFields.h"
#include "core/relay/ContactImport.h"
#include "core/relay/RelayConfig.h"
#include "core/relay/RelayConfigLogging.h"
#include "core/relay/RelaySettings.h"
#include "core/relay/ZadarmaRegisterCommand.h"
#include "core/store/SqlStore.h"
#include "core/store/StoreCopy.h"
#include "core/zadarma/ZadarmaClient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>

#include <algorithm>
#include <memory>
#include <optional>

namespace CallBridge {

namespace {

constexpr int progressEvery = 1000;
constexpr int importChunk = 1000; // records per transaction

struct CommandSpec
{
    QString group;
    QString action; // empty: any; the group's usage lists them
    int minWords; // positional words after the action
    int maxWords;
    QStringList options; // taking a value, without "--"
    QString synopsis;
    QString description;
};

const QList<CommandSpec> &commands()
{
    static const QList<CommandSpec> table {
        { QStringLiteral("user"),
          QStringLiteral("add"),
          1,
          1,
          { QStringLiteral("role"), QStringLiteral("extension"), QStringLiteral("display-name") },
          QStringLiteral("user add NAME [--role agent|admin] [--extension EXT] "
                         "[--display-name TEXT]"),
          QStringLiteral("Adds a user and prints their access token, once.") },
        { QStringLiteral("user"),
          QStringLiteral("list"),
          0,
          0,
          {},
          QStringLiteral("user list"),
          QStringLiteral("Lists users with role and extension.") },
        { QStringLiteral("user"),
          QStringLiteral("remove"),
          1,
          1,
          {},
          QStringLiteral("user remove NAME"),
          QStringLiteral("Removes a user; their contacts and tasks keep no owner.") },
        { QStringLiteral("user"),
          QStringLiteral("token"),
          1,
          1,
          {},
          QStringLiteral("user token NAME"),
          QStringLiteral("Replaces the user's token with a new one and prints it, once.") },
        { QStringLiteral("user"),
          QStringLiteral("set"),
          1,
          1,
          { QStringLiteral("role"), QStringLiteral("extension"), QStringLiteral("display-name") },
          QStringLiteral("user set NAME [--role agent|admin] [--extension EXT|none] "
                         "[--display-name TEXT]"),
          QStringLiteral("Changes a user; an extension belongs to one user at most.") },
        { QStringLiteral("blacklist"),
          QStringLiteral("add"),
          1,
          1,
          { QStringLiteral("reason") },
          QStringLiteral("blacklist add NUMBER [--reason TEXT]"),
          QStringLiteral("Hangs up on calls from NUMBER (while routing.hangup_blacklisted is "
                         "on).") },
        { QStringLiteral("blacklist"),
          QStringLiteral("remove"),
          1,
          1,
          {},
          QStringLiteral("blacklist remove NUMBER"),
          QStringLiteral("Takes NUMBER off the blacklist.") },
        { QStringLiteral("blacklist"),
          QStringLiteral("list"),
          0,
          0,
          {},
          QStringLiteral("blacklist list"),
          QStringLiteral("Lists blacklisted numbers.") },
        { QStringLiteral("contacts"),
          QStringLiteral("import"),
          1,
          1,
          { QStringLiteral("format"), QStringLiteral("responsible"), QStringLiteral("map"),
            QStringLiteral("dry-run"), QStringLiteral("on-duplicate") },
          QStringLiteral("contacts import FILE [--format csv|vcf] [--responsible NAME] "
                         "[--map FIELD=COLUMN ...] [--dry-run] [--on-duplicate skip|merge|fail]"),
          QStringLiteral("Imports contacts from CSV (header: name, company, email, phones, "
                         "notes, responsible, tags, external_url; --map names other columns) or "
                         "vCard. A record with a number a contact (or an earlier record) has is "
                         "a duplicate: skipped and listed, merged into that contact (new phones "
                         "and tags, empty fields filled), or refused. --dry-run shows what would "
                         "happen and changes nothing.") },
        { QStringLiteral("contacts"),
          QStringLiteral("export"),
          0,
          1,
          {},
          QStringLiteral("contacts export [FILE|-]"),
          QStringLiteral("Writes every contact as CSV (UTF-8, the columns import reads) to FILE "
                         "or to standard output.") },
        { QStringLiteral("settings"),
          QStringLiteral("get"),
          0,
          1,
          {},
          QStringLiteral("settings get [KEY]"),
          QStringLiteral("Prints every switch with its value, or one value.") },
        { QStringLiteral("settings"),
          QStringLiteral("set"),
          2,
          2,
          {},
          QStringLiteral("settings set KEY VALUE"),
          QStringLiteral("Changes a switch; the running relay picks it up.") },
        { QStringLiteral("settings"),
          QStringLiteral("reset"),
          1,
          1,
          {},
          QStringLiteral("settings reset KEY"),
          QStringLiteral("Returns a switch to its "
                         "default.") },
        { QStringLiteral("store"),
          QStringLiteral("copy"),
          0,
          0,
          { QStringLiteral("to"), QStringLiteral("from") },
          QStringLiteral("store copy --to postgres://USER@HOST/DATABASE [--from sqlite:PATH]"),
          QStringLiteral("Copies the relay's SQLite database (default: the data directory's) "
                         "into an empty PostgreSQL database, every id and seq as it was, so that "
                         "several relays can share it. Stop the relay first: what it writes "
                         "once the copy has begun stays in SQLite only. Then set database = "
                         "postgres://… in the config of every relay.") },
        { QStringLiteral("zadarma"),
          QStringLiteral("register"),
          1,
          1,
          {},
          QStringLiteral("zadarma register URL"),
          QStringLiteral("Sets URL (the relay's webhook URL as Zadarma reaches it) as the PBX's "
                         "notification URL and switches every call notification on. The relay "
                         "must be running there: Zadarma checks it with zd_echo.") },
    };
    return table;
}

const CommandSpec *findCommand(const QString &group, const QString &action)
{
    for (const CommandSpec &spec : commands()) {
        if (spec.group == group && spec.action == action)
            return &spec;
    }
    return nullptr;
}

bool isGroup(const QString &word)
{
    return word == u"user" || word == u"blacklist" || word == u"contacts" || word == u"settings"
            || word == u"store";
}

// Options without a value, and options that may be given more than once.
const QStringList flagOptions { QStringLiteral("dry-run") };
const QStringList listOptions { QStringLiteral("map") };

struct Invocation
{
    QStringList words; // positional, including group and action
    QHash<QString, QString> options; // without "--"; the last value of a list option
    QHash<QString, QStringList> lists; // every value of a list option
    bool help = false;
};

// Options anywhere, as "--name value" or "--name=value"; "--" ends them.
Result<Invocation> parseWords(const QStringList &arguments)
{
    QSet<QString> known { QStringLiteral("config") };
    for (const CommandSpec &spec : commands()) {
        for (const QString &option : spec.options)
            known.insert(option);
    }
    for (const RelayConfig::Key &key : RelayConfig::keys()) {
        if (!key.secret)
            known.insert(key.optionName());
    }

    Invocation invocation;
    bool optionsEnded = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (optionsEnded || !argument.startsWith(u'-') || argument == u"-") {
            invocation.words.append(argument);
            continue;
        }
        if (argument == u"--") {
            optionsEnded = true;
            continue;
        }
        if (argument == u"--help" || argument == u"-h") {
            invocation.help = true;
            continue;
        }
        if (!argument.startsWith(QLatin1StringView("--")))
            return fail(QStringLiteral("unknown option %1").arg(argument));
        QString name = argument.mid(2);
        QString value;
        const qsizetype equals = name.indexOf(u'=');
        if (flagOptions.contains(name)) {
            if (invocation.options.contains(name))
                return fail(QStringLiteral("--%1 is given twice").arg(name));
            invocation.options.insert(name, QStringLiteral("yes"));
            continue;
        }
        if (equals >= 0) {
            value = name.mid(equals + 1);
            name = name.left(equals);
        } else {
            if (!known.contains(name))
                return fail(QStringLiteral("unknown option --%1").arg(name));
            if (i + 1 >= arguments.size())
                return fail(QStringLiteral("--%1 needs a value").arg(name));
            value = arguments.at(++i);
        }
        if (!known.contains(name))
            return fail(QStringLiteral("unknown option --%1").arg(name));
        if (listOptions.contains(name)) {
            invocation.lists[name].append(value);
            invocation.options.insert(name, value);
            continue;
        }
        if (invocation.options.contains(name))
            return fail(QStringLiteral("--%1 is given twice").arg(name));
        invocation.options.insert(name, value);
    }
    return invocation;
}

const QRegularExpression &userNamePattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"));
    return pattern;
}

const QRegularExpression &extensionPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9]{1,8}$"));
    return pattern;
}

Result<UserRole> parseRole(const QString &text)
{
    if (text == u"agent")
        return UserRole::Agent;
    if (text == u"admin")
        return UserRole::Admin;
    return fail(QStringLiteral("--role is agent or admin, not \"%1\"").arg(text));
}

QString roleText(UserRole role)
{
    return role == UserRole::Admin ? QStringLiteral("admin") : QStringLiteral("agent");
}

// Columns padded to their widest cell; the last column is not padded.
QString table(const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.append(0);
            widths[i] = std::max(widths[i], row.at(i).size());
        }
    }
    QString text;
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row.at(i).leftJustified(widths.at(i) + 2) : row.at(i);
        text += line.trimmed() + u'\n';
    }
    return text;
}

// One command's run: the configuration, the store and the streams.
class Session
{
public:
    Session(const CommandSpec &spec, Invocation invocation, RelayConfig config, QTextStream &out,
            QTextStream &err)
        : m_spec(spec),
          m_invocation(std::move(invocation)),
          m_config(std::move(config)),
          m_out(out),
          m_err(err)
    { }

    int run();

private:
    QString word(int index) const { return m_invocation.words.value(2 + index); }
    QString option(const QString &name) const { return m_invocation.options.value(name); }
    bool hasOption(const QString &name) const { return m_invocation.options.contains(name); }

    int usageError(const QString &message);
    int failure(const QString &message);
    int failure(const Error &error) { return failure(error.message); }

    Result<void> openStore();
    Result<void> audit(const QString &action, const QString &detail);
    // Runs change and its audit entry in one transaction.
    template<typename F> int transaction(F &&change);
    Result<RelaySettings> settings();
    Result<PhoneNumberNormalizer> normalizer();
    Result<UserRecord> existingUser(const QString &name);
    void printToken(const QString &name, const QString &token);

    int userAdd();
    int userList();
    int userRemove();
    int userToken();
    int userSet();
    int blacklistAdd();
    int blacklistRemove();
    int blacklistList();
    int contactsImport();
    int contactsExport();
    int settingsGet();
    int settingsSet();
    int settingsReset();
    int storeCopy();
    int zadarmaRegister();

    const CommandSpec &m_spec;
    Invocation m_invocation;
    RelayConfig m_config;
    QTextStream &m_out;
    QTextStream &m_err;
    std::unique_ptr<SqlStore> m_store;
};

int Session::usageError(const QString &message)
{
    m_err << "callbridge-relay: " << message << Qt::endl
          << "usage: callbridge-relay " << m_spec.synopsis << Qt::endl;
    return OperatorCommand::UsageError;
}

int Session::failure(const QString &message)
{
    m_err << "callbridge-relay: " << message << Qt::endl;
    return OperatorCommand::Failure;
}

Result<void> Session::openStore()
{
    const QString directory = m_config.dataDirectory();
    if (!QFileInfo::exists(directory)) {
        // First set-up: the directory holds the secrets file too, so only its owner may enter.
        if (!QDir().mkpath(directory))
            return fail(QStringLiteral("cannot create the data directory %1").arg(directory));
        QFile::setPermissions(directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_err << "callbridge-relay: created the data directory " << directory << Qt::endl;
    }
    m_store = m_config.database().createStore();
    auto opened = m_store->open();
    if (!opened)
        return fail(QStringLiteral("cannot open the database %1: %2")
                            .arg(m_config.database().toDisplayString(), opened.error().message));
    return {};
}

Result<void> Session::audit(const QString &action, const QString &detail)
{
    AuditEntry entry;
    entry.at = QDateTime::currentDateTimeUtc();
    entry.actor = QStringLiteral("cli");
    entry.action = action;
    entry.detail = detail;
    auto appended = m_store->appendAudit(entry);
    if (!appended)
        return fail(appended.error());
    qCInfo(lcRelayOperator).noquote() << "cli:" << action;
    return {};
}

template<typename F> int Session::transaction(F &&change)
{
    if (auto begun = m_store->begin(); !begun)
        return failure(begun.error());
    const int code = std::forward<F>(change)();
    if (code != OperatorCommand::Success) {
        m_store->rollback();
        return code;
    }
    if (auto committed = m_store->commit(); !committed) {
        m_store->rollback();
        return failure(QStringLiteral("nothing was changed: %1").arg(committed.error().message));
    }
    return OperatorCommand::Success;
}

Result<RelaySettings> Session::settings()
{
    auto stored = m_store->settings();
    if (!stored)
        return fail(stored.error());
    QStringList warnings;
    RelaySettings settings = RelaySettings::fromMap(stored.value(), &warnings);
    for (const QString &warning : warnings)
        m_err << "callbridge-relay: warning: " << warning << Qt::endl;
    return settings;
}

Result<PhoneNumberNormalizer> Session::normalizer()
{
    auto current = settings();
    if (!current)
        return fail(current.error());
    PhoneNumberNormalizer::Options options;
    options.defaultRegion = current->defaultRegion();
    return PhoneNumberNormalizer(options);
}

Result<UserRecord> Session::existingUser(const QString &name)
{
    auto user = m_store->userByName(name);
    if (!user)
        return fail(user.error());
    if (!user->has_value())
        return fail(QStringLiteral("there is no user named \"%1\" (see: callbridge-relay user "
                                   "list)")
                            .arg(name));
    return user->value();
}

void Session::printToken(const QString &name, const QString &token)
{
    m_out << "Access token for " << name << ":" << Qt::endl
          << token << Qt::endl
          << "It will not be shown again: give it to " << name
          << " now. \"callbridge-relay user token " << name << "\" makes a new one." << Qt::endl;
}

int Session::run()
{
    // Arguments are checked before the store is touched: a usage error changes nothing.
    const QString &group = m_spec.group;
    const QString &action = m_spec.action;
    if (group == u"user" && action != u"list") {
        if (!userNamePattern().match(word(0)).hasMatch())
            return usageError(QStringLiteral("\"%1\" is not a user name: use letters, digits and "
                                             ". _ @ -, starting with a letter or digit, at most "
                                             "64")
                                      .arg(word(0)));
        if (hasOption(QStringLiteral("role"))) {
            if (auto role = parseRole(option(QStringLiteral("role"))); !role)
                return usageError(role.error().message);
        }
        if (hasOption(QStringLiteral("extension"))) {
            const QString extension = option(QStringLiteral("extension"));
            const bool clears = action == u"set" && (extension.isEmpty() || extension == u"none");
            if (!clears && !extensionPattern().match(extension).hasMatch())
                return usageError(QStringLiteral("--extension is a PBX extension such as 100, "
                                                 "not \"%1\"")
                                          .arg(extension));
        }
        if (action == u"set" && m_invocation.options.isEmpty())
            return usageError(QStringLiteral("nothing to change: give --role, --extension or "
                                             "--display-name"));
    }
    if (group == u"settings" && action != u"get" && !RelaySettings::key(word(0)))
        return usageError(RelaySettings::normalize(word(0), {}).error().message);
    if (group == u"settings" && action == u"get" && !word(0).isEmpty()
        && !RelaySettings::key(word(0)))
        return usageError(RelaySettings::normalize(word(0), {}).error().message);
    if (group == u"settings" && action == u"set") {
        if (auto normalized = RelaySettings::normalize(word(0), word(1)); !normalized)
            return usageError(normalized.error().message);
    }

    if (group == u"zadarma")
        return zadarmaRegister();
    if (group == u"store")
        return storeCopy(); // opens the databases it names, not the configured one

    if (auto opened = openStore(); !opened)
        return failure(opened.error());
    if (group == u"user") {
        if (action == u"add")
            return userAdd();
        if (action == u"list")
            return userList();
        if (action == u"remove")
            return userRemove();
        if (action == u"token")
            return userToken();
        return userSet();
    }
    if (group == u"blacklist") {
        if (action == u"add")
            return blacklistAdd();
        if (action == u"remove")
            return blacklistRemove();
        return blacklistList();
    }
    if (group == u"contacts")
        return action == u"export" ? contactsExport() : contactsImport();
    if (action == u"get")
        return settingsGet();
    if (action == u"set")
        return settingsSet();
    return settingsReset();
}

// Users ---------------------------------------------------------------------------------------

int Session::userAdd()
{
    UserRecord user;
    user.name = word(0);
    user.displayName = option(QStringLiteral("display-name")).trimmed();
    user.role = parseRole(option(QStringLiteral("role")).isEmpty() ? QStringLiteral("agent")
                                                                   : option(QStringLiteral("role")))
                        .value();
    user.extension = option(QStringLiteral("extension"));
    user.createdAt = QDateTime::currentDateTimeUtc();
    const QString token = AccessToken::generate();
    user.tokenHash = AccessToken::hash(token);

    const int code = transaction([&] {
        if (auto existing = m_store->userByName(user.name); existing && existing->has_value())
            return failure(QStringLiteral("a user named \"%1\" already exists").arg(user.name));
        if (auto created = m_store->createUser(user); !created)
            return failure(created.error());
        QString detail = QStringLiteral("%1 (%2").arg(user.name, roleText(user.role));
        if (!user.extension.isEmpty())
            detail += QStringLiteral(", extension %1").arg(user.extension);
        detail += u')';
        if (auto audited = audit(QStringLiteral("user.add"), detail); !audited)
            return failure(audited.error());
        return int(OperatorCommand::Success);
    });
    if (code != OperatorCommand::Success)
        return code;
    m_out << "Added " << roleText(user.role) << " " << user.name;
    if (!user.extension.isEmpty())
        m_out << " with extension " << user.extension;
    m_out << "." << Qt::endl;
    printToken(user.name, token);
    return OperatorCommand::Success;
}

int Session::userList()
{
    auto users = m_store->users();
    if (!users)
        return failure(users.error());
    if (users->isEmpty()) {
        m_out << "No users yet; add one with: callbridge-relay user add NAME --role admin"
              << Qt::endl;
        return OperatorCommand::Success;
    }
    QList<QStringList> rows { { QStringLiteral("NAME"), QStringLiteral("ROLE"),
                                QStringLiteral("EXTENSION"), QStringLiteral("DISPLAY NAME") } };
    for (const UserRecord &user : users.value())
        rows.append({ user.name, roleText(user.role),
                      user.extension.isEmpty() ? QStringLiteral("-") : user.extension,
                      user.displayName });
    m_out << table(rows);
    m_out.flush();
    return OperatorCommand::Success;
}

int Session::userRemove()
{
    bool wasDefault = false;
    const int code = transaction([&] {
        auto user = existingUser(word(0));
        if (!user)
            return failure(user.error());
        auto current = settings();
        if (!current)
            return failure(current.error());
        if (auto removed = m_store->removeUser(user->id); !removed)
            return failure(removed.error());
        // A default responsible who no longer exists would leave calls with no owner silently.
        if (current->defaultResponsible() == user->name) {
            if (auto reset = m_store->removeSetting(RelaySettings::defaultResponsibleKey); !reset)
                return failure(reset.error());
            wasDefault = true;
        }
        if (auto audited = audit(QStringLiteral("user.remove"), user->name); !audited)
            return failure(audited.error());
        return int(OperatorCommand::Success);
    });
    if (code != OperatorCommand::Success)
        return code;
    m_out << "Removed " << word(0) << "; their token no longer works." << Qt::endl;
    if (wasDefault)
        m_out << word(0) << " was the default responsible; " << RelaySettings::defaultResponsibleKey
              << " is now empty." << Qt::endl;
    return OperatorCommand::Success;
}

int Session::userToken()
{
    const QString token = AccessToken::generate();
    const int code = transaction([&] {
        auto user = existingUser(word(0));
        if (!user)
            return failure(user.error());
        user->tokenHash = AccessToken::hash(token);
        if (auto updated = m_store->updateUser(user.value()); !updated)
            return failure(updated.error());
        if (auto audited = audit(QStringLiteral("user.token"), user->name); !audited)
            return failure(audited.error());
        return int(OperatorCommand::Success);
    });
    if (code != OperatorCommand::Success)
        return code;
    m_out << "The old token of " << word(0) << " no longer works." << Qt::endl;
    printToken(word(0), token);
    return OperatorCommand::Success;
}

int Session::userSet()
{
    QStringList changes;
    const int code = transaction([&] {
        auto user = existingUser(word(0));
        if (!user)
            return failure(user.error());
        if (hasOption(QStringLiteral("role"))) {
            user->role = parseRole(option(QStringLiteral("role"))).value();
            changes.append(QStringLiteral("role %1").arg(roleText(user->role)));
        }
        if (hasOption(QStringLiteral("extension"))) {
            const QString extension = option(QStringLiteral("extension"));
            user->extension = extension == u"none" ? QString() : extension;
            changes.append(user->extension.isEmpty()
                                   ? QStringLiteral("no extension")
                                   : QStringLiteral("extension %1").arg(user->extension));
        }
        if (hasOption(QStringLiteral("display-name"))) {
            user->displayName = option(QStringLiteral("display-name")).trimmed();
            changes.append(QStringLiteral("display name \"%1\"").arg(user->displayName));
        }
        if (auto updated = m_store->updateUser(user.value()); !updated)
            return failure(updated.error());
        if (auto audited
            = audit(QStringLiteral("user.set"),
                    user->name + QStringLiteral(": ") + changes.join(QStringLiteral(", ")));
            !audited)
            return failure(audited.error());
        return int(OperatorCommand::Success);
    });
    if (code != OperatorCommand::Success)
        return code;
    m_out << "Changed " << word(0) << ": " << changes.join(QStringLiteral(", ")) << "." << Qt::endl;
    return OperatorCommand::Success;
}

// Blacklist -----------------------------------------------------------------------------------

int Session::blacklistAdd()
{
    auto phones = normalizer();
    if (!phones)
        return failure(phones.error());
    const PhoneNumber number = phones->normalize(word(0));
    if (number.kind != PhoneNumber::Kind::E164)
        return usageError(QStringLiteral("\"%1\" is not a phone number that can be written in "
                                         "international form (region %2; write it with its "
                                         "country code, e.g. +442037691880)")
                                  .arg(word(0), phones->options().defaultRegion));
    BlacklistEntry entry;
    entry.number = number.canonical();
    entry.reason = option(QStringLiteral("reason")).trimmed();
    entry.createdAt = QDateTime::currentDateTimeUtc();
    bool replaced = false;
    const int code = transaction([&] {
        auto listed = m_store->blacklist();
        if (!listed)
            return failure(listed.error());
        for (const BlacklistEntry &existing : listed.value())
            replaced = replaced || existing.number == entry.number;
        if (auto added = m_store->addToBlacklist(entry); !added)
            return failure(added.error());
        QString detail = entry.number;
        if (!entry.reason.isEmpty())
            detail += QStringLiteral(" (%1)").arg(entry.reason);
        if (auto audited = audit(QStringLiteral("blacklist.add"), detail); !audited)
            return failure(audited.error());
        return int(OperatorCommand::Success);
    });
    if (code != OperatorCommand::Success)
        return code;
    m_out << (replaced ? "Updated " : "Blacklisted ") << entry.number
          << (replaced ? " on the blacklist." : ".") << Qt::endl;
    return OperatorCommand::Success;
}

int Session::blacklistRemove()
{
    auto phones = normalizer();
    if (!phones)
        return failure(phones.error());
    const PhoneNumber number = phones->normalize(word(0));
    if (number.kind != PhoneNumber::Kind::E164)
        return usageError(QStringLiteral("\"%1\" is not a phone number (region %2)")
                                  .arg(word(0), phones->options().defaultRegion));
    const QString canonical = number.canonical();
    const int code = transaction([&] {
        auto removed = m_store->removeFromBlacklist(canonical);
        if (!removed)
            return failure(removed.error());
        if (!removed.value())
            return failure(QStringLiteral("%1 is not on the blacklist").arg(canonical));
        if (auto audited = audit(QStringLiteral("blacklist.remove"), canonical); !audited)
            return failure(audited.error());
        return int(OperatorCommand::Success);
    });
    if (code != OperatorCommand::Success)
        return code;
    m_out << "Removed " << canonical << " from the blacklist." << Qt::endl;
    return OperatorCommand::Success;
}

int Session::blacklistList()
{
    auto entries = m_store->blacklist();
    if (!entries)
        return failure(entries.error());
    if (entries->isEmpty()) {
        m_out << "The blacklist is empty." << Qt::endl;
        return OperatorCommand::Success;
    }
    QList<QStringList> rows { { QStringLiteral("NUMBER"), QStringLiteral("ADDED (UTC)"),
                                QStringLiteral("REASON") } };
    for (const BlacklistEntry &entry : entries.value())
        rows.append({ entry.number,
                      entry.createdAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                      entry.reason });
    m_out << table(rows);
    m_out.flush();
    return OperatorCommand::Success;
}

// Contacts ------------------------------------------------------------------------------------

int Session::contactsImport()
{
    const QString path = word(0);
    auto format = ContactImport::formatFor(path, option(QStringLiteral("format")));
    if (!format)
        return usageError(format.error().message);
    auto mapping = ContactImport::parseMapping(m_invocation.lists.value(QStringLiteral("map")));
    if (!mapping)
        return usageError(mapping.error().message);
    const QString onDuplicate = hasOption(QStringLiteral("on-duplicate"))
            ? option(QStringLiteral("on-duplicate"))
            : QStringLiteral("skip");
    if (onDuplicate != u"skip" && onDuplicate != u"merge" && onDuplicate != u"fail")
        return usageError(QStringLiteral("--on-duplicate is skip, merge or fail, not \"%1\"")
                                  .arg(onDuplicate));
    const bool dryRun = hasOption(QStringLiteral("dry-run"));
    if (!QFileInfo(path).isFile())
        return usageError(QStringLiteral("%1: no such file").arg(path));
    auto parsed = ContactImport::parseFile(path, format.value(), mapping.value());
    if (!parsed)
        return failure(parsed.error());
    for (const QString &warning : parsed->warnings)
        m_err << "callbridge-relay: note: " << warning << Qt::endl;

    auto users = m_store->users();
    if (!users)
        return failure(users.error());
    QHash<QString, qint64> userIds;
    QHash<qint64, QString> userNames;
    for (const UserRecord &user : users.value()) {
        userIds.insert(user.name, user.id);
        userNames.insert(user.id, user.name);
    }
    const QString defaultResponsible = option(QStringLiteral("responsible")).trimmed();
    if (!defaultResponsible.isEmpty() && !userIds.contains(defaultResponsible))
        return failure(QStringLiteral("--responsible: there is no user named \"%1\" (see: "
                                      "callbridge-relay user list)")
                               .arg(defaultResponsible));
    auto phones = normalizer();
    if (!phones)
        return failure(phones.error());

    // Records are written in short transactions of importChunk, so that a running relay's
    // webhooks (the store has one writer at a time) wait milliseconds, not the whole file. A dry
    // run rolls each one back; what the rolled-back ones would have stored stays in memory, so
    // that a later record that repeats one of their numbers is still found to be a duplicate.
    QList<ContactImport::Problem> skipped = parsed->problems;
    QStringList preview;
    constexpr int previewRows = 10;
    int imported = 0;
    int merged = 0;
    const qsizetype total = parsed->drafts.size();
    if (auto begun = m_store->begin(); !begun)
        return failure(begun.error());
    QHash<QString, ContactRecord> rolledBack; // dry run: earlier chunks' contacts by phone
    QHash<QString, ContactRecord> thisChunk;
    int firstUncommittedLine = 0; // 0: nothing committed yet
    const auto notImported = [&](int line, const QString &why) {
        return failure(
                firstUncommittedLine == 0
                        ? QStringLiteral("line %1: %2; nothing was imported").arg(line).arg(why)
                        : QStringLiteral("line %1: %2; the records before line %3 were "
                                         "imported, none from there on")
                                  .arg(line)
                                  .arg(why)
                                  .arg(firstUncommittedLine));
    };
    const auto remember = [&](const ContactRecord &contact) {
        if (dryRun) {
            for (const QString &phone : contact.phones)
                thisChunk.insert(phone, contact);
        }
    };
    const auto work = [&]() -> int {
        QHash<QString, int> seenPhones; // canonical → line, for numbers twice in the file
        for (qsizetype index = 0; index < total; ++index) {
            if (index > 0 && index % progressEvery == 0)
                m_err << "contacts import: " << index << " of " << total << " records" << Qt::endl;
            if (index > 0 && index % importChunk == 0) {
                const int line = parsed->drafts.at(index).sourceLine;
                if (dryRun) {
                    m_store->rollback();
                    rolledBack.insert(thisChunk);
                    thisChunk.clear();
                } else if (auto committed = m_store->commit(); !committed) {
                    m_store->rollback();
                    return notImported(line, committed.error().message);
                } else {
                    firstUncommittedLine = line;
                }
                if (auto begun = m_store->begin(); !begun)
                    return notImported(line, begun.error().message);
            }
            const ContactDraft &draft = parsed->drafts.at(index);
            const auto skip = [&](const QString &reason) {
                skipped.append({ draft.sourceLine, reason });
            };

            const QString responsible
                    = draft.responsibleName.isEmpty() ? defaultResponsible : draft.responsibleName;
            if (!responsible.isEmpty() && !userIds.contains(responsible)) {
                skip(QStringLiteral("responsible \"%1\" is not a user").arg(responsible));
                continue;
            }
            QStringList canonical;
            QString problem;
            for (const QString &raw : draft.rawPhones) {
                const PhoneNumber number = phones->normalize(raw);
                if (number.kind == PhoneNumber::Kind::Empty)
                    continue;
                if (number.kind == PhoneNumber::Kind::Unparsable) {
                    problem = QStringLiteral("\"%1\" is not a phone number").arg(raw);
                    break;
                }
                if (!canonical.contains(number.canonical()))
                    canonical.append(number.canonical());
            }
            if (!problem.isEmpty()) {
                skip(problem);
                continue;
            }
            if (draft.name.isEmpty() && canonical.isEmpty()) {
                skip(QStringLiteral("no name and no phone"));
                continue;
            }

            // A duplicate: a number that a stored contact, or an earlier record, already has.
            std::optional<ContactRecord> owner;
            bool ownerOnlyRemembered = false; // from a dry run's rolled-back chunk
            QString duplicate;
            for (const QString &phone : std::as_const(canonical)) {
                auto found = m_store->contactByPhone(phone);
                if (!found)
                    return failure(found.error());
                const bool remembered = !found->has_value() && rolledBack.contains(phone);
                if (remembered)
                    found = std::optional<ContactRecord>(rolledBack.value(phone));
                if (!found->has_value())
                    continue;
                if (owner && owner->id != found->value().id) {
                    problem = QStringLiteral("its phones belong to two contacts, \"%1\" and "
                                             "\"%2\"")
                                      .arg(owner->name, found->value().name);
                    break;
                }
                if (!owner) {
                    owner = found->value();
                    ownerOnlyRemembered = remembered;
                    duplicate = seenPhones.contains(phone)
                            ? QStringLiteral("phone %1 is already on line %2")
                                      .arg(phone)
                                      .arg(seenPhones.value(phone))
                            : QStringLiteral("phone %1 already belongs to contact \"%2\"")
                                      .arg(phone, owner->name);
                }
            }
            if (!problem.isEmpty()) {
                skip(problem);
                continue;
            }
            const qint64 responsibleId = responsible.isEmpty() ? 0 : userIds.value(responsible);
            if (owner && onDuplicate != u"merge") {
                skip(onDuplicate == u"fail" ? QStringLiteral("refused: ") + duplicate : duplicate);
                continue;
            }
            if (owner) {
                ContactRecord contact = *owner;
                for (const QString &phone : std::as_const(canonical)) {
                    if (!contact.phones.contains(phone))
                        contact.phones.append(phone);
                }
                contact.tags = ContactFields::mergeTags(contact.tags, draft.tags);
                if (contact.tags.size() > ContactFields::maxTags) {
                    skip(QStringLiteral("merged into \"%1\" it would have more than %2 tags")
                                 .arg(contact.name)
                                 .arg(ContactFields::maxTags));
                    continue;
                }
                const auto fill = [](QString &field, const QString &value) {
                    if (field.isEmpty())
                        field = value;
                };
                fill(contact.name, draft.name);
                fill(contact.company, draft.company);
                fill(contact.email, draft.email);
                fill(contact.notes, draft.notes);
                fill(contact.externalUrl, draft.externalUrl);
                if (contact.responsibleUserId == 0)
                    contact.responsibleUserId = responsibleId;
                contact.updatedAt = QDateTime::currentDateTimeUtc();
                if (!ownerOnlyRemembered) {
                    if (auto updated = m_store->updateContact(contact); !updated)
                        return notImported(draft.sourceLine, updated.error().message);
                }
                remember(contact);
                if (preview.size() < previewRows)
                    preview << QStringLiteral("line %1: merge into #%2 %3")
                                       .arg(draft.sourceLine)
                                       .arg(contact.id)
                                       .arg(QString::fromUtf8(
                                                    ContactExport::row(
                                                            contact,
                                                            userNames.value(
                                                                    contact.responsibleUserId)))
                                                    .trimmed());
                ++merged;
            } else {
                ContactRecord contact;
                contact.name = draft.name;
                contact.company = draft.company;
                contact.email = draft.email;
                contact.notes = draft.notes;
                contact.phones = canonical;
                contact.tags = draft.tags;
                contact.externalUrl = draft.externalUrl;
                contact.responsibleUserId = responsibleId;
                contact.source = QStringLiteral("import");
                auto created = m_store->createContact(contact);
                if (!created)
                    return notImported(draft.sourceLine, created.error().message);
                contact.id = created.value();
                remember(contact);
                if (preview.size() < previewRows)
                    preview << QStringLiteral("line %1: create %2")
                                       .arg(draft.sourceLine)
                                       .arg(QString::fromUtf8(
                                                    ContactExport::row(contact, responsible))
                                                    .trimmed());
                ++imported;
            }
            for (const QString &phone : std::as_const(canonical)) {
                if (!seenPhones.contains(phone))
                    seenPhones.insert(phone, draft.sourceLine);
            }
        }
        return int(OperatorCommand::Success);
    };
    const int code = work();
    if (code != OperatorCommand::Success || dryRun) {
        m_store->rollback();
        if (code != OperatorCommand::Success)
            return code;
    } else {
        QString detail
                = QStringLiteral("%1: imported %2").arg(QFileInfo(path).fileName()).arg(imported);
        if (merged > 0)
            detail += QStringLiteral(", merged %1").arg(merged);
        detail += QStringLiteral(", skipped %1").arg(skipped.size());
        if (auto audited = audit(QStringLiteral("contacts.import"), detail); !audited) {
            m_store->rollback();
            return failure(audited.error());
        }
        if (auto committed = m_store->commit(); !committed) {
            m_store->rollback();
            return failure(
                    QStringLiteral("nothing was changed: %1").arg(committed.error().message));
        }
    }

    std::sort(skipped.begin(), skipped.end(),
              [](const ContactImport::Problem &a, const ContactImport::Problem &b) {
                  return a.line < b.line;
              });
    if (dryRun) {
        m_out << QFileInfo(path).fileName() << " (dry run, nothing was changed): would import "
              << imported;
        if (merged > 0 || onDuplicate == u"merge")
            m_out << ", merge " << merged;
        m_out << ", skip " << skipped.size() << Qt::endl;
        if (!preview.isEmpty())
            m_out << "First records as they would be stored ("
                  << ContactExport::columns().join(u',') << "):" << Qt::endl;
        for (const QString &line : std::as_const(preview))
            m_out << "  " << line << Qt::endl;
        if (!skipped.isEmpty())
            m_out << "Skipped:" << Qt::endl;
    } else {
        m_out << QFileInfo(path).fileName() << ": imported " << imported;
        if (merged > 0 || onDuplicate == u"merge")
            m_out << ", merged " << merged;
        m_out << ", skipped " << skipped.size() << Qt::endl;
    }
    for (const ContactImport::Problem &problem : skipped)
        m_out << "  line " << problem.line << ": " << problem.message << Qt::endl;
    return OperatorCommand::Success;
}

int Session::contactsExport()
{
    // Standard output goes through m_out, so that it stays in order with other messages.
    const QString target = word(0);
    const bool toOut = target.isEmpty() || target == u"-";
    QFile file(target);
    if (!toOut && !file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return failure(QStringLiteral("cannot write %1: %2").arg(target, file.errorString()));
    const auto write = [&](const QByteArray &bytes) {
        if (toOut) {
            m_out << QString::fromUtf8(bytes);
            return true;
        }
        return file.write(bytes) == bytes.size();
    };

    auto users = m_store->users();
    if (!users)
        return failure(users.error());
    QHash<qint64, QString> userNames;
    for (const UserRecord &user : users.value())
        userNames.insert(user.id, user.name);

    // In pages by id: a million contacts never sit in memory at once.
    constexpr int pageSize = 1000;
    qint64 afterId = 0;
    qint64 written = 0;
    if (!write(ContactExport::headerRow()))
        return failure(QStringLiteral("cannot write %1: %2").arg(target, file.errorString()));
    while (true) {
        auto page = m_store->contactsAfter(afterId, pageSize);
        if (!page)
            return failure(page.error());
        for (const ContactRecord &contact : page.value()) {
            if (!write(ContactExport::row(contact, userNames.value(contact.responsibleUserId))))
                return failure(
                        QStringLiteral("cannot write %1: %2").arg(target, file.errorString()));
        }
        written += page->size();
        if (page->size() < pageSize)
            break;
        afterId = page->constLast().id;
    }
    if (!toOut && !file.flush())
        return failure(QStringLiteral("cannot write %1: %2").arg(target, file.errorString()));
    m_err << "callbridge-relay: exported " << written << " contacts" << Qt::endl;
    return OperatorCommand::Success;
}

// Settings ------------------------------------------------------------------------------------

int Session::settingsGet()
{
    auto stored = m_store->settings();
    if (!stored)
        return failure(stored.error());
    const RelaySettings current = RelaySettings::fromMap(stored.value());
    if (!word(0).isEmpty()) {
        m_out << current.value(word(0)) << Qt::endl;
        return OperatorCommand::Success;
    }
    QList<QStringList> rows;
    for (const RelaySettings::Key &key : RelaySettings::keys()) {
        const QString value = current.value(key.name);
        QString note;
        if (!stored->contains(key.name) || current.isDefault(key.name))
            note = QStringLiteral("(default)");
        else
            note = QStringLiteral("(default: %1)")
                           .arg(key.defaultValue.isEmpty() ? QStringLiteral("none")
                                                           : key.defaultValue);
        rows.append({ key.name, value.isEmpty() ? QStringLiteral("\"\"") : value, note });
    }
    m_out << table(rows);
    m_out.flush();
    return OperatorCommand::Success;
}

int Session::settingsSet()
{
    const QString key = word(0);
    const QString value = RelaySettings::normalize(key, word(1)).value();
    const int code = transaction([&] {
        if (key == RelaySettings::defaultResponsibleKey && !value.isEmpty()) {
            auto user = existingUser(value);
            if (!user)
                return failure(QStringLiteral("%1: %2").arg(key, user.error().message));
        }
        if (auto set = m_store->setSetting(key, value); !set)
            return failure(set.error());
        if (auto audited
            = audit(QStringLiteral("settings.set"), QStringLiteral("%1 = %2").arg(key, value));
            !audited)
            return failure(audited.error());
        return int(OperatorCommand::Success);
    });
    if (code != OperatorCommand::Success)
        return code;
    m_out << key << " = " << value << Qt::endl;
    return OperatorCommand::Success;
}

int Session::settingsReset()
{
    const QString key = word(0);
    const int code = transaction([&] {
        if (auto removed = m_store->removeSetting(key); !removed)
            return failure(removed.error());
        if (auto audited = audit(QStringLiteral("settings.reset"), key); !audited)
            return failure(audited.error());
        return int(OperatorCommand::Success);
    });
    if (code != OperatorCommand::Success)
        return code;
    m_out << key << " = " << RelaySettings::key(key)->defaultValue << " (default)" << Qt::endl;
    return OperatorCommand::Success;
}

// Store -----------------------------------------------------------------------------------------

int Session::storeCopy()
{
    if (!hasOption(QStringLiteral("to")))
        return usageError(QStringLiteral("--to names the PostgreSQL database to copy into"));
    auto to = StoreLocation::parse(option(QStringLiteral("to")), m_config.dataDirectory());
    if (!to)
        return usageError(QStringLiteral("--to: %1").arg(to.error().message));
    if (to->engine() != StoreLocation::Engine::Postgres)
        return usageError(QStringLiteral("--to is a postgres:// URL, not %1")
                                  .arg(option(QStringLiteral("to"))));
    StoreLocation from = StoreLocation::sqlite(m_config.databasePath());
    if (hasOption(QStringLiteral("from"))) {
        auto named = StoreLocation::parse(option(QStringLiteral("from")), m_config.dataDirectory());
        if (!named)
            return usageError(QStringLiteral("--from: %1").arg(named.error().message));
        if (named->engine() != StoreLocation::Engine::Sqlite)
            return usageError(
                    QStringLiteral("--from is sqlite:PATH, not %1").arg(named->toDisplayString()));
        from = named.value();
    }
    // Opening a file that is not there would make an empty database of it.
    if (!QFileInfo(from.sqlitePath()).isFile())
        return failure(QStringLiteral("there is no SQLite database %1 (--from sqlite:PATH names "
                                      "another)")
                               .arg(from.sqlitePath()));

    std::unique_ptr<SqlStore> source = from.createStore();
    std::unique_ptr<SqlStore> target = to->createStore();
    // Opening brings both to this CallBridge's schema version.
    auto open = [](SqlStore &store, const StoreLocation &location) -> Result<void> {
        if (auto opened = store.open(); !opened)
            return fail(QStringLiteral("cannot open the database %1: %2")
                                .arg(location.toDisplayString(), opened.error().message));
        return {};
    };
    if (auto opened = open(*source, from); !opened)
        return failure(opened.error());
    if (auto opened = open(*target, to.value()); !opened)
        return failure(opened.error());

    QElapsedTimer took;
    took.start();
    QElapsedTimer sinceLine;
    sinceLine.start();
    StoreCopy copy(*source, *target);
    copy.setProgress([&](const QString &name, qint64 done, qint64 total) {
        // A line per table, and one every few seconds through a long one.
        if (done < total && (done == 0 || sinceLine.elapsed() < 5000))
            return;
        sinceLine.restart();
        if (name == u"contacts_search")
            m_err << "store copy: search index: " << done << " of " << total << " contacts"
                  << Qt::endl;
        else
            m_err << "store copy: " << name << ": " << done << " of " << total << " rows"
                  << Qt::endl;
    });
    auto copied = copy.run();
    if (!copied)
        return failure(copied.error());
    const double seconds = double(took.elapsed()) / 1000.0;

    qint64 rows = 0;
    QList<QStringList> counts;
    for (const StoreCopy::TableRows &copiedTable : copied.value()) {
        rows += copiedTable.rows;
        counts.append({ copiedTable.table, QString::number(copiedTable.rows) });
    }
    const QString sourceName = from.toDisplayString();
    const QString targetName = to->toDisplayString();
    // Recorded where the relays will read it, numbered after the copied entries.
    m_store = std::move(target);
    if (auto audited = audit(QStringLiteral("store.copy"),
                             QStringLiteral("%1 rows from %2").arg(rows).arg(sourceName));
        !audited)
        m_err << "callbridge-relay: warning: the copy is made, but its audit entry failed: "
              << audited.error().message << Qt::endl;
    m_err << "callbridge-relay: copied " << rows << " rows from " << sourceName << " to "
          << targetName << " in " << QString::number(seconds, 'f', 1) << " s:" << Qt::endl;
    QString perTable = table(counts);
    perTable.replace(u'\n', QStringLiteral("\n  "));
    m_err << "  " << perTable.trimmed() << Qt::endl
          << "callbridge-relay: now set database = " << targetName
          << " in the config of every relay (or CALLBRIDGE_DATABASE) and start them; " << sourceName
          << " stays as it was." << Qt::endl;
    return OperatorCommand::Success;
}

// Zadarma -------------------------------------------------------------------------------------

int Session::zadarmaRegister()
{
    const QUrl url(word(0), QUrl::StrictMode);
    if (!url.isValid()
        || (url.scheme() != QLatin1StringView("http") && url.scheme() != QLatin1StringView("https"))
        || url.host().isEmpty() || url.hasFragment())
        return usageError(QStringLiteral("\"%1\" is not an http(s) URL such as "
                                         "https://relay.example.com%2")
                                  .arg(word(0), m_config.webhookPath()));
    const ZadarmaCredentials &credentials = m_config.zadarmaCredentials();
    if (!credentials.isComplete())
        return usageError(QStringLiteral("no Zadarma credentials: set CALLBRIDGE_ZADARMA_KEY and "
                                         "CALLBRIDGE_ZADARMA_SECRET, or write zadarma_key=… and "
                                         "zadarma_secret=… to %1 (chmod 600)")
                                  .arg(m_config.secretsFile()));
    if (url.path() != m_config.webhookPath())
        m_err << "callbridge-relay: note: the relay takes webhooks at " << m_config.webhookPath()
              << " (webhook_path), but the URL's path is "
              << (url.path().isEmpty() ? QStringLiteral("empty") : url.path()) << Qt::endl;
    // Opened first, so that a broken data directory stops us before Zadarma is changed.
    if (auto opened = openStore(); !opened)
        return failure(opened.error());

    QNetworkAccessManager network;
    SystemClock clock;
    ZadarmaClientConfig clientConfig;
    clientConfig.baseUrl = m_config.zadarmaApiUrl();
    ZadarmaClient client(&network, &clock, clientConfig);
    client.setCredentials(credentials);
    ZadarmaRegisterCommand command(&client, url, &m_out, &m_err);
    std::optional<int> exitCode;
    QEventLoop loop;
    QObject::connect(&command, &ZadarmaRegisterCommand::finished, &loop, [&](int code) {
        exitCode = code;
        loop.quit();
    });
    command.run();
    if (!exitCode)
        loop.exec();
    if (*exitCode != OperatorCommand::Success)
        return *exitCode;
    if (auto audited = audit(QStringLiteral("zadarma.register"), url.toDisplayString()); !audited)
        m_err << "callbridge-relay: warning: Zadarma is set up, but the audit entry failed: "
              << audited.error().message << Qt::endl;
    return OperatorCommand::Success;
}

} // namespace

QString OperatorCommand::usage()
{
    QString text;
    for (const CommandSpec &spec : commands())
        text += spec.synopsis + QStringLiteral("\n    ") + spec.description + u'\n';
    text += QStringLiteral(
            "  These commands work on DIR/callbridge.sqlite, with DIR from --data DIR or "
            "CALLBRIDGE_DATA (or \"data\" in --config FILE), while the relay runs. Numbers are "
            "normalised to E.164 with the phone.default_region setting. Exit codes: 0 done, "
            "1 refused or failed (message on stderr), 2 usage error (nothing changed), 3 no "
            "answer from Zadarma.\n");
    return text;
}

bool OperatorCommand::handles(const QStringList &arguments)
{
    QStringList words;
    if (auto invocation = parseWords(arguments)) {
        words = invocation->words;
    } else {
        // Let run() explain the bad option when the first word is ours.
        for (const QString &argument : arguments) {
            if (!argument.startsWith(u'-'))
                words.append(argument);
        }
    }
    if (words.isEmpty())
        return false;
    return isGroup(words.first()) || (words.first() == u"zadarma" && words.value(1) == u"register");
}

int OperatorCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err,
                         const QProcessEnvironment &environment)
{
    auto invocation = parseWords(arguments);
    if (!invocation) {
        err << "callbridge-relay: " << invocation.error().message << Qt::endl;
        return UsageError;
    }
    const QString group = invocation->words.value(0);
    const QString action = invocation->words.value(1);
    const CommandSpec *spec = findCommand(group, action);
    if (!spec) {
        if (invocation->help) {
            out << usage();
            return Success;
        }
        if (isGroup(group) || group == u"zadarma") {
            err << "callbridge-relay: " << group << ": ";
            if (action.isEmpty())
                err << "missing command";
            else
                err << "unknown command \"" << action << "\"";
            err << "; one of:" << Qt::endl;
            for (const CommandSpec &candidate : commands()) {
                if (candidate.group == group)
                    err << "  callbridge-relay " << candidate.synopsis << Qt::endl;
            }
        } else {
            err << "callbridge-relay: unknown command \"" << group << "\"" << Qt::endl;
        }
        return UsageError;
    }
    if (invocation->help) {
        out << "usage: callbridge-relay " << spec->synopsis << Qt::endl
            << "  " << spec->description << Qt::endl;
        return Success;
    }
    const qsizetype words = invocation->words.size() - 2;
    if (words < spec->minWords || words > spec->maxWords) {
        err << "callbridge-relay: "
            << (words < spec->minWords ? "missing arguments" : "too many arguments") << Qt::endl
            << "usage: callbridge-relay " << spec->synopsis << Qt::endl;
        return UsageError;
    }

    RelayConfig::Sources sources;
    sources.environment = environment;
    for (auto it = invocation->options.cbegin(); it != invocation->options.cend(); ++it) {
        if (it.key() == u"config") {
            sources.configFile = it.value();
            continue;
        }
        if (spec->options.contains(it.key()))
            continue;
        bool isConfigOption = false;
        for (const RelayConfig::Key &key : RelayConfig::keys()) {
            if (!key.secret && key.optionName() == it.key()) {
                sources.options.insert(key.name, it.value());
                isConfigOption = true;
            }
        }
        if (!isConfigOption) {
            err << "callbridge-relay: --" << it.key() << " is not an option of \"" << spec->group
                << " " << spec->action << "\"" << Qt::endl
                << "usage: callbridge-relay " << spec->synopsis << Qt::endl;
            return UsageError;
        }
    }
    auto config = RelayConfig::load(sources);
    if (!config) {
        err << "callbridge-relay: " << config.error().message << Qt::endl;
        return UsageError;
    }

    Session session(*spec, std::move(invocation.value()), std::move(config.value()), out, err);
    const int code = session.run();
    out.flush();
    err.flush();
    return code;
}

} // namespace CallBridge
