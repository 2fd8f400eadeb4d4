// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimRecording.h"

#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace CallBridge {
namespace {

void appendLittleEndian32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

void appendLittleEndian16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

} // namespace

QByteArray generateRecordingWav(int seconds, quint32 seed)
{
    constexpr quint32 sampleRate = 8000;
    const quint32 samples = sampleRate * quint32(std::clamp(seconds, 1, 60));
    const quint32 dataBytes = samples * 2;
    const double low = 350.0 + double(seed % 200);
    const double high = low * 1.5;

    QByteArray wav;
    wav.reserve(int(44 + dataBytes));
    wav.append("RIFF", 4);
    appendLittleEndian32(wav, 36 + dataBytes);
    wav.append("WAVEfmt ", 8);
    appendLittleEndian32(wav, 16); // fmt chunk size
    appendLittleEndian16(wav, 1); // PCM
    appendLittleEndian16(wav, 1); // mono
    appendLittleEndian32(wav, sampleRate);
    appendLittleEndian32(wav, sampleRate * 2); // byte rate
    appendLittleEndian16(wav, 2); // block align
    appendLittleEndian16(wav, 16); // bits per sample
    wav.append("data", 4);
    appendLittleEndian32(wav, dataBytes);
    for (quint32 i = 0; i < samples; ++i) {
        const double frequency = (i / (sampleRate / 2)) % 2 == 0 ? low : high;
        // A short fade at each tone change avoids clicks.
        const quint32 inTone = i % (sampleRate / 2);
        const double envelope = std::min({ 1.0, inTone / 80.0, (sampleRate / 2 - inTone) / 80.0 });
        const double value
                = 0.3 * envelope * std::sin(2 * std::numbers::pi * frequency * i / sampleRate);
        appendLittleEndian16(wav, quint16(qint16(std::lround(value * 32767))));
    }
    return wav;
}

} // namespace CallBridge
