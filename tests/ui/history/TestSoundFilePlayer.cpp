// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/history/SoundFilePlayer.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <sndfile.h>
#include <vector>

using namespace CallBridge;

// The recording player's engine on real files (WAV as the simulator records, MP3 as Zadarma
// does). Where the machine has no sound device (CI) it plays silently at the file's pace, so the
// same checks hold either way.
class TestSoundFilePlayer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readsTheLength_data();
    void readsTheLength();
    void playsToTheEndAndAgainFromTheStart();
    void pauseHoldsThePlaceAndSeekMovesIt();
    void stopGoesBackToTheStart();
    void aFileThatIsNoSoundIsRefusedInWords();

private:
    QString writeTone(const QString &name, int format, int milliseconds);

    QTemporaryDir m_dir;
    QString m_wav;
};

QString TestSoundFilePlayer::writeTone(const QString &name, int format, int milliseconds)
{
    const QString path = m_dir.filePath(name);
    SF_INFO info {};
    info.samplerate = 8000;
    info.channels = 1;
    info.format = format;
    SNDFILE *file = sf_open(QFile::encodeName(path).constData(), SFM_WRITE, &info);
    if (!file)
        return {};
    std::vector<short> samples(size_t(8 * milliseconds));
    for (size_t i = 0; i < samples.size(); ++i)
        samples[i] = short(6000 * std::sin(double(i) * 2 * M_PI * 440 / 8000));
    sf_writef_short(file, samples.data(), sf_count_t(samples.size()));
    sf_close(file);
    return path;
}

void TestSoundFilePlayer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_wav = writeTone(QStringLiteral("call.wav"), SF_FORMAT_WAV | SF_FORMAT_PCM_16, 400);
    QVERIFY(!m_wav.isEmpty());
}

void TestSoundFilePlayer::readsTheLength_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("name");
    QTest::newRow("wav") << (SF_FORMAT_WAV | SF_FORMAT_PCM_16) << QStringLiteral("a.wav");
    QTest::newRow("mp3") << (SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III) << QStringLiteral("a.mp3");
    QTest::newRow("ogg") << (SF_FORMAT_OGG | SF_FORMAT_VORBIS) << QStringLiteral("a.ogg");
}

void TestSoundFilePlayer::readsTheLength()
{
    QFETCH(int, format);
    QFETCH(QString, name);
    const QString path = writeTone(name, format, 2000);
    QVERIFY(!path.isEmpty());
    SoundFilePlayer player;
    QVERIFY2(player.open(path), qPrintable(player.errorString()));
    QVERIFY2(std::abs(player.duration() - 2000) <= 60,
             qPrintable(QString::number(player.duration())));
    QCOMPARE(player.position(), 0);
    QCOMPARE(player.playbackState(), QMediaPlayer::StoppedState);
}

void TestSoundFilePlayer::playsToTheEndAndAgainFromTheStart()
{
    SoundFilePlayer player;
    QVERIFY(player.open(m_wav));
    QSignalSpy finished(&player, &SoundFilePlayer::finished);
    QSignalSpy states(&player, &SoundFilePlayer::playbackStateChanged);
    player.play();
    QCOMPARE(player.playbackState(), QMediaPlayer::PlayingState);
    QVERIFY(finished.wait(3000));
    QCOMPARE(player.playbackState(), QMediaPlayer::StoppedState);
    QVERIFY(player.atEnd());
    QCOMPARE(player.position(), 400);
    QCOMPARE(states.count(), 2); // playing, stopped

    player.play(); // from the start again
    QVERIFY(!player.atEnd());
    QVERIFY(player.position() < 100);
    QVERIFY(finished.wait(3000));
}

void TestSoundFilePlayer::pauseHoldsThePlaceAndSeekMovesIt()
{
    SoundFilePlayer player;
    QVERIFY(player.open(m_wav));
    player.play();
    QTRY_VERIFY(player.position() >= 100);
    player.pause();
    QCOMPARE(player.playbackState(), QMediaPlayer::PausedState);
    const qint64 held = player.position();
    QTest::qWait(150);
    QCOMPARE(player.position(), held);

    QSignalSpy moved(&player, &SoundFilePlayer::positionChanged);
    player.setPosition(300);
    QCOMPARE(player.position(), 300);
    QCOMPARE(moved.constLast().constFirst().toLongLong(), 300);
    QCOMPARE(player.playbackState(), QMediaPlayer::PausedState);

    QSignalSpy finished(&player, &SoundFilePlayer::finished);
    player.play();
    QVERIFY(finished.wait(3000));
    QCOMPARE(player.position(), 400);
}

void TestSoundFilePlayer::stopGoesBackToTheStart()
{
    SoundFilePlayer player;
    QVERIFY(player.open(m_wav));
    player.play();
    QTRY_VERIFY(player.position() > 0);
    player.stop();
    QCOMPARE(player.playbackState(), QMediaPlayer::StoppedState);
    QCOMPARE(player.position(), 0);
    QVERIFY(!player.atEnd());
}

void TestSoundFilePlayer::aFileThatIsNoSoundIsRefusedInWords()
{
    const QString path = m_dir.filePath(QStringLiteral("not-sound.mp3"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"error\":\"this is JSON, not a recording\"}");
    file.close();
    SoundFilePlayer player;
    QVERIFY(!player.open(path));
    QVERIFY(!player.isOpen());
    QVERIFY(!player.errorString().isEmpty());
    player.play(); // nothing to play: no state change, no crash
    QCOMPARE(player.playbackState(), QMediaPlayer::StoppedState);
}

QTEST_MAIN(TestSoundFilePlayer)
#include "TestSoundFilePlayer.moc"
