// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimPbx.h"

#include "core/common/Clock.h"
#include "core/sim/SimRecording.h"
#include "core/zadarma/ZadarmaTime.h"

#include <QCryptographicHash>

namespace CallBridge {

SimPbx::SimPbx(SimConfig config, Clock *clock, QObject *parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_clock(clock),
      m_notificationUrl(m_config.notificationUrl),
      m_notifications({ { QStringLiteral("notify_start"), true },
                        { QStringLiteral("notify_internal"), true },
                        { QStringLiteral("notify_end"), true },
                        { QStringLiteral("notify_out_start"), true },
                        { QStringLiteral("notify_out_end"), true },
                        { QStringLiteral("notify_answer"), true } }),
      m_hooks({ { QStringLiteral("number_lookup"), false },
                { QStringLiteral("call_tracking"), false },
                { QStringLiteral("sms"), false },
                { QStringLiteral("speech_recognition"), false } }),
      m_random(quint32(m_config.pbxId))
{ }

const SimExtension *SimPbx::extension(const QString &number) const
{
    for (const SimExtension &extension : m_config.extensions) {
        if (extension.number == number)
            return &extension;
    }
    return nullptr;
}

void SimPbx::setNotificationUrl(const QUrl &url)
{
    m_notificationUrl = url;
}

bool SimPbx::setNotification(const QString &name, bool on)
{
    for (auto &[switchName, value] : m_notifications) {
        if (switchName == name) {
            value = on;
            return true;
        }
    }
    return false;
}

bool SimPbx::setHook(const QString &name, bool on)
{
    for (auto &[hookName, value] : m_hooks) {
        if (hookName == name) {
            value = on;
            return true;
        }
    }
    return false;
}

bool SimPbx::isEventEnabled(const QString &eventName) const
{
    const QString switchName = eventName.toLower(); // NOTIFY_START → notify_start
    for (const auto &[name, on] : m_notifications) {
        if (name == switchName)
            return on;
    }
    return true; // NOTIFY_RECORD, NOTIFY_IVR: always sent
}

QString SimPbx::newPbxCallId(bool inbound)
{
    const QByteArray seed = QByteArray::number(m_config.pbxId) + ':'
            + QByteArray::number(++m_callSequence) + ':'
            + QByteArray::number(m_random.generate64());
    return (inbound ? QStringLiteral("in_") : QStringLiteral("out_"))
            + QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha1).toHex());
}

QString SimPbx::newCallId()
{
    return QStringLiteral("%1.%2")
            .arg(m_clock->now().toSecsSinceEpoch())
            .arg(m_random.bounded(1000000, 9999999));
}

QString SimPbx::accountTime(const QDateTime &utc) const
{
    return zadarmaTimeFromUtc(utc, m_config.utcOffsetSeconds());
}

QDateTime SimPbx::fromAccountTime(const QString &text) const
{
    return zadarmaTimeToUtc(text, m_config.utcOffsetSeconds());
}

void SimPbx::recordCall(const SimCallRecord &record)
{
    m_calls.append(record);
    emit callRecorded(record);
}

void SimPbx::addRecording(const QString &callId, const QString &pbxCallId, int callSeconds)
{
    const int seconds = std::clamp(std::min(callSeconds, m_config.recordingSeconds), 1, 60);
    m_recordings.insert(callId, { pbxCallId, seconds });
}

QStringList SimPbx::recordingsOfCall(const QString &pbxCallId) const
{
    QStringList ids;
    for (auto it = m_recordings.cbegin(); it != m_recordings.cend(); ++it) {
        if (it->pbxCallId == pbxCallId)
            ids.append(it.key());
    }
    ids.sort();
    return ids;
}

bool SimPbx::deleteRecording(const QString &callId)
{
    return m_recordings.remove(callId) > 0;
}

QString SimPbx::createDownloadToken(const QString &callId, int lifetimeSeconds,
                                    qint64 *expiresAtUnix)
{
    const QString token = QString::fromLatin1(
            QCryptographicHash::hash(
                    QByteArray(callId.toUtf8() + QByteArray::number(m_random.generate64())),
                    QCryptographicHash::Sha256)
                    .toHex()
                    .left(32));
    const QDateTime expires = m_clock->now().addSecs(lifetimeSeconds);
    m_links.insert(token, { callId, expires });
    if (expiresAtUnix)
        *expiresAtUnix = expires.toSecsSinceEpoch();
    return token;
}

std::optional<QByteArray> SimPbx::download(const QString &token) const
{
    const auto link = m_links.constFind(token);
    if (link == m_links.cend() || m_clock->now() >= link->expiresUtc)
        return std::nullopt;
    const auto recording = m_recordings.constFind(link->callId);
    if (recording == m_recordings.cend())
        return std::nullopt;
    return generateRecordingWav(recording->seconds, quint32(qHash(link->callId)));
}

} // namespace CallBridge
