// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimConfig.h"

#include "core/zadarma/ZadarmaTypes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace CallBridge {
namespace {

const char *const defaultNames[]
        = { "Ana García",   "Boris Ivanov", "Chloé Martin", "David Smith", "Elena Popova",
            "Farid Haddad", "Greta Müller", "Hugo Silva",   "Irene Rossi", "Jan Kowalski" };

} // namespace

SimConfig SimConfig::defaults()
{
    SimConfig config;
    for (int i = 0; i < 10; ++i) {
        config.extensions.append({ QString::number(100 + i), QString::fromUtf8(defaultNames[i]),
                                   QStringLiteral("+3491123456%1").arg(i), true });
    }
    config.directNumbers = {
        { QStringLiteral("34911234567"), QStringLiteral("Spain"), QStringLiteral("Madrid"),
          QStringLiteral("100") },
        { QStringLiteral("442037691880"), QStringLiteral("United Kingdom"),
          QStringLiteral("London"), QStringLiteral("101") },
    };
    return config;
}

int SimConfig::utcOffsetSeconds() const
{
    return AccountTimeZone { 0, {}, timeZone }.offsetSeconds().value_or(0);
}

Result<SimConfig> SimConfig::fromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return fail(QStringLiteral("the simulator configuration is not a JSON object: %1")
                            .arg(error.errorString()));
    const QJsonObject object = document.object();
    SimConfig config = defaults();
    auto text = [&](const char *name, const QString &fallback) {
        return object.value(QLatin1StringView(name)).toString(fallback);
    };
    config.key = text("key", QString::fromLatin1(config.key)).toUtf8();
    config.secret = text("secret", QString::fromLatin1(config.secret)).toUtf8();
    config.pbxId = object.value(QLatin1StringView("pbx_id")).toInteger(config.pbxId);
    config.balance = object.value(QLatin1StringView("balance")).toDouble(config.balance);
    config.currency = text("currency", config.currency);
    config.timeZone = text("timezone", config.timeZone);
    config.rateLimited = object.value(QLatin1StringView("rate_limits")).toBool(config.rateLimited);
    config.timeScale = object.value(QLatin1StringView("time_scale")).toDouble(config.timeScale);
    config.answerTimeout
            = std::chrono::milliseconds(object.value(QLatin1StringView("answer_timeout_ms"))
                                                .toInteger(config.answerTimeout.count()));
    config.recordingSeconds
            = object.value(QLatin1StringView("recording_seconds")).toInt(config.recordingSeconds);
    if (object.contains(QLatin1StringView("notification_url"))) {
        config.notificationUrl = QUrl(text("notification_url", QString()), QUrl::StrictMode);
        if (!config.notificationUrl.isEmpty() && !config.notificationUrl.isValid())
            return fail(QStringLiteral("notification_url is not a valid URL"));
    }
    if (object.contains(QLatin1StringView("extensions"))) {
        config.extensions.clear();
        for (const QJsonValue &value : object.value(QLatin1StringView("extensions")).toArray()) {
            const QJsonObject extension = value.toObject();
            const QString number
                    = extension.value(QLatin1StringView("number")).toVariant().toString();
            if (number.isEmpty() || number.size() > 5 || !number.toUInt())
                return fail(
                        QStringLiteral("extension \"%1\" is not a PBX extension number such as 100")
                                .arg(number));
            config.extensions.append({ number,
                                       extension.value(QLatin1StringView("name")).toString(),
                                       extension.value(QLatin1StringView("caller_id")).toString(),
                                       extension.value(QLatin1StringView("online")).toBool(true) });
        }
    }
    if (object.contains(QLatin1StringView("direct_numbers"))) {
        config.directNumbers.clear();
        for (const QJsonValue &value :
             object.value(QLatin1StringView("direct_numbers")).toArray()) {
            const QJsonObject number = value.toObject();
            config.directNumbers.append(
                    { number.value(QLatin1StringView("number")).toVariant().toString(),
                      number.value(QLatin1StringView("country")).toString(),
                      number.value(QLatin1StringView("description")).toString(),
                      number.value(QLatin1StringView("sip")).toVariant().toString() });
        }
    }
    if (config.key.isEmpty() || config.secret.isEmpty())
        return fail(QStringLiteral("the simulator needs a non-empty key and secret"));
    if (config.timeScale <= 0 || config.timeScale > 100)
        return fail(QStringLiteral("time_scale must be above 0 and at most 100"));
    return config;
}

Result<SimConfig> SimConfig::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    auto config = fromJson(file.readAll());
    if (!config)
        return fail(QStringLiteral("%1: %2").arg(path, config.error().message));
    return config;
}

} // namespace CallBridge
