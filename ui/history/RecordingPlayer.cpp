// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/history/RecordingPlayer.h"

#include "core/client/RelayClient.h"
#include "ui/UiLogging.h"
#include "ui/history/SoundFilePlayer.h"
#include "ui/main/CallFormat.h"
#include "ui/main/PageIcons.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkReply>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QToolButton>
#include <QVBoxLayout>

namespace CallBridge {

namespace {

QString suffixFor(const QString &contentType)
{
    const QString type = contentType.section(u';', 0, 0).trimmed().toLower();
    if (type == u"audio/wav" || type == u"audio/x-wav" || type == u"audio/wave")
        return QStringLiteral("wav");
    if (type == u"audio/ogg")
        return QStringLiteral("ogg");
    return QStringLiteral("mp3"); // what Zadarma records
}

} // namespace

RecordingPlayer::RecordingPlayer(RelayClient *client, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_playButton(new QToolButton(this)),
      m_slider(new QSlider(Qt::Horizontal, this)),
      m_time(new QLabel(this)),
      m_save(new QPushButton(tr("Save…"), this)),
      m_status(new QLabel(this)),
      m_progress(new QProgressBar(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    auto *controls = new QHBoxLayout;
    controls->setSpacing(10);
    m_playButton->setObjectName(QStringLiteral("playRecording"));
    m_playButton->setFixedSize(36, 36);
    m_playButton->setIconSize(QSize(18, 18));
    m_playButton->setCursor(Qt::PointingHandCursor);
    m_playButton->setStyleSheet(
            QStringLiteral("QToolButton { background: %1; border: none; border-radius: 18px; }"
                           "QToolButton:hover { background: %2; }"
                           "QToolButton:disabled { background: #c9ced6; }")
                    .arg(PageIcons::accentColor().name(),
                         PageIcons::accentColor().darker(115).name()));
    controls->addWidget(m_playButton);
    m_slider->setObjectName(QStringLiteral("recordingPosition"));
    m_slider->setTracking(false);
    m_slider->setRange(0, 0);
    controls->addWidget(m_slider, 1);
    m_time->setObjectName(QStringLiteral("recordingTime"));
    m_time->setMinimumWidth(m_time->fontMetrics().horizontalAdvance(QStringLiteral("00:00 / 00:00"))
                            + 4);
    m_time->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    controls->addWidget(m_time);
    m_save->setObjectName(QStringLiteral("saveRecording"));
    m_save->setIcon(PageIcons::icon(PageIcons::Glyph::Download, PageIcons::mutedColor()));
    controls->addWidget(m_save);
    layout->addLayout(controls);

    auto *statusRow = new QHBoxLayout;
    statusRow->setSpacing(8);
    m_status->setObjectName(QStringLiteral("recordingStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusRow->addWidget(m_status, 1);
    m_progress->setMaximumWidth(160);
    m_progress->setMaximumHeight(10);
    m_progress->setTextVisible(false);
    m_progress->setVisible(false);
    statusRow->addWidget(m_progress);
    layout->addLayout(statusRow);

    connect(m_playButton, &QToolButton::clicked, this, &RecordingPlayer::togglePlayback);
    connect(m_save, &QPushButton::clicked, this, &RecordingPlayer::saveAs);
    // Without tracking, valueChanged comes when a drag ends or on a click or key: a seek.
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        if (m_player)
            m_player->setPosition(value);
    });
    connect(m_slider, &QSlider::sliderMoved, this, [this](int value) {
        m_time->setText(CallFormat::clock(value) + QStringLiteral(" / ")
                        + CallFormat::clock(m_player ? m_player->duration() : 0));
    });
    clear();
}

RecordingPlayer::~RecordingPlayer()
{
    abortDownload();
    unload();
}

SoundFilePlayer *RecordingPlayer::player()
{
    if (m_player)
        return m_player;
    m_player = new SoundFilePlayer(this);
    connect(m_player, &SoundFilePlayer::positionChanged, this, &RecordingPlayer::updatePosition);
    connect(m_player, &SoundFilePlayer::durationChanged, this, &RecordingPlayer::updatePosition);
    connect(m_player, &SoundFilePlayer::playbackStateChanged, this,
            [this](QMediaPlayer::PlaybackState state) {
                updateControls();
                emit playbackStateChanged(state);
            });
    connect(m_player, &SoundFilePlayer::finished, this, [this] {
        updatePosition();
        emit playbackFinished();
    });
    connect(m_player, &SoundFilePlayer::failed, this, [this](const QString &text) {
        qCWarning(lcUiHistory) << "recording cannot be played:" << text;
        setStage(Stage::Failed, tr("The recording cannot be played: %1").arg(text));
        emit failed(m_status->text());
    });
    return m_player;
}

void RecordingPlayer::unload()
{
    if (m_player)
        m_player->close();
}

QMediaPlayer::PlaybackState RecordingPlayer::playbackState() const
{
    return m_player ? m_player->playbackState() : QMediaPlayer::StoppedState;
}

qint64 RecordingPlayer::position() const
{
    return m_player ? m_player->position() : 0;
}

qint64 RecordingPlayer::duration() const
{
    return m_player ? m_player->duration() : 0;
}

bool RecordingPlayer::playedToTheEnd() const
{
    return m_player && m_player->atEnd();
}

void RecordingPlayer::setCall(const CallInfo &call)
{
    if (call.pbxCallId == m_call.pbxCallId && m_stage != Stage::Empty) {
        const bool becameReady = !(m_call.isRecorded && m_call.recordingReady) && call.isRecorded
                && call.recordingReady;
        m_call = call;
        if (becameReady)
            setStage(Stage::Ready);
        return;
    }
    abortDownload();
    unload();
    m_file.reset();
    m_pendingSave.clear();
    m_playWhenDownloaded = false;
    m_call = call;
    if (!call.isRecorded)
        setStage(Stage::Unavailable, tr("No recording for this call"));
    else if (!call.recordingReady)
        setStage(Stage::Unavailable,
                 tr("The recording is not ready yet; it appears here when it is."));
    else
        setStage(Stage::Ready);
}

void RecordingPlayer::clear()
{
    abortDownload();
    unload();
    m_file.reset();
    m_call = CallInfo();
    m_pendingSave.clear();
    m_playWhenDownloaded = false;
    setStage(Stage::Empty, tr("Select a call to play its recording."));
}

QString RecordingPlayer::message() const
{
    return m_status->text();
}

QString RecordingPlayer::positionText() const
{
    return m_time->text();
}

QString RecordingPlayer::downloadedFile() const
{
    return m_stage == Stage::Downloaded && m_file ? m_file->fileName() : QString();
}

void RecordingPlayer::play()
{
    if (m_stage == Stage::Downloaded) {
        player()->play();
        return;
    }
    m_playWhenDownloaded = true;
    download();
}

void RecordingPlayer::pause()
{
    m_playWhenDownloaded = false;
    if (m_player)
        m_player->pause();
}

void RecordingPlayer::togglePlayback()
{
    if (playbackState() == QMediaPlayer::PlayingState
        || (m_stage == Stage::Downloading && m_playWhenDownloaded))
        pause();
    else
        play();
}

void RecordingPlayer::seek(qint64 milliseconds)
{
    if (m_stage == Stage::Downloaded)
        player()->setPosition(milliseconds);
}

void RecordingPlayer::download()
{
    if (m_stage != Stage::Ready && m_stage != Stage::Failed)
        return;
    if (!(m_call.isRecorded && m_call.recordingReady))
        return;
    m_errorBody.clear();
    m_contentType.clear();
    m_file.reset();
    m_reply = m_client->downloadRecording(m_call.pbxCallId);
    connect(m_reply, &QNetworkReply::readyRead, this, &RecordingPlayer::readReply);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64 total) {
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(received * 1000 / total));
        } else {
            m_progress->setRange(0, 0);
        }
    });
    connect(m_reply, &QNetworkReply::finished, this, &RecordingPlayer::finishDownload);
    m_progress->setRange(0, 0);
    setStage(Stage::Downloading, tr("Downloading the recording…"));
}

void RecordingPlayer::readReply()
{
    if (!m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 200 || status >= 300) {
        m_errorBody += m_reply->readAll();
        return;
    }
    if (!m_file) {
        m_contentType = m_reply->header(QNetworkRequest::ContentTypeHeader).toString();
        m_file = std::make_unique<QTemporaryFile>(
                QDir(QDir::tempPath())
                        .filePath(QStringLiteral("callbridge-recording-XXXXXX.")
                                  + suffixFor(m_contentType)));
        if (!m_file->open()) {
            const QString message = tr("Cannot keep the recording in a temporary file: %1")
                                            .arg(m_file->errorString());
            m_file.reset();
            abortDownload();
            setStage(Stage::Failed, message);
            emit failed(message);
            return;
        }
    }
    m_file->write(m_reply->readAll());
}

void RecordingPlayer::finishDownload()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    readReply();
    m_reply = nullptr;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || status < 200 || status >= 300 || !m_file) {
        QString message;
        if (status == 404) {
            message = tr("No recording for this call");
        } else {
            message = QJsonDocument::fromJson(m_errorBody).object().value(u"error").toString();
            if (message.isEmpty())
                message = reply->errorString();
            message = tr("Could not get the recording: %1").arg(message);
        }
        if (status == 401)
            emit m_client->unauthorised(message);
        qCInfo(lcUiHistory) << "recording of" << m_call.pbxCallId << "not downloaded, HTTP"
                            << status;
        m_file.reset();
        m_pendingSave.clear();
        m_playWhenDownloaded = false;
        setStage(Stage::Failed, message);
        emit failed(message);
        return;
    }
    m_file->flush();
    const bool playable = player()->open(m_file->fileName());
    setStage(Stage::Downloaded);
    emit downloaded();
    if (!m_pendingSave.isEmpty()) {
        const QString path = std::exchange(m_pendingSave, QString());
        writeCopy(path);
    }
    if (!playable) {
        // Still saved when asked: it is the relay's file, only not one this app can play.
        qCWarning(lcUiHistory) << "recording of" << m_call.pbxCallId
                               << "cannot be played:" << m_player->errorString();
        m_playWhenDownloaded = false;
        setStage(Stage::Failed,
                 tr("The recording cannot be played: %1").arg(m_player->errorString()));
        emit failed(m_status->text());
        return;
    }
    if (std::exchange(m_playWhenDownloaded, false))
        player()->play();
}

void RecordingPlayer::abortDownload()
{
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

bool RecordingPlayer::saveTo(const QString &path)
{
    if (path.isEmpty())
        return false;
    if (m_stage == Stage::Downloaded)
        return writeCopy(path);
    if (m_stage != Stage::Ready && m_stage != Stage::Failed && m_stage != Stage::Downloading)
        return false;
    m_pendingSave = path;
    download();
    return true;
}

void RecordingPlayer::saveAs()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
            this, tr("Save recording"), QDir(folder).filePath(suggestedFileName()),
            tr("Audio (*.mp3 *.wav *.ogg);;All files (*)"));
    if (!path.isEmpty())
        saveTo(path);
}

bool RecordingPlayer::writeCopy(const QString &path)
{
    if (!m_file)
        return false;
    m_file->flush();
    if (QFile::exists(path))
        QFile::remove(path); // the dialog asked before overwriting
    if (!QFile::copy(m_file->fileName(), path)) {
        const QString message
                = tr("Could not save the recording to %1.").arg(QDir::toNativeSeparators(path));
        m_status->setText(message);
        emit failed(message);
        return false;
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_status->setText(tr("Saved to %1").arg(QDir::toNativeSeparators(path)));
    emit saved(path);
    return true;
}

QString RecordingPlayer::suggestedFileName() const
{
    const QDateTime started = m_call.startedAt.toLocalTime();
    QString number = m_call.clientNumber;
    number.remove(u'+');
    return QStringLiteral("call-%1-%2.%3")
            .arg(started.toString(QStringLiteral("yyyy-MM-dd-HHmm")),
                 number.isEmpty() ? m_call.pbxCallId : number,
                 m_contentType.isEmpty() ? QStringLiteral("mp3") : suffixFor(m_contentType));
}

void RecordingPlayer::setStage(Stage stage, const QString &message)
{
    m_stage = stage;
    m_status->setText(message);
    const bool failedStage = stage == Stage::Failed;
    m_status->setStyleSheet(
            QStringLiteral("color: %1;")
                    .arg((failedStage ? PageIcons::errorColor() : PageIcons::mutedColor()).name()));
    m_progress->setVisible(stage == Stage::Downloading);
    updateControls();
    updatePosition();
}

void RecordingPlayer::updateControls()
{
    const bool playable = m_stage == Stage::Ready || m_stage == Stage::Downloading
            || m_stage == Stage::Downloaded || m_stage == Stage::Failed;
    m_playButton->setEnabled(playable);
    const bool playing = playbackState() == QMediaPlayer::PlayingState
            || (m_stage == Stage::Downloading && m_playWhenDownloaded);
    m_playButton->setIcon(
            PageIcons::icon(playing ? PageIcons::Glyph::Pause : PageIcons::Glyph::Play, Qt::white));
    m_playButton->setToolTip(playing ? tr("Pause") : tr("Play"));
    m_slider->setEnabled(m_stage == Stage::Downloaded);
    m_save->setEnabled(playable);
}

void RecordingPlayer::updatePosition()
{
    const qint64 duration = m_stage == Stage::Downloaded && m_player ? m_player->duration() : 0;
    const qint64 position = m_stage == Stage::Downloaded && m_player ? m_player->position() : 0;
    if (!m_slider->isSliderDown()) {
        const QSignalBlocker blocker(m_slider);
        m_slider->setRange(0, int(duration));
        m_slider->setValue(int(position));
    }
    m_time->setText(CallFormat::clock(position) + QStringLiteral(" / ")
                    + (duration > 0 ? CallFormat::clock(duration) : QStringLiteral("–:––")));
}

} // namespace CallBridge
