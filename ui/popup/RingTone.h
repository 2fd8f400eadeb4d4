// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>

#include <memory>

class QSoundEffect;
class QTemporaryFile;

namespace CallBridge {

// The ring of incoming calls: a short two-tone burst, synthesised at first use and looped while
// play() is in force. Without an audio device (a server, CI) it stays silent and says so in the
// debug log only; it never blocks or fails the app.
class RingTone : public QObject
{
    Q_OBJECT

public:
    explicit RingTone(QObject *parent = nullptr);
    ~RingTone() override;

    void play();
    void stop();
    bool isPlaying() const { return m_wanted; } // asked to ring, heard or not
    bool isAudible() const; // a sound device plays it

    // One loop of the ring as a 16-bit mono PCM WAV file.
    static QByteArray wav();
    static constexpr int sampleRate = 16000;

private:
    void start();
    bool load();

    std::unique_ptr<QTemporaryFile> m_file;
    QSoundEffect *m_effect = nullptr;
    bool m_wanted = false;
    bool m_failed = false;
};

} // namespace CallBridge
