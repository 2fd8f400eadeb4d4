// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/desktop/DesktopApp.h"

#include "app/desktop/IdleHeapTrim.h"
#include "core/client/RelayClient.h"
#include "core/client/StreamClient.h"
#include "core/common/SystemClock.h"
#include "core/desktop/ClientSettings.h"
#include "core/desktop/DialRequest.h"
#include "core/desktop/LiveCalls.h"
#include "core/desktop/SecretStore.h"
#include "core/phone/PhoneNumberNormalizer.h"
#include "ui/contacts/ContactsPage.h"
#include "ui/history/HistoryPage.h"
#include "ui/main/CallFormat.h"
#include "ui/main/MainWindow.h"
#include "ui/popup/PopupStack.h"
#include "ui/reminders/ReminderScheduler.h"
#include "ui/reminders/RemindersPage.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/tray/TrayIcon.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <cstdio>

Q_LOGGING_CATEGORY(lcDesktopApp, "callbridge.app.desktop")

namespace CallBridge {

using namespace std::chrono_literals;

DesktopApp::DesktopApp(Options options, std::unique_ptr<SecretStore> secrets, QObject *parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_clock(std::make_unique<SystemClock>()),
      m_secrets(std::move(secrets)),
      m_settings(std::make_unique<ClientSettings>(m_options.settingsFile)),
      m_network(new QNetworkAccessManager(this)),
      m_relay(new RelayClient(m_network, this)),
      m_stream(new StreamClient(m_clock.get(), this)),
      m_liveCalls(new LiveCalls(m_clock.get(), this)),
      m_tray(new TrayIcon(this)),
      m_popups(std::make_unique<PopupStack>()),
      m_mainWindow(std::make_unique<MainWindow>(m_relay))
{
    m_settings->migrate();
    new IdleHeapTrim(std::chrono::seconds(3), this);
    m_reminders = new ReminderScheduler(m_clock.get(), this);
    m_mainWindow->remindersPage()->setScheduler(m_reminders);

    // The tray and what it offers.
    connect(m_tray, &TrayIcon::trayReady, this, [this] {
        reportTiming(QStringLiteral("tray-ready-ms"), m_options.sinceLaunch.nsecsElapsed() / 1e6);
    });
    connect(m_tray, &TrayIcon::trayUnavailable, this, [this] {
        qCWarning(lcDesktopApp) << "no system tray; showing the main window instead";
        m_mainWindow->show();
    });
    connect(m_tray, &TrayIcon::openMainWindowRequested, this, [this] {
        m_liveCalls->markMissedSeen();
        m_mainWindow->showNormal();
        m_mainWindow->raise();
        m_mainWindow->activateWindow();
    });
    connect(m_tray, &TrayIcon::doNotDisturbToggled, this,
            [this](bool on) { m_settings->setDoNotDisturb(on); });
    connect(m_tray, &TrayIcon::settingsRequested, this, &DesktopApp::openSettings);
    connect(m_tray, &TrayIcon::quitRequested, QCoreApplication::instance(),
            &QCoreApplication::quit);
    connect(m_mainWindow.get(), &MainWindow::settingsRequested, this, &DesktopApp::openSettings);

    // The stream feeds the live calls, the history and the reminders.
    connect(m_stream, &StreamClient::itemReceived, this,
            [this](const QString &, qint64 seq, const QDateTime &, const QJsonObject &) {
                m_settings->setLastSeq(seq);
            });
    connect(m_stream, &StreamClient::callUpdated, this,
            [this](const CallUpdate &update, bool replayed) {
                m_liveCalls->apply(update, replayed);
                m_mainWindow->callChanged(update);
            });
    connect(m_stream, &StreamClient::taskChanged, this,
            [this](const TaskInfo &task, bool created, bool) {
                m_mainWindow->taskChanged(task, created);
            });
    connect(m_stream, &StreamClient::contactChanged, m_mainWindow.get(),
            &MainWindow::contactChanged);
    connect(m_stream, &StreamClient::stateChanged, this, &DesktopApp::updateTray);
    connect(m_stream, &StreamClient::replayFinished, this, [this] { emit live(); });
    connect(m_stream, &StreamClient::unauthorised, this, &DesktopApp::askForToken);
    connect(m_relay, &RelayClient::unauthorised, this, &DesktopApp::askForToken);

    // Pop-ups.
    connect(m_liveCalls, &LiveCalls::popupRequested, this, [this](const CallUpdate &update) {
        m_popups->show(update);
        reportTiming(QStringLiteral("popup-ms"),
                     double(m_clock->now().toMSecsSinceEpoch() - update.at.toMSecsSinceEpoch()));
        showLastInteraction(update);
    });
    connect(m_liveCalls, &LiveCalls::popupUpdated, m_popups.get(), &PopupStack::update);
    connect(m_liveCalls, &LiveCalls::ringingChanged, this, &DesktopApp::updateTray);
    connect(m_liveCalls, &LiveCalls::unseenMissedChanged, this, &DesktopApp::updateTray);
    connect(m_popups.get(), &PopupStack::callBackRequested, this, &DesktopApp::dial);
    // Calls placed from a pop-up or a tel: link while the window is hidden: its banner is not
    // seen, so the tray says it.
    connect(m_mainWindow->contactsPage(), &ContactsPage::callPlaced, this,
            [this](const QString &number, const ClickToCallPlaced &placed) {
                if (!m_mainWindow->isVisible())
                    notify(tr("Calling %1").arg(number), CallFormat::placed(number, placed));
            });
    connect(m_mainWindow->contactsPage(), &ContactsPage::callRefused, this,
            [this](const QString &, const QString &message) {
                if (!m_mainWindow->isVisible())
                    notify(tr("Call not placed"), message);
            });
    connect(m_popups.get(), &PopupStack::createContactRequested, this,
            [this](const QString &number) {
                m_mainWindow->showNewContact(number);
                m_mainWindow->showNormal();
                m_mainWindow->raise();
            });
    connect(m_popups.get(), &PopupStack::openInCrmRequested, this,
            [](const QUrl &url) { QDesktopServices::openUrl(url); });

    // Reminders re-remind until done or snoozed.
    connect(m_reminders, &ReminderScheduler::remind, this, [this](const TaskInfo &task) {
        notify(task.kind == u"missed_call" ? tr("Missed call to return") : tr("Reminder"),
               m_mainWindow->remindersPage()->titleFor(task));
    });

    connect(m_settings.get(), &ClientSettings::changed, this, &DesktopApp::applySettings);
    applySettings();
}

DesktopApp::~DesktopApp() = default;

void DesktopApp::start()
{
    m_tray->start();
    updateTray();
    signIn();
}

SettingsDialog &DesktopApp::settingsDialog()
{
    if (!m_settingsDialog) {
        m_settingsDialog = std::make_unique<SettingsDialog>(m_settings.get(), m_relay);
        m_settingsDialog->setUser(m_user);
        connect(m_settingsDialog.get(), &SettingsDialog::tokenEntered, this,
                &DesktopApp::storeToken);
    }
    return *m_settingsDialog;
}

// A pasted token is checked with the relay first: it tells whose token it is, and that name is
// the keychain account.
void DesktopApp::storeToken(const QString &token)
{
    auto *check = new RelayClient(m_network, this);
    check->setRelayUrl(m_settings->relayUrl());
    check->setToken(token);
    check->me(this, [this, check, token](RelayResult<UserInfo> me) {
        check->deleteLater();
        if (!me) {
            m_settingsDialog->showTokenError(
                    tr("The relay did not accept this token: %1").arg(me.error().message));
            return;
        }
        const QString userName = me->name;
        m_secrets->write(userName, token, this, [this, userName](Result<void> written) {
            if (!written) {
                m_settingsDialog->showTokenError(written.error().message);
                return;
            }
            if (m_settings->userName() != userName)
                m_settings->setLastSeq(0); // another user's stream starts from its beginning
            m_settings->setUserName(userName);
            m_settingsDialog->setTokenStored(true);
            m_signInAttempts = 0;
            signIn();
        });
    });
}

void DesktopApp::openSettings()
{
    SettingsDialog &dialog = settingsDialog();
    dialog.show();
    dialog.raise();
    dialog.activateWindow();
}

void DesktopApp::signIn()
{
    m_stream->disconnectFromRelay();
    const QString userName = m_settings->userName();
    if (userName.isEmpty())
        return askForToken(tr("Enter the relay's address, your user name and the token your "
                              "administrator gave you."));
    m_secrets->read(userName, this, [this, userName](Result<std::optional<QString>> token) {
        if (!token)
            return askForToken(token.error().message);
        if (!token.value())
            return askForToken(tr("No token for %1 in the keychain yet. Enter the token your "
                                  "administrator gave you.")
                                       .arg(userName));
        m_token = **token;
        m_relay->setRelayUrl(m_settings->relayUrl());
        m_relay->setToken(m_token);
        m_relay->me(this, [this](RelayResult<UserInfo> me) {
            if (me)
                return onSignedIn(me.value());
            if (me.error().isUnauthorised())
                return; // unauthorised() has asked for a new token
            // The relay is not reachable yet (start-up at login, no network): try again.
            m_offlineReason = me.error().message;
            updateTray();
            const auto delay
                    = std::chrono::seconds(std::min(60, 2 << std::min(m_signInAttempts, 5)));
            ++m_signInAttempts;
            m_clock->callAfter(delay, this, [this] { signIn(); });
        });
    });
}

void DesktopApp::onSignedIn(const UserInfo &user)
{
    m_user = user;
    m_signInAttempts = 0;
    qCInfo(lcDesktopApp).noquote() << "signed in as" << user.name << "extension" << user.extension;
    m_liveCalls->setOwnExtension(user.extension);
    m_popups->setOwnExtension(user.extension);
    m_popups->setCrmUrlTemplate(user.crmContactUrl);
    if (!user.defaultRegion.isEmpty()) {
        PhoneNumberNormalizer::Options numbers;
        numbers.defaultRegion = user.defaultRegion;
        m_mainWindow->setNumberFormat(PhoneNumberNormalizer(numbers));
        m_popups->setRegion(user.defaultRegion);
    }
    m_mainWindow->setUser(user);
    m_mainWindow->refresh();
    if (m_settingsDialog)
        m_settingsDialog->setUser(user);
    m_tray->setUser(user.shownName(), user.extension);
    m_stream->connectTo(m_relay->streamUrl(), m_token, m_settings->lastSeq());
    emit signedIn(user);
}

void DesktopApp::askForToken(const QString &why)
{
    qCWarning(lcDesktopApp).noquote() << "sign-in needed:" << why;
    m_offlineReason = why;
    updateTray();
    emit signInNeeded(why);
    SettingsDialog &dialog = settingsDialog();
    dialog.setTokenStored(false);
    dialog.showPage(SettingsDialog::Page::Connection);
    dialog.showTokenError(why);
    openSettings();
}

void DesktopApp::applySettings()
{
    m_liveCalls->setPolicy(m_settings->popupPolicy());
    m_liveCalls->setDoNotDisturb(m_settings->doNotDisturb());
    m_tray->setDoNotDisturb(m_settings->doNotDisturb());
    m_popups->setLimit(m_settings->popupLimit());
    m_popups->setRingSoundEnabled(m_settings->ringSound());
    m_reminders->setInterval(std::chrono::minutes(m_settings->reminderIntervalMinutes()));
}

void DesktopApp::updateTray()
{
    const bool connected = m_stream->state() == StreamClient::State::Live
            || m_stream->state() == StreamClient::State::Replaying;
    if (!connected && !m_stream->lastError().isEmpty())
        m_offlineReason = m_stream->lastError();
    m_tray->setOfflineReason(connected ? QString() : m_offlineReason);
    m_tray->setMissedCount(m_liveCalls->unseenMissed());
    m_tray->setState(
            TrayIcon::stateFor(connected, m_liveCalls->anyRinging(), m_liveCalls->unseenMissed()));
    m_mainWindow->setOnline(connected);
    m_mainWindow->setConnectionStatus(connected ? tr("Connected")
                                              : m_offlineReason.isEmpty()
                                              ? tr("Connecting…")
                                              : tr("Offline: %1").arg(m_offlineReason));
}

void DesktopApp::notify(const QString &title, const QString &text)
{
    m_tray->showMessage(title, text);
    emit notified(title, text);
}

void DesktopApp::showLastInteraction(const CallUpdate &update)
{
    if (!update.contact)
        return;
    CallQuery query;
    query.contactId = update.contact->id;
    query.limit = 2;
    const QString current = update.call.pbxCallId;
    m_relay->calls(query, m_popups.get(), [this, current](RelayResult<CallPage> page) {
        if (!page) {
            m_popups->setLastInteraction(current, {});
            return;
        }
        for (const CallInfo &call : std::as_const(page->calls)) {
            if (call.pbxCallId == current)
                continue;
            // Whole sentences for each case: "missed" and "answered" agree with "call" in
            // gender and case, and "today" is not a capitalised word in mid-sentence.
            const bool missed = CallFormat::isMissed(call);
            const QDateTime started = call.startedAt.toLocalTime();
            const QDate today = m_clock->now().toLocalTime().date();
            const QString time = CallFormat::timeOfDay(started.time());
            const qint64 days = started.date().daysTo(today);
            QString text;
            if (!started.isValid())
                text = missed ? tr("Last call: missed") : tr("Last call: answered");
            else if (days == 0)
                text = (missed ? tr("Last call: missed today at %1")
                               : tr("Last call: answered today at %1"))
                               .arg(time);
            else if (days == 1)
                text = (missed ? tr("Last call: missed yesterday at %1")
                               : tr("Last call: answered yesterday at %1"))
                               .arg(time);
            else
                text = (missed ? tr("Last call: missed on %1 at %2")
                               : tr("Last call: answered on %1 at %2"))
                               .arg(CallFormat::day(started.date(), today), time);
            m_popups->setLastInteraction(current, text);
            return;
        }
        m_popups->setLastInteraction(current, tr("First call from this contact"));
    });
}

void DesktopApp::handleArguments(const QStringList &arguments)
{
    const auto request = DialRequest::fromArguments(arguments);
    if (!request) {
        m_mainWindow->showNormal();
        m_mainWindow->raise();
        return;
    }
    dial(request->number);
}

void DesktopApp::dial(const QString &number)
{
    m_mainWindow->dial(number); // the contacts page places it and says how it went
}

void DesktopApp::reportTiming(const QString &what, double value)
{
    if (!m_options.reportTiming)
        return;
    QTextStream out(stdout);
    out << "timing " << what << ' ' << QString::number(value, 'f', 1) << Qt::endl;
}

} // namespace CallBridge
