// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/OperatorCommand.h"
#include "core/relay/RelayConfig.h"
#include "core/store/PostgresStore.h"
#include "core/store/SqliteStore.h"
#include "tests/support/PostgresServer.h"
#include "tests/support/ResultMessage.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <memory>

using namespace CallBridge;
using Test::why;

namespace {

struct Outcome
{
    int code = -1;
    QString out;
    QString err;
};

} // namespace

// callbridge-relay store copy, end to end: the data directory's SQLite database into a private
// PostgreSQL server, then the other commands on the copy.
class TestStoreCopyCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void copiesTheDataDirectorysDatabase();
    void fromNamesAnotherFile();
    void refusesATargetThatHoldsData();
    void refusesANewerTarget();
    void usageErrors();

private:
    Outcome run(const QStringList &arguments);
    QString createDatabase(const QString &name);

    PostgresServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_data;
};

void TestStoreCopyCommand::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("callbridge.*.info=false"));
    QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
             "Qt's PostgreSQL driver is missing: install libqt6sql6-psql");
    const Result<void> started = m_server.start();
    QVERIFY2(started, why(started));
}

void TestStoreCopyCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_data = m_dir->filePath(QStringLiteral("data"));
}

void TestStoreCopyCommand::cleanup()
{
    m_dir.reset();
    QCOMPARE(QSqlDatabase::connectionNames(), QStringList());
}

Outcome TestStoreCopyCommand::run(const QStringList &arguments)
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("CALLBRIDGE_DATA"), m_data);
    Outcome outcome;
    QTextStream out(&outcome.out);
    QTextStream err(&outcome.err);
    outcome.code = OperatorCommand::run(arguments, out, err, environment);
    return outcome;
}

QString TestStoreCopyCommand::createDatabase(const QString &name)
{
    if (auto created = m_server.createDatabase(name); !created)
        qFatal("%s", qPrintable(created.error().message));
    return m_server.url(name);
}

void TestStoreCopyCommand::copiesTheDataDirectorysDatabase()
{
    // A relay's life so far, through the commands themselves.
    Outcome outcome = run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("anna"),
                            QStringLiteral("--extension"), QStringLiteral("101") });
    QCOMPARE(outcome.code, 0);
    outcome = run({ QStringLiteral("blacklist"), QStringLiteral("add"),
                    QStringLiteral("+48999000111"), QStringLiteral("--reason"),
                    QStringLiteral("spam") });
    QCOMPARE(outcome.code, 0);
    {
        SqliteStore store(m_data + u'/' + RelayConfig::databaseFileName());
        QVERIFY(store.open());
        ContactRecord contact;
        contact.name = QStringLiteral("Jan Kowalski");
        contact.phones = { QStringLiteral("+48600100200") };
        QVERIFY(store.createContact(contact));
    }
    const QString url = createDatabase(QStringLiteral("copied"));

    outcome = run({ QStringLiteral("store"), QStringLiteral("copy"), QStringLiteral("--to"), url });
    QVERIFY2(outcome.code == 0, qPrintable(outcome.err));
    QCOMPARE(outcome.out, QString());
    const QStringList lines = outcome.err.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.contains(u"store copy: users: 1 of 1 rows"), qPrintable(outcome.err));
    QVERIFY2(lines.contains(u"store copy: contacts: 1 of 1 rows"), qPrintable(outcome.err));
    QVERIFY2(lines.contains(u"store copy: events: 0 of 0 rows"), qPrintable(outcome.err));
    QVERIFY2(lines.contains(u"store copy: search index: 1 of 1 contacts"), qPrintable(outcome.err));
    // 1 user, 1 contact, its phone, 1 blacklisted number, 2 audit entries.
    const QString path = m_data + u'/' + RelayConfig::databaseFileName();
    QVERIFY2(
            outcome.err.contains(QStringLiteral("callbridge-relay: copied 6 rows from %1 to %2 in ")
                                         .arg(path, url)),
            qPrintable(outcome.err));
    QVERIFY2(outcome.err.contains(QRegularExpression(QStringLiteral("\n  users +1\n"))),
             qPrintable(outcome.err));
    QVERIFY2(outcome.err.contains(QRegularExpression(QStringLiteral("\n  crm_outbox +0\n"))),
             qPrintable(outcome.err));
    QVERIFY2(lines.constLast()
                     == QStringLiteral("callbridge-relay: now set database = %1 in the config of "
                                       "every relay (or CALLBRIDGE_DATABASE) and start them; %2 "
                                       "stays as it was.")
                                .arg(url, path),
             qPrintable(outcome.err));

    // The other commands work on the copy.
    outcome = run(
            { QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--database"), url });
    QCOMPARE(outcome.code, 0);
    QVERIFY2(outcome.out.contains(u"anna"), qPrintable(outcome.out));
    outcome = run({ QStringLiteral("blacklist"), QStringLiteral("list"),
                    QStringLiteral("--database"), url });
    QVERIFY2(outcome.out.contains(u"+48999000111"), qPrintable(outcome.out));

    PostgresStore copy { QUrl(url) };
    QVERIFY(copy.open());
    const auto found = copy.searchContacts(QStringLiteral("kowal"), 10, 0);
    QVERIFY2(found, why(found));
    QCOMPARE(found->size(), 1);
    // Audited in the copy, after the copied entries.
    const auto audit = copy.audit(10, 0);
    QVERIFY2(audit, why(audit));
    QCOMPARE(audit->size(), 3);
    QCOMPARE(audit->at(0).id, 3);
    QCOMPARE(audit->at(0).actor, QStringLiteral("cli"));
    QCOMPARE(audit->at(0).action, QStringLiteral("store.copy"));
    QCOMPARE(audit->at(0).detail, QStringLiteral("6 rows from %1").arg(path));
    QCOMPARE(audit->at(1).action, QStringLiteral("blacklist.add"));
}

void TestStoreCopyCommand::fromNamesAnotherFile()
{
    const QString other = m_dir->filePath(QStringLiteral("old.sqlite"));
    {
        SqliteStore store(other);
        QVERIFY(store.open());
        UserRecord user;
        user.name = QStringLiteral("olga");
        QVERIFY(store.createUser(user));
    }
    const QString url = createDatabase(QStringLiteral("from_other"));
    const Outcome outcome
            = run({ QStringLiteral("store"), QStringLiteral("copy"), QStringLiteral("--to"), url,
                    QStringLiteral("--from"), QStringLiteral("sqlite:") + other });
    QVERIFY2(outcome.code == 0, qPrintable(outcome.err));
    QVERIFY2(outcome.err.contains(QStringLiteral("copied 1 rows from %1").arg(other)),
             qPrintable(outcome.err));
    // Nothing was made in the data directory.
    QVERIFY(!QFileInfo::exists(m_data + u'/' + RelayConfig::databaseFileName()));
}

void TestStoreCopyCommand::refusesATargetThatHoldsData()
{
    QCOMPARE(run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("anna") }).code,
             0);
    const QString url = createDatabase(QStringLiteral("twice"));
    const QStringList copy { QStringLiteral("store"), QStringLiteral("copy"),
                             QStringLiteral("--to"), url };
    QCOMPARE(run(copy).code, 0);
    const Outcome again = run(copy);
    QCOMPARE(again.code, 1);
    QCOMPARE(again.err,
             QStringLiteral("callbridge-relay: cannot copy: %1 already holds data (users: 1, "
                            "audit: 2); copy into an empty database (create a new one, or drop "
                            "and create this one)\n")
                     .arg(url));
}

void TestStoreCopyCommand::refusesANewerTarget()
{
    QCOMPARE(run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("anna") }).code,
             0);
    const QString url = createDatabase(QStringLiteral("newer"));
    {
        PostgresStore store { QUrl(url) };
        QVERIFY(store.open());
    }
    QVERIFY(m_server.psql(QStringLiteral("INSERT INTO schema_version VALUES (99, 'future', 0)"),
                          QStringLiteral("newer")));
    const Outcome outcome
            = run({ QStringLiteral("store"), QStringLiteral("copy"), QStringLiteral("--to"), url });
    QCOMPARE(outcome.code, 1);
    QVERIFY2(outcome.err.startsWith(
                     QStringLiteral("callbridge-relay: cannot open the database %1: ").arg(url)),
             qPrintable(outcome.err));
    QVERIFY2(outcome.err.contains(u"its schema version 99 is newer than this CallBridge knows"),
             qPrintable(outcome.err));
}

void TestStoreCopyCommand::usageErrors()
{
    const QString url = m_server.url(QStringLiteral("unused"));
    const QList<std::pair<QStringList, QString>> cases {
        { {}, QStringLiteral("--to names the PostgreSQL database to copy into") },
        { { QStringLiteral("--to"), QStringLiteral("sqlite:x.sqlite") },
          QStringLiteral("--to is a postgres:// URL, not sqlite:x.sqlite") },
        { { QStringLiteral("--to"), QStringLiteral("postgres://host") },
          QStringLiteral("--to: \"postgres://host\" names no database (expected "
                         "postgres://user@host:5432/database)") },
        { { QStringLiteral("--to"), url, QStringLiteral("--from"), url },
          QStringLiteral("--from is sqlite:PATH, not %1").arg(url) },
    };
    for (const auto &[options, message] : cases) {
        const Outcome outcome
                = run(QStringList { QStringLiteral("store"), QStringLiteral("copy") } + options);
        QCOMPARE(outcome.code, 2);
        QCOMPARE(outcome.err,
                 QStringLiteral("callbridge-relay: %1\nusage: callbridge-relay store copy --to "
                                "postgres://USER@HOST/DATABASE [--from sqlite:PATH]\n")
                         .arg(message));
    }
    const Outcome missing
            = run({ QStringLiteral("store"), QStringLiteral("copy"), QStringLiteral("--to"), url });
    QCOMPARE(missing.code, 1);
    QCOMPARE(missing.err,
             QStringLiteral("callbridge-relay: there is no SQLite database %1/callbridge.sqlite "
                            "(--from sqlite:PATH names another)\n")
                     .arg(m_data));
    QVERIFY(!QFileInfo::exists(m_data + QStringLiteral("/callbridge.sqlite")));

    const Outcome help
            = run({ QStringLiteral("store"), QStringLiteral("copy"), QStringLiteral("--help") });
    QCOMPARE(help.code, 0);
    QVERIFY(help.out.startsWith(u"usage: callbridge-relay store copy --to"));
    QVERIFY(OperatorCommand::usage().contains(u"store copy --to postgres://USER@HOST/DATABASE"));
    QVERIFY(OperatorCommand::handles({ QStringLiteral("store"), QStringLiteral("copy") }));
}

QTEST_GUILESS_MAIN(TestStoreCopyCommand)
#include "TestStoreCopyCommand.moc"
