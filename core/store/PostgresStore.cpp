// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/PostgresStore.h"

#include "core/store/ContactSearchText.h"
#include "core/store/PostgresMigrations.h"
#include "core/store/SqlValues.h"
#include "core/store/StoreLogging.h"

#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

namespace CallBridge {

using namespace ContactSearchText;
using namespace SqlValues;
using namespace Qt::StringLiterals;

namespace {

// pg_advisory locks are named by a number: the writers' turn by one bigint, roles by two
// integers ("CBW", and the hash of the role's name that PostgreSQL computes alike for every
// relay), which PostgreSQL keeps apart from the single-number locks.
constexpr qint64 writersLock = 0x434257'01;
constexpr int rolesLockClass = 0x434257;

const QString feedChannel = QStringLiteral("callbridge_feed");
const QString changesChannel = QStringLiteral("callbridge_changes");

// Connection options libpq takes from the URL's query (keyword=value), passed on as they are.
const QStringList passedOptions {
    QStringLiteral("sslmode"),          QStringLiteral("sslrootcert"),
    QStringLiteral("sslcert"),          QStringLiteral("sslkey"),
    QStringLiteral("connect_timeout"),  QStringLiteral("target_session_attrs"),
    QStringLiteral("keepalives_idle"),  QStringLiteral("keepalives_interval"),
    QStringLiteral("keepalives_count"), QStringLiteral("tcp_user_timeout")
};

// Unless the URL says otherwise: give up on a server that does not answer, and notice a network
// that went silent within a minute, not after the kernel's hours, so that the relay's polling
// (changedElsewhere()) is not stuck on a dead connection.
const QList<std::pair<QString, QString>> defaultOptions {
    { QStringLiteral("connect_timeout"), QStringLiteral("5") },
    { QStringLiteral("keepalives_idle"), QStringLiteral("30") },
    { QStringLiteral("keepalives_interval"), QStringLiteral("10") },
    { QStringLiteral("keepalives_count"), QStringLiteral("3") },
    { QStringLiteral("tcp_user_timeout"), QStringLiteral("30000") },
};

// The words a person typed as a tsquery: every word a prefix, all of them needed; a typed number
// may instead be a prefix of a phone (weight A). Only letters and digits reach the text, so no
// input is tsquery syntax.
QString tsQuery(const QString &typed)
{
    const Terms terms = termsOf(typed);
    QStringList prefixes;
    for (const QString &word : terms.words) {
        for (const QString &piece : plainWords(word).split(u' ', Qt::SkipEmptyParts))
            prefixes << piece + QStringLiteral(":*");
    }
    if (prefixes.isEmpty())
        return {};
    QString query = u'(' + prefixes.join(QStringLiteral(" & ")) + u')';
    for (const QString &number : terms.numbers)
        query += QStringLiteral(" | ") + number + QStringLiteral(":*A");
    return query;
}

// The URL as a person typed it, without the password between "//user:" and "@", for a message
// about a text that QUrl could not take apart.
QString withoutPassword(const QString &text)
{
    const qsizetype start = text.indexOf(u"://");
    if (start < 0)
        return text;
    qsizetype end = text.indexOf(QRegularExpression(QStringLiteral("[?#]")), start + 3);
    if (end < 0)
        end = text.size();
    const qsizetype at = text.lastIndexOf(u'@', end - 1);
    const qsizetype colon = text.indexOf(u':', start + 3);
    if (at < start || colon < 0 || colon > at)
        return text;
    return text.left(colon) + text.mid(at);
}

// libpq's keyword='value', so that a value may hold spaces.
QString connectOption(const QString &key, QString value)
{
    value.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
    return key + QStringLiteral("='") + value + u'\'';
}

} // namespace

PostgresStore::PostgresStore(QUrl url, QString connectionName)
    : SqlStore(std::move(connectionName)),
      m_url(std::move(url)),
      m_writerId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

PostgresStore::~PostgresStore()
{
    close();
}

Result<QUrl> PostgresStore::parseUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString hint = QStringLiteral(" (expected postgres://user@host:5432/database)");
    if (!url.isValid()) {
        // QUrl's message quotes the whole text, password and all.
        const QString why = url.errorString().section(QStringLiteral("; source was"), 0, 0);
        return fail(
                QStringLiteral("\"%1\" is not a URL: %2%3").arg(withoutPassword(text), why, hint));
    }
    const QString shown = url.toDisplayString(QUrl::RemovePassword);
    if (url.scheme() != u"postgres" && url.scheme() != u"postgresql")
        return fail(QStringLiteral("\"%1\" is not a postgres:// URL%2").arg(shown, hint));
    if (url.host().isEmpty())
        return fail(QStringLiteral("\"%1\" names no host%2").arg(shown, hint));
    if (url.path().size() < 2)
        return fail(QStringLiteral("\"%1\" names no database%2").arg(shown, hint));
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!passedOptions.contains(key))
            return fail(QStringLiteral("\"%1\": unknown option \"%2\" (known: %3)")
                                .arg(shown, key, passedOptions.join(QStringLiteral(", "))));
        // Qt's driver takes ';' for the end of an option.
        if (value.contains(u';'))
            return fail(QStringLiteral("\"%1\": the value of option \"%2\" cannot hold a ';'")
                                .arg(shown, key));
    }
    return url;
}

int PostgresStore::latestSchemaVersion()
{
    return latestVersion(PostgresMigrations::all());
}

QString PostgresStore::location() const
{
    return m_url.toDisplayString(QUrl::RemovePassword);
}

const QList<StoreMigration> &PostgresStore::migrations() const
{
    return PostgresMigrations::all();
}

// ---------------------------------------------------------------------------------------------
// Opening, closing, announcements

Result<void> PostgresStore::open()
{
    if (m_open)
        return {};
    if (auto connected = connect(); !connected)
        return connected;
    if (auto migrated = migrate(); !migrated) {
        shutDown();
        return migrated;
    }
    if (auto listening = listen(); !listening) {
        shutDown();
        return listening;
    }
    qCDebug(lcStore).noquote() << "opened" << location() << "as" << m_connectionName
                               << "schema version" << m_schemaVersion;
    return {};
}

Result<void> PostgresStore::connect()
{
    if (auto added = addConnection(QStringLiteral("QPSQL"), QStringLiteral("libqt6sql6-psql"));
        !added)
        return added;
    m_db.setHostName(m_url.host());
    m_db.setPort(m_url.port(5432));
    m_db.setDatabaseName(m_url.path().mid(1));
    if (!m_url.userName().isEmpty())
        m_db.setUserName(m_url.userName());
    if (!m_url.password().isEmpty())
        m_db.setPassword(m_url.password());
    QStringList options { QStringLiteral("application_name=callbridge") };
    const QUrlQuery query(m_url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        options << connectOption(key, value);
    for (const auto &[key, value] : defaultOptions) {
        if (!query.hasQueryItem(key))
            options << connectOption(key, value);
    }
    m_db.setConnectOptions(options.join(u';'));
    if (!m_db.open()) {
        const Error error = failure(QStringLiteral("cannot connect to the database"),
                                    m_db.lastError().text());
        shutDown();
        return fail(error);
    }
    m_open = true;
    QSqlQuery settings(m_db);
    // lock_timeout as long as SQLite's busy_timeout: a writer waits no longer for another
    // relay's turn. Notices ("relation already exists, skipping") are for a psql prompt. A
    // commit that returns must survive a power loss (see Store), which a server set to
    // synchronous_commit = off does not promise; stricter settings stay as they are.
    if (!settings.exec(QStringLiteral("SET lock_timeout = '5s'"))
        || !settings.exec(QStringLiteral("SET client_min_messages = warning"))
        || !settings.exec(QStringLiteral("SHOW synchronous_commit")) || !settings.next()
        || (settings.value(0).toString() == u"off"
            && !settings.exec(QStringLiteral("SET synchronous_commit = on")))) {
        const Error error = failure(QStringLiteral("cannot configure the connection"), settings);
        shutDown();
        return fail(error);
    }
    return {};
}

Result<void> PostgresStore::listen()
{
    QSqlDriver *driver = m_db.driver();
    if (!m_context)
        m_context = std::make_unique<QObject>();
    QObject::connect(driver, &QSqlDriver::notification, m_context.get(),
                     [this](const QString &name, QSqlDriver::NotificationSource source,
                            const QVariant &payload) {
                         announced(name, payload.toString(), source == QSqlDriver::SelfSource);
                     });
    for (const QString &channel : { feedChannel, changesChannel }) {
        if (!driver->subscribeToNotification(channel))
            return fail(failure(QStringLiteral("cannot listen for other relays' changes"),
                                driver->lastError().text()));
    }
    return {};
}

void PostgresStore::close()
{
    m_lost = false; // closed on purpose: changedElsewhere() leaves it closed
    shutDown();
}

void PostgresStore::shutDown()
{
    if (m_inTransaction) {
        qCWarning(lcStore).noquote()
                << "closing" << location() << "inside a transaction; rolling it back";
        rollback();
    }
    runOnDiskCallbacks();
    m_context.reset(); // its connection to the driver's signal goes with it
    m_roles.clear(); // session locks end with the session
    SqlStore::close();
}

void PostgresStore::watchChanges(std::function<void(const QString &change)> onChange)
{
    m_onChange = std::move(onChange);
}

void PostgresStore::announced(const QString &channel, const QString &payload,
                              bool fromThisConnection)
{
    // This connection's own commits were seen by the code that made them.
    if (fromThisConnection || !m_onChange)
        return;
    m_onChange(channel == feedChannel ? QStringLiteral("feed") : payload);
}

bool PostgresStore::changedElsewhere()
{
    // Other connections' changes arrive as announcements (watchChanges()); this is the relay's
    // regular check that the connection is alive. A PostgreSQL restart or a dropped network
    // ends it, and with it the LISTENs: after a new connection, whatever was announced
    // meanwhile is lost, so everything counts as changed.
    if (m_inTransaction)
        return false;
    auto reopened = reopenIfLost();
    if (!reopened) {
        qCWarning(lcStore).noquote() << reopened.error().message;
        return false;
    }
    return reopened.value() || std::exchange(m_reopenedUnreported, false);
}

Result<bool> PostgresStore::reopenIfLost()
{
    if (m_open) {
        QString lost;
        {
            QSqlQuery probe(m_db);
            if (probe.exec(QStringLiteral("SELECT 1")))
                return false;
            lost = probe.lastError().text().trimmed();
        }
        qCWarning(lcStore).noquote()
                << "lost the connection to" << location()
                << (lost.isEmpty() ? QString() : u"- "_s + lost) << "; reconnecting";
        runOnDiskCallbacks();
        m_context.reset();
        m_roles.clear();
        closeLostConnection();
        m_lost = true;
    } else if (!m_lost) {
        return false;
    }
    if (auto opened = open(); !opened)
        return fail(opened.error());
    qCInfo(lcStore).noquote() << "connected to" << location() << "again";
    m_lost = false;
    return true;
}

Result<bool> PostgresStore::holdRole(const QString &role)
{
    if (!m_open)
        return fail(notOpen(QStringLiteral("cannot take the role %1").arg(role)));
    if (m_roles.contains(role))
        return true; // a session lock lasts as long as the connection, which changedElsewhere()
                     // checks
    auto taken
            = scalar(QStringLiteral("SELECT pg_try_advisory_lock(CAST(? AS integer), "
                                    "hashtext(CAST(? AS text)))"),
                     { rolesLockClass, role }, QStringLiteral("cannot take the role %1").arg(role));
    if (!taken)
        return fail(taken.error());
    const bool held = taken->value_or(false).toBool();
    if (held) {
        m_roles.insert(role);
        qCInfo(lcStore).noquote() << "this relay now plays the role" << role;
    }
    return held;
}

// ---------------------------------------------------------------------------------------------
// Transactions

Result<void> PostgresStore::startTransaction()
{
    const QString what = QStringLiteral("cannot begin a transaction");
    if (auto begun = command(QStringLiteral("BEGIN"), what); !begun)
        return begun;
    auto undo = [this, what](const Error &error) -> Result<void> {
        (void)command(QStringLiteral("ROLLBACK"), what);
        return fail(error);
    };
    if (auto locked = exec(QStringLiteral("SELECT pg_advisory_xact_lock(?)"), { writersLock },
                           QStringLiteral("cannot take the writers' turn"));
        !locked)
        return undo(locked.error());
    if (m_schemaVersion == 0)
        return {}; // migrating: writer_turn may not exist yet
    auto previous = scalar(QStringLiteral("UPDATE writer_turn w SET writer = ? FROM (SELECT "
                                          "writer FROM writer_turn WHERE id = 1) AS previous "
                                          "WHERE w.id = 1 RETURNING previous.writer"),
                           { m_writerId }, QStringLiteral("cannot take the writers' turn"));
    if (!previous)
        return undo(previous.error());
    if (previous->value_or(QString()).toString() != m_writerId)
        m_othersWroteUnreported = true;
    return {};
}

Result<void> PostgresStore::begin()
{
    if (!m_open)
        return fail(notOpen(QStringLiteral("cannot begin a transaction")));
    if (m_inTransaction)
        return fail(failure(QStringLiteral("cannot begin a transaction"),
                            QStringLiteral("a transaction is already open (they do not nest)")));
    m_transactionFailure.clear();
    auto started = startTransaction();
    if (!started) {
        // A webhook need not wait for the next poll to find the connection gone.
        auto reopened = reopenIfLost();
        if (!reopened || !reopened.value())
            return started;
        m_reopenedUnreported = true;
        started = startTransaction();
        if (!started)
            return started;
    }
    m_inTransaction = true;
    m_othersWrote = std::exchange(m_othersWroteUnreported, false);
    return {};
}

Result<void> PostgresStore::commit()
{
    if (!m_inTransaction)
        return fail(
                failure(QStringLiteral("cannot commit"), QStringLiteral("no transaction is open")));
    m_flushingLater = false;
    if (!m_transactionFailure.isEmpty()) {
        // PostgreSQL would answer COMMIT by rolling back, without an error.
        const QString failed = std::exchange(m_transactionFailure, QString());
        rollback();
        return fail(failure(QStringLiteral("cannot commit"),
                            QStringLiteral("a statement in the transaction failed, so all of it "
                                           "was rolled back; the statement: %1")
                                    .arg(failed)));
    }
    auto committed = command(QStringLiteral("COMMIT"), QStringLiteral("cannot commit"));
    m_inTransaction = false;
    if (!committed) {
        (void)command(QStringLiteral("ROLLBACK"), QStringLiteral("cannot roll back"));
        return fail(Error { committed.error().message + QStringLiteral("; rolled back") });
    }
    return {};
}

void PostgresStore::rollback()
{
    if (!m_inTransaction)
        return;
    m_inTransaction = false;
    m_flushingLater = false;
    m_transactionFailure.clear();
    if (auto rolledBack = command(QStringLiteral("ROLLBACK"), QStringLiteral("cannot roll back"));
        !rolledBack)
        qCDebug(lcStore) << rolledBack.error().message;
}

Result<void> PostgresStore::beginFlushingLater()
{
    auto begun = begin();
    if (begun)
        m_flushingLater = true;
    return begun;
}

Result<void> PostgresStore::commitFlushingLater(std::function<void(Result<void>)> onDisk)
{
    if (!m_flushingLater)
        return fail(failure(QStringLiteral("cannot commit"),
                            QStringLiteral("no transaction from beginFlushingLater() is open")));
    auto committed = commit();
    if (!committed)
        return committed;
    m_onDisk.push_back(std::move(onDisk));
    if (m_onDisk.size() == 1) {
        if (!m_context)
            m_context = std::make_unique<QObject>();
        QTimer::singleShot(0, m_context.get(), [this] { runOnDiskCallbacks(); });
    }
    return {};
}

void PostgresStore::finishFlushes()
{
    runOnDiskCallbacks();
}

void PostgresStore::runOnDiskCallbacks()
{
    while (!m_onDisk.empty()) {
        auto onDisk = std::move(m_onDisk.front());
        m_onDisk.pop_front();
        onDisk({});
    }
}

// ---------------------------------------------------------------------------------------------
// What PostgreSQL says differently

Result<qint64> PostgresStore::appendFeed(const FeedItem &item)
{
    if (m_inTransaction)
        return SqlStore::appendFeed(item);
    // Alone, too, an item takes the writers' turn: its seq must not overtake an open transaction's.
    WriteScope scope(*this);
    if (auto started = scope.start(); !started)
        return fail(started.error());
    auto seq = SqlStore::appendFeed(item);
    if (!seq)
        return seq;
    if (auto committed = scope.commit(); !committed)
        return fail(committed.error());
    return seq;
}

Result<bool> PostgresStore::hasSchemaVersionTable()
{
    auto exists = scalar(QStringLiteral("SELECT to_regclass('schema_version') IS NOT NULL"), {},
                         QStringLiteral("cannot read the schema version"));
    if (!exists)
        return fail(exists.error());
    return exists->value_or(false).toBool();
}

Result<QList<ContactRecord>> PostgresStore::searchContacts(const QString &text, int limit,
                                                           int offset)
{
    const QString query = tsQuery(text);
    if (query.isEmpty())
        return everyoneByName(limit, offset);
    const QString matches = QStringLiteral("SELECT contact_id FROM contacts_search WHERE document "
                                           "@@ to_tsquery('simple', ?)");
    return pageOfMatches(matches,
                         matches + QStringLiteral(" ORDER BY contact_id DESC LIMIT ? OFFSET ?"),
                         query, limit, offset);
}

Result<void> PostgresStore::indexContact(qint64 id, const QStringList &phones,
                                         const ContactRecord &contact)
{
    const QString words = plainWords(QStringList { contact.name, contact.company, contact.email,
                                                   contact.notes, contact.tags.join(u' ') }
                                             .join(u' '));
    return exec(QStringLiteral("INSERT INTO contacts_search (contact_id, document) VALUES (?, "
                               "setweight(to_tsvector('simple', ?), 'A') || "
                               "to_tsvector('simple', ?)) ON CONFLICT (contact_id) DO UPDATE "
                               "SET document = excluded.document"),
                // A null text would make the whole document NULL.
                { id, text(phoneTokens(phones)), text(words) },
                QStringLiteral("cannot index contact #%1 for search").arg(id));
}

QString PostgresStore::byName(const QString &table) const
{
    return QStringLiteral("lower(%1.name COLLATE \"C\"), %1.id").arg(table);
}

QString PostgresStore::extensionsCondition() const
{
    return QStringLiteral("EXISTS (SELECT 1 FROM json_array_elements_text(CAST(? AS json)) AS "
                          "x(value) WHERE x.value IN (extension, answered_by) OR "
                          "strpos(ringing_extensions, ',' || x.value || ',') > 0)");
}

// ---------------------------------------------------------------------------------------------
// After a copy

Result<void> PostgresStore::continueIdsAfterExistingRows()
{
    const QString what = QStringLiteral("cannot number new rows after the existing ones");
    auto serials = run(QStringLiteral("SELECT table_name, column_name FROM "
                                      "information_schema.columns WHERE table_schema = "
                                      "current_schema() AND column_default LIKE 'nextval(%'"),
                       {}, what);
    if (!serials)
        return fail(serials.error());
    QList<std::pair<QString, QString>> columns;
    {
        const Finisher finisher(serials.value());
        while (serials.value()->next())
            columns.append(
                    { serials.value()->value(0).toString(), serials.value()->value(1).toString() });
    }
    for (const auto &[table, column] : columns) {
        // is_called false: an empty table's next id is 1.
        if (auto set = exec(QStringLiteral("SELECT setval(pg_get_serial_sequence(?, ?), "
                                           "COALESCE(max(%2), 0) + 1, false) FROM %1")
                                    .arg(table, column),
                            { table, column }, what);
            !set)
            return set;
    }
    return {};
}

Result<void>
PostgresStore::reindexContacts(const std::function<void(qint64 done, qint64 total)> &progress)
{
    auto total = contactCount();
    if (!total)
        return fail(total.error());
    constexpr int pageSize = 1000;
    qint64 afterId = 0;
    qint64 done = 0;
    while (true) {
        auto page = contactsAfter(afterId, pageSize);
        if (!page)
            return fail(page.error());
        for (const ContactRecord &contact : page.value()) {
            if (auto indexed = indexContact(contact.id, contact.phones, contact); !indexed)
                return indexed;
        }
        done += page->size();
        if (progress)
            progress(done, total.value());
        if (page->size() < pageSize)
            return {};
        afterId = page->constLast().id;
    }
}

} // namespace CallBridge
