// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/desktop/DesktopApp.h"
#include "app/desktop/ScreenshotTour.h"
#include "app/desktop/SignInCommand.h"
#include "core/desktop/ClientSettings.h"
#include "core/desktop/SingleInstance.h"
#include "core/keychain/KeychainSecretStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>

using namespace CallBridge;

namespace {

// The language setting, else the system's; English (the source language) needs no file.
void installTranslations(QCoreApplication &app, const QString &settingsFile)
{
    const QString chosen = ClientSettings(settingsFile).language();
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    QLocale::setDefault(locale);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("callbridge"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

// `--sign-in` needs no display (it may run over ssh): it gets a plain QCoreApplication.
bool isSignIn(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--sign-in") == 0 || qstrncmp(argv[i], "--sign-in=", 10) == 0)
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    DesktopApp::Options options;
    options.sinceLaunch.start();
    std::unique_ptr<QCoreApplication> application;
    if (isSignIn(argc, argv))
        application = std::make_unique<QCoreApplication>(argc, argv);
    else
        application = std::make_unique<QApplication>(argc, argv);
    QCoreApplication &app = *application;
    QCoreApplication::setOrganizationName(QStringLiteral("CallBridge"));
    QCoreApplication::setApplicationName(QStringLiteral("callbridge"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CALLBRIDGE_VERSION));
    if (qobject_cast<QApplication *>(&app)) {
        QApplication::setApplicationDisplayName(QStringLiteral("CallBridge"));
        QApplication::setDesktopFileName(QStringLiteral("callbridge"));
        QApplication::setQuitOnLastWindowClosed(false); // it lives in the tray
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "CallBridge: incoming-call pop-ups, contacts with click-to-call, call history and "
            "missed-call reminders for Zadarma PBX agents."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("number"),
                                 QStringLiteral("A tel: or callto: link or a number to dial."),
                                 QStringLiteral("[number]"));
    const QCommandLineOption settingsOption(QStringLiteral("settings"),
                                            QStringLiteral("Use this settings file."),
                                            QStringLiteral("file"));
    const QCommandLineOption signInOption(
            QStringLiteral("sign-in"),
            QStringLiteral("Store the token read from standard input in the keychain for USER "
                           "at relay URL, then exit (for scripted set-ups)."),
            QStringLiteral("user"));
    const QCommandLineOption relayOption(QStringLiteral("relay"),
                                         QStringLiteral("The relay's address, with --sign-in."),
                                         QStringLiteral("url"));
    const QCommandLineOption tourOption(
            QStringLiteral("screenshot-tour"),
            QStringLiteral("Sign in, save PNGs of the tray menu, a pop-up, the pages (playing a "
                           "recorded call) and the settings dialog into DIR, close the windows "
                           "to the tray, then exit."),
            QStringLiteral("dir"));
    const QCommandLineOption keepRunningOption(
            QStringLiteral("keep-running"),
            QStringLiteral("With --screenshot-tour: stay in the tray after the tour instead of "
                           "exiting; prints \"tour ok\" or \"tour failed\" when it is over (to "
                           "measure the idle app after the tour)."));
    const QCommandLineOption timingOption(
            QStringLiteral("report-timing"),
            QStringLiteral("Print start-up, pop-up latency and memory figures (benchmark)."));
    const QCommandLineOption keychainOption(
            QStringLiteral("keychain-service"),
            QStringLiteral("The keychain service name (default CallBridge)."),
            QStringLiteral("name"), QStringLiteral("CallBridge"));
    parser.addOptions({ settingsOption, signInOption, relayOption, tourOption, keepRunningOption,
                        timingOption, keychainOption });
    parser.process(app);

    options.settingsFile = parser.value(settingsOption);
    options.keychainService = parser.value(keychainOption);
    options.reportTiming = parser.isSet(timingOption);
    auto secrets = std::make_unique<KeychainSecretStore>(options.keychainService);

    if (parser.isSet(signInOption))
        return SignInCommand::run(parser.value(relayOption), parser.value(signInOption),
                                  options.settingsFile, *secrets);

    // One app per user session: a second launch (a tel: link) hands its arguments over.
    SingleInstance instance(SingleInstance::defaultName());
    const bool tour = parser.isSet(tourOption);
    if (!tour) {
        const auto first = instance.claim();
        if (first && !first.value()) {
            if (auto forwarded = instance.forward(parser.positionalArguments()); !forwarded) {
                std::fprintf(stderr, "callbridge: %s\n", qPrintable(forwarded.error().message));
                return 1;
            }
            return 0;
        }
        if (!first)
            std::fprintf(stderr, "callbridge: %s\n", qPrintable(first.error().message));
    }

    installTranslations(app, options.settingsFile);
    DesktopApp desktop(options, std::move(secrets));
    QObject::connect(&instance, &SingleInstance::argumentsReceived, &desktop,
                     &DesktopApp::handleArguments);
    std::unique_ptr<ScreenshotTour> screenshotTour;
    if (tour) {
        screenshotTour = std::make_unique<ScreenshotTour>(&desktop, parser.value(tourOption));
        if (parser.isSet(keepRunningOption)) {
            QObject::connect(screenshotTour.get(), &ScreenshotTour::finished, &app,
                             [shots = screenshotTour.get()](bool ok) {
                                 if (!ok)
                                     std::printf("tour failed\n");
                                 else if (shots->playedRecording())
                                     std::printf("tour ok (recording played)\n");
                                 else
                                     std::printf("tour ok (no recorded call)\n");
                                 std::fflush(stdout);
                             });
        } else {
            QObject::connect(screenshotTour.get(), &ScreenshotTour::finished, &app,
                             [&app](bool ok) { app.exit(ok ? 0 : 1); });
        }
    }
    desktop.start();
    if (!parser.positionalArguments().isEmpty()) {
        QObject::connect(
                &desktop, &DesktopApp::signedIn, &desktop,
                [&desktop, arguments = parser.positionalArguments()] {
                    desktop.handleArguments(arguments);
                },
                Qt::SingleShotConnection);
    }
    return app.exec();
}
