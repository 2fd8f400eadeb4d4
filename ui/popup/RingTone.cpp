// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/popup/RingTone.h"

#include "ui/UiLogging.h"

#include <QAudioDevice>
#include <QDir>
#include <QMediaDevices>
#include <QSoundEffect>
#include <QTemporaryFile>
#include <QtEndian>

#include <cmath>
#include <numbers>

namespace CallBridge {

namespace {

void append16(QByteArray &data, quint16 value)
{
    const quint16 little = qToLittleEndian(value);
    data.append(reinterpret_cast<const char *>(&little), 2);
}

void append32(QByteArray &data, quint32 value)
{
    const quint32 little = qToLittleEndian(value);
    data.append(reinterpret_cast<const char *>(&little), 4);
}

} // namespace

RingTone::RingTone(QObject *parent) : QObject(parent) { }

RingTone::~RingTone() = default;

QByteArray RingTone::wav()
{
    // "Ring-ring": two bursts of 440 Hz + 480 Hz (the North American ringback pair), then a pause.
    constexpr double burst = 0.4;
    constexpr double gap = 0.2;
    constexpr double pause = 1.4;
    constexpr double fade = 0.015; // no clicks at the edges
    constexpr double total = burst + gap + burst + pause;
    const int samples = int(total * sampleRate);

    QByteArray pcm;
    pcm.reserve(samples * 2);
    for (int i = 0; i < samples; ++i) {
        const double t = double(i) / sampleRate;
        double start = -1;
        if (t < burst)
            start = 0;
        else if (t >= burst + gap && t < burst + gap + burst)
            start = burst + gap;
        double value = 0;
        if (start >= 0) {
            const double local = t - start;
            const double envelope = std::min({ 1.0, local / fade, (burst - local) / fade });
            value = envelope * 0.25
                    * (std::sin(2 * std::numbers::pi * 440 * t)
                       + std::sin(2 * std::numbers::pi * 480 * t));
        }
        append16(pcm, quint16(qint16(std::lround(value * 32767))));
    }

    QByteArray file;
    file.reserve(44 + pcm.size());
    file.append("RIFF");
    append32(file, quint32(36 + pcm.size()));
    file.append("WAVEfmt ");
    append32(file, 16); // PCM header size
    append16(file, 1); // PCM
    append16(file, 1); // mono
    append32(file, sampleRate);
    append32(file, sampleRate * 2); // bytes per second
    append16(file, 2); // bytes per frame
    append16(file, 16); // bits per sample
    file.append("data");
    append32(file, quint32(pcm.size()));
    file.append(pcm);
    return file;
}

void RingTone::play()
{
    if (m_wanted)
        return;
    m_wanted = true;
    // Later, so that the pop-up that goes with the ring is painted first.
    QMetaObject::invokeMethod(this, &RingTone::start, Qt::QueuedConnection);
}

void RingTone::stop()
{
    m_wanted = false;
    if (m_effect)
        m_effect->stop();
}

bool RingTone::isAudible() const
{
    return m_wanted && m_effect && m_effect->isPlaying();
}

void RingTone::start()
{
    if (!m_wanted || !load())
        return;
    m_effect->play();
}

bool RingTone::load()
{
    if (m_effect)
        return true;
    if (m_failed)
        return false;
    if (QMediaDevices::defaultAudioOutput().isNull()) {
        qCDebug(lcUiPopup) << "no audio output; calls ring silently";
        m_failed = true;
        return false;
    }
    m_file = std::make_unique<QTemporaryFile>(QDir::tempPath()
                                              + QStringLiteral("/callbridge-ring-XXXXXX.wav"));
    if (!m_file->open() || m_file->write(wav()) < 0 || !m_file->flush()) {
        qCDebug(lcUiPopup) << "cannot write the ring tone:" << m_file->errorString();
        m_failed = true;
        return false;
    }
    m_effect = new QSoundEffect(this);
    connect(m_effect, &QSoundEffect::statusChanged, this, [this] {
        if (m_effect->status() == QSoundEffect::Error)
            qCDebug(lcUiPopup) << "the ring tone cannot be played; calls ring silently";
    });
    m_effect->setLoopCount(QSoundEffect::Infinite);
    m_effect->setVolume(0.8f);
    m_effect->setSource(QUrl::fromLocalFile(m_file->fileName()));
    return true;
}

} // namespace CallBridge
