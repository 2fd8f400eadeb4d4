// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/PostgresServer.h"
#include "tests/support/ResultMessage.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

#include <sys/types.h>

using namespace CallBridge;
using Test::why;

namespace {

// A zombie counts as gone: the server has ended, only its parent (init, after pg_ctl left) has
// not reaped it yet.
bool running(pid_t pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    return line.mid(line.lastIndexOf(')') + 2, 1) != "Z";
}

} // namespace

class TestPostgresServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void answersThroughQtsDriver();
    void psqlTellsWhatWentWrong();
    void aTerminatedBackendBreaksItsConnection();
    void restartKeepsThePortAndTheData();
    void createDatabaseMakesAnEmptyOne();
    void stopEndsTheServerAndRemovesItsData();

private:
    QSqlDatabase open(const QString &connection,
                      const QString &database = QStringLiteral("callbridge"));

    PostgresServer m_server;
};

void TestPostgresServer::initTestCase()
{
    QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
             "Qt's PostgreSQL driver is missing: install libqt6sql6-psql");
    QElapsedTimer timer;
    timer.start();
    const Result<void> started = m_server.start();
    QVERIFY2(started, why(started));
    qInfo("PostgreSQL started in %lld ms on port %d", timer.elapsed(), m_server.port());
    QVERIFY(m_server.isRunning());
    QVERIFY(m_server.port() > 0);
}

void TestPostgresServer::cleanup()
{
    // Each test's QSqlDatabase handles are gone by now.
    const QStringList names = QSqlDatabase::connectionNames();
    for (const QString &name : names)
        QSqlDatabase::removeDatabase(name);
}

QSqlDatabase TestPostgresServer::open(const QString &connection, const QString &database)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
    db.setHostName(QStringLiteral("127.0.0.1"));
    db.setPort(m_server.port());
    db.setUserName(QStringLiteral("callbridge"));
    db.setDatabaseName(database);
    db.setConnectOptions(QStringLiteral("connect_timeout=5"));
    if (!db.open())
        qWarning("could not open %s: %s", qPrintable(database), qPrintable(db.lastError().text()));
    return db;
}

void TestPostgresServer::answersThroughQtsDriver()
{
    QCOMPARE(m_server.url(),
             QStringLiteral("postgres://callbridge@127.0.0.1:%1/callbridge").arg(m_server.port()));
    QCOMPARE(m_server.url(QStringLiteral("other")),
             QStringLiteral("postgres://callbridge@127.0.0.1:%1/other").arg(m_server.port()));

    QSqlDatabase db = open(QStringLiteral("select"));
    QVERIFY(db.isOpen());
    QSqlQuery query(db);
    QVERIFY2(query.exec(QStringLiteral("SELECT 1")), qPrintable(query.lastError().text()));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);

    QCOMPARE(m_server.psql(QStringLiteral("SELECT 1")).valueOr(QString()), QStringLiteral("1"));
    QCOMPARE(m_server.psql(QStringLiteral("SELECT 1, 'a' UNION ALL SELECT 2, 'b'"))
                     .valueOr(QString()),
             QStringLiteral("1|a\n2|b"));
    // Tests trade durability for speed unless they ask for it.
    QCOMPARE(m_server.psql(QStringLiteral("SHOW fsync")).valueOr(QString()), QStringLiteral("off"));
    QCOMPARE(m_server.psql(QStringLiteral("SHOW server_encoding")).valueOr(QString()),
             QStringLiteral("UTF8"));
}

void TestPostgresServer::psqlTellsWhatWentWrong()
{
    const Result<QString> answer = m_server.psql(QStringLiteral("SELEC 1"));
    QVERIFY(!answer);
    QVERIFY2(answer.error().message.contains(QStringLiteral("syntax error")),
             qPrintable(answer.error().message));
}

void TestPostgresServer::aTerminatedBackendBreaksItsConnection()
{
    QSqlDatabase db = open(QStringLiteral("terminated"));
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("SELECT pg_backend_pid()")));
    QVERIFY(query.next());
    const QString pid = query.value(0).toString();

    QCOMPARE(m_server.psql(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid))
                     .valueOr(QString()),
             QStringLiteral("t"));
    QVERIFY(!query.exec(QStringLiteral("SELECT 1")));
}

void TestPostgresServer::restartKeepsThePortAndTheData()
{
    const Result<QString> created = m_server.psql(
            QStringLiteral("CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)"));
    QVERIFY2(created, why(created));
    QSqlDatabase before = open(QStringLiteral("before"));
    QVERIFY(before.isOpen());
    const quint16 port = m_server.port();

    const Result<void> restarted = m_server.restart();
    QVERIFY2(restarted, why(restarted));
    QVERIFY(m_server.isRunning());
    QCOMPARE(m_server.port(), port);

    QSqlQuery stale(before);
    QVERIFY(!stale.exec(QStringLiteral("SELECT 1"))); // that server went away

    QSqlDatabase after = open(QStringLiteral("after"));
    QVERIFY(after.isOpen());
    QSqlQuery query(after);
    QVERIFY(query.exec(QStringLiteral("SELECT x FROM kept")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 42);
}

void TestPostgresServer::createDatabaseMakesAnEmptyOne()
{
    const Result<void> created = m_server.createDatabase(QStringLiteral("second"));
    QVERIFY2(created, why(created));
    QSqlDatabase db = open(QStringLiteral("second"), QStringLiteral("second"));
    QVERIFY(db.isOpen());
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);

    const Result<void> again = m_server.createDatabase(QStringLiteral("second"));
    QVERIFY(!again);
    QVERIFY2(again.error().message.contains(QStringLiteral("already exists")),
             qPrintable(again.error().message));
}

void TestPostgresServer::stopEndsTheServerAndRemovesItsData()
{
    const QString data = m_server.dataDirectory();
    QFile pidFile(data + QStringLiteral("/postmaster.pid"));
    QVERIFY(pidFile.open(QIODevice::ReadOnly));
    const pid_t postmaster = QString::fromLatin1(pidFile.readLine()).trimmed().toInt();
    pidFile.close();
    QVERIFY(postmaster > 0);
    const quint16 port = m_server.port();

    m_server.stop();
    QVERIFY(!m_server.isRunning());
    QVERIFY(!QFileInfo::exists(data));
    QTRY_VERIFY(!running(postmaster));

    QTcpSocket socket;
    QSignalSpy failed(&socket, &QTcpSocket::errorOccurred);
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(failed.wait(5000));
    QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);
    QVERIFY(!m_server.psql(QStringLiteral("SELECT 1")));
}

QTEST_GUILESS_MAIN(TestPostgresServer)
#include "TestPostgresServer.moc"
