// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/desktop/SignInCommand.h"

#include "core/client/RelayClient.h"
#include "core/desktop/ClientSettings.h"
#include "core/desktop/SecretStore.h"

#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QUrl>

#include <cstdio>

namespace CallBridge::SignInCommand {

namespace {
int failWith(const QString &message)
{
    std::fprintf(stderr, "callbridge: %s\n", qPrintable(message));
    return 1;
}
} // namespace

int run(const QString &relayUrl, const QString &userName, const QString &settingsFile,
        SecretStore &secrets)
{
    const QUrl url = QUrl::fromUserInput(relayUrl);
    if (relayUrl.isEmpty() || !url.isValid())
        return failWith(QStringLiteral("--sign-in needs --relay with the relay's address, such "
                                       "as http://127.0.0.1:8080"));
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return failWith(QStringLiteral("cannot read the token from standard input"));
    const QString token = QString::fromUtf8(input.readLine()).trimmed();
    if (token.isEmpty())
        return failWith(QStringLiteral("no token on standard input"));

    QNetworkAccessManager network;
    RelayClient relay(&network);
    relay.setRelayUrl(url);
    relay.setToken(token);
    QEventLoop loop;
    QString failure;
    UserInfo user;
    relay.me(&loop, [&](RelayResult<UserInfo> me) {
        if (me)
            user = me.value();
        else
            failure = QStringLiteral("the relay refused the token: %1").arg(me.error().message);
        loop.quit();
    });
    loop.exec();
    if (!failure.isEmpty())
        return failWith(failure);
    if (user.name != userName)
        return failWith(QStringLiteral("this token belongs to \"%1\", not \"%2\"")
                                .arg(user.name, userName));

    secrets.write(userName, token, &loop, [&](Result<void> written) {
        if (!written)
            failure = written.error().message;
        loop.quit();
    });
    loop.exec();
    if (!failure.isEmpty())
        return failWith(failure);

    ClientSettings settings(settingsFile);
    if (settings.userName() != userName)
        settings.setLastSeq(0); // another user's stream starts from its own beginning
    settings.setRelayUrl(url);
    settings.setUserName(userName);
    std::printf("Signed in as %s (%s, extension %s) at %s; the token is in the keychain.\n",
                qPrintable(user.shownName()), qPrintable(user.role),
                qPrintable(user.extension.isEmpty() ? QStringLiteral("none") : user.extension),
                qPrintable(url.toString()));
    return 0;
}

} // namespace CallBridge::SignInCommand
