// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace CallBridge {

// A real, playable recording for a simulated call: 8 kHz 16-bit mono PCM WAV with two tones that
// alternate every half second, pitched by `seed` so that recordings of different calls differ.
QByteArray generateRecordingWav(int seconds, quint32 seed);

} // namespace CallBridge
