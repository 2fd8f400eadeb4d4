// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"

#include <QMediaPlayer>
#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QNetworkReply;
class QProgressBar;
class QSlider;
class QTemporaryFile;
class QToolButton;
class QPushButton;

namespace CallBridge {

class RelayClient;
class SoundFilePlayer;

// Plays a call's recording: play/pause, a seek slider, "0:12 / 1:03" and "Save…". The recording is
// downloaded into a temporary file first (with progress; the relay wants the token) and played from
// there with SoundFilePlayer; a refusal is shown in words.
class RecordingPlayer : public QWidget
{
    Q_OBJECT

public:
    enum class Stage { Empty, Unavailable, Ready, Downloading, Downloaded, Failed };
    Q_ENUM(Stage)

    explicit RecordingPlayer(RelayClient *client, QWidget *parent = nullptr);
    ~RecordingPlayer() override;

    // Shows the call; nothing is downloaded until play() or save.
    void setCall(const CallInfo &call);
    void clear();

    QString pbxCallId() const { return m_call.pbxCallId; }
    Stage stage() const { return m_stage; }
    QString message() const; // what the status line says
    QString positionText() const; // "0:12 / 1:03"
    QMediaPlayer::PlaybackState playbackState() const;
    qint64 position() const; // milliseconds, 0 until a recording is loaded
    qint64 duration() const;
    bool playedToTheEnd() const; // the end was reached and it was not played again
    QString downloadedFile() const; // empty until downloaded

public slots:
    void play(); // downloads first when needed
    void pause();
    void togglePlayback();
    void seek(qint64 milliseconds);
    void download();
    // Writes the recording to `path` (downloading it first when needed); false when it cannot.
    bool saveTo(const QString &path);
    void saveAs(); // asks where, with a file dialog

signals:
    void downloaded();
    void failed(const QString &message);
    void saved(const QString &path);
    void playbackStateChanged(QMediaPlayer::PlaybackState state);
    void playbackFinished(); // the end of the recording was reached

private:
    SoundFilePlayer *player();
    void unload();
    void setStage(Stage stage, const QString &message = QString());
    void readReply();
    void finishDownload();
    void abortDownload();
    void updateControls();
    void updatePosition();
    bool writeCopy(const QString &path);
    QString suggestedFileName() const;

    RelayClient *m_client;
    SoundFilePlayer *m_player = nullptr;
    CallInfo m_call;
    Stage m_stage = Stage::Empty;
    QPointer<QNetworkReply> m_reply;
    std::unique_ptr<QTemporaryFile> m_file;
    QByteArray m_errorBody;
    QString m_contentType;
    QString m_pendingSave;
    bool m_playWhenDownloaded = false;

    QToolButton *m_playButton;
    QSlider *m_slider;
    QLabel *m_time;
    QPushButton *m_save;
    QLabel *m_status;
    QProgressBar *m_progress;
};

} // namespace CallBridge
