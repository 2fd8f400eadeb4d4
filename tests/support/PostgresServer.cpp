// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/PostgresServer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QVersionNumber>

#include <algorithm>
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace CallBridge {

namespace {

constexpr int TimeoutMs = 30000;
const auto Superuser = QStringLiteral("callbridge");
const auto PostgresUser = QByteArrayLiteral("postgres");
const auto DirPrefix = QStringLiteral("callbridge-pg-");

// Debian keeps the server's binaries off PATH, one directory per major version.
QString findBinDirectory()
{
    QDir versions(QStringLiteral("/usr/lib/postgresql"));
    QStringList names = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        return QVersionNumber::fromString(a) > QVersionNumber::fromString(b);
    });
    for (const QString &name : std::as_const(names)) {
        const QString bin = versions.filePath(name + QStringLiteral("/bin"));
        if (QFileInfo(bin + QStringLiteral("/initdb")).isExecutable())
            return bin;
    }
    const QString initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    if (initdb.isEmpty())
        return {};
    return QFileInfo(QFileInfo(initdb).canonicalFilePath()).absolutePath();
}

// The postgres user must be able to walk down to its directory.
bool traversableByOthers(const QString &path)
{
    QDir dir(QFileInfo(path).absoluteFilePath());
    for (;;) {
        struct stat st;
        if (::stat(QFile::encodeName(dir.path()).constData(), &st) != 0 || !(st.st_mode & S_IXOTH))
            return false;
        if (dir.isRoot())
            return true;
        dir.setPath(QFileInfo(dir.path()).absolutePath());
    }
}

// A developer's PGHOST, PGUSER or PGOPTIONS must not steer the test's tools elsewhere.
QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QStringList keys = environment.keys();
    for (const QString &key : keys) {
        if (key.startsWith(QStringLiteral("PG")))
            environment.remove(key);
    }
    return environment;
}

QString tail(const QByteArray &text, int lines)
{
    QStringList all = QString::fromLocal8Bit(text).trimmed().split(QLatin1Char('\n'));
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return all.join(QLatin1Char('\n'));
}

QString findRunuser()
{
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("runuser"));
    if (!onPath.isEmpty())
        return onPath;
    return QStandardPaths::findExecutable(QStringLiteral("runuser"),
                                          { QStringLiteral("/usr/sbin"), QStringLiteral("/sbin") });
}

struct Run
{
    bool ok = false;
    QString failure; // for a person: the tool's stderr, or why it did not run
    QByteArray out;
};

Run runProcess(const QString &name, const QString &binary, const QStringList &arguments,
               const QString &workingDirectory = QString())
{
    QProcess process;
    process.setProcessEnvironment(cleanEnvironment());
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(binary, arguments);
    Run run;
    if (!process.waitForStarted(TimeoutMs)) {
        run.failure = QStringLiteral("could not run %1: %2").arg(binary, process.errorString());
        return run;
    }
    if (!process.waitForFinished(TimeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        run.failure = QStringLiteral("%1 did not finish within %2 s: %3")
                              .arg(name)
                              .arg(TimeoutMs / 1000)
                              .arg(tail(process.readAllStandardError(), 20));
        return run;
    }
    run.out = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    run.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (!run.ok) {
        run.failure = QStringLiteral("%1 exited with %2: %3")
                              .arg(name)
                              .arg(process.exitCode())
                              .arg(tail(err.isEmpty() ? run.out : err, 20));
    }
    return run;
}

// initdb, pg_ctl: as the postgres user when we are root, since PostgreSQL refuses root.
Run runServerTool(const QString &binDir, bool asPostgresUser, const QString &tool,
                  const QStringList &arguments)
{
    const QString binary = QDir(binDir).filePath(tool);
    if (!asPostgresUser)
        return runProcess(tool, binary, arguments);
    return runProcess(tool, findRunuser(),
                      QStringList { QStringLiteral("-u"), QString::fromLatin1(PostgresUser),
                                    QStringLiteral("--"), binary }
                              + arguments,
                      // The postgres user may not be allowed into the test's working directory.
                      QStringLiteral("/"));
}

// psql, createdb: any user may run them, over TCP as the cluster's superuser.
Run runClient(const QString &binDir, const QString &tool, const QStringList &arguments)
{
    QString binary = QDir(binDir).filePath(tool);
    if (!QFileInfo(binary).isExecutable())
        binary = QStandardPaths::findExecutable(tool);
    if (binary.isEmpty()) {
        Run missing;
        missing.failure = QStringLiteral("%1 not found: install PostgreSQL's client (Debian: apt "
                                         "install postgresql-client)")
                                  .arg(tool);
        return missing;
    }
    return runProcess(tool, binary, arguments);
}

// A test that crashed or hit its time-out left its server behind; the next one ends it.
void removeAbandonedClusters(const QString &base, const QString &binDir, bool asPostgresUser)
{
    const QStringList names = QDir(base).entryList({ DirPrefix + QStringLiteral("*") },
                                                   QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &name : names) {
        const pid_t owner = name.mid(DirPrefix.size()).section(QLatin1Char('-'), 0, 0).toInt();
        if (owner <= 0 || ::kill(owner, 0) == 0 || errno != ESRCH)
            continue;
        const QString dir = QDir(base).filePath(name);
        if (QFile::exists(dir + QStringLiteral("/data/postmaster.pid"))) {
            (void)runServerTool(binDir, asPostgresUser, QStringLiteral("pg_ctl"),
                                { QStringLiteral("-w"), QStringLiteral("-D"),
                                  dir + QStringLiteral("/data"), QStringLiteral("-m"),
                                  QStringLiteral("immediate"), QStringLiteral("stop") });
        }
        QDir(dir).removeRecursively();
    }
}

} // namespace

PostgresServer::PostgresServer() = default;

PostgresServer::~PostgresServer()
{
    stop();
}

QString PostgresServer::url(const QString &database) const
{
    return QStringLiteral("postgres://%1@127.0.0.1:%2/%3").arg(Superuser).arg(m_port).arg(database);
}

QString PostgresServer::dataDirectory() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("data")) : QString();
}

Result<void> PostgresServer::start()
{
    if (m_running)
        return {};
    m_binDir = findBinDirectory();
    if (m_binDir.isEmpty()) {
        return fail(
                QStringLiteral("initdb not found in /usr/lib/postgresql/*/bin or on PATH: install "
                               "PostgreSQL (Debian: apt install postgresql)"));
    }
    m_asPostgresUser = ::geteuid() == 0;
    if (m_asPostgresUser) {
        if (!::getpwnam(PostgresUser.constData())) {
            return fail(QStringLiteral(
                    "running as root, but PostgreSQL refuses root and there is no \"postgres\" "
                    "user to run it as: install PostgreSQL (Debian: apt install postgresql "
                    "creates the user)"));
        }
        if (findRunuser().isEmpty())
            return fail(QStringLiteral("running as root, but runuser is missing (util-linux)"));
    }
    if (const Result<void> created = createCluster(); !created) {
        stop();
        return created;
    }

    // Another process may take the free port between our look and the server's bind.
    Result<void> started = fail(QString());
    for (int attempt = 0; attempt < 3; ++attempt) {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            started = fail(
                    QStringLiteral("no free port on 127.0.0.1: %1").arg(probe.errorString()));
            break;
        }
        const quint16 port = probe.serverPort();
        probe.close();
        bool portTaken = false;
        started = startOn(port, &portTaken);
        if (started || !portTaken)
            break;
    }
    if (started)
        started = createDatabase(Superuser);
    if (!started)
        stop();
    return started;
}

void PostgresServer::stop()
{
    if (!m_dir)
        return;
    if (m_running) {
        if (const Result<void> stopped = stopServer(QStringLiteral("immediate")); !stopped)
            qWarning("%s", qPrintable(stopped.error().message));
        m_running = false;
    }
    if (!m_dir->remove())
        qWarning("could not remove PostgreSQL's directory %s", qPrintable(m_dir->path()));
    m_dir.reset();
}

Result<void> PostgresServer::restart()
{
    if (!m_running)
        return fail(QStringLiteral("PostgreSQL is not running: call start() first"));
    if (const Result<void> stopped = stopServer(QStringLiteral("fast")); !stopped)
        return stopped;
    m_running = false;
    return startOn(m_port, nullptr);
}

Result<void> PostgresServer::createDatabase(const QString &name)
{
    if (!m_running)
        return fail(QStringLiteral("PostgreSQL is not running: call start() first"));
    const Run run
            = runClient(m_binDir, QStringLiteral("createdb"),
                        { QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                          QString::number(m_port), QStringLiteral("-U"), Superuser, name });
    if (!run.ok)
        return fail(QStringLiteral("could not create database %1: %2").arg(name, run.failure));
    return {};
}

Result<QString> PostgresServer::psql(const QString &sql, const QString &database) const
{
    if (!m_running)
        return fail(QStringLiteral("PostgreSQL is not running: call start() first"));
    const Run run
            = runClient(m_binDir, QStringLiteral("psql"),
                        { QStringLiteral("-X"), QStringLiteral("-A"), QStringLiteral("-t"),
                          QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                          QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                          QString::number(m_port), QStringLiteral("-U"), Superuser,
                          QStringLiteral("-d"), database, QStringLiteral("-c"), sql });
    if (!run.ok)
        return fail(run.failure);
    QString out = QString::fromUtf8(run.out);
    if (out.endsWith(QLatin1Char('\n')))
        out.chop(1);
    return out;
}

Result<void> PostgresServer::createCluster()
{
    QString base = QDir::tempPath();
    if (m_asPostgresUser && !traversableByOthers(base)) {
        base = QStringLiteral("/tmp");
        if (!traversableByOthers(base))
            return fail(QStringLiteral("no temporary directory the postgres user can reach"));
    }
    removeAbandonedClusters(base, m_binDir, m_asPostgresUser);
    m_dir = std::make_unique<QTemporaryDir>(
            QDir(base).filePath(DirPrefix + QString::number(QCoreApplication::applicationPid())
                                + QStringLiteral("-XXXXXX")));
    if (!m_dir->isValid()) {
        const QString why = m_dir->errorString();
        m_dir.reset();
        return fail(
                QStringLiteral("could not create a temporary directory in %1: %2").arg(base, why));
    }
    if (!QDir(m_dir->path()).mkdir(QStringLiteral("s")))
        return fail(
                QStringLiteral("could not create %1").arg(m_dir->filePath(QStringLiteral("s"))));
    if (m_asPostgresUser) {
        const passwd *user = ::getpwnam(PostgresUser.constData());
        for (const QString &path : { m_dir->path(), m_dir->filePath(QStringLiteral("s")) }) {
            if (!user
                || ::chown(QFile::encodeName(path).constData(), user->pw_uid, user->pw_gid) != 0)
                return fail(QStringLiteral("could not give %1 to the postgres user").arg(path));
        }
    }
    const Run initdb = runServerTool(
            m_binDir, m_asPostgresUser, QStringLiteral("initdb"),
            { QStringLiteral("-D"), dataDirectory(), QStringLiteral("-A"), QStringLiteral("trust"),
              QStringLiteral("-U"), Superuser, QStringLiteral("-E"), QStringLiteral("UTF8"),
              QStringLiteral("--locale=C.UTF-8"), QStringLiteral("--no-sync") });
    if (!initdb.ok)
        return fail(QStringLiteral("initdb failed: %1").arg(initdb.failure));
    return {};
}

Result<void> PostgresServer::startOn(quint16 port, bool *portTaken)
{
    const QString log = m_dir->filePath(QStringLiteral("server.log"));
    const qint64 logStart = QFileInfo(log).size();
    // pg_ctl hands -o to a shell.
    QString options = QStringLiteral("-p %1 -h 127.0.0.1 -k \"%2\"")
                              .arg(port)
                              .arg(m_dir->filePath(QStringLiteral("s")));
    if (!m_durable)
        options += QStringLiteral(
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
    const Run run = runServerTool(m_binDir, m_asPostgresUser, QStringLiteral("pg_ctl"),
                                  { QStringLiteral("-w"), QStringLiteral("-t"),
                                    QString::number(TimeoutMs / 1000), QStringLiteral("-D"),
                                    dataDirectory(), QStringLiteral("-l"), log,
                                    QStringLiteral("-o"), options, QStringLiteral("start") });
    if (run.ok) {
        m_port = port;
        m_running = true;
        return {};
    }
    QString serverLog;
    QFile file(log);
    if (file.open(QIODevice::ReadOnly) && file.seek(logStart))
        serverLog = tail(file.readAll(), 20);
    if (portTaken)
        *portTaken = serverLog.contains(QStringLiteral("Address already in use"));
    // A server that was still starting when pg_ctl gave up must not live on.
    (void)stopServer(QStringLiteral("immediate"));
    return fail(QStringLiteral("PostgreSQL did not start on 127.0.0.1:%1: %2\nserver log:\n%3")
                        .arg(port)
                        .arg(run.failure, serverLog));
}

Result<void> PostgresServer::stopServer(const QString &mode)
{
    const QString data = dataDirectory();
    const Run run = runServerTool(m_binDir, m_asPostgresUser, QStringLiteral("pg_ctl"),
                                  { QStringLiteral("-w"), QStringLiteral("-t"),
                                    QString::number(TimeoutMs / 1000), QStringLiteral("-D"), data,
                                    QStringLiteral("-m"), mode, QStringLiteral("stop") });
    if (run.ok)
        return {};
    // pg_ctl failed or timed out: SIGQUIT is the postmaster's own immediate shutdown.
    QFile pidFile(data + QStringLiteral("/postmaster.pid"));
    if (!pidFile.open(QIODevice::ReadOnly))
        return {}; // no server running
    const pid_t pid = QString::fromLatin1(pidFile.readLine()).trimmed().toInt();
    if (pid > 0)
        ::kill(pid, SIGQUIT);
    return fail(QStringLiteral("pg_ctl stop failed: %1").arg(run.failure));
}

} // namespace CallBridge
