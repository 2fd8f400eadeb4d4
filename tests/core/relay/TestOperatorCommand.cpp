// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/AccessToken.h"
#include "core/relay/OperatorCommand.h"
#include "core/relay/RelayConfig.h"
#include "core/relay/RelaySettings.h"
#include "core/relay/SecretsFile.h"
#include "core/sim/SimApi.h"
#include "core/sim/SimCallController.h"
#include "core/sim/SimPbx.h"
#include "core/sim/SimServer.h"
#include "core/store/SqliteStore.h"
#include "tests/support/FakeClock.h"
#include "tests/support/LoopbackHttpServer.h"

#include <QFile>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QUrlQuery>

#include <memory>

using namespace CallBridge;
using Relay = Test::LoopbackHttpServer;

namespace {

struct Outcome
{
    int code = -1;
    QString out;
    QString err;
};

class NoCalls final : public SimCallController
{
public:
    Result<QString> startCallback(const QString &, const QString &, const QString &, bool) override
    {
        return fail(QStringLiteral("no calls in this test"));
    }
};

// The one line of out that is a token.
QString tokenIn(const QString &out)
{
    static const QRegularExpression pattern(QStringLiteral("^(cbt_[A-Za-z0-9_-]{43})$"),
                                            QRegularExpression::MultilineOption);
    const auto matches = pattern.globalMatch(out);
    QStringList tokens;
    for (auto it = matches; it.hasNext();)
        tokens.append(it.next().captured(1));
    return tokens.size() == 1 ? tokens.first() : QString();
}

} // namespace

class TestOperatorCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void usageAndHelp();
    void handles();
    void dataDirectoryIsRequiredAndCreated();
    void userAddPrintsTheTokenOnceAndStoresItsHash();
    void userAddRefusals();
    void userTokenReplacesTheOldOne();
    void userSetAndExtensionClash();
    void userRemove();
    void blacklistNormalisesNumbers();
    void contactsImportCsv();
    void contactsImportVCard();
    void contactsImportRefusals();
    void contactsImportReportsProgress();
    void contactsImportDryRunChangesNothing();
    void contactsImportWritesInChunksAndStillFindsDuplicates();
    void contactsImportMergesDuplicates();
    void contactsExportImportsBackTheSame();
    void settingsGetAndSet();
    void settingsValidation();
    void zadarmaRegister();
    void zadarmaRegisterFailures();

private:
    Outcome run(const QStringList &arguments, const QProcessEnvironment &extra = {});
    std::unique_ptr<SqliteStore> openStore();
    QString writeFile(const QString &name, const QByteArray &content);
    QList<AuditEntry> auditEntries();
    void startSimulator();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_data;
    // The simulator, for zadarma register.
    std::unique_ptr<Test::FakeClock> m_clock;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<NoCalls> m_calls;
    std::unique_ptr<SimPbx> m_pbx;
    std::unique_ptr<SimServer> m_server;
    std::unique_ptr<SimApi> m_api;
};

void TestOperatorCommand::initTestCase()
{
    // The failures below are on purpose; the Zadarma client warns about each.
    QLoggingCategory::setFilterRules(
            QStringLiteral("callbridge.*.info=false\ncallbridge.core.zadarma.warning=false"));
}

void TestOperatorCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_data = m_dir->filePath(QStringLiteral("data"));
}

void TestOperatorCommand::cleanup()
{
    m_api.reset();
    m_server.reset();
    m_pbx.reset();
    m_calls.reset();
    m_network.reset();
    m_clock.reset();
    m_dir.reset();
}

Outcome TestOperatorCommand::run(const QStringList &arguments, const QProcessEnvironment &extra)
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("CALLBRIDGE_DATA"), m_data);
    for (const QString &name : extra.keys())
        environment.insert(name, extra.value(name));
    Outcome outcome;
    QTextStream out(&outcome.out);
    QTextStream err(&outcome.err);
    outcome.code = OperatorCommand::run(arguments, out, err, environment);
    out.flush();
    err.flush();
    return outcome;
}

std::unique_ptr<SqliteStore> TestOperatorCommand::openStore()
{
    auto store = std::make_unique<SqliteStore>(m_data + QStringLiteral("/")
                                               + RelayConfig::databaseFileName());
    const auto opened = store->open();
    if (!opened)
        qWarning("cannot open the store: %s", qPrintable(opened.error().message));
    return store;
}

QString TestOperatorCommand::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QList<AuditEntry> TestOperatorCommand::auditEntries()
{
    auto store = openStore();
    auto entries = store->audit(1000, 0);
    return entries ? entries.value() : QList<AuditEntry>();
}

// Evaluates its argument once: QVERIFY2 builds its message even when the check passes.
#define RUN_OK(expression) \
    do { \
        const Outcome checked_ = (expression); \
        QVERIFY2(checked_.code == 0, \
                 qPrintable(QStringLiteral("exit %1\n%2%3") \
                                    .arg(checked_.code) \
                                    .arg(checked_.out, checked_.err))); \
    } while (false)

// ---------------------------------------------------------------------------------------------

void TestOperatorCommand::usageAndHelp()
{
    const QString usage = OperatorCommand::usage();
    for (const char *synopsis :
         { "user add NAME", "user list", "user remove NAME", "user token NAME", "user set NAME",
           "blacklist add NUMBER", "blacklist remove NUMBER", "blacklist list",
           "contacts import FILE", "settings get [KEY]", "settings set KEY VALUE",
           "zadarma register URL" })
        QVERIFY2(usage.contains(QLatin1StringView(synopsis)), synopsis);

    Outcome outcome
            = run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--help") });
    QCOMPARE(outcome.code, 0);
    QVERIFY(outcome.out.startsWith(u"usage: callbridge-relay user add NAME"));

    outcome = run({ QStringLiteral("user") });
    QCOMPARE(outcome.code, 2);
    QVERIFY2(outcome.err.contains(u"user: missing command; one of:")
                     && outcome.err.contains(u"callbridge-relay user token NAME"),
             qPrintable(outcome.err));
    outcome = run({ QStringLiteral("user"), QStringLiteral("promote"), QStringLiteral("ana") });
    QCOMPARE(outcome.code, 2);
    QVERIFY(outcome.err.contains(u"unknown command \"promote\""));
    outcome = run({ QStringLiteral("user"), QStringLiteral("remove") });
    QCOMPARE(outcome.code, 2);
    QVERIFY(outcome.err.contains(u"missing arguments"));
    outcome = run({ QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("extra") });
    QCOMPARE(outcome.code, 2);
    QVERIFY(outcome.err.contains(u"too many arguments"));
    outcome = run({ QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--colour"),
                    QStringLiteral("red") });
    QCOMPARE(outcome.code, 2);
    QVERIFY(outcome.err.contains(u"unknown option --colour"));
    outcome = run({ QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--reason"),
                    QStringLiteral("x") });
    QCOMPARE(outcome.code, 2);
    QVERIFY2(outcome.err.contains(u"--reason is not an option of \"user list\""),
             qPrintable(outcome.err));
    QVERIFY(!QFileInfo::exists(m_data)); // usage errors touch nothing
}

void TestOperatorCommand::handles()
{
    QVERIFY(OperatorCommand::handles({ QStringLiteral("user"), QStringLiteral("list") }));
    QVERIFY(OperatorCommand::handles({ QStringLiteral("--data"), QStringLiteral("/x"),
                                       QStringLiteral("settings"), QStringLiteral("get") }));
    QVERIFY(OperatorCommand::handles({ QStringLiteral("zadarma"), QStringLiteral("register"),
                                       QStringLiteral("https://x/zadarma") }));
    QVERIFY(OperatorCommand::handles({ QStringLiteral("blacklist"), QStringLiteral("--bogus") }));
    QVERIFY(!OperatorCommand::handles({ QStringLiteral("zadarma"), QStringLiteral("GET"),
                                        QStringLiteral("/v1/info/balance/") }));
    QVERIFY(!OperatorCommand::handles({ QStringLiteral("serve") }));
    QVERIFY(!OperatorCommand::handles({}));
}

void TestOperatorCommand::dataDirectoryIsRequiredAndCreated()
{
    QProcessEnvironment none;
    Outcome outcome;
    QTextStream out(&outcome.out);
    QTextStream err(&outcome.err);
    outcome.code = OperatorCommand::run({ QStringLiteral("user"), QStringLiteral("list") }, out,
                                        err, none);
    err.flush();
    QCOMPARE(outcome.code, 2);
    QVERIFY2(outcome.err.contains(u"--data DIR"), qPrintable(outcome.err));

    // --data wins over CALLBRIDGE_DATA; a new directory is made private.
    const QString other = m_dir->filePath(QStringLiteral("other/data"));
    outcome = run(
            { QStringLiteral("--data"), other, QStringLiteral("user"), QStringLiteral("list") });
    RUN_OK(outcome);
    QVERIFY(outcome.out.contains(u"No users yet"));
    QVERIFY(QFileInfo::exists(other + QStringLiteral("/callbridge.sqlite")));
    QCOMPARE(QFile::permissions(other) & (QFile::ReadGroup | QFile::ReadOther),
             QFile::Permissions());
    QVERIFY(!QFileInfo::exists(m_data));
}

void TestOperatorCommand::userAddPrintsTheTokenOnceAndStoresItsHash()
{
    Outcome outcome = run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ana"),
                            QStringLiteral("--role"), QStringLiteral("admin"),
                            QStringLiteral("--extension"), QStringLiteral("100"),
                            QStringLiteral("--display-name"), QStringLiteral("Ana García") });
    RUN_OK(outcome);
    const QString token = tokenIn(outcome.out);
    QVERIFY2(AccessToken::isWellFormed(token), qPrintable(outcome.out));
    QVERIFY(outcome.out.contains(u"Added admin ana with extension 100."));
    QVERIFY(outcome.out.contains(u"will not be shown again"));

    auto store = openStore();
    const auto user = store->userByName(QStringLiteral("ana"));
    QVERIFY(user && user->has_value());
    QCOMPARE(user->value().tokenHash, AccessToken::hash(token));
    QCOMPARE(user->value().role, UserRole::Admin);
    QCOMPARE(user->value().extension, QStringLiteral("100"));
    QCOMPARE(user->value().displayName, QStringLiteral("Ana García"));
    const auto byToken = store->userByTokenHash(AccessToken::hash(token));
    QVERIFY(byToken && byToken->has_value());
    store.reset();

    QVERIFY(run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bo") }).code == 0);
    outcome = run({ QStringLiteral("user"), QStringLiteral("list") });
    RUN_OK(outcome);
    const QStringList lines = outcome.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith(u"NAME"));
    QVERIFY2(QRegularExpression(QStringLiteral("^ana +admin +100 +Ana García$"))
                     .match(lines.at(1))
                     .hasMatch(),
             qPrintable(lines.at(1)));
    QVERIFY2(QRegularExpression(QStringLiteral("^bo +agent +-$")).match(lines.at(2)).hasMatch(),
             qPrintable(lines.at(2)));
    QVERIFY(!outcome.out.contains(token));
    QVERIFY(!outcome.out.contains(u"cbt_"));
    QVERIFY(!outcome.out.contains(QString::fromLatin1(AccessToken::hash(token).toHex())));

    const QList<AuditEntry> audit = auditEntries();
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit.last().action, QStringLiteral("user.add"));
    QCOMPARE(audit.last().actor, QStringLiteral("cli"));
    QCOMPARE(audit.last().detail, QStringLiteral("ana (admin, extension 100)"));
    for (const AuditEntry &entry : audit)
        QVERIFY(!entry.detail.contains(u"cbt_"));
}

void TestOperatorCommand::userAddRefusals()
{
    RUN_OK(run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ana"),
                 QStringLiteral("--extension=100") }));

    Outcome outcome = run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ana") });
    QCOMPARE(outcome.code, 1);
    QVERIFY2(outcome.err.contains(u"a user named \"ana\" already exists"), qPrintable(outcome.err));
    QVERIFY(tokenIn(outcome.out).isEmpty());

    outcome = run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bo"),
                    QStringLiteral("--extension"), QStringLiteral("100") });
    QCOMPARE(outcome.code, 1);
    QVERIFY2(outcome.err.contains(u"extension 100 already belongs to user \"ana\""),
             qPrintable(outcome.err));
    QVERIFY(tokenIn(outcome.out).isEmpty());

    outcome = run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bo"),
                    QStringLiteral("--role"), QStringLiteral("boss") });
    QCOMPARE(outcome.code, 2);
    QVERIFY(outcome.err.contains(u"--role is agent or admin, not \"boss\""));
    outcome = run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("Bo Lee") });
    QCOMPARE(outcome.code, 2);
    QVERIFY(outcome.err.contains(u"\"Bo Lee\" is not a user name"));
    outcome = run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bo"),
                    QStringLiteral("--extension"), QStringLiteral("10x") });
    QCOMPARE(outcome.code, 2);
    QVERIFY(outcome.err.contains(u"not \"10x\""));
    outcome = run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bo"),
                    QStringLiteral("--role") });
    QCOMPARE(outcome.code, 2);
    QVERIFY(outcome.err.contains(u"--role needs a value"));

    auto store = openStore();
    QCOMPARE(store->users()->size(), 1);
    QCOMPARE(store->audit(100, 0)->size(), 1);
}

void TestOperatorCommand::userTokenReplacesTheOldOne()
{
    const QString first = tokenIn(
            run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ana") }).out);
    QVERIFY(!first.isEmpty());
    const Outcome outcome
            = run({ QStringLiteral("user"), QStringLiteral("token"), QStringLiteral("ana") });
    RUN_OK(outcome);
    const QString second = tokenIn(outcome.out);
    QVERIFY(!second.isEmpty());
    QVERIFY(second != first);
    QVERIFY(outcome.out.contains(u"The old token of ana no longer works."));

    auto store = openStore();
    QVERIFY(!store->userByTokenHash(AccessToken::hash(first))->has_value());
    QCOMPARE(store->userByTokenHash(AccessToken::hash(second))->value().name,
             QStringLiteral("ana"));
    QCOMPARE(store->audit(1, 0)->first().action, QStringLiteral("user.token"));
    store.reset();

    const Outcome missing
            = run({ QStringLiteral("user"), QStringLiteral("token"), QStringLiteral("nobody") });
    QCOMPARE(missing.code, 1);
    QVERIFY(missing.err.contains(u"there is no user named \"nobody\""));
    QVERIFY(tokenIn(missing.out).isEmpty());
}

void TestOperatorCommand::userSetAndExtensionClash()
{
    RUN_OK(run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ana"),
                 QStringLiteral("--extension"), QStringLiteral("100") }));
    RUN_OK(run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bo") }));

    Outcome outcome = run({ QStringLiteral("user"), QStringLiteral("set"), QStringLiteral("bo"),
                            QStringLiteral("--extension"), QStringLiteral("100") });
    QCOMPARE(outcome.code, 1);
    QVERIFY2(outcome.err.contains(u"extension 100 already belongs to user \"ana\""),
             qPrintable(outcome.err));

    outcome = run({ QStringLiteral("user"), QStringLiteral("set"), QStringLiteral("bo"),
                    QStringLiteral("--extension"), QStringLiteral("101"), QStringLiteral("--role"),
                    QStringLiteral("admin") });
    RUN_OK(outcome);
    QCOMPARE(outcome.out, QStringLiteral("Changed bo: role admin, extension 101.\n"));
    outcome = run({ QStringLiteral("user"), QStringLiteral("set"), QStringLiteral("ana"),
                    QStringLiteral("--extension"), QStringLiteral("none") });
    RUN_OK(outcome);
    RUN_OK(run({ QStringLiteral("user"), QStringLiteral("set"), QStringLiteral("bo"),
                 QStringLiteral("--extension"), QStringLiteral("100") }));

    auto store = openStore();
    QCOMPARE(store->userByName(QStringLiteral("ana"))->value().extension, QString());
    QCOMPARE(store->userByName(QStringLiteral("bo"))->value().extension, QStringLiteral("100"));
    QCOMPARE(store->userByName(QStringLiteral("bo"))->value().role, UserRole::Admin);
    QCOMPARE(store->audit(1, 0)->first().detail, QStringLiteral("bo: extension 100"));
    store.reset();

    outcome = run({ QStringLiteral("user"), QStringLiteral("set"), QStringLiteral("bo") });
    QCOMPARE(outcome.code, 2);
    QVERIFY(outcome.err.contains(u"nothing to change"));
    outcome = run({ QStringLiteral("user"), QStringLiteral("set"), QStringLiteral("cy"),
                    QStringLiteral("--role"), QStringLiteral("agent") });
    QCOMPARE(outcome.code, 1);
}

void TestOperatorCommand::userRemove()
{
    RUN_OK(run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ana") }));
    RUN_OK(run({ QStringLiteral("settings"), QStringLiteral("set"),
                 QStringLiteral("users.default_responsible"), QStringLiteral("ana") }));
    const Outcome outcome
            = run({ QStringLiteral("user"), QStringLiteral("remove"), QStringLiteral("ana") });
    RUN_OK(outcome);
    QVERIFY(outcome.out.contains(u"users.default_responsible is now empty"));
    auto store = openStore();
    QVERIFY(store->users()->isEmpty());
    QVERIFY(!store->settings()->contains(QStringLiteral("users.default_responsible")));
    QCOMPARE(store->audit(1, 0)->first().action, QStringLiteral("user.remove"));
    store.reset();
    QCOMPARE(run({ QStringLiteral("user"), QStringLiteral("remove"), QStringLiteral("ana") }).code,
             1);
}

void TestOperatorCommand::blacklistNormalisesNumbers()
{
    RUN_OK(run({ QStringLiteral("settings"), QStringLiteral("set"),
                 QStringLiteral("phone.default_region"), QStringLiteral("es") }));
    Outcome outcome = run(
            { QStringLiteral("blacklist"), QStringLiteral("add"), QStringLiteral("600 100 200") });
    RUN_OK(outcome);
    QCOMPARE(outcome.out, QStringLiteral("Blacklisted +34600100200.\n"));
    outcome = run({ QStringLiteral("blacklist"), QStringLiteral("add"),
                    QStringLiteral("+1 (202) 555-0143"), QStringLiteral("--reason"),
                    QStringLiteral("robocalls") });
    RUN_OK(outcome);
    outcome = run({ QStringLiteral("blacklist"), QStringLiteral("add"),
                    QStringLiteral("0034 600-100-200"), QStringLiteral("--reason"),
                    QStringLiteral("again") });
    RUN_OK(outcome);
    QCOMPARE(outcome.out, QStringLiteral("Updated +34600100200 on the blacklist.\n"));

    for (const QString &bad : { QStringLiteral("abc"), QStringLiteral("100"), QString() }) {
        outcome = run({ QStringLiteral("blacklist"), QStringLiteral("add"), bad });
        QCOMPARE(outcome.code, 2);
        QVERIFY2(outcome.err.contains(u"is not a phone number"), qPrintable(outcome.err));
    }

    outcome = run({ QStringLiteral("blacklist"), QStringLiteral("list") });
    RUN_OK(outcome);
    QVERIFY(outcome.out.startsWith(u"NUMBER"));
    QVERIFY2(
            QRegularExpression(QStringLiteral("\\+12025550143 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +"
                                              "robocalls\\n"))
                    .match(outcome.out)
                    .hasMatch(),
            qPrintable(outcome.out));
    QVERIFY(outcome.out.contains(u"+34600100200"));

    outcome = run({ QStringLiteral("blacklist"), QStringLiteral("remove"),
                    QStringLiteral("+34 600 100 200") });
    RUN_OK(outcome);
    QCOMPARE(outcome.out, QStringLiteral("Removed +34600100200 from the blacklist.\n"));
    outcome = run(
            { QStringLiteral("blacklist"), QStringLiteral("remove"), QStringLiteral("600100200") });
    QCOMPARE(outcome.code, 1);
    QVERIFY(outcome.err.contains(u"+34600100200 is not on the blacklist"));

    const QList<AuditEntry> audit = auditEntries();
    QStringList actions;
    for (const AuditEntry &entry : audit)
        actions.prepend(entry.action + u' ' + entry.detail);
    QCOMPARE(actions,
             (QStringList { QStringLiteral("settings.set phone.default_region = ES"),
                            QStringLiteral("blacklist.add +34600100200"),
                            QStringLiteral("blacklist.add +12025550143 (robocalls)"),
                            QStringLiteral("blacklist.add +34600100200 (again)"),
                            QStringLiteral("blacklist.remove +34600100200") }));
}

void TestOperatorCommand::contactsImportCsv()
{
    RUN_OK(run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ana") }));
    RUN_OK(run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bo") }));
    {
        auto store = openStore();
        ContactRecord existing;
        existing.name = QStringLiteral("Existing Customer");
        existing.phones = { QStringLiteral("+12025550100") };
        QVERIFY(store->createContact(existing));
    }
    const QString path = writeFile(QStringLiteral("contacts.csv"),
                                   "\xEF\xBB\xBFName,Company,Email,Phones,Notes,Responsible\r\n"
                                   "Cy Park,Acme,cy@acme.example,\"(202) 555-0101; +1 202 555 "
                                   "0102\",\"VIP, \"\"gold\"\"\",\r\n"
                                   "Di Ross,,,202-555-0100,,\r\n" // the existing customer's number
                                   "Ed Wu,,,+1 202 555 0102,,\r\n" // Cy's second number
                                   ",,,,only a note,\r\n" // no name, no phone
                                   "Fa Li,,,not a number,,\r\n"
                                   "Gil Ortiz,Initech,,+34 600 100 200,,bo\r\n"
                                   "Hal Kim,,,,,nobody\r\n"
                                   "Ida Nash,,,,,\r\n"
                                   "\"Jo\"x,,,,,\r\n");
    const Outcome outcome = run({ QStringLiteral("contacts"), QStringLiteral("import"), path,
                                  QStringLiteral("--responsible"), QStringLiteral("ana") });
    RUN_OK(outcome);
    QCOMPARE(outcome.out,
             QStringLiteral("contacts.csv: imported 3, skipped 6\n"
                            "  line 3: phone +12025550100 already belongs to contact \"Existing "
                            "Customer\"\n"
                            "  line 4: phone +12025550102 is already on line 2\n"
                            "  line 5: no name and no phone\n"
                            "  line 6: \"not a number\" is not a phone number\n"
                            "  line 8: responsible \"nobody\" is not a user\n"
                            "  line 10: text follows a closing quote on line 10; a quote inside a "
                            "quoted field is written \"\"\n"));

    auto store = openStore();
    QCOMPARE(store->contactCount().value(), 4);
    const qint64 ana = store->userByName(QStringLiteral("ana"))->value().id;
    const qint64 bo = store->userByName(QStringLiteral("bo"))->value().id;
    const auto cy = store->contactByPhone(QStringLiteral("+12025550101"));
    QVERIFY(cy && cy->has_value());
    QCOMPARE(cy->value().name, QStringLiteral("Cy Park"));
    QCOMPARE(cy->value().company, QStringLiteral("Acme"));
    QCOMPARE(cy->value().email, QStringLiteral("cy@acme.example"));
    QCOMPARE(cy->value().notes, QStringLiteral("VIP, \"gold\""));
    QCOMPARE(cy->value().phones,
             (QStringList { QStringLiteral("+12025550101"), QStringLiteral("+12025550102") }));
    QCOMPARE(cy->value().responsibleUserId, ana);
    QCOMPARE(cy->value().source, QStringLiteral("import"));
    const auto gil = store->contactByPhone(QStringLiteral("+34600100200"));
    QVERIFY(gil && gil->has_value());
    QCOMPARE(gil->value().responsibleUserId, bo);
    const auto ida = store->searchContacts(QStringLiteral("Ida"), 10, 0);
    QVERIFY(ida);
    QCOMPARE(ida->size(), 1);
    QVERIFY(ida->first().phones.isEmpty());
    QCOMPARE(store->audit(1, 0)->first().action, QStringLiteral("contacts.import"));
    QCOMPARE(store->audit(1, 0)->first().detail,
             QStringLiteral("contacts.csv: imported 3, skipped 6"));
}

void TestOperatorCommand::contactsImportDryRunChangesNothing()
{
    const QString path = writeFile(QStringLiteral("preview.csv"),
                                   "Full name,Tel\n"
                                   "Ana Ruiz,+34600100200\n"
                                   "Ana again,+34 600 100 200\n"
                                   "Bo,bad number\n");
    const Outcome outcome
            = run({ QStringLiteral("contacts"), QStringLiteral("import"), path,
                    QStringLiteral("--map"), QStringLiteral("name=Full name"),
                    QStringLiteral("--map=phones=Tel"), QStringLiteral("--dry-run") });
    RUN_OK(outcome);
    QVERIFY2(outcome.out.startsWith(u"preview.csv (dry run, nothing was changed): would import 1, "
                                    u"skip 2\n"),
             qPrintable(outcome.out));
    QVERIFY2(outcome.out.contains(u"line 2: create Ana Ruiz,,,+34600100200,,,,"),
             qPrintable(outcome.out));
    QVERIFY(outcome.out.contains(u"line 3: phone +34600100200 is already on line 2"));
    QVERIFY(outcome.out.contains(u"line 4: \"bad number\" is not a phone number"));
    auto store = openStore();
    QCOMPARE(store->contactCount().value(), 0);
    QVERIFY(store->audit(10, 0)->isEmpty());

    const Outcome unknown = run({ QStringLiteral("contacts"), QStringLiteral("import"), path,
                                  QStringLiteral("--map"), QStringLiteral("nick=Full name") });
    QCOMPARE(unknown.code, int(OperatorCommand::UsageError));
    QVERIFY(unknown.err.contains(u"there is no field \"nick\""));
}

// 2,500 records: three transactions, so that a running relay is never kept waiting long. A
// number repeated in a later chunk is still a duplicate, in the dry run (whose chunks are rolled
// back) as in the import.
void TestOperatorCommand::contactsImportWritesInChunksAndStillFindsDuplicates()
{
    QByteArray csv = "name,phones\n";
    for (int i = 0; i < 2500; ++i)
        csv += "Customer " + QByteArray::number(i) + ",+3460010" + QByteArray::number(1000 + i)
                + '\n';
    csv += "Again,+34600101005\n"; // customer 5's number (line 7), on line 2502
    const QString path = writeFile(QStringLiteral("many.csv"), csv);
    for (const bool dryRun : { true, false }) {
        QStringList arguments { QStringLiteral("contacts"), QStringLiteral("import"), path };
        if (dryRun)
            arguments << QStringLiteral("--dry-run");
        const Outcome outcome = run(arguments);
        RUN_OK(outcome);
        QVERIFY2(outcome.out.contains(dryRun ? u"would import 2500, skip 1"
                                             : u"imported 2500, "
                                               u"skipped 1"),
                 qPrintable(outcome.out));
        QVERIFY2(outcome.out.contains(u"line 2502: phone +34600101005 is already on line 7"),
                 qPrintable(outcome.out));
        QCOMPARE(openStore()->contactCount().value(), dryRun ? 0 : 2500);
    }
}

void TestOperatorCommand::contactsImportMergesDuplicates()
{
    {
        auto store = openStore();
        ContactRecord existing;
        existing.name = QStringLiteral("Ana Ruiz");
        existing.phones = { QStringLiteral("+34600100200") };
        existing.tags = { QStringLiteral("vip") };
        QVERIFY(store->createContact(existing));
    }
    const QString path = writeFile(QStringLiteral("merge.csv"),
                                   "name,company,phones,tags\n"
                                   "Ana R.,Acme,+34600100200; +34600100201,lead\n"
                                   "Bo,,+34600100300,\n"
                                   "Bo twice,Initech,+34600100300,x\n");
    Outcome outcome = run({ QStringLiteral("contacts"), QStringLiteral("import"), path,
                            QStringLiteral("--on-duplicate"), QStringLiteral("fail") });
    RUN_OK(outcome);
    QVERIFY2(outcome.out.startsWith(u"merge.csv: imported 1, skipped 2\n  line 2: refused: "),
             qPrintable(outcome.out));

    outcome = run({ QStringLiteral("contacts"), QStringLiteral("import"), path,
                    QStringLiteral("--on-duplicate"), QStringLiteral("merge") });
    RUN_OK(outcome);
    QCOMPARE(outcome.out, QStringLiteral("merge.csv: imported 0, merged 3, skipped 0\n"));
    auto store = openStore();
    QCOMPARE(store->contactCount().value(), 2);
    const auto ana = store->contactByPhone(QStringLiteral("+34600100201"));
    QVERIFY(ana && ana->has_value());
    QCOMPARE((*ana)->name, QStringLiteral("Ana Ruiz")); // kept: only empty fields are filled
    QCOMPARE((*ana)->company, QStringLiteral("Acme"));
    QCOMPARE((*ana)->tags, (QStringList { QStringLiteral("vip"), QStringLiteral("lead") }));
    const auto bo = store->contactByPhone(QStringLiteral("+34600100300"));
    QCOMPARE((*bo)->company, QStringLiteral("Initech"));
    QCOMPARE((*bo)->tags, QStringList { QStringLiteral("x") });
}

void TestOperatorCommand::contactsExportImportsBackTheSame()
{
    RUN_OK(run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ana") }));
    {
        auto store = openStore();
        ContactRecord tricky;
        tricky.name = QStringLiteral("Łucja \"Lu\" Nowak, Jr.");
        tricky.company = QStringLiteral("A; B");
        tricky.email = QStringLiteral("lu@example.com");
        tricky.notes = QStringLiteral("line one\nline two");
        tricky.phones = { QStringLiteral("+48600100200"), QStringLiteral("+48221234567") };
        tricky.tags = { QStringLiteral("vip"), QStringLiteral("lead") };
        tricky.externalUrl = QStringLiteral("https://crm.example/c?id=1&x=2");
        tricky.responsibleUserId = store->userByName(QStringLiteral("ana"))->value().id;
        QVERIFY(store->createContact(tricky));
        ContactRecord plain;
        plain.name = QStringLiteral("Bo");
        QVERIFY(store->createContact(plain));
    }
    const QString first = m_dir->filePath(QStringLiteral("first.csv"));
    RUN_OK(run({ QStringLiteral("contacts"), QStringLiteral("export"), first }));
    const Outcome toOut = run({ QStringLiteral("contacts"), QStringLiteral("export"), u"-"_qs });
    RUN_OK(toOut);
    QFile written(first);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray csv = written.readAll();
    QCOMPARE(toOut.out.toUtf8(), csv);
    QVERIFY(csv.startsWith("name,company,email,phones,notes,responsible,tags,external_url\r\n"));

    // Into an empty database, and out again: the same bytes.
    const QString other = m_dir->filePath(QStringLiteral("other"));
    const QStringList data { QStringLiteral("--data"), other };
    RUN_OK(run(QStringList { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ana") }
               + data));
    RUN_OK(run(QStringList { QStringLiteral("contacts"), QStringLiteral("import"), first } + data));
    const QString second = m_dir->filePath(QStringLiteral("second.csv"));
    RUN_OK(run(QStringList { QStringLiteral("contacts"), QStringLiteral("export"), second }
               + data));
    QFile again(second);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), csv);
}

void TestOperatorCommand::contactsImportVCard()
{
    RUN_OK(run({ QStringLiteral("settings"), QStringLiteral("set"),
                 QStringLiteral("phone.default_region"), QStringLiteral("PL") }));
    const QString path = writeFile(QStringLiteral("export.contacts"),
                                   "BEGIN:VCARD\r\n"
                                   "VERSION:4.0\r\n"
                                   "FN:Łucja Nowak\r\n"
                                   "ORG:Kowalski sp. z o.o.\r\n"
                                   "TEL;VALUE=uri;TYPE=cell:tel:600-100-200\r\n"
                                   "NOTE:Calls after 5\\, usually\r\n"
                                   "END:VCARD\r\n"
                                   "BEGIN:VCARD\r\n"
                                   "VERSION:3.0\r\n"
                                   "N:Wiśniewski;Jan;;;\r\n"
                                   "TEL:+48 22 123 45 67\r\n"
                                   "END:VCARD\r\n");
    Outcome outcome = run({ QStringLiteral("contacts"), QStringLiteral("import"), path });
    QCOMPARE(outcome.code, 2);
    QVERIFY2(outcome.err.contains(u"--format"), qPrintable(outcome.err));
    outcome = run({ QStringLiteral("contacts"), QStringLiteral("import"), path,
                    QStringLiteral("--format"), QStringLiteral("vcf") });
    RUN_OK(outcome);
    QCOMPARE(outcome.out, QStringLiteral("export.contacts: imported 2, skipped 0\n"));
    auto store = openStore();
    const auto lucja = store->contactByPhone(QStringLiteral("+48600100200"));
    QVERIFY(lucja && lucja->has_value());
    QCOMPARE(lucja->value().name, QStringLiteral("Łucja Nowak"));
    QCOMPARE(lucja->value().notes, QStringLiteral("Calls after 5, usually"));
    QCOMPARE(lucja->value().responsibleUserId, 0);
    const auto jan = store->contactByPhone(QStringLiteral("+48221234567"));
    QVERIFY(jan && jan->has_value());
    QCOMPARE(jan->value().name, QStringLiteral("Jan Wiśniewski"));
}

void TestOperatorCommand::contactsImportRefusals()
{
    const QString path
            = writeFile(QStringLiteral("contacts.csv"), "name,phone\nAna,+12025550100\n");
    Outcome outcome = run({ QStringLiteral("contacts"), QStringLiteral("import"),
                            m_dir->filePath(QStringLiteral("missing.csv")) });
    QCOMPARE(outcome.code, 2);
    QVERIFY(outcome.err.contains(u"missing.csv: no such file"));
    outcome = run({ QStringLiteral("contacts"), QStringLiteral("import"), path,
                    QStringLiteral("--format"), QStringLiteral("xlsx") });
    QCOMPARE(outcome.code, 2);
    outcome = run({ QStringLiteral("contacts"), QStringLiteral("import"), path,
                    QStringLiteral("--responsible"), QStringLiteral("nobody") });
    QCOMPARE(outcome.code, 1);
    QVERIFY(outcome.err.contains(u"--responsible: there is no user named \"nobody\""));
    const QString notCsv = writeFile(QStringLiteral("notes.csv"), "just some text\n");
    outcome = run({ QStringLiteral("contacts"), QStringLiteral("import"), notCsv });
    QCOMPARE(outcome.code, 1);
    QVERIFY2(outcome.err.contains(u"must be a header"), qPrintable(outcome.err));

    auto store = openStore();
    QCOMPARE(store->contactCount().value(), 0);
    QVERIFY(store->audit(10, 0)->isEmpty());
}

void TestOperatorCommand::contactsImportReportsProgress()
{
    QByteArray csv = "name,phone\n";
    for (int i = 0; i < 2500; ++i)
        csv += "Person " + QByteArray::number(i) + ",+1202555" + QByteArray::number(1000 + i)
                + '\n';
    const QString path = writeFile(QStringLiteral("big.csv"), csv);
    const Outcome outcome = run({ QStringLiteral("contacts"), QStringLiteral("import"), path });
    RUN_OK(outcome);
    QCOMPARE(outcome.out, QStringLiteral("big.csv: imported 2500, skipped 0\n"));
    QVERIFY2(outcome.err.contains(u"contacts import: 1000 of 2500 records\n")
                     && outcome.err.contains(u"contacts import: 2000 of 2500 records\n"),
             qPrintable(outcome.err));
    QCOMPARE(openStore()->contactCount().value(), 2500);

    // Importing the same file again adds nothing: every number is taken.
    const Outcome again = run({ QStringLiteral("contacts"), QStringLiteral("import"), path });
    RUN_OK(again);
    QVERIFY(again.out.startsWith(u"big.csv: imported 0, skipped 2500\n"));
    QCOMPARE(openStore()->contactCount().value(), 2500);
}

void TestOperatorCommand::settingsGetAndSet()
{
    Outcome outcome = run({ QStringLiteral("settings"), QStringLiteral("get") });
    RUN_OK(outcome);
    QStringList lines = outcome.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), RelaySettings::keys().size());
    for (const QString &line : lines)
        QVERIFY2(line.endsWith(u"(default)"), qPrintable(line));
    QVERIFY2(QRegularExpression(QStringLiteral("^routing.return_timeout +20 +\\(default\\)$"))
                     .match(lines.at(1))
                     .hasMatch(),
             qPrintable(lines.at(1)));

    outcome = run({ QStringLiteral("settings"), QStringLiteral("set"),
                    QStringLiteral("routing.return_timeout"), QStringLiteral("45") });
    RUN_OK(outcome);
    QCOMPARE(outcome.out, QStringLiteral("routing.return_timeout = 45\n"));
    outcome = run({ QStringLiteral("settings"), QStringLiteral("set"),
                    QStringLiteral("routing.caller_name"), QStringLiteral("off") });
    RUN_OK(outcome);
    QCOMPARE(outcome.out, QStringLiteral("routing.caller_name = false\n"));
    outcome = run({ QStringLiteral("settings"), QStringLiteral("get"),
                    QStringLiteral("routing.return_timeout") });
    RUN_OK(outcome);
    QCOMPARE(outcome.out, QStringLiteral("45\n"));

    outcome = run({ QStringLiteral("settings"), QStringLiteral("get") });
    lines = outcome.out.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(QRegularExpression(QStringLiteral("^routing.return_timeout +45 +\\(default: 20\\)$"))
                     .match(lines.at(1))
                     .hasMatch(),
             qPrintable(lines.at(1)));
    QVERIFY2(QRegularExpression(QStringLiteral("^users.default_responsible +\"\" +\\(default\\)$"))
                     .match(lines.at(6))
                     .hasMatch(),
             qPrintable(lines.at(6)));

    RUN_OK(run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ana") }));
    outcome = run({ QStringLiteral("settings"), QStringLiteral("set"),
                    QStringLiteral("users.default_responsible"), QStringLiteral("ana") });
    RUN_OK(outcome);
    outcome = run({ QStringLiteral("settings"), QStringLiteral("reset"),
                    QStringLiteral("routing.return_timeout") });
    RUN_OK(outcome);
    QCOMPARE(outcome.out, QStringLiteral("routing.return_timeout = 20 (default)\n"));

    auto store = openStore();
    const auto stored = store->settings();
    QCOMPARE(stored->value(QStringLiteral("routing.caller_name")), QStringLiteral("false"));
    QCOMPARE(stored->value(QStringLiteral("users.default_responsible")), QStringLiteral("ana"));
    QVERIFY(!stored->contains(QStringLiteral("routing.return_timeout")));
    QCOMPARE(store->audit(1, 0)->first().action, QStringLiteral("settings.reset"));
}

void TestOperatorCommand::settingsValidation()
{
    Outcome outcome = run({ QStringLiteral("settings"), QStringLiteral("set"),
                            QStringLiteral("routing.return_timeout"), QStringLiteral("601") });
    QCOMPARE(outcome.code, 2);
    QVERIFY2(outcome.err.contains(u"routing.return_timeout is a number of seconds from 0 to 600"),
             qPrintable(outcome.err));
    outcome = run({ QStringLiteral("settings"), QStringLiteral("set"),
                    QStringLiteral("routing.hangup_blacklisted"), QStringLiteral("perhaps") });
    QCOMPARE(outcome.code, 2);
    outcome = run({ QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("colour"),
                    QStringLiteral("red") });
    QCOMPARE(outcome.code, 2);
    QVERIFY2(outcome.err.contains(u"unknown setting \"colour\"; known settings: "
                                  "routing.redirect_to_responsible"),
             qPrintable(outcome.err));
    outcome = run({ QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("colour") });
    QCOMPARE(outcome.code, 2);
    outcome = run({ QStringLiteral("settings"), QStringLiteral("set"),
                    QStringLiteral("phone.default_region"), QStringLiteral("Spain") });
    QCOMPARE(outcome.code, 2);
    QVERIFY(!QFileInfo::exists(m_data)); // refused before the store was opened

    outcome = run({ QStringLiteral("settings"), QStringLiteral("set"),
                    QStringLiteral("users.default_responsible"), QStringLiteral("nobody") });
    QCOMPARE(outcome.code, 1);
    QVERIFY2(outcome.err.contains(u"users.default_responsible: there is no user named "
                                  "\"nobody\""),
             qPrintable(outcome.err));
    auto store = openStore();
    QVERIFY(store->settings()->isEmpty());
    QVERIFY(store->audit(10, 0)->isEmpty());
}

// zadarma register ------------------------------------------------------------------------------

void TestOperatorCommand::startSimulator()
{
    m_clock = std::make_unique<Test::FakeClock>();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_calls = std::make_unique<NoCalls>();
    SimConfig config = SimConfig::defaults();
    config.key = "sim-key";
    config.secret = "sim-secret";
    m_pbx = std::make_unique<SimPbx>(std::move(config), m_clock.get());
    m_server = std::make_unique<SimServer>();
    m_api = std::make_unique<SimApi>(m_pbx.get(), m_calls.get(), m_network.get(),
                                     [this] { return m_server->url(); });
    m_server->addHandler("/v1/", m_api.get());
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
}

void TestOperatorCommand::zadarmaRegister()
{
    startSimulator();
    for (const QString &name : { QStringLiteral("notify_start"), QStringLiteral("notify_end"),
                                 QStringLiteral("notify_out_end") })
        QVERIFY(m_pbx->setNotification(name, false));

    // The relay, as far as Zadarma's check goes: it echoes zd_echo.
    Relay relay;
    relay.setHandler([](const Relay::Request &request) {
        const QUrlQuery query(QString::fromLatin1(request.query));
        return Relay::Response(200, query.queryItemValue(QStringLiteral("zd_echo")).toLatin1(),
                               "text/plain");
    });
    const QUrl url(relay.url().toString() + QStringLiteral("/zadarma"));

    // Credentials from the secrets file, the API URL from the environment.
    QVERIFY(SecretsFile(m_data + QStringLiteral("/secrets")).write({ "sim-key", "sim-secret" }));
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_API_URL"), m_server->url().toString());
    const Outcome outcome = run(
            { QStringLiteral("zadarma"), QStringLiteral("register"), url.toString() }, environment);
    RUN_OK(outcome);
    QCOMPARE(m_pbx->notificationUrl(), url);
    QCOMPARE(relay.requests().size(), 1);
    QVERIFY(relay.requests().first().query.startsWith("zd_echo="));
    for (const char *event : { "NOTIFY_START", "NOTIFY_INTERNAL", "NOTIFY_END", "NOTIFY_OUT_START",
                               "NOTIFY_OUT_END", "NOTIFY_ANSWER" })
        QVERIFY2(m_pbx->isEventEnabled(QLatin1StringView(event)), event);
    QVERIFY2(outcome.out.contains(u"saved it as the notification URL: " + url.toString()),
             qPrintable(outcome.out));
    QVERIFY2(outcome.out.contains(u"notify_start on, notify_internal on, notify_end on, "
                                  "notify_out_start on, notify_out_end on, notify_answer on"),
             qPrintable(outcome.out));
    QVERIFY(outcome.err.isEmpty());
    QVERIFY(!outcome.out.contains(u"sim-secret"));
    const QList<AuditEntry> audit = auditEntries();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().action, QStringLiteral("zadarma.register"));
    QCOMPARE(audit.first().detail, url.toString());
}

void TestOperatorCommand::zadarmaRegisterFailures()
{
    startSimulator();
    Relay relay;
    relay.setHandler([](const Relay::Request &) {
        return Relay::Response(200, "OK", "text/plain"); // not the echo
    });
    const QString url = relay.url().toString() + QStringLiteral("/zadarma");
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_API_URL"), m_server->url().toString());
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_KEY"), QStringLiteral("sim-key"));
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_SECRET"), QStringLiteral("sim-secret"));

    // Zadarma's check fails: its message, exit 1, nothing switched.
    QVERIFY(m_pbx->setNotification(QStringLiteral("notify_start"), false));
    Outcome outcome
            = run({ QStringLiteral("zadarma"), QStringLiteral("register"), url }, environment);
    QCOMPARE(outcome.code, 1);
    QVERIFY2(outcome.err.contains(u"setting the notification URL failed: Zadarma refused")
                     && outcome.err.contains(u"zd_echo"),
             qPrintable(outcome.err));
    QVERIFY(m_pbx->notificationUrl().isEmpty());
    QVERIFY(!m_pbx->isEventEnabled(QStringLiteral("NOTIFY_START")));

    // A wrong secret.
    QProcessEnvironment wrongSecret = environment;
    wrongSecret.insert(QStringLiteral("CALLBRIDGE_ZADARMA_SECRET"), QStringLiteral("guess"));
    outcome = run({ QStringLiteral("zadarma"), QStringLiteral("register"), url }, wrongSecret);
    QCOMPARE(outcome.code, 1);
    QVERIFY2(outcome.err.contains(u"Auth error"), qPrintable(outcome.err));
    QVERIFY(!outcome.err.contains(u"guess"));

    // No credentials, or no URL: usage errors, nothing sent.
    QProcessEnvironment noCredentials;
    noCredentials.insert(QStringLiteral("CALLBRIDGE_ZADARMA_API_URL"), m_server->url().toString());
    outcome = run({ QStringLiteral("zadarma"), QStringLiteral("register"), url }, noCredentials);
    QCOMPARE(outcome.code, 2);
    QVERIFY2(outcome.err.contains(u"CALLBRIDGE_ZADARMA_KEY")
                     && outcome.err.contains(m_data + QStringLiteral("/secrets")),
             qPrintable(outcome.err));
    outcome = run({ QStringLiteral("zadarma"), QStringLiteral("register"),
                    QStringLiteral("relay.example.com/zadarma") },
                  environment);
    QCOMPARE(outcome.code, 2);
    QVERIFY(outcome.err.contains(u"is not an http(s) URL"));

    // Nobody listening where the API should be: a transport error.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    QProcessEnvironment unreachable = environment;
    unreachable.insert(QStringLiteral("CALLBRIDGE_ZADARMA_API_URL"),
                       QStringLiteral("http://127.0.0.1:%1").arg(port));
    outcome = run({ QStringLiteral("zadarma"), QStringLiteral("register"), url }, unreachable);
    QCOMPARE(outcome.code, 3);
    QVERIFY2(outcome.err.contains(u"Could not reach the Zadarma API"), qPrintable(outcome.err));
    QVERIFY(auditEntries().isEmpty());
}

QTEST_GUILESS_MAIN(TestOperatorCommand)
#include "TestOperatorCommand.moc"
