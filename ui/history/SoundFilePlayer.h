// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMediaPlayer>
#include <QObject>

#include <memory>

namespace CallBridge {

// Plays a sound file (MP3, WAV, OGG, FLAC) on the default sound output: libsndfile decodes it and
// QAudioSink plays it, as QMediaPlayer's states. QMediaPlayer would load the whole GStreamer
// pipeline (12 MiB resident), which stays loaded until the app quits; libsndfile and the
// PulseAudio client are loaded for the ring tone anyway. Without a sound device (a server, CI) the
// file plays silently at its own pace, as QMediaPlayer does there.
class SoundFilePlayer : public QObject
{
    Q_OBJECT

public:
    explicit SoundFilePlayer(QObject *parent = nullptr);
    ~SoundFilePlayer() override;

    // Stops and opens `path`; false (the reason in errorString()) when it cannot be read.
    bool open(const QString &path);
    void close();
    bool isOpen() const;

    void play(); // from the start again once the end was reached
    void pause();
    void stop(); // and back to the start
    void setPosition(qint64 milliseconds);

    QMediaPlayer::PlaybackState playbackState() const;
    qint64 position() const; // milliseconds
    qint64 duration() const; // milliseconds, 0 when nothing is open
    bool atEnd() const; // played to the end, not started again
    bool isAudible() const; // playing on a sound device, not silently
    QString errorString() const;

signals:
    void playbackStateChanged(QMediaPlayer::PlaybackState state);
    void positionChanged(qint64 milliseconds);
    void durationChanged(qint64 milliseconds);
    void finished(); // the end was reached: stopped, position() == duration()
    void failed(const QString &message); // stopped; the sound device refused the file

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace CallBridge
