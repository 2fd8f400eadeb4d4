// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/PostgresStore.h"
#include "core/store/SqliteMigrations.h"
#include "core/store/SqliteStore.h"
#include "core/store/StoreCopy.h"
#include "tests/support/PostgresServer.h"
#include "tests/support/ResultMessage.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace CallBridge;
using Test::why;

namespace {

const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1795000000123, Qt::UTC);

QDateTime at(int seconds)
{
    return t0.addSecs(seconds);
}

ContactRecord contactNamed(const QString &name, const QStringList &phones = {})
{
    ContactRecord contact;
    contact.name = name;
    contact.phones = phones;
    return contact;
}

UserRecord userNamed(const QString &name)
{
    UserRecord user;
    user.name = name;
    return user;
}

FeedItem feedItem(const QString &type)
{
    FeedItem item;
    item.type = type;
    return item;
}

// Records as text, so that a difference shows which field it is in.
QString describe(const UserRecord &u)
{
    return QStringList { QString::number(u.id),
                         u.name,
                         u.displayName,
                         QString::number(int(u.role)),
                         u.extension,
                         QString::fromLatin1(u.tokenHash.toHex()),
                         u.createdAt.toString(Qt::ISODateWithMs) }
            .join(u'|');
}

QString describe(const ContactRecord &c)
{
    return QStringList { QString::number(c.id),
                         c.name,
                         c.company,
                         c.email,
                         c.notes,
                         c.phones.join(u','),
                         QString::number(c.responsibleUserId),
                         c.source,
                         c.tags.join(u','),
                         c.externalUrl,
                         c.createdAt.toString(Qt::ISODateWithMs),
                         c.updatedAt.toString(Qt::ISODateWithMs) }
            .join(u'|');
}

QString describe(const EventRecord &e)
{
    return QStringList { QString::number(e.seq),
                         e.receivedAt.toString(Qt::ISODateWithMs),
                         e.eventName,
                         e.pbxCallId,
                         e.dedupeKey.isNull() ? QStringLiteral("null")
                                              : QString::fromLatin1(e.dedupeKey.toHex()),
                         QString::fromLatin1(e.rawForm.toHex()),
                         e.remoteAddress }
            .join(u'|');
}

QString describe(const CallRecord &c)
{
    return QStringList { c.pbxCallId,
                         c.direction,
                         c.state,
                         c.startedAt.toString(Qt::ISODateWithMs),
                         c.callStart,
                         c.clientNumber,
                         c.callerId,
                         c.calledDid,
                         c.extension,
                         c.ringingExtensions.join(u','),
                         c.answeredBy,
                         QString::number(c.durationSeconds),
                         c.disposition,
                         QString::number(c.statusCode),
                         QString::number(c.isRecorded),
                         c.recordingId,
                         QString::number(c.recordingReady),
                         QString::number(c.contactId),
                         c.source,
                         c.updatedAt.toString(Qt::ISODateWithMs) }
            .join(u'|');
}

QString describe(const FeedItem &f)
{
    QStringList audience;
    for (qint64 id : f.audience)
        audience.append(QString::number(id));
    return QStringList { QString::number(f.seq),
                         f.createdAt.toString(Qt::ISODateWithMs),
                         f.type,
                         QString::fromUtf8(QJsonDocument(f.payload).toJson(QJsonDocument::Compact)),
                         audience.join(u','),
                         QString::number(f.everyone) }
            .join(u'|');
}

QString describe(const LeadRecord &l)
{
    return QStringList { QString::number(l.id),
                         QString::number(l.contactId),
                         l.pbxCallId,
                         l.status,
                         QString::number(l.responsibleUserId),
                         l.createdAt.toString(Qt::ISODateWithMs) }
            .join(u'|');
}

QString describe(const TaskRecord &t)
{
    return QStringList { QString::number(t.id),
                         t.kind,
                         t.title,
                         QString::number(t.contactId),
                         t.pbxCallId,
                         QString::number(t.assigneeUserId),
                         QString::number(t.done),
                         t.dueAt.toString(Qt::ISODateWithMs),
                         t.createdAt.toString(Qt::ISODateWithMs),
                         t.updatedAt.toString(Qt::ISODateWithMs) }
            .join(u'|');
}

QString describe(const AuditEntry &a)
{
    return QStringList { QString::number(a.id),
                         a.at.toString(Qt::ISODateWithMs),
                         QString::number(a.userId),
                         a.actor,
                         a.action,
                         a.detail }
            .join(u'|');
}

QString describe(const BlacklistEntry &b)
{
    return QStringList { b.number, b.reason, b.createdAt.toString(Qt::ISODateWithMs) }.join(u'|');
}

QString describe(const CrmOutboxItem &i)
{
    return QStringList { QString::number(i.id),
                         i.operation,
                         i.key,
                         i.pbxCallId,
                         QString::number(i.contactId),
                         QString::number(i.taskId),
                         i.state,
                         QString::number(i.attempts),
                         i.nextAttemptAt.toString(Qt::ISODateWithMs),
                         i.lastError,
                         i.crmId,
                         i.createdAt.toString(Qt::ISODateWithMs),
                         i.updatedAt.toString(Qt::ISODateWithMs) }
            .join(u'|');
}

template<typename T> QStringList describeAll(const QList<T> &records)
{
    QStringList lines;
    for (const T &record : records)
        lines.append(describe(record));
    return lines;
}

constexpr int targetDatabases = 2;

// What a StoreCopy reported, per table: the calls' (done, total).
using ProgressLog = QHash<QString, QList<std::pair<qint64, qint64>>>;

// Schema version 2 without the CRM tables: a relay of an older CallBridge.
class OlderSqliteStore : public SqliteStore
{
public:
    using SqliteStore::SqliteStore;

protected:
    const QList<StoreMigration> &migrations() const override
    {
        static const QList<StoreMigration> older = SqliteMigrations::all().mid(0, 2);
        return older;
    }
};

} // namespace

class TestStoreCopy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void copiesEveryRowWithItsIds();
    void newRowsComeAfterTheCopiedOnes();
    void sendsManyRowsPerStatementAndReportsProgress();
    void emptySourceGivesAnEmptyTarget();
    void refusesATargetThatHoldsData();
    void refusesDifferentSchemaVersions();
    void refusesOtherEngines();
    void aFailureLeavesTheTargetEmpty();
    void copiesEveryTableOfTheSchema();
    void copySpeed();

private:
    std::unique_ptr<SqliteStore> openSqlite(const QString &name);
    // An empty, migrated database of its own (two per test function).
    std::unique_ptr<PostgresStore> openPostgres();
    void fill(SqliteStore &store);
    Result<QList<StoreCopy::TableRows>> copy(SqlStore &source, SqlStore &target,
                                             ProgressLog *log = nullptr, int rowsPerStatement = 0);
    QString psql(const QString &sql, const QString &database);

    PostgresServer m_server;
    QTemporaryDir m_dir;
    int m_nextTarget = 0;
};

void TestStoreCopy::initTestCase()
{
    QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
             "Qt's PostgreSQL driver is missing: install libqt6sql6-psql");
    QVERIFY(m_dir.isValid());
    // Measured as in production, with fsync; the tests need no durability.
    m_server.setDurable(qEnvironmentVariableIsSet("CALLBRIDGE_COPY_BENCH"));
    const Result<void> started = m_server.start();
    QVERIFY2(started, why(started));
    // Made and migrated once, emptied for each test (faster than CREATE DATABASE).
    for (int i = 0; i < targetDatabases; ++i) {
        const QString name = QStringLiteral("target_%1").arg(i);
        const Result<void> created = m_server.createDatabase(name);
        QVERIFY2(created, why(created));
        PostgresStore migrated { QUrl(m_server.url(name)) };
        const Result<void> opened = migrated.open();
        QVERIFY2(opened, why(opened));
    }
}

void TestStoreCopy::init()
{
    m_nextTarget = 0;
}

void TestStoreCopy::cleanup()
{
    // Stores are per test function: every connection is gone by now.
    QCOMPARE(QSqlDatabase::connectionNames(), QStringList());
}

std::unique_ptr<SqliteStore> TestStoreCopy::openSqlite(const QString &name)
{
    // Per test function: fill() needs an empty one.
    auto store = std::make_unique<SqliteStore>(
            m_dir.filePath(QStringLiteral("%1_%2.sqlite")
                                   .arg(QString::fromLatin1(QTest::currentTestFunction()), name)));
    if (auto opened = store->open(); !opened) {
        qWarning("%s", qPrintable(opened.error().message));
        return nullptr;
    }
    return store;
}

std::unique_ptr<PostgresStore> TestStoreCopy::openPostgres()
{
    if (m_nextTarget >= targetDatabases) {
        qWarning("a test uses at most %d PostgreSQL databases", targetDatabases);
        return nullptr;
    }
    const QString database = QStringLiteral("target_%1").arg(m_nextTarget++);
    QStringList tables = StoreCopy::tables();
    tables.append(QStringLiteral("contacts_search"));
    if (auto emptied = m_server.psql(QStringLiteral("TRUNCATE %1 RESTART IDENTITY CASCADE")
                                             .arg(tables.join(QStringLiteral(", "))),
                                     database);
        !emptied) {
        qWarning("%s", qPrintable(emptied.error().message));
        return nullptr;
    }
    auto store = std::make_unique<PostgresStore>(QUrl(m_server.url(database)));
    if (auto opened = store->open(); !opened) {
        qWarning("%s", qPrintable(opened.error().message));
        return nullptr;
    }
    return store;
}

QString TestStoreCopy::psql(const QString &sql, const QString &database)
{
    auto answer = m_server.psql(sql, database);
    return answer ? answer.value() : QStringLiteral("error: ") + answer.error().message;
}

Result<QList<StoreCopy::TableRows>> TestStoreCopy::copy(SqlStore &source, SqlStore &target,
                                                        ProgressLog *log, int rowsPerStatement)
{
    StoreCopy copy(source, target);
    if (rowsPerStatement > 0)
        copy.setRowsPerStatement(rowsPerStatement);
    if (log)
        copy.setProgress([log](const QString &table, qint64 done, qint64 total) {
            (*log)[table].append({ done, total });
        });
    return copy.run();
}

// A small relay's life: ids with gaps (a removed user, a rolled-back contact), binary keys and
// forms with NUL bytes, NULLs next to empty texts, and every table.
void TestStoreCopy::fill(SqliteStore &store)
{
    QVERIFY(store.begin()); // one commit, not one per row: fsync is slow
    UserRecord admin;
    admin.name = QStringLiteral("admin");
    admin.displayName = QStringLiteral("The Admin");
    admin.role = UserRole::Admin;
    admin.tokenHash = QByteArray("\0\x01\xff hash\0", 9);
    admin.createdAt = at(0);
    const qint64 adminId = store.createUser(admin).value();
    UserRecord gone;
    gone.name = QStringLiteral("gone");
    gone.createdAt = at(1);
    const qint64 goneId = store.createUser(gone).value();
    UserRecord anna;
    anna.name = QStringLiteral("anna");
    anna.displayName = QStringLiteral("Anna Nowak");
    anna.extension = QStringLiteral("101");
    anna.tokenHash = QByteArray(32, '\0');
    anna.createdAt = at(2);
    const qint64 annaId = store.createUser(anna).value();
    QVERIFY(store.removeUser(goneId));
    QVERIFY(adminId < annaId);

    ContactRecord kowalski;
    kowalski.name = QStringLiteral("Jan Kowalski");
    kowalski.company = QStringLiteral("Łódź Widgets");
    kowalski.email = QStringLiteral("jan.kowalski@example.com");
    kowalski.notes = QStringLiteral("prefers mornings; 'quoted' \\ backslash");
    kowalski.phones = { QStringLiteral("+48600100200"), QStringLiteral("+48221234567") };
    kowalski.responsibleUserId = annaId;
    kowalski.source = QStringLiteral("manual");
    kowalski.tags = { QStringLiteral("vip"), QStringLiteral("warsaw") };
    kowalski.externalUrl = QStringLiteral("https://crm.example.com/contacts/7");
    kowalski.createdAt = at(10);
    kowalski.updatedAt = at(11);
    const qint64 kowalskiId = store.createContact(kowalski).value();
    QVERIFY(store.commit());
    QVERIFY(store.begin());
    ContactRecord rolledBack;
    rolledBack.name = QStringLiteral("Never");
    QVERIFY(store.createContact(rolledBack));
    store.rollback();
    QVERIFY(store.begin());
    ContactRecord unknown;
    unknown.name = QStringLiteral("+48 700 800 900");
    unknown.phones = { QStringLiteral("+48700800900") };
    unknown.source = QStringLiteral("auto");
    unknown.createdAt = at(20);
    unknown.updatedAt = at(20);
    const qint64 unknownId = store.createContact(unknown).value();

    EventRecord start;
    start.receivedAt = at(30);
    start.eventName = QStringLiteral("NOTIFY_START");
    start.pbxCallId = QStringLiteral("in_1");
    start.dedupeKey = QByteArray("\0key\0\xfe", 6);
    start.rawForm = QByteArray("event=NOTIFY_START&caller_id=%2B48600100200\0tail", 48);
    start.remoteAddress = QStringLiteral("185.45.152.42");
    QVERIFY(store.appendEvent(start).value());
    EventRecord noKey = start;
    noKey.receivedAt = at(31);
    noKey.eventName = QStringLiteral("NOTIFY_END");
    noKey.dedupeKey = {};
    noKey.rawForm = QByteArray();
    QVERIFY(store.appendEvent(noKey).value());
    EventRecord noCall;
    noCall.receivedAt = at(32);
    noCall.eventName = QStringLiteral("NOTIFY_OUT_START");
    noCall.dedupeKey = "other";
    noCall.rawForm = "x=1";
    noCall.remoteAddress = QStringLiteral("127.0.0.1");
    QVERIFY(store.appendEvent(noCall).value());

    CallRecord call;
    call.pbxCallId = QStringLiteral("in_1");
    call.direction = QStringLiteral("inbound");
    call.state = QStringLiteral("answered");
    call.startedAt = at(30);
    call.callStart = QStringLiteral("2026-11-24 10:15:00");
    call.clientNumber = QStringLiteral("+48600100200");
    call.callerId = QStringLiteral("48600100200");
    call.calledDid = QStringLiteral("48221112233");
    call.extension = QStringLiteral("101");
    call.ringingExtensions = { QStringLiteral("101"), QStringLiteral("102") };
    call.answeredBy = QStringLiteral("101");
    call.durationSeconds = 61;
    call.disposition = QStringLiteral("answered");
    call.statusCode = 16;
    call.isRecorded = true;
    call.recordingId = QStringLiteral("rec_1");
    call.recordingReady = true;
    call.contactId = kowalskiId;
    call.updatedAt = at(95);
    QVERIFY(store.saveCall(call));
    CallRecord missed;
    missed.pbxCallId = QStringLiteral("in_2");
    missed.direction = QStringLiteral("inbound");
    missed.state = QStringLiteral("missed");
    missed.startedAt = at(99);
    missed.callStart = QStringLiteral("2026-11-24 11:00:00");
    missed.clientNumber = QStringLiteral("+48700800900");
    missed.contactId = unknownId;
    missed.source = QStringLiteral("statistics");
    missed.updatedAt = at(100);
    QVERIFY(store.saveCall(missed));

    LeadRecord lead;
    lead.contactId = unknownId;
    lead.pbxCallId = QStringLiteral("in_2");
    lead.responsibleUserId = annaId;
    lead.createdAt = at(100);
    QVERIFY(store.createLead(lead));
    LeadRecord orphan;
    orphan.createdAt = at(101);
    QVERIFY(store.createLead(orphan));

    TaskRecord callBack;
    callBack.title = QStringLiteral("Call back +48 700 800 900");
    callBack.contactId = unknownId;
    callBack.pbxCallId = QStringLiteral("in_2");
    callBack.assigneeUserId = annaId;
    callBack.dueAt = at(200);
    callBack.createdAt = at(100);
    callBack.updatedAt = at(100);
    const qint64 taskId = store.createTask(callBack).value();
    TaskRecord done;
    done.kind = QStringLiteral("follow_up");
    done.title = QStringLiteral("Send the offer");
    done.done = true;
    done.createdAt = at(101);
    done.updatedAt = at(102);
    QVERIFY(store.createTask(done));

    QVERIFY(store.addToBlacklist(
            { QStringLiteral("+48999000111"), QStringLiteral("spam"), at(5) }));
    QVERIFY(store.addToBlacklist({ QStringLiteral("+48999000222"), QString(), at(6) }));
    QVERIFY(store.setSetting(QStringLiteral("phone.default_region"), QStringLiteral("PL")));
    QVERIFY(store.setSetting(QStringLiteral("users.default_responsible"), QString()));

    AuditEntry entry;
    entry.at = at(3);
    entry.actor = QStringLiteral("cli");
    entry.action = QStringLiteral("user.add");
    entry.detail = QStringLiteral("anna");
    QVERIFY(store.appendAudit(entry));
    entry.at = at(4);
    entry.userId = adminId;
    entry.actor = QStringLiteral("admin");
    entry.action = QStringLiteral("settings.set");
    entry.detail = QStringLiteral("phone.default_region = PL");
    QVERIFY(store.appendAudit(entry));

    FeedItem ringing;
    ringing.createdAt = at(30);
    ringing.type = QStringLiteral("call.ringing");
    ringing.payload
            = QJsonObject { { QStringLiteral("pbx_call_id"), QStringLiteral("in_1") },
                            { QStringLiteral("extensions"),
                              QJsonArray { QStringLiteral("101"), QStringLiteral("102") } },
                            { QStringLiteral("name"), QStringLiteral("Jan \"J\" Kowalski") } };
    ringing.audience = { annaId, 17 };
    QVERIFY(store.appendFeed(ringing));
    FeedItem everyone;
    everyone.createdAt = at(31);
    everyone.type = QStringLiteral("contact.updated");
    everyone.everyone = true;
    QVERIFY(store.appendFeed(everyone));
    FeedItem adminsOnly;
    adminsOnly.createdAt = at(32);
    adminsOnly.type = QStringLiteral("settings.changed");
    QVERIFY(store.appendFeed(adminsOnly));

    CrmOutboxItem push;
    push.operation = QStringLiteral("push_call");
    push.key = QStringLiteral("push_call:in_1");
    push.pbxCallId = QStringLiteral("in_1");
    push.contactId = kowalskiId;
    push.createdAt = at(96);
    push.updatedAt = at(96);
    QVERIFY(store.enqueueCrmWrite(push).value());
    auto stored = store.crmWrite(push.key).value().value();
    stored.attempts = 2;
    stored.nextAttemptAt = at(160);
    stored.lastError = QStringLiteral("HTTP 503: busy");
    stored.updatedAt = at(100);
    QVERIFY(store.updateCrmWrite(stored));
    CrmOutboxItem task;
    task.operation = QStringLiteral("create_task");
    task.key = QStringLiteral("create_task:1");
    task.taskId = taskId;
    task.createdAt = at(100);
    task.updatedAt = at(100);
    QVERIFY(store.enqueueCrmWrite(task).value());
    QVERIFY(store.setContactCrmId(kowalskiId, QStringLiteral("crm-7")));
    QVERIFY(store.commit());
}

void TestStoreCopy::copiesEveryRowWithItsIds()
{
    auto source = openSqlite(QStringLiteral("source"));
    QVERIFY(source);
    fill(*source);
    if (QTest::currentTestFailed())
        return;
    auto target = openPostgres();
    QVERIFY(target);

    const auto copied = copy(*source, *target);
    QVERIFY2(copied, why(copied));
    QHash<QString, qint64> rows;
    for (const StoreCopy::TableRows &table : copied.value())
        rows.insert(table.table, table.rows);
    QCOMPARE(rows.value(QStringLiteral("users")), 2);
    QCOMPARE(rows.value(QStringLiteral("contacts")), 2);
    QCOMPARE(rows.value(QStringLiteral("contact_phones")), 3);
    QCOMPARE(rows.value(QStringLiteral("events")), 3);
    QCOMPARE(rows.value(QStringLiteral("feed")), 3);
    QCOMPARE(rows.value(QStringLiteral("crm_links")), 1);
    QCOMPARE(copied->size(), StoreCopy::tables().size());

    // Everything reads back the same, on a connection of its own.
    const QUrl url = target->url();
    target.reset();
    PostgresStore copy { url };
    const auto opened = copy.open();
    QVERIFY2(opened, why(opened));

    QCOMPARE(describeAll(copy.users().value()), describeAll(source->users().value()));
    const auto contacts = source->contactsAfter(0, 100).value();
    QCOMPARE(contacts.size(), 2);
    QCOMPARE(describeAll(copy.contactsAfter(0, 100).value()), describeAll(contacts));
    for (const ContactRecord &contact : contacts) {
        for (const QString &phone : contact.phones) {
            const auto found = copy.contactByPhone(phone);
            QVERIFY2(found && found->has_value(), qPrintable(phone));
            QCOMPARE(found->value().id, contact.id);
        }
    }
    QCOMPARE(copy.contactCount().value(), 2);
    QCOMPARE(copy.contactRoutes()->size(), 3);

    // The search index is PostgreSQL's own, built for the copied contacts.
    const qint64 kowalskiId = contacts.at(0).id;
    const qint64 unknownId = contacts.at(1).id;
    const QList<std::pair<QString, qint64>> searches {
        { QStringLiteral("kowal"), kowalskiId },         { QStringLiteral("lodz"), kowalskiId },
        { QStringLiteral("jan.kowalski@"), kowalskiId }, { QStringLiteral("vip"), kowalskiId },
        { QStringLiteral("600 100"), kowalskiId },       { QStringLiteral("48221234"), kowalskiId },
        { QStringLiteral("700800"), unknownId },
    };
    for (const auto &[text, id] : searches) {
        const auto found = copy.searchContacts(text, 10, 0);
        QVERIFY2(found, why(found));
        QVERIFY2(found->size() == 1 && found->at(0).id == id, qPrintable(text));
    }
    QCOMPARE(copy.searchContacts(QString(), 10, 0)->size(), 2);

    for (const QString &call : { QStringLiteral("in_1"), QString() }) {
        const auto events = copy.eventsForCall(call);
        QVERIFY2(events, why(events));
        QCOMPARE(describeAll(events.value()), describeAll(source->eventsForCall(call).value()));
    }
    const auto events = copy.eventsForCall(QStringLiteral("in_1")).value();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).dedupeKey, QByteArray("\0key\0\xfe", 6));
    QCOMPARE(events.at(0).rawForm,
             QByteArray("event=NOTIFY_START&caller_id=%2B48600100200\0tail", 48));
    QVERIFY(events.at(1).dedupeKey.isEmpty());
    QCOMPARE(psql(QStringLiteral("SELECT count(*) FROM events WHERE dedupe_key IS NULL"),
                  copy.url().path().mid(1)),
             QStringLiteral("1"));
    QCOMPARE(copy.latestEventTime().value(), source->latestEventTime().value());

    CallQuery everyCall;
    everyCall.limit = 10;
    QCOMPARE(describeAll(copy.calls(everyCall).value()),
             describeAll(source->calls(everyCall).value()));
    QCOMPARE(copy.calls(everyCall)->size(), 2);
    CallQuery byExtension;
    byExtension.extensions = { QStringLiteral("102") };
    QCOMPARE(copy.calls(byExtension)->size(), 1);

    QCOMPARE(describeAll(copy.feedAfter(0, 100).value()),
             describeAll(source->feedAfter(0, 100).value()));
    QCOMPARE(copy.latestFeedSeq().value(), source->latestFeedSeq().value());
    QCOMPARE(describeAll(copy.leads(100, 0).value()), describeAll(source->leads(100, 0).value()));
    TaskQuery everyTask;
    QCOMPARE(describeAll(copy.tasks(everyTask).value()),
             describeAll(source->tasks(everyTask).value()));
    QCOMPARE(describeAll(copy.audit(100, 0).value()), describeAll(source->audit(100, 0).value()));
    QCOMPARE(describeAll(copy.blacklist().value()), describeAll(source->blacklist().value()));
    QCOMPARE(copy.settings().value(), source->settings().value());
    QCOMPARE(copy.settings()->value(QStringLiteral("users.default_responsible"),
                                    QStringLiteral("x")),
             QString());

    QCOMPARE(describeAll(copy.pendingCrmWrites(100).value()),
             describeAll(source->pendingCrmWrites(100).value()));
    QCOMPARE(copy.pendingCrmWrites(100)->size(), 2);
    QCOMPARE(copy.crmWritesWithErrors(10)->size(), 1);
    QCOMPARE(copy.contactCrmId(kowalskiId).value(), QStringLiteral("crm-7"));
    QCOMPARE(copy.contactForCrmId(QStringLiteral("crm-7")).value().value_or(0), kowalskiId);

    const auto anna = copy.userByTokenHash(QByteArray(32, '\0'));
    QVERIFY2(anna && anna->has_value(), why(anna));
    QCOMPARE(anna->value().name, QStringLiteral("anna"));
    const auto admin = copy.userByTokenHash(QByteArray("\0\x01\xff hash\0", 9));
    QVERIFY(admin && admin->has_value());
    QCOMPARE(admin->value().name, QStringLiteral("admin"));

    // The source is left as it was.
    QCOMPARE(source->contactCount().value(), 2);
    QVERIFY(!source->inTransaction());
    QVERIFY(source->createContact(contactNamed(QStringLiteral("after"))));
}

void TestStoreCopy::newRowsComeAfterTheCopiedOnes()
{
    auto source = openSqlite(QStringLiteral("source"));
    QVERIFY(source);
    fill(*source);
    if (QTest::currentTestFailed())
        return;
    auto target = openPostgres();
    QVERIFY(target);
    const auto copied = copy(*source, *target);
    QVERIFY2(copied, why(copied));

    // The new rows get the ids SQLite would have given them next.
    const QList<std::function<Result<qint64>(SqlStore &)>> creations {
        [](SqlStore &s) { return s.createUser(userNamed(QStringLiteral("new"))); },
        [](SqlStore &s) {
            return s.createContact(
                    contactNamed(QStringLiteral("New"), { QStringLiteral("+48500000001") }));
        },
        [](SqlStore &s) { return s.createLead(LeadRecord {}); },
        [](SqlStore &s) {
            TaskRecord task;
            task.title = QStringLiteral("t");
            return s.createTask(task);
        },
        [](SqlStore &s) {
            AuditEntry entry;
            entry.actor = QStringLiteral("cli");
            entry.action = QStringLiteral("x");
            return s.appendAudit(entry);
        },
        [](SqlStore &s) { return s.appendFeed(feedItem(QStringLiteral("contact.updated"))); },
        [](SqlStore &s) -> Result<qint64> {
            EventRecord event;
            event.eventName = QStringLiteral("NOTIFY_START");
            event.dedupeKey = "new";
            event.rawForm = "a=b";
            auto seq = s.appendEvent(event);
            if (!seq)
                return fail(seq.error());
            return seq->value_or(0);
        },
        [](SqlStore &s) -> Result<qint64> {
            CrmOutboxItem item;
            item.operation = QStringLiteral("sync_contact");
            item.key = QStringLiteral("sync:new");
            if (auto queued = s.enqueueCrmWrite(item); !queued)
                return fail(queued.error());
            auto stored = s.crmWrite(item.key);
            if (!stored)
                return fail(stored.error());
            return stored->has_value() ? stored->value().id : 0;
        },
    };
    for (int i = 0; i < creations.size(); ++i) {
        const auto expected = creations.at(i)(*source);
        QVERIFY2(expected, why(expected));
        const auto got = creations.at(i)(*target);
        QVERIFY2(got, why(got));
        QVERIFY2(got.value() == expected.value(),
                 qPrintable(QStringLiteral("creation %1: %2, expected %3")
                                    .arg(i)
                                    .arg(got.value())
                                    .arg(expected.value())));
    }
    // And the new contact is findable like any other.
    QCOMPARE(target->searchContacts(QStringLiteral("500000001"), 10, 0)->size(), 1);
}

void TestStoreCopy::sendsManyRowsPerStatementAndReportsProgress()
{
    auto source = openSqlite(QStringLiteral("source"));
    QVERIFY(source);
    QVERIFY(source->begin());
    for (int i = 0; i < 50; ++i) {
        EventRecord event;
        event.receivedAt = at(i);
        event.eventName = QStringLiteral("NOTIFY_START");
        event.pbxCallId = QStringLiteral("in_%1").arg(i % 5);
        event.dedupeKey = QByteArray::number(i) + QByteArray(1, '\0');
        event.rawForm = QByteArray(i, char(i));
        QVERIFY(source->appendEvent(event));
    }
    for (int i = 0; i < 12; ++i) {
        QVERIFY(source->createContact(
                contactNamed(QStringLiteral("Contact %1").arg(i),
                             { QStringLiteral("+4860000%1").arg(1000 + i) })));
    }
    QVERIFY(source->commit());
    auto target = openPostgres();
    QVERIFY(target);

    ProgressLog log;
    const auto copied = copy(*source, *target, &log, 7);
    QVERIFY2(copied, why(copied));
    using Steps = QList<std::pair<qint64, qint64>>;
    QCOMPARE(log.value(QStringLiteral("events")),
             (Steps { { 0, 50 },
                      { 7, 50 },
                      { 14, 50 },
                      { 21, 50 },
                      { 28, 50 },
                      { 35, 50 },
                      { 42, 50 },
                      { 49, 50 },
                      { 50, 50 } }));
    QCOMPARE(log.value(QStringLiteral("contacts")), (Steps { { 0, 12 }, { 7, 12 }, { 12, 12 } }));
    QCOMPARE(log.value(QStringLiteral("contacts_search")), (Steps { { 12, 12 } }));
    QCOMPARE(log.value(QStringLiteral("users")), (Steps { { 0, 0 } }));
    QCOMPARE(log.size(), StoreCopy::tables().size() + 1);

    for (int call = 0; call < 5; ++call) {
        const QString id = QStringLiteral("in_%1").arg(call);
        QCOMPARE(describeAll(target->eventsForCall(id).value()),
                 describeAll(source->eventsForCall(id).value()));
    }
    QCOMPARE(target->searchContacts(QStringLiteral("contact"), 100, 0)->size(), 12);
}

void TestStoreCopy::emptySourceGivesAnEmptyTarget()
{
    auto source = openSqlite(QStringLiteral("source"));
    QVERIFY(source);
    auto target = openPostgres();
    QVERIFY(target);
    const auto copied = copy(*source, *target);
    QVERIFY2(copied, why(copied));
    for (const StoreCopy::TableRows &table : copied.value())
        QCOMPARE(table.rows, 0);
    QCOMPARE(target->createUser(userNamed(QStringLiteral("first"))).value(), 1);
    QCOMPARE(target->appendFeed(feedItem(QStringLiteral("x"))).value(), 1);
}

void TestStoreCopy::refusesATargetThatHoldsData()
{
    auto source = openSqlite(QStringLiteral("source"));
    QVERIFY(source);
    fill(*source);
    if (QTest::currentTestFailed())
        return;
    auto target = openPostgres();
    QVERIFY(target);
    QVERIFY(target->createContact(contactNamed(QStringLiteral("Already here"))));
    QVERIFY(target->appendFeed(feedItem(QStringLiteral("x"))));

    const auto refused = copy(*source, *target);
    QVERIFY(!refused);
    const QString display = target->url().toDisplayString(QUrl::RemovePassword);
    QCOMPARE(refused.error().message,
             QStringLiteral("cannot copy: %1 already holds data (contacts: 1, feed: 1); copy into "
                            "an empty database (create a new one, or drop and create this one)")
                     .arg(display));
    QVERIFY(!target->inTransaction());
    QCOMPARE(target->contactCount().value(), 1);
    QCOMPARE(target->users()->size(), 0);
    QVERIFY(!source->inTransaction());

    // A copy made once refuses the second time.
    auto fresh = openPostgres();
    QVERIFY(fresh);
    const auto copied = copy(*source, *fresh);
    QVERIFY2(copied, why(copied));
    const auto again = copy(*source, *fresh);
    QVERIFY(!again);
    QVERIFY2(again.error().message.contains(QStringLiteral(
                     "already holds data (users: 2, contacts: 2, contact_phones: 3")),
             qPrintable(again.error().message));
}

void TestStoreCopy::refusesDifferentSchemaVersions()
{
    OlderSqliteStore older(m_dir.filePath(QStringLiteral("older.sqlite")));
    const auto opened = older.open();
    QVERIFY2(opened, why(opened));
    QCOMPARE(older.schemaVersion(), 2);
    auto target = openPostgres();
    QVERIFY(target);
    const auto refused = copy(older, *target);
    QVERIFY(!refused);
    QCOMPARE(refused.error().message,
             QStringLiteral("cannot copy: %1 has schema version 2, %2 version %3; run the copy "
                            "with the newest callbridge-relay, which brings both databases to "
                            "its version as it opens them")
                     .arg(older.databasePath(), target->url().toDisplayString())
                     .arg(PostgresStore::latestSchemaVersion()));
}

void TestStoreCopy::refusesOtherEngines()
{
    auto sqlite = openSqlite(QStringLiteral("source"));
    QVERIFY(sqlite);
    auto otherSqlite = openSqlite(QStringLiteral("other"));
    QVERIFY(otherSqlite);
    auto postgres = openPostgres();
    QVERIFY(postgres);
    auto otherPostgres = openPostgres();
    QVERIFY(otherPostgres);

    const auto fromPostgres = copy(*postgres, *otherPostgres);
    QVERIFY(!fromPostgres);
    QCOMPARE(fromPostgres.error().message,
             QStringLiteral("cannot copy: the source must be a SQLite database (sqlite:PATH)"));
    const auto toSqlite = copy(*sqlite, *otherSqlite);
    QVERIFY(!toSqlite);
    QCOMPARE(toSqlite.error().message,
             QStringLiteral("cannot copy: the target must be a PostgreSQL database "
                            "(postgres://user@host/database)"));
    postgres->close();
    const auto closed = copy(*sqlite, *postgres);
    QVERIFY(!closed);
    QCOMPARE(closed.error().message, QStringLiteral("cannot copy: open both databases first"));
}

void TestStoreCopy::aFailureLeavesTheTargetEmpty()
{
    auto source = openSqlite(QStringLiteral("source"));
    QVERIFY(source);
    fill(*source);
    if (QTest::currentTestFailed())
        return;
    const QString path = source->databasePath();
    source.reset();
    // A task naming a contact that is gone, written behind SQLite's foreign key check (as an old
    // CallBridge without it might have left it): PostgreSQL refuses it halfway through the copy.
    {
        QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("behind"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("UPDATE tasks SET contact_id = 999 WHERE id = 1")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("behind"));
    source = openSqlite(QStringLiteral("source"));
    QVERIFY(source);
    auto target = openPostgres();
    QVERIFY(target);
    ProgressLog log;
    const auto failed = copy(*source, *target, &log);
    QVERIFY(!failed);
    QVERIFY2(failed.error().message.startsWith(
                     QStringLiteral("cannot copy tasks into %1: ")
                             .arg(target->url().toDisplayString(QUrl::RemovePassword))),
             qPrintable(failed.error().message));
    QVERIFY2(failed.error().message.endsWith(QStringLiteral("(nothing was copied)")),
             qPrintable(failed.error().message));
    QVERIFY(log.contains(QStringLiteral("contacts"))); // it got that far

    QVERIFY(!target->inTransaction());
    const QString database = target->url().path().mid(1);
    QCOMPARE(psql(QStringLiteral("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM "
                                 "contacts) + (SELECT count(*) FROM contact_phones)"),
                  database),
             QStringLiteral("0"));
    // Still usable, and the ids start at 1.
    QCOMPARE(target->createUser(userNamed(QStringLiteral("first"))).value(), 1);
    QVERIFY(!source->inTransaction());
    QVERIFY(source->createContact(contactNamed(QStringLiteral("after"))));
}

void TestStoreCopy::copiesEveryTableOfTheSchema()
{
    // A table that a later schema adds must be copied, or said here why not.
    auto source = openSqlite(QStringLiteral("source"));
    QVERIFY(source);
    auto target = openPostgres();
    QVERIFY(target);
    QStringList expected = StoreCopy::tables();
    expected.sort();
    QStringList sqliteTables;
    for (const QString &table : QSqlDatabase::database(source->connectionName(), false).tables()) {
        if (table != u"schema_version" && table != u"sqlite_sequence"
            && !table.startsWith(u"contacts_fts"))
            sqliteTables.append(table);
    }
    sqliteTables.sort();
    QCOMPARE(sqliteTables, expected);
    QStringList postgresTables;
    for (const QString &table : QSqlDatabase::database(target->connectionName(), false).tables()) {
        if (table != u"schema_version" && table != u"writer_turn" && table != u"contacts_search")
            postgresTables.append(table);
    }
    postgresTables.sort();
    QCOMPARE(postgresTables, expected);
}

// CALLBRIDGE_COPY_BENCH=EVENTS,CONTACTS (e.g. 50000,10000): how fast a relay of that size copies.
void TestStoreCopy::copySpeed()
{
    const QStringList size = qEnvironmentVariable("CALLBRIDGE_COPY_BENCH").split(u',');
    if (size.size() != 2)
        QSKIP("set CALLBRIDGE_COPY_BENCH=EVENTS,CONTACTS to measure");
    const int eventCount = size.at(0).toInt();
    const int contactCount = size.at(1).toInt();
    auto source = openSqlite(QStringLiteral("bench"));
    QVERIFY(source);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(source->begin());
    for (int i = 0; i < contactCount; ++i) {
        ContactRecord contact
                = contactNamed(QStringLiteral("Contact %1 Nowak").arg(i),
                               { QStringLiteral("+48600%1").arg(i, 6, 10, QLatin1Char('0')) });
        contact.company = QStringLiteral("Company %1").arg(i % 100);
        contact.email = QStringLiteral("contact%1@example.com").arg(i);
        contact.tags = { QStringLiteral("tag%1").arg(i % 7) };
        QVERIFY(source->createContact(contact));
    }
    for (int i = 0; i < eventCount; ++i) {
        EventRecord event;
        event.receivedAt = at(i);
        event.eventName = QStringLiteral("NOTIFY_START");
        event.pbxCallId = QStringLiteral("in_%1").arg(i / 4);
        event.dedupeKey = QByteArray::number(i).rightJustified(32, 'k');
        event.rawForm = "event=NOTIFY_START&call_start=2026-11-24+10%3A15%3A00&pbx_call_id=in_"
                + QByteArray::number(i / 4)
                + "&caller_id=48600100200&called_did=48221112233&internal=101";
        event.remoteAddress = QStringLiteral("185.45.152.42");
        QVERIFY(source->appendEvent(event));
        if (i % 4 == 0) {
            FeedItem item;
            item.type = QStringLiteral("call.ringing");
            item.payload = QJsonObject { { QStringLiteral("pbx_call_id"),
                                           QStringLiteral("in_%1").arg(i / 4) } };
            item.audience = { 1, 2 };
            QVERIFY(source->appendFeed(item));
        }
    }
    QVERIFY(source->commit());
    qInfo("filled SQLite in %lld ms", timer.elapsed());
    auto target = openPostgres();
    QVERIFY(target);

    QHash<QString, qint64> tableMs;
    QElapsedTimer tableTimer;
    tableTimer.start();
    StoreCopy copy(*source, *target);
    copy.setProgress([&](const QString &table, qint64 done, qint64 total) {
        if (done == 0)
            tableTimer.restart();
        if (done == total)
            tableMs.insert(table, tableTimer.elapsed());
    });
    timer.restart();
    const auto copied = copy.run();
    const qint64 ms = timer.elapsed();
    QVERIFY2(copied, why(copied));
    qint64 rows = 0;
    for (const StoreCopy::TableRows &table : copied.value()) {
        rows += table.rows;
        if (table.rows > 0)
            qInfo("  %-15s %8lld rows %6lld ms", qPrintable(table.table), table.rows,
                  tableMs.value(table.table));
    }
    qInfo("  %-15s %8d rows %6lld ms", "contacts_search", contactCount,
          tableMs.value(QStringLiteral("contacts_search")));
    qInfo("copied %lld rows in %lld ms: %lld rows/s", rows, ms,
          rows * 1000 / std::max<qint64>(ms, 1));
}

QTEST_GUILESS_MAIN(TestStoreCopy)
#include "TestStoreCopy.moc"
