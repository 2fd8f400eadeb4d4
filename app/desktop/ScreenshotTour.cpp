// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/desktop/ScreenshotTour.h"

#include "app/desktop/DesktopApp.h"
#include "core/client/RelayClient.h"
#include "ui/contacts/ContactListModel.h"
#include "ui/contacts/ContactsPage.h"
#include "ui/history/CallHistoryModel.h"
#include "ui/history/HistoryPage.h"
#include "ui/history/RecordingPlayer.h"
#include "ui/main/MainWindow.h"
#include "ui/popup/CallPopup.h"
#include "ui/popup/PopupStack.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/tray/TrayIcon.h"

#include <QGuiApplication>
#include <QLineEdit>
#include <QListView>
#include <QLoggingCategory>
#include <QMenu>
#include <QScreen>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QWidget>

Q_LOGGING_CATEGORY(lcScreenshotTour, "callbridge.app.tour")

namespace CallBridge {

ScreenshotTour::ScreenshotTour(DesktopApp *app, const QString &directory, QObject *parent)
    : QObject(parent), m_app(app), m_directory(directory)
{
    if (!m_directory.mkpath(QStringLiteral("."))) {
        qCCritical(lcScreenshotTour).noquote() << "cannot create" << directory;
        QTimer::singleShot(0, this, [this] { emit finished(false); });
        return;
    }
    connect(app, &DesktopApp::live, this, &ScreenshotTour::begin);
    connect(app, &DesktopApp::signInNeeded, this, [this](const QString &why) {
        qCCritical(lcScreenshotTour).noquote() << "the tour needs a signed-in app:" << why;
        emit finished(false);
    });
}

void ScreenshotTour::then(int delayMs, Step step)
{
    m_steps.append({ delayMs, std::move(step) });
}

void ScreenshotTour::next()
{
    if (m_steps.isEmpty()) {
        qCInfo(lcScreenshotTour).noquote() << "screenshots saved in" << m_directory.absolutePath();
        emit finished(m_ok);
        return;
    }
    auto [delay, step] = m_steps.takeFirst();
    QTimer::singleShot(delay, this, [this, step = std::move(step)] {
        step();
        next();
    });
}

void ScreenshotTour::save(const QString &name, QWidget *widget)
{
    const QString path = m_directory.filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(path)) {
        qCWarning(lcScreenshotTour).noquote() << "could not save" << path;
        m_ok = false;
    }
}

void ScreenshotTour::saveScreen(const QString &name, const QRect &area)
{
    QScreen *screen = QGuiApplication::primaryScreen();
    const QString path = m_directory.filePath(name + QStringLiteral(".png"));
    if (!screen->grabWindow(0, area.x(), area.y(), area.width(), area.height()).save(path)) {
        qCWarning(lcScreenshotTour).noquote() << "could not save" << path;
        m_ok = false;
    }
}

void ScreenshotTour::begin()
{
    if (m_started)
        return; // a later reconnect replays again
    m_started = true;
    MainWindow &window = m_app->mainWindow();
    const QRect screen = QGuiApplication::primaryScreen()->geometry();

    // The tray menu, opened where the tray host put the icon.
    then(500, [this, screen] {
        QMenu *menu = m_app->tray().menu();
        const QRect icon = m_app->tray().systemTrayIcon()->geometry();
        menu->popup(icon.isValid() ? icon.bottomLeft() : QPoint(screen.width() - 260, 30));
    });
    then(400, [this] {
        QMenu *menu = m_app->tray().menu();
        save(QStringLiteral("tray-menu"), menu);
        menu->hide();
    });

    // Pop-ups for the latest calls, as they looked while ringing.
    then(0, [this] {
        CallQuery query;
        query.limit = 10;
        m_app->relay().calls(query, this, [this](RelayResult<CallPage> page) {
            if (!page || page->calls.isEmpty()) {
                qCWarning(lcScreenshotTour) << "no calls to show in a pop-up";
                return;
            }
            int shown = 0;
            for (const CallInfo &call : std::as_const(page->calls)) {
                if (call.direction != u"inbound" || shown == 2)
                    continue;
                CallUpdate update;
                update.type = QStringLiteral("call.ringing");
                update.call = call;
                update.call.state = QStringLiteral("ringing");
                update.call.answeredBy.clear();
                if (call.contactId != 0) {
                    m_app->relay().contact(call.contactId, this,
                                           [this, update](RelayResult<ContactCard> card) mutable {
                                               if (card)
                                                   update.contact = card.value();
                                               m_app->popups().show(update);
                                           });
                } else {
                    m_app->popups().show(update);
                }
                ++shown;
            }
        });
    });
    then(1500, [this, screen] {
        QRect area;
        for (CallPopup *popup : m_app->popups().popups())
            area |= popup->frameGeometry();
        area = area.adjusted(-24, -60, 24, 24).intersected(screen);
        if (area.isEmpty())
            m_ok = false;
        else
            saveScreen(QStringLiteral("popup"), area);
        m_app->popups().dismissAll();
    });

    // The main window's pages.
    then(0, [&window] {
        window.resize(1100, 700);
        window.showContacts();
        window.show();
        window.contactsPage()->searchField()->setText(QString());
        window.contactsPage()->refresh();
    });
    then(1200, [this, &window] {
        if (window.contactsPage()->model()->rowCount() > 0)
            window.contactsPage()->listView()->setCurrentIndex(
                    window.contactsPage()->model()->index(0, 0));
    });
    then(1200, [this, &window] { save(QStringLiteral("contacts"), &window); });
    then(0, [&window] {
        window.showHistory();
        window.historyPage()->refresh();
    });
    then(1200, [this, &window] {
        // Select a recorded call and start its player, so the picture shows it.
        const auto *model = window.historyPage()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const CallInfo call = model->call(row);
            if (call.isRecorded && call.recordingReady) {
                window.historyPage()->selectCall(call.pbxCallId);
                window.historyPage()->player()->play();
                m_recordingStarted = true;
                return;
            }
        }
        qCWarning(lcScreenshotTour) << "no recorded call to play";
    });
    then(2000, [this, &window] {
        save(QStringLiteral("history"), &window);
        RecordingPlayer *player = window.historyPage()->player();
        if (m_recordingStarted) {
            m_playedRecording = player->position() > 0;
            if (!m_playedRecording) {
                qCWarning(lcScreenshotTour).noquote()
                        << "the recording did not play:" << player->message();
                m_ok = false;
            }
        }
        player->pause();
    });
    then(0, [&window] { window.showReminders(); });
    then(1200, [this, &window] { save(QStringLiteral("reminders"), &window); });

    // The settings dialog, every page.
    then(0, [this, &window] {
        window.close(); // to the tray, as the agent closes it
        SettingsDialog &dialog = m_app->settingsDialog();
        dialog.showPage(SettingsDialog::Page::Connection);
        dialog.show();
    });
    const QList<std::pair<SettingsDialog::Page, QString>> pages {
        { SettingsDialog::Page::Connection, QStringLiteral("settings-connection") },
        { SettingsDialog::Page::ZadarmaAccount, QStringLiteral("settings-zadarma") },
        { SettingsDialog::Page::Users, QStringLiteral("settings-users") },
        { SettingsDialog::Page::Routing, QStringLiteral("settings-routing") },
        { SettingsDialog::Page::Blacklist, QStringLiteral("settings-blacklist") },
    };
    for (const auto &[page, name] : pages) {
        then(0, [this, page] { m_app->settingsDialog().showPage(page); });
        then(1000, [this, name] { save(name, &m_app->settingsDialog()); });
    }
    then(0, [this] { m_app->settingsDialog().close(); });
    next();
}

} // namespace CallBridge
