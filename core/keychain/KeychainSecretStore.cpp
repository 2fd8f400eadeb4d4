// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/keychain/KeychainSecretStore.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusReply>
#include <QLoggingCategory>
#include <qt6keychain/keychain.h>

namespace CallBridge {

Q_LOGGING_CATEGORY(lcKeychain, "callbridge.desktop.keychain", QtInfoMsg)

namespace {

// QtKeychain reports a missing session bus or Secret Service as some other error ("Cannot
// autolaunch D-Bus without X11 $DISPLAY"), so a failure asks the bus whether a keychain is there.
bool keychainReachable()
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    const QStringList services { QStringLiteral("org.freedesktop.secrets"),
                                 QStringLiteral("org.kde.kwalletd6"),
                                 QStringLiteral("org.kde.kwalletd5") };
    for (const QString &service : services) {
        if (bus.interface()->isServiceRegistered(service).value())
            return true;
    }
    const QDBusReply<QStringList> activatable
            = bus.interface()->call(QStringLiteral("ListActivatableNames"));
    if (!activatable.isValid())
        return true; // cannot tell; QtKeychain's own message is then the better one
    for (const QString &service : services) {
        if (activatable.value().contains(service))
            return true;
    }
    return false;
}

QString messageFor(const QKeychain::Job &job, const QString &doing)
{
    const bool noKeychain = job.error() == QKeychain::NoBackendAvailable
            || ((job.error() == QKeychain::OtherError || job.error() == QKeychain::AccessDenied)
                && !keychainReachable());
    if (noKeychain)
        return QStringLiteral("No keychain is available to keep your relay token safe. Start a "
                              "Secret Service such as GNOME Keyring or KWallet, then try again.");
    QString detail = job.errorString().trimmed();
    while (detail.endsWith(u'.'))
        detail.chop(1);
    switch (job.error()) {
    case QKeychain::AccessDeniedByUser:
        return QStringLiteral("The keychain was not unlocked, so the relay token could not be %1. "
                              "Unlock it when asked, then try again.")
                .arg(doing);
    case QKeychain::AccessDenied:
        return QStringLiteral("The keychain refused access, so the relay token could not be %1. "
                              "Check that your keychain (GNOME Keyring or KWallet) is unlocked, "
                              "then try again. (%2)")
                .arg(doing, detail);
    case QKeychain::NotImplemented:
        return QStringLiteral("This system's keychain cannot keep the relay token. Install a "
                              "Secret Service such as GNOME Keyring or KWallet.");
    case QKeychain::CouldNotDeleteEntry:
        return QStringLiteral("The keychain could not delete the relay token (%1). Remove the "
                              "\"%2\" entry in your keychain's manager (Seahorse, KWalletManager).")
                .arg(detail, job.service());
    default:
        return QStringLiteral("The keychain failed, so the relay token could not be %1: %2. Check "
                              "that your keychain (GNOME Keyring or KWallet) is set up and "
                              "unlocked, then try again.")
                .arg(doing, detail);
    }
}

// Runs `job` and hands its outcome to `finish` in `context`'s thread, unless context is gone.
template<typename Job, typename Finish>
void run(Job *job, const QString &account, QObject *context, Finish finish)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(account);
    QObject::connect(job, &QKeychain::Job::finished, context ? context : job,
                     [finish = std::move(finish)](QKeychain::Job *finished) {
                         finish(*static_cast<Job *>(finished));
                     });
    job->start();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &service) : m_service(service) { }

void KeychainSecretStore::read(const QString &account, QObject *context,
                               std::function<void(Result<std::optional<QString>>)> done)
{
    run(new QKeychain::ReadPasswordJob(m_service), account, context,
        [done = std::move(done)](const QKeychain::ReadPasswordJob &job) {
            if (job.error() == QKeychain::NoError)
                return done(std::optional<QString>(job.textData()));
            if (job.error() == QKeychain::EntryNotFound)
                return done(std::optional<QString>());
            qCWarning(lcKeychain) << "Reading a secret failed:" << job.error() << job.errorString();
            done(fail(messageFor(job, QStringLiteral("read"))));
        });
}

void KeychainSecretStore::write(const QString &account, const QString &secret, QObject *context,
                                std::function<void(Result<void>)> done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(secret);
    run(job, account, context,
        [done = std::move(done)](const QKeychain::WritePasswordJob &written) {
            if (written.error() == QKeychain::NoError)
                return done({});
            qCWarning(lcKeychain) << "Storing a secret failed:" << written.error()
                                  << written.errorString();
            done(fail(messageFor(written, QStringLiteral("stored"))));
        });
}

void KeychainSecretStore::remove(const QString &account, QObject *context,
                                 std::function<void(Result<void>)> done)
{
    run(new QKeychain::DeletePasswordJob(m_service), account, context,
        [done = std::move(done)](const QKeychain::DeletePasswordJob &job) {
            // Nothing stored is what removing wants.
            if (job.error() == QKeychain::NoError || job.error() == QKeychain::EntryNotFound)
                return done({});
            qCWarning(lcKeychain) << "Removing a secret failed:" << job.error()
                                  << job.errorString();
            done(fail(messageFor(job, QStringLiteral("removed"))));
        });
}

} // namespace CallBridge
