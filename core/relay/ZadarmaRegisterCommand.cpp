// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/ZadarmaRegisterCommand.h"

#include "core/relay/RelayConfigLogging.h"
#include "core/relay/ZadarmaCommand.h"
#include "core/zadarma/ZadarmaClient.h"

#include <QTextStream>

namespace CallBridge {

namespace {

int exitCodeFor(const ZadarmaError &error)
{
    switch (error.kind) {
    case ZadarmaError::Kind::Api:
    case ZadarmaError::Kind::Http:
        return ZadarmaCommand::ApiError;
    case ZadarmaError::Kind::Configuration:
        return ZadarmaCommand::UsageError;
    default:
        return ZadarmaCommand::TransportError;
    }
}

// In our order: Zadarma's JSON object comes back with its keys sorted.
QString describeSwitches(const QList<std::pair<QString, bool>> &switches)
{
    QStringList parts;
    for (const QString &name : ZadarmaRegisterCommand::notifications()) {
        for (const auto &[answered, on] : switches) {
            if (answered == name)
                parts.append(name + (on ? QStringLiteral(" on") : QStringLiteral(" off")));
        }
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

const QStringList &ZadarmaRegisterCommand::notifications()
{
    static const QStringList names {
        QStringLiteral("notify_start"),   QStringLiteral("notify_internal"),
        QStringLiteral("notify_end"),     QStringLiteral("notify_out_start"),
        QStringLiteral("notify_out_end"), QStringLiteral("notify_answer"),
    };
    return names;
}

ZadarmaRegisterCommand::ZadarmaRegisterCommand(ZadarmaClient *client, QUrl url, QTextStream *out,
                                               QTextStream *err, QObject *parent)
    : QObject(parent), m_client(client), m_url(std::move(url)), m_out(out), m_err(err)
{ }

void ZadarmaRegisterCommand::run()
{
    qCInfo(lcRelayOperator).noquote()
            << "registering the notification URL" << m_url.toDisplayString();
    ZadarmaReply *reply = m_client->setCallInfoUrl(m_url);
    connect(reply, &ZadarmaReply::finished, this, [this, reply] {
        reply->deleteLater();
        const ZadarmaResult &result = reply->result();
        if (!result) {
            const ZadarmaError &error = result.error();
            QString message = error.toString();
            if (error.kind == ZadarmaError::Kind::Api)
                message += QStringLiteral(
                                   "\nZadarma checks the URL with a zd_echo request before saving "
                                   "it: is "
                                   "the relay running and reachable from the internet at %1?")
                                   .arg(m_url.toDisplayString());
            fail(QStringLiteral("setting the notification URL"), exitCodeFor(error), message);
            return;
        }
        const auto settings = CallInfoSettings::fromJson(result.value());
        const QString saved
                = settings && !settings->url.isEmpty() ? settings->url : m_url.toDisplayString();
        *m_out << "Zadarma checked the URL with zd_echo and saved it as the notification URL: "
               << saved << Qt::endl;
        switchNotificationsOn();
    });
}

void ZadarmaRegisterCommand::switchNotificationsOn()
{
    QList<std::pair<QString, bool>> switches;
    for (const QString &name : notifications())
        switches.append({ name, true });
    ZadarmaReply *reply = m_client->setCallInfoNotifications(switches);
    connect(reply, &ZadarmaReply::finished, this, [this, reply] {
        reply->deleteLater();
        const ZadarmaResult &result = reply->result();
        if (!result) {
            fail(QStringLiteral("switching the notifications on"), exitCodeFor(result.error()),
                 result.error().toString());
            return;
        }
        const auto settings = CallInfoSettings::fromJson(result.value());
        if (settings && !settings->notifications.isEmpty())
            *m_out << "Notifications: " << describeSwitches(settings->notifications) << Qt::endl;
        else
            *m_out << "Notifications switched on: " << notifications().join(QStringLiteral(", "))
                   << Qt::endl;
        emit finished(ZadarmaCommand::Success);
    });
}

void ZadarmaRegisterCommand::fail(const QString &step, int exitCode, const QString &message)
{
    *m_err << "callbridge-relay: zadarma register: " << step << " failed: " << message << Qt::endl;
    emit finished(exitCode);
}

} // namespace CallBridge
