// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/RelayClient.h"
#include "core/desktop/ClientSettings.h"
#include "tests/support/TestRelay.h"
#include "ui/settings/RoutingPage.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/settings/SettingsPage.h"
#include "ui/settings/StatusLine.h"
#include "ui/settings/UsersPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFrame>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace CallBridge;
using Page = SettingsDialog::Page;

namespace {

// TestRelay's simulator account (tests/support/TestRelay.cpp).
const QString simKey = QStringLiteral("test-relay-key");
const QString simSecret = QStringLiteral("test-relay-secret");

template<typename T> T *child(QWidget *parent, const QString &name)
{
    T *widget = parent->findChild<T *>(name);
    if (!widget)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return widget;
}

QStringList comboValues(const QComboBox *combo)
{
    QStringList values;
    for (int i = 0; i < combo->count(); ++i)
        values.append(combo->itemData(i).toString());
    return values;
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void agentPageLoadsAndSaves();
    void tokenGoesToTheApp();
    void wrongRelayAddressIsRefused();
    void agentSeesAdminPagesLocked();
    void adminSavesCredentials();
    void wrongCredentialsAreRefused();
    void connectionTest();
    void assignsAFreeExtension();
    void takenExtensionIsNotOffered();
    void raceForAnExtensionShowsTheRefusal();
    void addsAUserAndShowsTheTokenOnce();
    void removesAUserAfterConfirmation();
    void routingSwitchIsSaved();
    void routingRefusalIsShown();
    void blacklistAddAndRemove();
    void closedItReopensAsItWas();

private:
    QJsonObject getJson(const QString &path);
    Test::TestRelay::Account addUser(const QString &displayName, const QString &extension = {},
                                     const QString &role = QStringLiteral("agent"));
    UserInfo adminInfo() const;
    void openAsAdmin(Page page);
    QComboBox *extensionComboOf(qint64 userId);
    void screenshot(const QString &name);
    void clickConfirmation(const QString &name, const QString &buttonText);

    std::unique_ptr<Test::TestRelay> m_relay;
    QTemporaryDir m_home;
    QNetworkAccessManager m_network;
    std::unique_ptr<RelayClient> m_client;
    std::unique_ptr<QTemporaryDir> m_settingsDir;
    std::unique_ptr<ClientSettings> m_settings;
    std::unique_ptr<SettingsDialog> m_dialog;
};

void TestSettingsDialog::initTestCase()
{
    // ClientSettings writes the autostart entry under the XDG config folder.
    QVERIFY(m_home.isValid());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    QStandardPaths::setTestModeEnabled(true);

    m_relay = std::make_unique<Test::TestRelay>();
    auto started = m_relay->start();
    QVERIFY2(started, qPrintable(started.error().message));
    m_client = std::make_unique<RelayClient>(&m_network);
    m_client->setRelayUrl(m_relay->url());
    m_client->setToken(m_relay->admin().token);
}

void TestSettingsDialog::init()
{
    m_settingsDir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<ClientSettings>(
            m_settingsDir->filePath(QStringLiteral("callbridge.ini")));
    m_dialog = std::make_unique<SettingsDialog>(m_settings.get(), m_client.get());
}

void TestSettingsDialog::cleanup()
{
    m_dialog.reset();
    m_settings.reset();
    m_settingsDir.reset();
}

QJsonObject TestSettingsDialog::getJson(const QString &path)
{
    const auto answer = m_relay->send("GET", path, m_relay->admin().token);
    if (answer.status != 200)
        qWarning("GET %s: HTTP %d %s", qPrintable(path), answer.status, answer.body.constData());
    return QJsonDocument::fromJson(answer.body).object();
}

Test::TestRelay::Account TestSettingsDialog::addUser(const QString &displayName,
                                                     const QString &extension, const QString &role)
{
    const QString name = displayName.section(u' ', 0, 0).toLower();
    auto account = m_relay->addUser(name, displayName, extension, role);
    if (!account)
        qFatal("addUser: %s", qPrintable(account.error().message));
    return account.value();
}

UserInfo TestSettingsDialog::adminInfo() const
{
    UserInfo admin;
    admin.id = m_relay->admin().id;
    admin.name = m_relay->admin().name;
    admin.displayName = QStringLiteral("Root");
    admin.role = QStringLiteral("admin");
    return admin;
}

void TestSettingsDialog::openAsAdmin(Page page)
{
    m_dialog->setUser(adminInfo());
    m_dialog->showPage(page);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

QComboBox *TestSettingsDialog::extensionComboOf(qint64 userId)
{
    const auto combos = m_dialog->findChildren<QComboBox *>(QStringLiteral("extensionCombo"));
    for (QComboBox *combo : combos) {
        if (combo->property("userId").toLongLong() == userId)
            return combo;
    }
    return nullptr;
}

void TestSettingsDialog::screenshot(const QString &name)
{
    // CALLBRIDGE_SCREENSHOTS=<dir> keeps a picture of each page for people to look at.
    const QString dir = qEnvironmentVariable("CALLBRIDGE_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QTest::qWait(50); // let the last layout pass and spinner frame land
    m_dialog->grab().save(dir + u'/' + name + QStringLiteral(".png"));
}

void TestSettingsDialog::clickConfirmation(const QString &name, const QString &buttonText)
{
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_dialog->findChild<QMessageBox *>(name)) && box->isVisible());
    if (const QString dir = qEnvironmentVariable("CALLBRIDGE_SCREENSHOTS"); !dir.isEmpty())
        box->grab().save(dir + u'/' + name + QStringLiteral(".png"));
    for (QAbstractButton *button : box->buttons()) {
        if (button->text() == buttonText) {
            button->click();
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("no button \"%1\" in %2").arg(buttonText, name)));
}

void TestSettingsDialog::agentPageLoadsAndSaves()
{
    m_settings->setRelayUrl(QUrl(QStringLiteral("https://relay.example.com")));
    m_settings->setPopupPolicy(ClientSettings::PopupPolicy::OnAnswer);
    m_settings->setPopupLimit(5);
    m_settings->setRingSound(false);
    m_settings->setLanguage(QStringLiteral("es"));
    m_settings->setReminderIntervalMinutes(30);
    m_dialog->show();

    auto *url = child<QLineEdit>(m_dialog.get(), QStringLiteral("relayUrl"));
    auto *policy = child<QComboBox>(m_dialog.get(), QStringLiteral("popupPolicy"));
    auto *limit = child<QSpinBox>(m_dialog.get(), QStringLiteral("popupLimit"));
    auto *ring = child<QCheckBox>(m_dialog.get(), QStringLiteral("ringSound"));
    auto *language = child<QComboBox>(m_dialog.get(), QStringLiteral("language"));
    auto *autostart = child<QCheckBox>(m_dialog.get(), QStringLiteral("autostart"));
    auto *reminder = child<QSpinBox>(m_dialog.get(), QStringLiteral("reminderInterval"));
    QVERIFY(url && policy && limit && ring && language && autostart && reminder);
    QCOMPARE(url->text(), QStringLiteral("https://relay.example.com"));
    QCOMPARE(policy->currentData().value<ClientSettings::PopupPolicy>(),
             ClientSettings::PopupPolicy::OnAnswer);
    QCOMPARE(limit->value(), 5);
    QVERIFY(!ring->isChecked());
    QCOMPARE(language->currentData().toString(), QStringLiteral("es"));
    QVERIFY(!autostart->isChecked());
    QCOMPARE(reminder->value(), 30);

    url->setText(QStringLiteral("http://10.0.0.5:8080"));
    policy->setCurrentIndex(
            policy->findData(QVariant::fromValue(ClientSettings::PopupPolicy::Never)));
    limit->setValue(2);
    ring->setChecked(true);
    language->setCurrentIndex(language->findData(QStringLiteral("ru")));
    autostart->setChecked(true);
    reminder->setValue(45);
    QSignalSpy changed(m_settings.get(), &ClientSettings::changed);
    QTest::mouseClick(m_dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    QVERIFY(!m_dialog->isVisible());
    QVERIFY(!changed.isEmpty());

    // What another process (the app after a restart) reads from the file.
    ClientSettings reread(m_settings->fileName());
    QCOMPARE(reread.relayUrl(), QUrl(QStringLiteral("http://10.0.0.5:8080")));
    QCOMPARE(reread.popupPolicy(), ClientSettings::PopupPolicy::Never);
    QCOMPARE(reread.popupLimit(), 2);
    QVERIFY(reread.ringSound());
    QCOMPARE(reread.language(), QStringLiteral("ru"));
    QVERIFY(reread.autostart());
    QCOMPARE(reread.reminderIntervalMinutes(), 45);

    // Cancel writes nothing, and the next opening shows the file again.
    m_dialog->show();
    limit->setValue(9);
    m_dialog->reject();
    QCOMPARE(ClientSettings(m_settings->fileName()).popupLimit(), 2);
    m_dialog->show();
    QCOMPARE(limit->value(), 2);
    m_settings->setAutostart(false);
}

void TestSettingsDialog::tokenGoesToTheApp()
{
    m_dialog->show();
    auto *token = child<QLineEdit>(m_dialog.get(), QStringLiteral("token"));
    auto *state = child<QLabel>(m_dialog.get(), QStringLiteral("tokenState"));
    auto *status = child<StatusLine>(m_dialog.get(), QStringLiteral("tokenStatus"));
    QVERIFY(token && state && status);
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    QVERIFY(state->text().contains(QStringLiteral("No token yet")));
    m_dialog->setTokenStored(true);
    QVERIFY(state->text().contains(QStringLiteral("stored in the system keychain")));
    QVERIFY(token->text().isEmpty()); // the stored one is never shown

    QSignalSpy entered(m_dialog.get(), &SettingsDialog::tokenEntered);
    token->setText(QStringLiteral("  cbt_secret_token_value \n"));
    QVERIFY(m_dialog->apply());
    QCOMPARE(entered.size(), 1);
    QCOMPARE(entered.at(0).at(0).toString(), QStringLiteral("cbt_secret_token_value"));
    QVERIFY(token->text().isEmpty());
    QCOMPARE(status->state(), StatusLine::State::Busy);
    screenshot(QStringLiteral("connection-token-saving"));

    m_dialog->showTokenError(QStringLiteral("No keychain is available: install gnome-keyring."));
    QCOMPARE(status->state(), StatusLine::State::Error);
    QVERIFY(status->isVisible());
    m_dialog->setTokenStored(true);
    QCOMPARE(status->state(), StatusLine::State::Idle);

    // Applying again without a new token hands nothing over, and the file never holds it.
    child<QSpinBox>(m_dialog.get(), QStringLiteral("popupLimit"))->setValue(6);
    QVERIFY(m_dialog->apply());
    QCOMPARE(entered.size(), 1);
    const QString fileName = m_settings->fileName();
    m_dialog.reset();
    m_settings.reset(); // written out
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.contains("6"));
    QVERIFY(!written.contains("cbt_secret_token_value"));
}

void TestSettingsDialog::wrongRelayAddressIsRefused()
{
    m_settings->setPopupLimit(4);
    m_dialog->show();
    auto *url = child<QLineEdit>(m_dialog.get(), QStringLiteral("relayUrl"));
    auto *limit = child<QSpinBox>(m_dialog.get(), QStringLiteral("popupLimit"));
    auto *status = child<StatusLine>(m_dialog.get(), QStringLiteral("relayUrlStatus"));
    url->setText(QStringLiteral("ftp://relay"));
    limit->setValue(7);
    m_dialog->showPage(Page::Blacklist);
    m_dialog->accept();
    QVERIFY(m_dialog->isVisible());
    QCOMPARE(m_dialog->currentPage(), Page::Connection);
    QCOMPARE(status->state(), StatusLine::State::Error);
    QCOMPARE(ClientSettings(m_settings->fileName()).popupLimit(), 4);
}

void TestSettingsDialog::agentSeesAdminPagesLocked()
{
    const auto agent = addUser(QStringLiteral("Sam Smith"), QStringLiteral("105"));
    UserInfo info;
    info.id = agent.id;
    info.name = agent.name;
    info.displayName = QStringLiteral("Sam Smith");
    info.role = QStringLiteral("agent");
    info.extension = QStringLiteral("105");
    m_dialog->setUser(info);
    m_dialog->show();
    screenshot(QStringLiteral("agent-connection"));
    for (const Page page : { Page::ZadarmaAccount, Page::Users, Page::Routing, Page::Blacklist }) {
        SettingsPage *widget = m_dialog->page(page);
        QVERIFY(widget->isLocked());
        m_dialog->showPage(page);
        auto *reason = child<QLabel>(widget, QStringLiteral("lockReason"));
        QVERIFY(reason && reason->isVisible());
        QVERIFY(reason->text().contains(QStringLiteral("Only an administrator")));
    }
    QVERIFY(!child<QPushButton>(m_dialog.get(), QStringLiteral("saveCredentials"))->isEnabled());
    QVERIFY(!child<QLineEdit>(m_dialog.get(), QStringLiteral("zadarmaSecret"))->isEnabled());
    QVERIFY(!child<QPushButton>(m_dialog.get(), QStringLiteral("addUser"))->isEnabled());
    QVERIFY(!child<QPushButton>(m_dialog.get(), QStringLiteral("addToBlacklist"))->isEnabled());
    QVERIFY(!child<QCheckBox>(m_dialog.get(), QStringLiteral("routing.caller_name"))->isEnabled());
    // Nothing was asked of the relay's admin API on the agent's behalf.
    QVERIFY(child<QTableWidget>(m_dialog.get(), QStringLiteral("usersTable"))->rowCount() == 0);
    m_dialog->showPage(Page::Users);
    screenshot(QStringLiteral("agent-users-locked"));
    m_dialog->showPage(Page::ZadarmaAccount);
    screenshot(QStringLiteral("agent-zadarma-locked"));

    // The same dialog opens once an administrator signs in.
    m_dialog->setUser(adminInfo());
    QVERIFY(!m_dialog->page(Page::ZadarmaAccount)->isLocked());
    QVERIFY(!child<QLabel>(m_dialog.get(), QStringLiteral("lockReason"))->isVisible());
    m_dialog->showPage(Page::Connection);
    screenshot(QStringLiteral("admin-connection"));
}

void TestSettingsDialog::adminSavesCredentials()
{
    openAsAdmin(Page::ZadarmaAccount);
    auto *state = child<QLabel>(m_dialog.get(), QStringLiteral("credentialsState"));
    auto *key = child<QLineEdit>(m_dialog.get(), QStringLiteral("zadarmaKey"));
    auto *secret = child<QLineEdit>(m_dialog.get(), QStringLiteral("zadarmaSecret"));
    auto *save = child<QPushButton>(m_dialog.get(), QStringLiteral("saveCredentials"));
    auto *status = child<StatusLine>(m_dialog.get(), QStringLiteral("credentialsStatus"));
    auto *balance = child<QLabel>(m_dialog.get(), QStringLiteral("balance"));
    QVERIFY(state && key && secret && save && status && balance);
    QTRY_VERIFY(state->text().contains(QStringLiteral("The relay has a key and secret")));
    QVERIFY(key->text().isEmpty() && secret->text().isEmpty());
    QVERIFY(secret->placeholderText().contains(QStringLiteral("stored on the relay")));
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QTRY_VERIFY(balance->text().contains(QStringLiteral("USD")));
    screenshot(QStringLiteral("admin-zadarma"));

    key->setText(simKey);
    secret->setText(simSecret);
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(status->state(), StatusLine::State::Busy);
    QVERIFY(!save->isEnabled());
    QTRY_COMPARE(status->state(), StatusLine::State::Ok);
    QVERIFY(save->isEnabled());
    QVERIFY(secret->text().isEmpty());
    QVERIFY(key->text().isEmpty());
    QCOMPARE(getJson(QStringLiteral("/v1/admin/zadarma/credentials")).value(u"configured"),
             QJsonValue(true));
    screenshot(QStringLiteral("admin-zadarma-saved"));
}

void TestSettingsDialog::wrongCredentialsAreRefused()
{
    openAsAdmin(Page::ZadarmaAccount);
    auto *key = child<QLineEdit>(m_dialog.get(), QStringLiteral("zadarmaKey"));
    auto *secret = child<QLineEdit>(m_dialog.get(), QStringLiteral("zadarmaSecret"));
    auto *save = child<QPushButton>(m_dialog.get(), QStringLiteral("saveCredentials"));
    auto *status = child<StatusLine>(m_dialog.get(), QStringLiteral("credentialsStatus"));

    key->setText(simKey);
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(status->state(), StatusLine::State::Error); // both are needed; nothing was sent
    secret->setText(QStringLiteral("not-the-secret"));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(status->state(), StatusLine::State::Error);
    QVERIFY2(status->text().contains(QStringLiteral("did not accept")), qPrintable(status->text()));
    screenshot(QStringLiteral("admin-zadarma-refused"));
    // The working credentials stay in use.
    QCOMPARE(m_relay->send("POST", QStringLiteral("/v1/admin/zadarma/test"), m_relay->admin().token,
                           "{}")
                     .status,
             200);
}

void TestSettingsDialog::connectionTest()
{
    openAsAdmin(Page::ZadarmaAccount);
    auto *test = child<QPushButton>(m_dialog.get(), QStringLiteral("testConnection"));
    auto *status = child<StatusLine>(m_dialog.get(), QStringLiteral("testStatus"));
    QTRY_VERIFY(test->isEnabled()); // once the relay said it has credentials
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_COMPARE(status->state(), StatusLine::State::Ok);
    QVERIFY2(status->text().contains(QStringLiteral(" ms")), qPrintable(status->text()));
}

void TestSettingsDialog::assignsAFreeExtension()
{
    const auto alice = addUser(QStringLiteral("Alice Adams"));
    const auto bob = addUser(QStringLiteral("Bob Brown"), QStringLiteral("101"));
    openAsAdmin(Page::Users);
    QComboBox *aliceCombo = nullptr;
    QTRY_VERIFY((aliceCombo = extensionComboOf(alice.id)));
    const QStringList offered = comboValues(aliceCombo);
    QVERIFY2(offered.contains(QStringLiteral("102")), qPrintable(offered.join(u' ')));
    QVERIFY(!offered.contains(QStringLiteral("101")));
    QCOMPARE(aliceCombo->currentData().toString(), QString());
    screenshot(QStringLiteral("admin-users"));

    aliceCombo->setCurrentIndex(aliceCombo->findData(QStringLiteral("102")));
    emit aliceCombo->activated(aliceCombo->currentIndex());
    auto *status = child<StatusLine>(m_dialog.get(), QStringLiteral("usersStatus"));
    QTRY_COMPARE(status->state(), StatusLine::State::Ok);

    const QJsonArray users = getJson(QStringLiteral("/v1/admin/users")).value(u"users").toArray();
    bool found = false;
    for (const QJsonValue &user : users) {
        if (user[u"id"].toInteger() == alice.id) {
            QCOMPARE(user[u"extension"].toString(), QStringLiteral("102"));
            found = true;
        }
    }
    QVERIFY(found);
    // Lists were rebuilt: Bob is not offered Alice's extension, the PBX list shows her.
    QComboBox *bobCombo = extensionComboOf(bob.id);
    QVERIFY(bobCombo);
    QVERIFY(!comboValues(bobCombo).contains(QStringLiteral("102")));
    QCOMPARE(bobCombo->currentData().toString(), QStringLiteral("101"));
    const auto held = child<QTreeWidget>(m_dialog.get(), QStringLiteral("extensionsList"))
                              ->findItems(QStringLiteral("102"), Qt::MatchExactly, 0);
    QCOMPARE(held.size(), 1);
    QCOMPARE(held.first()->text(1), QStringLiteral("Alice Adams"));

    // And back to none.
    aliceCombo = extensionComboOf(alice.id);
    aliceCombo->setCurrentIndex(0);
    emit aliceCombo->activated(0);
    QTRY_VERIFY(status->state() == StatusLine::State::Ok
                && status->text().contains(QStringLiteral("no extension")));
}

void TestSettingsDialog::takenExtensionIsNotOffered()
{
    const auto carol = addUser(QStringLiteral("Carol"), QStringLiteral("103"));
    const auto dave = addUser(QStringLiteral("Dave"));
    openAsAdmin(Page::Users);
    QTRY_VERIFY(extensionComboOf(dave.id));
    const QStringList daveOffered = comboValues(extensionComboOf(dave.id));
    const QStringList carolOffered = comboValues(extensionComboOf(carol.id));
    QVERIFY(!daveOffered.contains(QStringLiteral("103")));
    QVERIFY(carolOffered.contains(QStringLiteral("103")));
    QCOMPARE(child<QComboBox>(m_dialog.get(), QStringLiteral("newUserExtension"))
                     ->findData(QStringLiteral("103")),
             -1);

    // Every extension on the PBX is offered to at most one user.
    const auto combos = m_dialog->findChildren<QComboBox *>(QStringLiteral("extensionCombo"));
    for (int i = 100; i <= 109; ++i) {
        const QString extension = QString::number(i);
        int holders = 0;
        for (QComboBox *combo : combos) {
            if (combo->currentData().toString() == extension)
                ++holders;
        }
        QVERIFY(holders <= 1);
    }
    QCOMPARE(UsersPage::choicesFor(
                     ExtensionList { QString(),
                                     { ExtensionInfo { QStringLiteral("100"), true, {} },
                                       ExtensionInfo { QStringLiteral("101"), false, {} },
                                       ExtensionInfo { QStringLiteral("102"), false, {} } } },
                     QStringLiteral("102")),
             QStringList({ QStringLiteral("100"), QStringLiteral("102") }));
}

void TestSettingsDialog::raceForAnExtensionShowsTheRefusal()
{
    const auto erin = addUser(QStringLiteral("Erin"));
    const auto frank = addUser(QStringLiteral("Frank"));
    openAsAdmin(Page::Users);
    QComboBox *erinCombo = nullptr;
    QTRY_VERIFY((erinCombo = extensionComboOf(erin.id)));
    QVERIFY(comboValues(erinCombo).contains(QStringLiteral("104")));

    // Another admin gives 104 to Frank while this dialog still shows it free.
    const auto taken = m_relay->send("PATCH", QStringLiteral("/v1/admin/users/%1").arg(frank.id),
                                     m_relay->admin().token, R"({"extension":"104"})");
    QCOMPARE(taken.status, 200);

    erinCombo->setCurrentIndex(erinCombo->findData(QStringLiteral("104")));
    emit erinCombo->activated(erinCombo->currentIndex());
    auto *status = child<StatusLine>(m_dialog.get(), QStringLiteral("usersStatus"));
    QTRY_COMPARE(status->state(), StatusLine::State::Error);
    QVERIFY2(status->text().contains(QStringLiteral("104")) && status->text().contains(frank.name),
             qPrintable(status->text()));
    screenshot(QStringLiteral("admin-users-refused"));

    // The lists were refreshed: 104 is Frank's and no longer offered to Erin.
    erinCombo = extensionComboOf(erin.id);
    QVERIFY(erinCombo->isEnabled());
    QCOMPARE(erinCombo->currentData().toString(), QString());
    QVERIFY(!comboValues(erinCombo).contains(QStringLiteral("104")));
    QCOMPARE(extensionComboOf(frank.id)->currentData().toString(), QStringLiteral("104"));
}

void TestSettingsDialog::addsAUserAndShowsTheTokenOnce()
{
    openAsAdmin(Page::Users);
    auto *table = child<QTableWidget>(m_dialog.get(), QStringLiteral("usersTable"));
    QTRY_VERIFY(table->rowCount() > 0);
    const int before = table->rowCount();
    auto *name = child<QLineEdit>(m_dialog.get(), QStringLiteral("newUserName"));
    auto *displayName = child<QLineEdit>(m_dialog.get(), QStringLiteral("newUserDisplayName"));
    auto *extension = child<QComboBox>(m_dialog.get(), QStringLiteral("newUserExtension"));
    auto *add = child<QPushButton>(m_dialog.get(), QStringLiteral("addUser"));
    auto *status = child<StatusLine>(m_dialog.get(), QStringLiteral("addUserStatus"));
    auto *panel = child<QFrame>(m_dialog.get(), QStringLiteral("tokenPanel"));
    auto *token = child<QLineEdit>(m_dialog.get(), QStringLiteral("oneTimeToken"));

    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(status->state(), StatusLine::State::Error); // no name

    name->setText(QStringLiteral("grace"));
    displayName->setText(QStringLiteral("Grace Hopper"));
    QVERIFY(extension->findData(QStringLiteral("106")) >= 0);
    extension->setCurrentIndex(extension->findData(QStringLiteral("106")));
    QTest::mouseClick(add, Qt::LeftButton);
    QTRY_COMPARE(status->state(), StatusLine::State::Ok);
    QVERIFY(panel->isVisible());
    QVERIFY(token->isReadOnly());
    QVERIFY(!token->text().isEmpty());
    QTRY_COMPARE(table->rowCount(), before + 1);
    QVERIFY(name->text().isEmpty());
    screenshot(QStringLiteral("admin-users-token"));

    // The token works for Grace, with her extension.
    const auto me = m_relay->send("GET", QStringLiteral("/v1/me"), token->text());
    QCOMPARE(me.status, 200);
    QCOMPARE(QJsonDocument::fromJson(me.body).object().value(u"extension").toString(),
             QStringLiteral("106"));

    // "Done" forgets it.
    QTest::mouseClick(child<QPushButton>(m_dialog.get(), QStringLiteral("hideToken")),
                      Qt::LeftButton);
    QVERIFY(!panel->isVisible());
    QVERIFY(token->text().isEmpty());

    // A duplicate name: the relay's refusal, next to the form.
    name->setText(QStringLiteral("grace"));
    QTest::mouseClick(add, Qt::LeftButton);
    QTRY_COMPARE(status->state(), StatusLine::State::Error);
    QVERIFY2(status->text().contains(QStringLiteral("grace")), qPrintable(status->text()));
}

void TestSettingsDialog::removesAUserAfterConfirmation()
{
    const auto henry = addUser(QStringLiteral("Henry"), QStringLiteral("107"));
    openAsAdmin(Page::Users);
    auto *table = child<QTableWidget>(m_dialog.get(), QStringLiteral("usersTable"));
    auto *remove = child<QPushButton>(m_dialog.get(), QStringLiteral("removeUser"));
    auto *renew = child<QPushButton>(m_dialog.get(), QStringLiteral("newToken"));
    QTRY_VERIFY(extensionComboOf(henry.id));
    QVERIFY(!remove->isEnabled());

    // Yourself: not removable.
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0)->data(Qt::UserRole).toLongLong() == m_relay->admin().id)
            table->selectRow(row);
    }
    QVERIFY(!remove->isEnabled());
    QVERIFY(renew->isEnabled());

    int henryRow = -1;
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0)->data(Qt::UserRole).toLongLong() == henry.id)
            henryRow = row;
    }
    QVERIFY(henryRow >= 0);
    table->selectRow(henryRow);
    QVERIFY(remove->isEnabled());

    // A new token first: the old one stops working.
    QTest::mouseClick(renew, Qt::LeftButton);
    clickConfirmation(QStringLiteral("confirmNewToken"), QStringLiteral("New token"));
    auto *token = child<QLineEdit>(m_dialog.get(), QStringLiteral("oneTimeToken"));
    QTRY_VERIFY(!token->text().isEmpty());
    QCOMPARE(m_relay->send("GET", QStringLiteral("/v1/me"), henry.token).status, 401);
    QCOMPARE(m_relay->send("GET", QStringLiteral("/v1/me"), token->text()).status, 200);

    // Cancel keeps him.
    table->selectRow(henryRow);
    QTest::mouseClick(remove, Qt::LeftButton);
    screenshot(QStringLiteral("admin-users-confirm-remove"));
    clickConfirmation(QStringLiteral("confirmRemove"), QStringLiteral("Cancel"));
    QTest::qWait(50);
    QVERIFY(extensionComboOf(henry.id));

    table->selectRow(henryRow);
    QTest::mouseClick(remove, Qt::LeftButton);
    clickConfirmation(QStringLiteral("confirmRemove"), QStringLiteral("Remove"));
    auto *status = child<StatusLine>(m_dialog.get(), QStringLiteral("usersStatus"));
    QTRY_VERIFY(status->state() == StatusLine::State::Ok && !extensionComboOf(henry.id));
    const auto extensions
            = getJson(QStringLiteral("/v1/admin/extensions")).value(u"extensions").toArray();
    for (const QJsonValue &entry : extensions) {
        if (entry[u"extension"].toString() == u"107")
            QVERIFY(entry[u"free"].toBool());
    }
}

void TestSettingsDialog::routingSwitchIsSaved()
{
    const auto ivy = addUser(QStringLiteral("Ivy"), QStringLiteral("108"));
    openAsAdmin(Page::Routing);
    auto *callerName = child<QCheckBox>(m_dialog.get(), QStringLiteral("routing.caller_name"));
    auto *timeout = child<QSpinBox>(m_dialog.get(), QStringLiteral("routing.return_timeout"));
    auto *responsible
            = child<QComboBox>(m_dialog.get(), QStringLiteral("users.default_responsible"));
    auto *save = child<QPushButton>(m_dialog.get(), QStringLiteral("saveRouting"));
    auto *status = child<StatusLine>(m_dialog.get(), QStringLiteral("routingStatus"));
    QTRY_VERIFY(responsible->findData(ivy.name) >= 0 && timeout->value() == 20);
    QVERIFY(callerName->isChecked());
    QVERIFY(!save->isEnabled());
    screenshot(QStringLiteral("admin-routing"));

    callerName->setChecked(false);
    timeout->setValue(35);
    responsible->setCurrentIndex(responsible->findData(ivy.name));
    QVERIFY(save->isEnabled());
    auto *page = qobject_cast<RoutingPage *>(m_dialog->page(Page::Routing));
    QVERIFY(page);
    QCOMPARE(page->changes(),
             QJsonObject({ { QStringLiteral("routing.caller_name"), false },
                           { QStringLiteral("routing.return_timeout"), 35 },
                           { QStringLiteral("users.default_responsible"), ivy.name } }));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(status->state(), StatusLine::State::Ok);
    QVERIFY(!save->isEnabled());

    const QJsonObject values
            = getJson(QStringLiteral("/v1/admin/settings")).value(u"settings").toObject();
    QCOMPARE(values.value(u"routing.caller_name").toString(), QStringLiteral("false"));
    QCOMPARE(values.value(u"routing.return_timeout").toString(), QStringLiteral("35"));
    QCOMPARE(values.value(u"users.default_responsible").toString(), ivy.name);
    QCOMPARE(values.value(u"routing.redirect_to_responsible").toString(), QStringLiteral("true"));

    // OK does not close over changes that are not on the relay yet.
    callerName->setChecked(true);
    m_dialog->showPage(Page::Connection);
    m_dialog->accept();
    QVERIFY(m_dialog->isVisible());
    QCOMPARE(m_dialog->currentPage(), Page::Routing);
    QCOMPARE(status->state(), StatusLine::State::Error);

    // Back to how the other tests expect the relay.
    callerName->setChecked(true);
    timeout->setValue(20);
    responsible->setCurrentIndex(0);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(status->state(), StatusLine::State::Ok);
    QCOMPARE(getJson(QStringLiteral("/v1/admin/settings"))
                     .value(u"settings")[u"users.default_responsible"]
                     .toString(),
             QString());
}

void TestSettingsDialog::routingRefusalIsShown()
{
    openAsAdmin(Page::Routing);
    auto *region = child<QLineEdit>(m_dialog.get(), QStringLiteral("phone.default_region"));
    auto *save = child<QPushButton>(m_dialog.get(), QStringLiteral("saveRouting"));
    auto *status = child<StatusLine>(m_dialog.get(), QStringLiteral("routingStatus"));
    QTRY_COMPARE(region->text(), QStringLiteral("US"));
    region->setText(QStringLiteral("QQ"));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(status->state(), StatusLine::State::Error);
    QVERIFY2(status->text().contains(QStringLiteral("region")), qPrintable(status->text()));
    QVERIFY(save->isEnabled()); // the edit stays, to be corrected
    QCOMPARE(region->text(), QStringLiteral("QQ"));
    screenshot(QStringLiteral("admin-routing-refused"));
    QCOMPARE(getJson(QStringLiteral("/v1/admin/settings"))
                     .value(u"settings")[u"phone.default_region"]
                     .toString(),
             QStringLiteral("US"));
}

void TestSettingsDialog::blacklistAddAndRemove()
{
    openAsAdmin(Page::Blacklist);
    auto *table = child<QTableWidget>(m_dialog.get(), QStringLiteral("blacklistTable"));
    auto *number = child<QLineEdit>(m_dialog.get(), QStringLiteral("blacklistNumber"));
    auto *reason = child<QLineEdit>(m_dialog.get(), QStringLiteral("blacklistReason"));
    auto *add = child<QPushButton>(m_dialog.get(), QStringLiteral("addToBlacklist"));
    auto *addStatus = child<StatusLine>(m_dialog.get(), QStringLiteral("blacklistAddStatus"));
    auto *remove = child<QPushButton>(m_dialog.get(), QStringLiteral("removeFromBlacklist"));
    auto *status = child<StatusLine>(m_dialog.get(), QStringLiteral("blacklistStatus"));
    QTRY_COMPARE(status->state(), StatusLine::State::Idle);
    QCOMPARE(table->rowCount(), 0);

    number->setText(QStringLiteral("12345"));
    QTest::mouseClick(add, Qt::LeftButton);
    QTRY_COMPARE(addStatus->state(), StatusLine::State::Error); // not a public number

    number->setText(QStringLiteral("+48 600 100 200"));
    reason->setText(QStringLiteral("Robocalls every morning"));
    QTest::mouseClick(add, Qt::LeftButton);
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(addStatus->state(), StatusLine::State::Ok);
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Robocalls every morning"));
    QVERIFY(!table->item(0, 2)->text().isEmpty());
    number->setText(QStringLiteral("+34 911 234 567"));
    reason->setText(QStringLiteral("Asked not to be called"));
    QTest::mouseClick(add, Qt::LeftButton);
    QTRY_COMPARE(table->rowCount(), 2);
    const QJsonArray listed
            = getJson(QStringLiteral("/v1/admin/blacklist")).value(u"blacklist").toArray();
    QCOMPARE(listed.size(), 2);
    screenshot(QStringLiteral("admin-blacklist"));

    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0)->data(Qt::UserRole).toString() == u"+48600100200")
            table->selectRow(row);
    }
    QVERIFY(remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    clickConfirmation(QStringLiteral("confirmUnblock"), QStringLiteral("Remove"));
    QTRY_COMPARE(table->rowCount(), 1);
    QTRY_COMPARE(status->state(), StatusLine::State::Ok);
    const QJsonArray left
            = getJson(QStringLiteral("/v1/admin/blacklist")).value(u"blacklist").toArray();
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.first()[u"number"].toString(), QStringLiteral("+34911234567"));
}

// A closed dialog lets its native window and backing store go; opened again it is as it was.
void TestSettingsDialog::closedItReopensAsItWas()
{
    openAsAdmin(Page::Routing);
    const QSize size = m_dialog->size();
    m_dialog->reject();
    QTRY_VERIFY(!m_dialog->windowHandle());

    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    QCOMPARE(m_dialog->currentPage(), Page::Routing);
    QCOMPARE(m_dialog->user().name, adminInfo().name);
    QCOMPARE(m_dialog->size(), size);
}

QTEST_MAIN(TestSettingsDialog)
#include "TestSettingsDialog.moc"
