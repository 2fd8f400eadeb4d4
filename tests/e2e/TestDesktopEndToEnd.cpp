// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/desktop/DesktopApp.h"
#include "core/client/StreamClient.h"
#include "core/keychain/KeychainSecretStore.h"
#include "tests/support/FakeCrm.h"
#include "tests/support/JsonRequest.h"
#include "ui/contacts/ContactCardView.h"
#include "ui/contacts/ContactListModel.h"
#include "ui/contacts/ContactsPage.h"
#include "ui/history/CallHistoryModel.h"
#include "ui/history/HistoryPage.h"
#include "ui/history/RecordingPlayer.h"
#include "ui/main/MainWindow.h"
#include "ui/popup/CallPopup.h"
#include "ui/popup/PopupStack.h"
#include "ui/reminders/ReminderItem.h"
#include "ui/reminders/RemindersPage.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/settings/StatusLine.h"
#include "ui/tray/TrayIcon.h"

#include <QComboBox>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace CallBridge;

namespace {

constexpr auto simKey = "e2e-key";
constexpr auto simSecret = "e2e-secret";
constexpr auto crmApiKey = "e2e-crm-api-key";

using Reply = Test::JsonReply;

QStringList comboValues(const QComboBox *combo)
{
    QStringList values;
    for (int i = 0; i < combo->count(); ++i)
        values.append(combo->itemData(i).toString());
    return values;
}

} // namespace

// The desktop app's composition root in this process, on a real X display with a tray host,
// against the real callbridge-relay and zadarma-sim binaries; the token in a real keychain.
class TestDesktopEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void aPlainHttpRelayLoadsNoTls();
    void knownCallerGetsAPopupWithTheirName();
    void clickToCallFromTheContactsRingsTheAgentsExtension();
    void telLinkDialsAndTheTraySaysSo();
    void recordingPlaysToTheEnd();
    void missedCallBecomesAReminderThatCanBeFinished();
    void callerKnownOnlyToTheCrmGetsTheCrmsNameOnThePopup();
    void callerTheCrmDoesNotKnowIsCreatedThereWithALead();
    void adminAssignsAFreeExtensionAndATakenOneIsRefused();
    void tokenIsNowhereOnDiskButInTheKeychain();

private:
    QProcessEnvironment relayEnvironment() const;
    bool runRelayCli(const QStringList &arguments, QByteArray *out = nullptr);
    QByteArray addUser(const QStringList &arguments);
    bool startServer(QProcess &process, const QString &binary, const QStringList &arguments,
                     QUrl &url);
    Reply request(const QByteArray &method, const QUrl &url, const QByteArray &token = {},
                  const QJsonObject &body = {});
    Reply api(const QByteArray &method, const QString &path, const QByteArray &token,
              const QJsonObject &body = {});
    // Places a scripted call on the simulator; its pbx_call_id at once, the call goes on.
    QString startCall(const QJsonObject &scenario, QString *simId = nullptr);
    QJsonObject waitForCall(const QString &simId);
    qint64 userId(const QString &name);
    std::optional<QString> keychainToken(const QString &account);

    QTemporaryDir m_relayDir;
    QTemporaryDir m_appDir;
    QString m_settingsFile;
    QString m_service;
    QNetworkAccessManager m_network;
    QProcess m_simulator;
    QUrl m_simulatorUrl;
    QProcess m_relay;
    QUrl m_relayUrl;
    QByteArray m_admin;
    QByteArray m_anna; // agent, extension 101
    // The external CRM the relay is connected to. It starts only after the test that checks
    // that this process never loaded Qt's TLS plugin (QHttpServer would load it), on a port
    // chosen first; until then the relay's CRM writes wait and are retried.
    quint16 m_crmPort = 0;
    std::unique_ptr<Test::FakeCrm> m_crmServer;
    Test::FakeCrm &crm();
    std::unique_ptr<DesktopApp> m_app;
};

QProcessEnvironment TestDesktopEndToEnd::relayEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CALLBRIDGE_DATA"), m_relayDir.path());
    environment.insert(QStringLiteral("CALLBRIDGE_LISTEN"), QStringLiteral("127.0.0.1:0"));
    environment.insert(QStringLiteral("CALLBRIDGE_WEBHOOK_ALLOWED_IPS"),
                       QStringLiteral("127.0.0.1/32"));
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_API_URL"), m_simulatorUrl.toString());
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_KEY"), QString::fromLatin1(simKey));
    environment.insert(QStringLiteral("CALLBRIDGE_ZADARMA_SECRET"), QString::fromLatin1(simSecret));
    environment.insert(QStringLiteral("CALLBRIDGE_BACKFILL_ON_START"), QStringLiteral("false"));
    environment.insert(QStringLiteral("CALLBRIDGE_CRM_MAPPING"), QStringLiteral(ESPOCRM_MAPPING));
    environment.insert(QStringLiteral("CALLBRIDGE_CRM_BASE_URL"),
                       QStringLiteral("http://127.0.0.1:%1").arg(m_crmPort));
    environment.insert(QStringLiteral("CALLBRIDGE_CRM_SECRET_API_KEY"),
                       QString::fromLatin1(crmApiKey));
    return environment;
}

bool TestDesktopEndToEnd::runRelayCli(const QStringList &arguments, QByteArray *out)
{
    QProcess cli;
    cli.setProcessEnvironment(relayEnvironment());
    cli.start(QStringLiteral(CALLBRIDGE_RELAY_BINARY), arguments);
    QSignalSpy finished(&cli, &QProcess::finished);
    if (!cli.waitForStarted() || (cli.state() != QProcess::NotRunning && !finished.wait(20000)))
        return false;
    if (out)
        *out = cli.readAllStandardOutput();
    if (cli.exitCode() != 0)
        qWarning("relay %s: %s", qPrintable(arguments.join(u' ')),
                 cli.readAllStandardError().constData());
    return cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0;
}

QByteArray TestDesktopEndToEnd::addUser(const QStringList &arguments)
{
    QByteArray out;
    if (!runRelayCli(QStringList { QStringLiteral("user"), QStringLiteral("add") } + arguments,
                     &out))
        return {};
    static const QRegularExpression token(QStringLiteral("cbt_[A-Za-z0-9_-]+"));
    return token.match(QString::fromUtf8(out)).captured(0).toLatin1();
}

bool TestDesktopEndToEnd::startServer(QProcess &process, const QString &binary,
                                      const QStringList &arguments, QUrl &url)
{
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel); // its log shows in ours
    process.start(binary, arguments);
    QByteArray output;
    QSignalSpy ready(&process, &QProcess::readyReadStandardOutput);
    static const QRegularExpression listening(QStringLiteral("listening on (http://[0-9.:]+)"));
    for (;;) {
        output += process.readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            url = QUrl(match.captured(1));
            return url.isValid();
        }
        if (process.state() == QProcess::NotRunning || !ready.wait(10000))
            return false;
    }
}

Reply TestDesktopEndToEnd::request(const QByteArray &method, const QUrl &url,
                                   const QByteArray &token, const QJsonObject &body)
{
    return Test::sendJson(m_network, method, url, token, body);
}

Reply TestDesktopEndToEnd::api(const QByteArray &method, const QString &path,
                               const QByteArray &token, const QJsonObject &body)
{
    return request(method, m_relayUrl.resolved(QUrl(path)), token, body);
}

QString TestDesktopEndToEnd::startCall(const QJsonObject &scenario, QString *simId)
{
    const Reply created = request(
            "POST", m_simulatorUrl.resolved(QUrl(QStringLiteral("/_sim/calls"))), {}, scenario);
    const QString id = created.json[QStringLiteral("id")].toString();
    if (simId)
        *simId = id;
    if (id.isEmpty()) {
        qWarning("the simulator refused the call: %s", created.body.constData());
        return {};
    }
    const QString pbxCallId = created.json[QStringLiteral("pbx_call_id")].toString();
    if (!pbxCallId.isEmpty())
        return pbxCallId;
    return request("GET", m_simulatorUrl.resolved(QUrl(QStringLiteral("/_sim/calls/%1").arg(id))))
            .json[QStringLiteral("pbx_call_id")]
            .toString();
}

QJsonObject TestDesktopEndToEnd::waitForCall(const QString &simId)
{
    return request("GET",
                   m_simulatorUrl.resolved(
                           QUrl(QStringLiteral("/_sim/calls/%1?wait=1").arg(simId))))
            .json;
}

qint64 TestDesktopEndToEnd::userId(const QString &name)
{
    const Reply users = api("GET", QStringLiteral("/v1/admin/users"), m_admin);
    for (const QJsonValue &user : users.json[QStringLiteral("users")].toArray()) {
        if (user[QStringLiteral("name")].toString() == name)
            return user[QStringLiteral("id")].toInteger();
    }
    return 0;
}

std::optional<QString> TestDesktopEndToEnd::keychainToken(const QString &account)
{
    KeychainSecretStore store(m_service);
    std::optional<QString> found;
    bool done = false;
    store.read(account, this, [&](Result<std::optional<QString>> token) {
        if (token)
            found = *token;
        else
            qWarning("keychain: %s", qPrintable(token.error().message));
        done = true;
    });
    if (!QTest::qWaitFor([&done] { return done; }, 10000))
        qWarning("the keychain did not answer");
    return found;
}

void TestDesktopEndToEnd::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("needs a D-Bus session with a keychain (run through scripts/test)");
    QVERIFY(m_relayDir.isValid() && m_appDir.isValid());
    // Without a sound server a recording plays silently at its pace: it reaches its end under
    // Xvfb too.
    QLoggingCategory::setFilterRules(QStringLiteral("qt.multimedia.*.warning=false"));

    {
        QTcpServer probe; // a free port for the CRM, which starts later
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        m_crmPort = probe.serverPort();
    }

    // Calls play 100 times faster; recordings last one second.
    const QString simConfig = m_appDir.filePath(QStringLiteral("sim.json"));
    {
        QFile config(simConfig);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(R"({"recording_seconds": 1})");
    }
    QVERIFY(startServer(m_simulator, QStringLiteral(ZADARMA_SIM_BINARY),
                        { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                          QStringLiteral("--key"), QString::fromLatin1(simKey),
                          QStringLiteral("--secret"), QString::fromLatin1(simSecret),
                          QStringLiteral("--config"), simConfig, QStringLiteral("--time-scale"),
                          QStringLiteral("0.01") },
                        m_simulatorUrl));

    // First set-up as an operator does it (scripts/demo).
    m_admin = addUser(
            { QStringLiteral("admin"), QStringLiteral("--role"), QStringLiteral("admin") });
    m_anna = addUser({ QStringLiteral("anna"), QStringLiteral("--display-name"),
                       QStringLiteral("Anna Nowak"), QStringLiteral("--extension"),
                       QStringLiteral("101") });
    QVERIFY(!addUser({ QStringLiteral("bob"), QStringLiteral("--extension"),
                       QStringLiteral("102") })
                     .isEmpty());
    QVERIFY(!addUser({ QStringLiteral("carl") }).isEmpty()); // no extension yet
    QVERIFY(!m_admin.isEmpty() && !m_anna.isEmpty());
    QVERIFY(runRelayCli({ QStringLiteral("settings"), QStringLiteral("set"),
                          QStringLiteral("users.default_responsible"), QStringLiteral("anna") }));
    QVERIFY(runRelayCli({ QStringLiteral("settings"), QStringLiteral("set"),
                          QStringLiteral("phone.default_region"), QStringLiteral("ES") }));
    const QString contacts = m_appDir.filePath(QStringLiteral("contacts.csv"));
    {
        QFile csv(contacts);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("name,company,phone,responsible\n"
                  "\"Jan Kowalski\",\"Kowalski Sp. z o.o.\",+48 600 100 200,anna\n"
                  "\"Piotr Nowicki\",\"Nowicki Transport\",+48 501 222 333,bob\n");
    }
    QVERIFY(runRelayCli({ QStringLiteral("contacts"), QStringLiteral("import"), contacts }));

    m_relay.setProcessEnvironment(relayEnvironment());
    QVERIFY(startServer(m_relay, QStringLiteral(CALLBRIDGE_RELAY_BINARY),
                        { QStringLiteral("serve") }, m_relayUrl));
    QVERIFY(runRelayCli({ QStringLiteral("zadarma"), QStringLiteral("register"),
                          m_relayUrl.toString() + QStringLiteral("/zadarma") }));

    // Signing in with the app's command line: the token on standard input, into the keychain.
    m_service = QStringLiteral("CallBridge-e2e-")
            + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_settingsFile = m_appDir.filePath(QStringLiteral("callbridge.ini"));
    QProcess signIn;
    signIn.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    signIn.start(QStringLiteral(CALLBRIDGE_APP_BINARY),
                 { QStringLiteral("--sign-in"), QStringLiteral("anna"), QStringLiteral("--relay"),
                   m_relayUrl.toString(), QStringLiteral("--settings"), m_settingsFile,
                   QStringLiteral("--keychain-service"), m_service });
    QVERIFY(signIn.waitForStarted());
    signIn.write(m_anna + '\n');
    signIn.closeWriteChannel();
    QSignalSpy signInDone(&signIn, &QProcess::finished);
    QVERIFY(signIn.state() == QProcess::NotRunning || signInDone.wait(20000));
    const QByteArray said = signIn.readAllStandardOutput();
    QCOMPARE(signIn.exitCode(), 0);
    QVERIFY2(said.contains("Signed in as Anna Nowak"), said.constData());
    QVERIFY(!said.contains(m_anna));

    DesktopApp::Options options;
    options.settingsFile = m_settingsFile;
    options.keychainService = m_service;
    options.sinceLaunch.start();
    m_app = std::make_unique<DesktopApp>(options, std::make_unique<KeychainSecretStore>(m_service));
    QSignalSpy trayReady(&m_app->tray(), &TrayIcon::trayReady);
    QSignalSpy signedIn(m_app.get(), &DesktopApp::signedIn);
    QSignalSpy live(m_app.get(), &DesktopApp::live);
    QSignalSpy signInNeeded(m_app.get(), &DesktopApp::signInNeeded);
    m_app->start();
    QTRY_VERIFY_WITH_TIMEOUT(!signedIn.isEmpty() || !signInNeeded.isEmpty(), 10000);
    QVERIFY2(signInNeeded.isEmpty(), qPrintable(signInNeeded.value(0).value(0).toString()));
    QCOMPARE(m_app->user().name, QStringLiteral("anna"));
    QCOMPARE(m_app->user().extension, QStringLiteral("101"));
    QVERIFY(!live.isEmpty() || live.wait(10000));
    QVERIFY(m_app->tray().isReady() || trayReady.wait(10000));
    m_app->mainWindow().resize(1100, 700);
    m_app->mainWindow().show();
    QVERIFY(QTest::qWaitForWindowExposed(&m_app->mainWindow()));
}

// Signed in and live on an http:// relay: Qt's TLS backend (libssl, libcrypto) was never loaded
// (StreamSocket: QWebSocket alone would load it).
void TestDesktopEndToEnd::aPlainHttpRelayLoadsNoTls()
{
    QCOMPARE(m_relayUrl.scheme(), QStringLiteral("http"));
    QCOMPARE(m_app->stream().state(), StreamClient::State::Live);
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        QSKIP("no /proc/self/maps here");
    const QByteArray mapped = maps.readAll();
    QVERIFY(!mapped.contains("/tls/libq"));
    QVERIFY(!mapped.contains("libssl.so"));
}

void TestDesktopEndToEnd::cleanupTestCase()
{
    m_app.reset();
    if (!m_service.isEmpty()) {
        KeychainSecretStore store(m_service);
        int left = 2;
        for (const QString &account : { QStringLiteral("anna"), QStringLiteral("admin") })
            store.remove(account, this, [&left](Result<void>) { --left; });
        QTRY_VERIFY_WITH_TIMEOUT(left == 0, 10000);
    }
    m_relay.terminate();
    m_simulator.terminate();
    m_relay.waitForFinished(10000);
    m_simulator.waitForFinished(5000);
}

void TestDesktopEndToEnd::knownCallerGetsAPopupWithTheirName()
{
    QString simId;
    const QString pbxCallId
            = startCall({ { QStringLiteral("direction"), QStringLiteral("inbound") },
                          { QStringLiteral("caller"), QStringLiteral("48600100200") },
                          { QStringLiteral("ring"), QJsonArray { QStringLiteral("101") } },
                          { QStringLiteral("answer"),
                            QJsonObject { { QStringLiteral("by"), QStringLiteral("101") },
                                          { QStringLiteral("after"), 20 } } },
                          { QStringLiteral("duration"), 10 } },
                        &simId);
    QVERIFY(!pbxCallId.isEmpty());

    CallPopup *popup = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((popup = m_app->popups().popup(pbxCallId)) != nullptr, 10000);
    QVERIFY(popup->call().contact.has_value());
    QCOMPARE(popup->call().contact->name, QStringLiteral("Jan Kowalski"));
    QTRY_VERIFY(popup->isVisible());
    bool nameShown = false;
    for (const QLabel *label : popup->findChildren<QLabel *>())
        nameShown |= label->isVisible() && label->text() == QStringLiteral("Jan Kowalski");
    QVERIFY2(nameShown, "no visible label with the contact's name");
    // It follows the call: answered, here by the agent herself, then ended.
    QVERIFY(!waitForCall(simId).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_app->popups().popup(pbxCallId)
                                     && m_app->popups().popup(pbxCallId)->isFinished(),
                             10000);
}

void TestDesktopEndToEnd::clickToCallFromTheContactsRingsTheAgentsExtension()
{
    m_app->mainWindow().showContacts();
    ContactsPage *page = m_app->mainWindow().contactsPage();
    page->searchField()->setFocus();
    QTest::keyClicks(page->searchField(), QStringLiteral("Kowalski"));
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() == 1
                                     && page->model()->contact(0).name
                                             == QStringLiteral("Jan Kowalski"),
                             10000);
    page->listView()->setCurrentIndex(page->model()->index(0, 0));
    QTRY_COMPARE(page->cardView()->contact().name, QStringLiteral("Jan Kowalski"));
    const QList<QPushButton *> buttons = page->cardView()->callButtons();
    QCOMPARE(buttons.size(), 1);
    QCOMPARE(buttons.first()->property("number").toString(), QStringLiteral("+48600100200"));
    QTRY_VERIFY(buttons.first()->isVisible() && buttons.first()->isEnabled());

    QSignalSpy placed(page, &ContactsPage::callPlaced);
    QSignalSpy refused(page, &ContactsPage::callRefused);
    QTest::mouseClick(buttons.first(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!placed.isEmpty() || !refused.isEmpty(), 10000);
    QVERIFY2(refused.isEmpty(), qPrintable(refused.value(0).value(1).toString()));

    // The simulator got one callback, from Anna's extension, and rang it first.
    const Reply simCalls
            = request("GET", m_simulatorUrl.resolved(QUrl(QStringLiteral("/_sim/calls"))));
    QJsonArray callbacks;
    for (const QJsonValue &call : simCalls.json[QStringLiteral("calls")].toArray()) {
        if (call[QStringLiteral("direction")].toString() == QLatin1String("callback"))
            callbacks.append(call);
    }
    QCOMPARE(callbacks.size(), 1);
    const QJsonObject detail = waitForCall(callbacks[0][QStringLiteral("id")].toString());
    QCOMPARE(detail[QStringLiteral("scenario")][QStringLiteral("from")].toString(),
             QStringLiteral("101"));
    const QJsonArray rang = detail[QStringLiteral("rang")].toArray();
    QVERIFY(!rang.isEmpty());
    QCOMPARE(rang.first().toString(), QStringLiteral("101"));
    for (const QString &other : { QStringLiteral("100"), QStringLiteral("102") })
        QVERIFY(!rang.contains(other));
}

// A tel: link (or a pop-up's "Call back") with the window hidden: the same click-to-call, and
// the tray tells the agent, since no banner is in sight.
void TestDesktopEndToEnd::telLinkDialsAndTheTraySaysSo()
{
    m_app->mainWindow().hide();
    QSignalSpy notified(m_app.get(), &DesktopApp::notified);
    m_app->handleArguments({ QStringLiteral("tel:+48-600-100-200") });
    QVERIFY(notified.wait(10000));
    QCOMPARE(notified.constFirst().at(0).toString(), QStringLiteral("Calling +48600100200"));
    QVERIFY2(notified.constFirst().at(1).toString().contains(QStringLiteral("ext. 101")),
             qPrintable(notified.constFirst().at(1).toString()));

    const Reply simCalls
            = request("GET", m_simulatorUrl.resolved(QUrl(QStringLiteral("/_sim/calls"))));
    QStringList callers;
    for (const QJsonValue &call : simCalls.json[QStringLiteral("calls")].toArray()) {
        if (call[QStringLiteral("direction")].toString() == QLatin1String("callback"))
            callers.append(waitForCall(call[QStringLiteral("id")].toString())[QStringLiteral(
                    "scenario")][QStringLiteral("from")]
                                   .toString());
    }
    QCOMPARE(callers, QStringList({ QStringLiteral("101"), QStringLiteral("101") }));
    m_app->mainWindow().show(); // the next checks click in it
}

void TestDesktopEndToEnd::recordingPlaysToTheEnd()
{
    QString simId;
    const QString pbxCallId
            = startCall({ { QStringLiteral("direction"), QStringLiteral("inbound") },
                          { QStringLiteral("caller"), QStringLiteral("48501222333") },
                          { QStringLiteral("ring"), QJsonArray { QStringLiteral("101") } },
                          { QStringLiteral("answer"),
                            QJsonObject { { QStringLiteral("by"), QStringLiteral("101") },
                                          { QStringLiteral("after"), 5 } } },
                          { QStringLiteral("duration"), 20 },
                          { QStringLiteral("recorded"), true },
                          { QStringLiteral("record_delay"), 5 } },
                        &simId);
    QVERIFY(!pbxCallId.isEmpty());
    QVERIFY(!waitForCall(simId).isEmpty());

    m_app->mainWindow().showHistory();
    HistoryPage *history = m_app->mainWindow().historyPage();
    // The stream tells the page of the call and, later, of its recording.
    QTRY_VERIFY_WITH_TIMEOUT(
            history->model()->rowOf(pbxCallId) >= 0
                    && history->model()->call(history->model()->rowOf(pbxCallId)).recordingReady,
            10000);
    history->selectCall(pbxCallId);
    QCOMPARE(history->selectedCall(), pbxCallId);
    RecordingPlayer *player = history->player();
    QTRY_COMPARE(player->stage(), RecordingPlayer::Stage::Ready);
    QSignalSpy finished(player, &RecordingPlayer::playbackFinished);
    player->play();
    QVERIFY(finished.wait(10000));
    QCOMPARE(player->stage(), RecordingPlayer::Stage::Downloaded);
    QVERIFY(player->playedToTheEnd());
    QCOMPARE(player->duration(), 1000); // the simulator recorded one second
}

void TestDesktopEndToEnd::missedCallBecomesAReminderThatCanBeFinished()
{
    RemindersPage *reminders = m_app->mainWindow().remindersPage();
    const int before = reminders->count();
    QString simId;
    const QString pbxCallId
            = startCall({ { QStringLiteral("direction"), QStringLiteral("inbound") },
                          { QStringLiteral("caller"), QStringLiteral("34600777888") },
                          { QStringLiteral("ring"), QJsonArray { QStringLiteral("101") } },
                          { QStringLiteral("outcome"), QStringLiteral("no answer") },
                          { QStringLiteral("ring_timeout"), 20 } },
                        &simId);
    QVERIFY(!pbxCallId.isEmpty());
    QVERIFY(!waitForCall(simId).isEmpty());

    m_app->mainWindow().showReminders();
    qint64 taskId = 0;
    const auto listed = [&] {
        for (const TaskInfo &task : reminders->tasks()) {
            if (task.pbxCallId == pbxCallId)
                taskId = task.id;
        }
        return taskId != 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(listed(), 10000);
    QCOMPARE(reminders->count(), before + 1);
    ReminderItem *item = reminders->item(taskId);
    QVERIFY(item);
    QTRY_VERIFY(item->doneButton()->isVisible() && item->doneButton()->isEnabled());

    QSignalSpy finished(reminders, &RemindersPage::taskFinished);
    QTest::mouseClick(item->doneButton(), Qt::LeftButton);
    QVERIFY(!finished.isEmpty() || finished.wait(10000));
    QCOMPARE(finished.first().first().toLongLong(), taskId);
    QTRY_COMPARE(reminders->count(), before);
    QVERIFY(!reminders->item(taskId));

    const Reply open = api("GET", QStringLiteral("/v1/tasks?done=false"), m_anna);
    QCOMPARE(open.status, 200);
    for (const QJsonValue &task : open.json[QStringLiteral("tasks")].toArray())
        QVERIFY2(task[QStringLiteral("id")].toInteger() != taskId, open.body.constData());
}

Test::FakeCrm &TestDesktopEndToEnd::crm()
{
    if (!m_crmServer)
        m_crmServer = std::make_unique<Test::FakeCrm>(crmApiKey, m_crmPort);
    return *m_crmServer;
}

namespace {

qsizetype recordsWithPhone(const Test::FakeCrm &crm, const QString &entity, const QString &phone)
{
    qsizetype count = 0;
    for (const QJsonObject &record : crm.records(entity))
        count += record.value(u"phoneNumber").toString() == phone ? 1 : 0;
    return count;
}

// The CRM's records whose description names the call (CallBridge writes its id there).
qsizetype recordsAbout(const Test::FakeCrm &crm, const QString &entity, const QString &pbxCallId)
{
    qsizetype count = 0;
    for (const QJsonObject &record : crm.records(entity))
        count += record.value(u"description").toString().contains(pbxCallId) ? 1 : 0;
    return count;
}

} // namespace

// The relay knows nothing of the caller; the CRM does. The pop-up opens at once and shows
// the CRM's name when the look-up (retried once: the CRM answered 503) comes back; the
// finished call goes to the CRM once, linked to the CRM's contact.
void TestDesktopEndToEnd::callerKnownOnlyToTheCrmGetsTheCrmsNameOnThePopup()
{
    const QString crmId = crm().addContact(
            QStringLiteral("Olga"), QStringLiteral("Petrova"), { QStringLiteral("+34600111222") },
            { { QStringLiteral("accountName"), QStringLiteral("Petrova Logistics") } });
    crm().failNext(1, 503);
    QString simId;
    const QString pbxCallId
            = startCall({ { QStringLiteral("direction"), QStringLiteral("inbound") },
                          { QStringLiteral("caller"), QStringLiteral("34600111222") },
                          { QStringLiteral("ring"), QJsonArray { QStringLiteral("101") } },
                          { QStringLiteral("answer"),
                            QJsonObject { { QStringLiteral("by"), QStringLiteral("101") },
                                          { QStringLiteral("after"), 20 } } },
                          { QStringLiteral("duration"), 300 } },
                        &simId);
    QVERIFY(!pbxCallId.isEmpty());
    CallPopup *popup = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((popup = m_app->popups().popup(pbxCallId)) != nullptr, 10000);
    const auto shownName = [this, &pbxCallId] {
        const CallPopup *current = m_app->popups().popup(pbxCallId);
        return current && current->call().contact ? current->call().contact->name : QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(shownName(), QStringLiteral("Olga Petrova"), 10000);
    QCOMPARE(m_app->popups().popup(pbxCallId)->call().contact->company,
             QStringLiteral("Petrova Logistics"));
    // "Open in CRM" opens her page in that CRM.
    QCOMPARE(m_app->popups().popup(pbxCallId)->crmUrl(),
             QUrl(crm().url().toString() + QStringLiteral("/#Contact/view/") + crmId));
    if (const QString shot = qEnvironmentVariable("CALLBRIDGE_E2E_SCREENSHOTS"); !shot.isEmpty())
        m_app->popups().popup(pbxCallId)->grab().save(shot + QStringLiteral("/crm-popup.png"));
    QVERIFY(!waitForCall(simId).isEmpty());

    QTRY_COMPARE_WITH_TIMEOUT(recordsAbout(crm(), QStringLiteral("Call"), pbxCallId), 1, 10000);
    for (const QJsonObject &call : crm().records(QStringLiteral("Call"))) {
        if (call.value(u"description").toString().contains(pbxCallId))
            QCOMPARE(call.value(u"contactsIds").toArray().first().toString(), crmId);
    }
    // Known there: no second contact, no lead.
    QCOMPARE(recordsWithPhone(crm(), QStringLiteral("Contact"), QStringLiteral("+34600111222")), 1);
    QCOMPARE(recordsAbout(crm(), QStringLiteral("Lead"), pbxCallId), 0);
}

// A new caller becomes a contact and a lead in the CRM; the missed call and its reminder go
// there too, each once.
void TestDesktopEndToEnd::callerTheCrmDoesNotKnowIsCreatedThereWithALead()
{
    QString simId;
    const QString pbxCallId
            = startCall({ { QStringLiteral("direction"), QStringLiteral("inbound") },
                          { QStringLiteral("caller"), QStringLiteral("34699000111") },
                          { QStringLiteral("ring"), QJsonArray { QStringLiteral("101") } },
                          { QStringLiteral("duration"), 5 } },
                        &simId);
    QVERIFY(!pbxCallId.isEmpty());
    QVERIFY(!waitForCall(simId).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(
            recordsWithPhone(crm(), QStringLiteral("Contact"), QStringLiteral("+34699000111")), 1,
            10000);
    QTRY_COMPARE_WITH_TIMEOUT(recordsAbout(crm(), QStringLiteral("Lead"), pbxCallId), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(recordsAbout(crm(), QStringLiteral("Call"), pbxCallId), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(recordsAbout(crm(), QStringLiteral("Task"), pbxCallId), 1, 10000);
    QCOMPARE(recordsAbout(crm(), QStringLiteral("Call"), pbxCallId), 1);
    QCOMPARE(recordsWithPhone(crm(), QStringLiteral("Contact"), QStringLiteral("+34699000111")), 1);

    // The admin sees an empty backlog.
    const Reply status = api("GET", QStringLiteral("/v1/admin/crm"), m_admin);
    QCOMPARE(status.status, 200);
    QCOMPARE(status.json.value(u"connected").toBool(), true);
    QTRY_COMPARE_WITH_TIMEOUT(
            api("GET", QStringLiteral("/v1/admin/crm"), m_admin).json.value(u"pending").toInt(), 0,
            10000);
}

void TestDesktopEndToEnd::adminAssignsAFreeExtensionAndATakenOneIsRefused()
{
    // The administrator's token, pasted in the settings dialog: the app checks it with the
    // relay, keeps it in the keychain and signs in again.
    SettingsDialog &dialog = m_app->settingsDialog();
    QSignalSpy signedIn(m_app.get(), &DesktopApp::signedIn);
    emit dialog.tokenEntered(QString::fromLatin1(m_admin));
    QVERIFY(!signedIn.isEmpty() || signedIn.wait(10000));
    QCOMPARE(m_app->user().name, QStringLiteral("admin"));
    QCOMPARE(dialog.user().name, QStringLiteral("admin"));

    const qint64 carl = userId(QStringLiteral("carl"));
    const qint64 bob = userId(QStringLiteral("bob"));
    QVERIFY(carl && bob);
    dialog.showPage(SettingsDialog::Page::Users);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const auto comboOf = [&dialog](qint64 userId) -> QComboBox * {
        for (QComboBox *combo :
             dialog.findChildren<QComboBox *>(QStringLiteral("extensionCombo"))) {
            if (combo->property("userId").toLongLong() == userId)
                return combo;
        }
        return nullptr;
    };
    QComboBox *carlCombo = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((carlCombo = comboOf(carl)) != nullptr, 10000);
    const QStringList offered = comboValues(carlCombo);
    QVERIFY2(offered.contains(QStringLiteral("103")), qPrintable(offered.join(u' ')));
    // Taken ones are not offered: Anna's 101, Bob's 102.
    QVERIFY(!offered.contains(QStringLiteral("101")));
    QVERIFY(!offered.contains(QStringLiteral("102")));

    carlCombo->setCurrentIndex(carlCombo->findData(QStringLiteral("103")));
    emit carlCombo->activated(carlCombo->currentIndex());
    auto *status = dialog.findChild<StatusLine *>(QStringLiteral("usersStatus"));
    QVERIFY(status);
    QTRY_COMPARE_WITH_TIMEOUT(status->state(), StatusLine::State::Ok, 10000);

    // The relay reports it.
    bool assigned = false;
    const Reply extensions = api("GET", QStringLiteral("/v1/admin/extensions"), m_admin);
    for (const QJsonValue &entry : extensions.json[QStringLiteral("extensions")].toArray()) {
        if (entry[QStringLiteral("extension")].toString() == u"103")
            assigned = extensions.body.contains("carl");
    }
    QVERIFY2(assigned, extensions.body.constData());
    const Reply users = api("GET", QStringLiteral("/v1/admin/users"), m_admin);
    for (const QJsonValue &user : users.json[QStringLiteral("users")].toArray()) {
        if (user[QStringLiteral("id")].toInteger() == carl)
            QCOMPARE(user[QStringLiteral("extension")].toString(), QStringLiteral("103"));
    }
    // Now taken: not offered to Bob; and the relay refuses it when asked directly.
    QComboBox *bobCombo = nullptr;
    QTRY_VERIFY((bobCombo = comboOf(bob)) != nullptr
                && !comboValues(bobCombo).contains(QStringLiteral("103")));
    const Reply taken = api("PATCH", QStringLiteral("/v1/admin/users/%1").arg(bob), m_admin,
                            { { QStringLiteral("extension"), QStringLiteral("103") } });
    QCOMPARE(taken.status, 409);
    dialog.hide();
}

void TestDesktopEndToEnd::tokenIsNowhereOnDiskButInTheKeychain()
{
    QCOMPARE(keychainToken(QStringLiteral("anna")).value_or(QString()),
             QString::fromLatin1(m_anna));
    QCOMPARE(keychainToken(QStringLiteral("admin")).value_or(QString()),
             QString::fromLatin1(m_admin));

    QStringList places { QDir::homePath(), m_appDir.path(), m_relayDir.path() };
    int files = 0;
    bool settingsSeen = false;
    for (const QString &place : places) {
        QDirIterator it(place, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (file.size() > 64 * 1024 * 1024 || !file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray content = file.readAll();
            ++files;
            settingsSeen |= path == m_settingsFile;
            QVERIFY2(!content.contains(m_anna), qPrintable(path));
            QVERIFY2(!content.contains(m_admin), qPrintable(path));
        }
    }
    QVERIFY(settingsSeen);
    QVERIFY(files > 1);
}

QTEST_MAIN(TestDesktopEndToEnd)
#include "TestDesktopEndToEnd.moc"
