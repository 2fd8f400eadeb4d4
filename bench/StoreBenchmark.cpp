// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Prints what the relay's storage costs on this disk: webhooks stored per second when they are
// group-committed 1, 10, 100 or 500 at a time (each = appendEvent + saveCall + appendFeed, one
// fsync per commit), and how long loading 100,000 contacts' phones for routing takes.
//
// "contacts [N] [directory]" measures the contact book instead: N contacts (default 1,000,000)
// filled in one transaction, then lookups by number and searches of several kinds, p50/p99.
#include "core/store/SqliteCheckpointer.h"
#include "core/store/SqliteStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <functional>
#include <vector>

using namespace CallBridge;

namespace {

QTextStream out(stdout);

bool check(const Result<void> &result)
{
    if (!result)
        out << "ERROR: " << result.error().message << Qt::endl;
    return result.hasValue();
}

template<typename T> bool check(const Result<T> &result)
{
    if (!result)
        out << "ERROR: " << result.error().message << Qt::endl;
    return result.hasValue();
}

// One webhook as the relay stores it: the event, its call folded anew, an item for the agents.
bool storeWebhook(SqliteStore &store, qint64 n)
{
    const QString callId = QStringLiteral("in_%1").arg(n / 3, 40, 16, QLatin1Char('0'));
    const QDateTime now = QDateTime::currentDateTimeUtc();

    EventRecord event;
    event.receivedAt = now;
    event.eventName = QStringLiteral("NOTIFY_START");
    event.pbxCallId = callId;
    event.dedupeKey = QByteArray::number(n).toHex().rightJustified(64, '0');
    event.rawForm = "event=NOTIFY_START&call_start=2026-11-24+10%3A15%3A00&pbx_call_id="
            + callId.toUtf8() + "&caller_id=%2B48600100200&called_did=%2B48221234567";
    event.remoteAddress = QStringLiteral("185.45.152.42");

    CallRecord call;
    call.pbxCallId = callId;
    call.direction = QStringLiteral("inbound");
    call.state = QStringLiteral("ringing");
    call.startedAt = now;
    call.callStart = QStringLiteral("2026-11-24 10:15:00");
    call.clientNumber = QStringLiteral("+48600100200");
    call.callerId = QStringLiteral("+48600100200");
    call.calledDid = QStringLiteral("+48221234567");
    call.extension = QStringLiteral("101");
    call.ringingExtensions = { QStringLiteral("101"), QStringLiteral("102") };
    call.updatedAt = now;

    FeedItem item;
    item.createdAt = now;
    item.type = QStringLiteral("call.ringing");
    item.payload = { { QStringLiteral("pbx_call_id"), callId },
                     { QStringLiteral("caller"), QStringLiteral("+48600100200") } };
    item.audience = { 3, 17 };

    return check(store.appendEvent(event)) && check(store.saveCall(call))
            && check(store.appendFeed(item));
}

// Contact i, deterministic, so that queries can name what exists. Names come from 64 first
// names and 4,096 made-up surnames; 70 % of companies end in "Ltd" (the very common word); one
// contact in 50,000 has "zebracorn" in its notes (the rare word); a third are tagged "vip".
// Phones: +48 6xxxxxxxx with the 8 digits scattered, one in ten also +49 30xxxxxxxx.
struct BenchContact
{
    QString name;
    QString company;
    QString notes;
    QString tags; // as contacts.tags stores them
    QStringList phones;
};

QString surname(quint32 n)
{
    static const char *const syllables[]
            = { "ko",  "wal", "ski", "no",  "vak", "mar", "tin", "ez",
                "sch", "mid", "ber", "gar", "lo",  "pez", "ro",  "ssi" };
    QString text;
    for (int part = 0; part < 3; ++part)
        text += QLatin1StringView(syllables[(n >> (part * 4)) & 15]);
    text[0] = text[0].toUpper();
    return text;
}

// A bijection on 0..99,999,999 (48271 is prime to 10^8), so numbers never repeat.
quint32 scatter(quint32 i)
{
    return quint32((quint64(i) * 48271u + 12345u) % 100000000u);
}

BenchContact benchContact(quint32 i)
{
    static const char *const firstNames[]
            = { "Anna",  "Piotr", "Maria", "Jan",    "Katarzyna", "Tomasz", "Agnieszka", "Pawel",
                "Ewa",   "Marek", "Laura", "Pablo",  "Lucia",     "Hugo",   "Sofia",     "Mateo",
                "Emma",  "Liam",  "Olga",  "Ivan",   "Elena",     "Dmitri", "Natalia",   "Sergei",
                "Hanna", "Lukas", "Mia",   "Felix",  "Lea",       "Jonas",  "Clara",     "Paul",
                "Alice", "Bruno", "Chloe", "Daniel", "Eva",       "Frank",  "Greta",     "Hans",
                "Ines",  "Jakob", "Karin", "Lars",   "Mona",      "Nils",   "Oskar",     "Petra",
                "Rosa",  "Sven",  "Tina",  "Uwe",    "Vera",      "Walter", "Xenia",     "Yara",
                "Zofia", "Adam",  "Beata", "Cezary", "Dorota",    "Edward", "Filip",     "Gosia" };
    BenchContact contact;
    contact.name = QLatin1StringView(firstNames[i % 64]) + u' ' + surname((i / 64) % 4096);
    contact.company = surname(i % 4093) + (i % 10 < 7 ? QStringLiteral(" Ltd") : QString());
    contact.notes = i % 50000 == 7 ? QStringLiteral("met at the zebracorn fair")
                                   : QStringLiteral(""); // not null: NOT NULL column
    contact.tags = i % 3 == 0 ? QStringLiteral("[\"vip\"]") : QStringLiteral("[]");
    contact.phones << QStringLiteral("+486%1").arg(scatter(i), 8, 10, QLatin1Char('0'));
    if (i % 10 == 0)
        contact.phones << QStringLiteral("+4930%1").arg(i, 8, 10, QLatin1Char('0'));
    return contact;
}

// What SqliteStore writes into contacts_fts's phones column: digits, then national digits.
QString phoneTokens(const QStringList &phones)
{
    QStringList tokens;
    for (const QString &phone : phones)
        tokens << phone.mid(1) << phone.mid(3);
    return tokens.join(u' ');
}

// Straight into the tables in one transaction with prepared statements: createContact() checks
// and indexes one contact at a time, which would take minutes for a million.
bool fillContacts(const QString &path, quint32 count)
{
    QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench.fill"));
    db.setDatabaseName(path);
    if (!db.open()) {
        out << "ERROR: " << db.lastError().text() << Qt::endl;
        return false;
    }
    {
        QSqlQuery q(db);
        const auto sql = [&](const QString &text) {
            if (q.exec(text))
                return true;
            out << "ERROR: " << text << ": " << q.lastError().text() << Qt::endl;
            return false;
        };
        if (!sql(QStringLiteral("PRAGMA synchronous = OFF")) || !sql(QStringLiteral("BEGIN")))
            return false;
        QSqlQuery contact(db);
        QSqlQuery phone(db);
        QSqlQuery fts(db);
        contact.prepare(QStringLiteral("INSERT INTO contacts (id, name, company, email, notes, "
                                       "source, created_at, updated_at, tags) VALUES (?, ?, ?, "
                                       "'', ?, 'import', ?, ?, ?)"));
        phone.prepare(QStringLiteral("INSERT INTO contact_phones (phone, contact_id, position) "
                                     "VALUES (?, ?, ?)"));
        fts.prepare(QStringLiteral("INSERT INTO contacts_fts (rowid, name, company, email, "
                                   "notes, phones, tags) VALUES (?, ?, ?, '', ?, ?, ?)"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (quint32 i = 0; i < count; ++i) {
            if (i > 0 && i % 100000 == 0)
                out << " " << i / 1000 << "k" << Qt::flush;
            const BenchContact c = benchContact(i);
            const qint64 id = qint64(i) + 1;
            contact.bindValue(0, id);
            contact.bindValue(1, c.name);
            contact.bindValue(2, c.company);
            contact.bindValue(3, c.notes);
            contact.bindValue(4, now);
            contact.bindValue(5, now);
            contact.bindValue(6, c.tags);
            bool ok = contact.exec();
            for (qsizetype p = 0; ok && p < c.phones.size(); ++p) {
                phone.bindValue(0, c.phones.at(p));
                phone.bindValue(1, id);
                phone.bindValue(2, qint64(p));
                ok = phone.exec();
            }
            if (ok) {
                fts.bindValue(0, id);
                fts.bindValue(1, c.name);
                fts.bindValue(2, c.company);
                fts.bindValue(3, c.notes);
                fts.bindValue(4, phoneTokens(c.phones));
                fts.bindValue(5, i % 3 == 0 ? QStringLiteral("vip") : QStringLiteral(""));
                ok = fts.exec();
            }
            if (!ok) {
                out << "ERROR: contact " << i << ": " << contact.lastError().text() << " "
                    << phone.lastError().text() << " " << fts.lastError().text() << Qt::endl;
                return false;
            }
        }
        if (!sql(QStringLiteral("COMMIT")) || !sql(QStringLiteral("ANALYZE")))
            return false;
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("bench.fill"));
    return true;
}

struct Percentiles
{
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

Percentiles percentiles(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) {
        return ms.at(std::min(ms.size() - 1, size_t(q * double(ms.size()))));
    };
    return { at(0.50), at(0.99), ms.back() };
}

int benchContacts(const QStringList &args)
{
    const quint32 count = args.size() > 2 ? args.at(2).toUInt() : 1000000u;
    QTemporaryDir dir(args.size() > 3 ? args.at(3) + QStringLiteral("/store-bench-XXXXXX")
                                      : QString());
    if (count == 0 || !dir.isValid()) {
        out << "usage: callbridge-bench-store contacts [N] [directory]\n";
        return 1;
    }
    dir.setAutoRemove(qEnvironmentVariableIsEmpty("BENCH_KEEP")); // BENCH_KEEP=1: to look at it
    const QString path = dir.filePath(QStringLiteral("relay.db"));
    {
        SqliteStore schema(path);
        if (!check(schema.open()))
            return 1;
    }
    out << "Contacts on " << dir.path() << ": filling " << count << "..." << Qt::flush;
    QElapsedTimer timer;
    timer.start();
    if (!fillContacts(path, count))
        return 1;
    out << " " << timer.elapsed() << " ms\n";

    SqliteStore store(path);
    if (!check(store.open()) || !check(store.checkpoint()))
        return 1;

    QRandomGenerator random(42);
    std::vector<double> lookups;
    int found = 0;
    for (int n = 0; n < 10000; ++n) {
        const BenchContact c = benchContact(random.bounded(count));
        timer.restart();
        const auto contact = store.contactByPhone(c.phones.constFirst());
        lookups.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!check(contact))
            return 1;
        found += contact->has_value() ? 1 : 0;
    }
    const Percentiles byPhone = percentiles(lookups);
    out << QStringLiteral("  contactByPhone: p50 %1 ms, p99 %2 ms, max %3 ms (%4 of 10000 found)\n")
                    .arg(byPhone.p50, 0, 'f', 3)
                    .arg(byPhone.p99, 0, 'f', 3)
                    .arg(byPhone.max, 0, 'f', 3)
                    .arg(found);

    struct Search
    {
        QString label;
        std::function<QString(quint32)> text;
        int offset = 0;
    };
    const QList<Search> searches {
        { QStringLiteral("full name"), [](quint32 i) { return benchContact(i).name; } },
        { QStringLiteral("surname"), [](quint32 i) { return surname(i % 4096); } },
        { QStringLiteral("rare word"), [](quint32) { return QStringLiteral("zebracorn"); } },
        { QStringLiteral("common word"), [](quint32) { return QStringLiteral("ltd"); } },
        { QStringLiteral("tag"), [](quint32) { return QStringLiteral("vip"); } },
        { QStringLiteral("one letter"), [](quint32 i) { return QString(QChar(u'a' + i % 26)); } },
        { QStringLiteral("3-digit prefix"),
          [](quint32 i) { return QStringLiteral("6%1").arg(i % 100, 2, 10, QLatin1Char('0')); } },
        { QStringLiteral("6-digit prefix"),
          [](quint32 i) { return benchContact(i).phones.constFirst().mid(3, 6); } },
        { QStringLiteral("whole number"),
          [](quint32 i) { return benchContact(i).phones.constFirst(); } },
        { QStringLiteral("empty, first page"), [](quint32) { return QString(); } },
        { QStringLiteral("empty, page at 10,000"), [](quint32) { return QString(); }, 10000 },
        { QStringLiteral("common word, page at 10,000"),
          [](quint32) { return QStringLiteral("ltd"); }, 10000 },
    };
    const int rounds = 50;
    for (const Search &search : searches) {
        std::vector<double> times;
        qsizetype shown = 0;
        for (int n = 0; n < rounds; ++n) {
            const QString text = search.text(random.bounded(count));
            timer.restart();
            const auto result = store.searchContacts(text, 50, search.offset);
            times.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (!check(result))
                return 1;
            shown += result->size();
        }
        const Percentiles p = percentiles(times);
        out << QStringLiteral("  search %1 p50 %2 ms, p99 %3 ms (%4 shown on average)\n")
                        .arg(search.label + u':', -29)
                        .arg(p.p50, 7, 'f', 2)
                        .arg(p.p99, 7, 'f', 2)
                        .arg(double(shown) / rounds, 0, 'f', 1);
    }
    out << "(rerun: callbridge-bench-store contacts [N] [directory on the disk to measure])\n";
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() > 1 && args.at(1) == u"contacts")
        return benchContacts(args);
    QTemporaryDir dir(args.size() > 1 ? args.at(1) + QStringLiteral("/store-bench-XXXXXX")
                                      : QString());
    if (!dir.isValid()) {
        out << "ERROR: cannot create a temporary directory\n";
        return 1;
    }
    const QString path = dir.filePath(QStringLiteral("relay.db"));

    SqliteStore store(path);
    if (!check(store.open()))
        return 1;
    // As in the relay: checkpoints run beside the writer, never in its transactions.
    SqliteCheckpointer checkpointer(path);
    checkpointer.start();

    out << "Group commit on " << dir.path() << " (event + call + feed item per webhook):\n";
    qint64 n = 0;
    for (const int batch : { 1, 10, 100, 500 }) {
        const int commits = std::max(20, 4000 / batch);
        QElapsedTimer timer;
        timer.start();
        qint64 slowest = 0;
        qint64 writing = 0; // statements, before the commit's fsync
        for (int c = 0; c < commits; ++c) {
            QElapsedTimer one;
            one.start();
            if (!check(store.begin()))
                return 1;
            for (int i = 0; i < batch; ++i) {
                if (!storeWebhook(store, n++))
                    return 1;
            }
            writing += one.nsecsElapsed();
            if (!check(store.commit()))
                return 1;
            slowest = std::max(slowest, one.nsecsElapsed());
        }
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        out << QStringLiteral("  %1 per commit: %2 webhooks/s, %3 ms per commit (%4 ms writing, "
                              "slowest commit %5 ms)\n")
                        .arg(batch, 3)
                        .arg(qRound64(double(batch) * commits / seconds), 6)
                        .arg(seconds * 1000 / commits, 0, 'f', 2)
                        .arg(double(writing) / 1e6 / commits, 0, 'f', 2)
                        .arg(double(slowest) / 1e6, 0, 'f', 2);
    }
    checkpointer.stop();

    const int contacts = 100000;
    out << "Contacts: creating " << contacts << "..." << Qt::flush;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < contacts; ++i) {
        if (i % 10000 == 0 && !check(store.begin()))
            return 1;
        ContactRecord contact;
        contact.name = QStringLiteral("Client %1").arg(i);
        contact.company = QStringLiteral("Company %1").arg(i % 997);
        contact.phones = { QStringLiteral("+48%1").arg(600000000 + i) };
        if (i % 10 == 0)
            contact.phones << QStringLiteral("+49%1").arg(3000000000LL + i);
        contact.source = QStringLiteral("import");
        if (!check(store.createContact(contact)))
            return 1;
        if (i % 10000 == 9999 && !check(store.commit()))
            return 1;
    }
    out << " " << timer.elapsed() << " ms\n";
    if (!check(store.checkpoint()))
        return 1;

    qint64 best = -1;
    qsizetype routes = 0;
    for (int round = 0; round < 3; ++round) {
        timer.restart();
        const auto loaded = store.contactRoutes();
        const qint64 ms = timer.elapsed();
        if (!check(loaded))
            return 1;
        routes = loaded->size();
        best = best < 0 ? ms : std::min(best, ms);
    }
    out << "  contactRoutes(): " << routes << " phones of " << contacts << " contacts in " << best
        << " ms (best of 3)\n";

    timer.restart();
    const auto found = store.searchContacts(QStringLiteral("600 012"), 50, 0);
    const qint64 searchMs = timer.elapsed();
    if (!check(found))
        return 1;
    out << "  searchContacts(\"600 012\"): " << found->size() << " of 50 shown in " << searchMs
        << " ms\n";
    out << "(rerun: callbridge-bench-store [directory on the disk to measure])\n";
    return 0;
}
