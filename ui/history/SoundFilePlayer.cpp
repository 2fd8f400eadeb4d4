// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/history/SoundFilePlayer.h"

#include "ui/UiLogging.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QElapsedTimer>
#include <QFile>
#include <QIODevice>
#include <QMediaDevices>
#include <QSignalBlocker>
#include <QTimer>

#include <algorithm>
#include <cstring>
#include <sndfile.h>
#include <vector>

namespace CallBridge {

namespace {

// The decoded file as 16-bit PCM, read by QAudioSink as it needs it (pull mode).
class PcmReader : public QIODevice
{
public:
    PcmReader(SNDFILE *file, int channels) : m_file(file), m_channels(channels)
    {
        open(QIODevice::ReadOnly);
    }

    bool isSequential() const override { return true; }
    bool atEnd() const override { return m_end; }
    // After a seek: a sink that went idle at the end starts reading again on readyRead().
    void restart()
    {
        m_end = false;
        emit readyRead();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 frameBytes = qint64(sizeof(short)) * m_channels;
        const sf_count_t frames = maxSize / frameBytes;
        if (m_end || frames <= 0)
            return 0;
        m_buffer.resize(size_t(frames) * size_t(m_channels));
        const sf_count_t read = sf_readf_short(m_file, m_buffer.data(), frames);
        if (read <= 0) {
            m_end = true;
            return 0;
        }
        std::memcpy(data, m_buffer.data(), size_t(read * frameBytes));
        return read * frameBytes;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    SNDFILE *m_file;
    int m_channels;
    std::vector<short> m_buffer;
    bool m_end = false;
};

} // namespace

struct SoundFilePlayer::Private
{
    SoundFilePlayer *q;
    SNDFILE *file = nullptr;
    SF_INFO info {};
    std::unique_ptr<PcmReader> reader;
    // While playing or paused on a sound device. Without a parent: QAudioSink gives its parent to
    // its platform object too, which then dies with the parent, behind the sink's back.
    std::unique_ptr<QAudioSink> sink;
    // The position runs on the wall clock: QAudioSink's processedUSecs() lags by PulseAudio's
    // latency estimate and stalls after a resume. The sound device plays at the same pace.
    QElapsedTimer clock;
    QTimer ticker; // position updates while playing
    QMediaPlayer::PlaybackState state = QMediaPlayer::StoppedState;
    qint64 start = 0; // where the current run started, ms
    qint64 held = 0; // the position while not playing, ms
    bool end = false;
    QString error;

    qint64 duration() const
    {
        return file && info.samplerate > 0 ? info.frames * 1000 / info.samplerate : 0;
    }

    qint64 position() const
    {
        if (state != QMediaPlayer::PlayingState)
            return held;
        return std::min(start + clock.elapsed(), duration());
    }

    void setState(QMediaPlayer::PlaybackState next)
    {
        if (state == next)
            return;
        state = next;
        if (next == QMediaPlayer::PlayingState)
            ticker.start();
        else
            ticker.stop();
        emit q->playbackStateChanged(next);
    }

    void dropSink()
    {
        if (!sink)
            return;
        sink->disconnect(q);
        sink->stop();
        sink.reset();
    }

    void seek(qint64 to)
    {
        sf_seek(file, info.samplerate * to / 1000, SEEK_SET);
        reader->restart();
    }

    // Plays from `from` ms: on the default output, or silently where there is none.
    void run(qint64 from)
    {
        dropSink();
        end = false;
        start = from;
        seek(from);
        const QAudioDevice device = QMediaDevices::defaultAudioOutput();
        if (!device.isNull()) {
            QAudioFormat format;
            format.setSampleRate(info.samplerate);
            format.setChannelCount(info.channels);
            format.setSampleFormat(QAudioFormat::Int16);
            if (!device.isFormatSupported(format)) {
                fail(SoundFilePlayer::tr("The sound output cannot play this recording (%1 Hz, "
                                         "%n channel(s)).",
                                         nullptr, info.channels)
                             .arg(info.samplerate));
                return;
            }
            sink = std::make_unique<QAudioSink>(device, format);
            // A quarter of a second buffered: pause and seek are heard at once.
            sink->setBufferSize(format.bytesForDuration(250'000));
            // Queued: the sink is never stopped or deleted from inside its own signal.
            QObject::connect(
                    sink.get(), &QAudioSink::stateChanged, q,
                    [this, current = sink.get()](QAudio::State sinkState) {
                        if (current == sink.get())
                            onSinkState(sinkState);
                    },
                    Qt::QueuedConnection);
            sink->start(reader.get());
            if (sink->error() != QAudio::NoError) {
                qCDebug(lcUiHistory) << "the sound output refused the recording:" << sink->error()
                                     << "; playing it silently";
                dropSink();
            }
        } else {
            qCDebug(lcUiHistory) << "no sound output; the recording plays silently";
        }
        clock.start();
        setState(QMediaPlayer::PlayingState);
        emit q->positionChanged(from);
    }

    void onSinkState(QAudio::State sinkState)
    {
        if (!sink || state != QMediaPlayer::PlayingState)
            return;
        if (sinkState == QAudio::IdleState && reader->atEnd()) {
            finish();
        } else if (sinkState == QAudio::StoppedState && sink->error() != QAudio::NoError) {
            qCWarning(lcUiHistory) << "the sound output stopped:" << sink->error();
            fail(SoundFilePlayer::tr("The sound output stopped playing the recording."));
        }
    }

    void tick()
    {
        const qint64 now = position();
        emit q->positionChanged(now);
        // A sound device says when it has played the end; should it never, the clock does.
        if (now >= duration() && (!sink || clock.elapsed() > duration() - start + 2000))
            finish();
    }

    void finish()
    {
        dropSink();
        held = duration();
        end = true;
        emit q->positionChanged(held);
        setState(QMediaPlayer::StoppedState);
        emit q->finished();
    }

    void fail(const QString &message)
    {
        held = position();
        dropSink();
        error = message;
        setState(QMediaPlayer::StoppedState);
        emit q->failed(message);
    }
};

SoundFilePlayer::SoundFilePlayer(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->ticker.setInterval(100);
    connect(&d->ticker, &QTimer::timeout, this, [this] { d->tick(); });
}

SoundFilePlayer::~SoundFilePlayer()
{
    const QSignalBlocker quiet(this);
    close();
}

bool SoundFilePlayer::open(const QString &path)
{
    close();
    SF_INFO info {};
    SNDFILE *file = sf_open(QFile::encodeName(path).constData(), SFM_READ, &info);
    if (!file) {
        d->error = QString::fromLocal8Bit(sf_strerror(nullptr));
        return false;
    }
    if (info.samplerate <= 0 || info.channels <= 0 || info.frames <= 0) {
        sf_close(file);
        d->error = tr("The recording holds no sound.");
        return false;
    }
    d->file = file;
    d->info = info;
    d->reader = std::make_unique<PcmReader>(file, info.channels);
    d->error.clear();
    emit durationChanged(d->duration());
    emit positionChanged(0);
    return true;
}

void SoundFilePlayer::close()
{
    if (!d->file)
        return;
    d->dropSink();
    d->reader.reset();
    sf_close(d->file);
    d->file = nullptr;
    d->info = {};
    d->held = 0;
    d->end = false;
    d->setState(QMediaPlayer::StoppedState);
    emit durationChanged(0);
    emit positionChanged(0);
}

bool SoundFilePlayer::isOpen() const
{
    return d->file;
}

void SoundFilePlayer::play()
{
    if (!d->file || d->state == QMediaPlayer::PlayingState)
        return;
    if (d->state == QMediaPlayer::PausedState && d->sink) {
        d->sink->resume();
        d->start = d->held;
        d->clock.start();
        d->setState(QMediaPlayer::PlayingState);
        return;
    }
    d->run(d->end ? 0 : d->held);
}

void SoundFilePlayer::pause()
{
    if (d->state != QMediaPlayer::PlayingState)
        return;
    d->held = d->position();
    if (d->sink)
        d->sink->suspend();
    d->setState(QMediaPlayer::PausedState);
}

void SoundFilePlayer::stop()
{
    if (!d->file)
        return;
    d->dropSink();
    d->held = 0;
    d->end = false;
    d->setState(QMediaPlayer::StoppedState);
    emit positionChanged(0);
}

void SoundFilePlayer::setPosition(qint64 milliseconds)
{
    if (!d->file)
        return;
    // The sound output goes on with what it holds (a quarter of a second), then the new place: a
    // new output stream would take PulseAudio a while to start.
    const qint64 to = std::clamp<qint64>(milliseconds, 0, d->duration());
    d->seek(to);
    d->end = false;
    d->start = to;
    d->held = to;
    d->clock.start();
    emit positionChanged(to);
}

QMediaPlayer::PlaybackState SoundFilePlayer::playbackState() const
{
    return d->state;
}

qint64 SoundFilePlayer::position() const
{
    return d->position();
}

qint64 SoundFilePlayer::duration() const
{
    return d->duration();
}

bool SoundFilePlayer::atEnd() const
{
    return d->end;
}

bool SoundFilePlayer::isAudible() const
{
    return d->state == QMediaPlayer::PlayingState && d->sink;
}

QString SoundFilePlayer::errorString() const
{
    return d->error;
}

} // namespace CallBridge
