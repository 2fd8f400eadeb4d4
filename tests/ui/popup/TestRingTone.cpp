// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/popup/RingTone.h"

#include <QTest>
#include <QtEndian>

#include <cstring>

using namespace CallBridge;

class TestRingTone : public QObject
{
    Q_OBJECT

private:
    static quint32 read32(const QByteArray &data, int at)
    {
        return qFromLittleEndian<quint32>(data.constData() + at);
    }
    static quint16 read16(const QByteArray &data, int at)
    {
        return qFromLittleEndian<quint16>(data.constData() + at);
    }
    static int peak(const QByteArray &wav, double from, double to)
    {
        int result = 0;
        for (int i = int(from * RingTone::sampleRate); i < int(to * RingTone::sampleRate); ++i)
            result = std::max(result, std::abs(int(qint16(read16(wav, 44 + 2 * i)))));
        return result;
    }

private slots:
    void isAWavFile()
    {
        const QByteArray wav = RingTone::wav();
        QVERIFY(wav.startsWith("RIFF"));
        QCOMPARE(read32(wav, 4), quint32(wav.size() - 8));
        QCOMPARE(wav.mid(8, 8), QByteArray("WAVEfmt "));
        QCOMPARE(read16(wav, 20), quint16(1)); // PCM
        QCOMPARE(read16(wav, 22), quint16(1)); // mono
        QCOMPARE(read32(wav, 24), quint32(RingTone::sampleRate));
        QCOMPARE(read16(wav, 34), quint16(16));
        QCOMPARE(wav.mid(36, 4), QByteArray("data"));
        QCOMPARE(read32(wav, 40), quint32(wav.size() - 44));
        // A short loop: a couple of seconds, small enough to load at once.
        const double seconds = double(wav.size() - 44) / 2 / RingTone::sampleRate;
        QVERIFY(seconds > 1.5 && seconds < 3);
    }

    void ringsThenPauses()
    {
        const QByteArray wav = RingTone::wav();
        QVERIFY(peak(wav, 0.05, 0.35) > 8000); // first burst
        QCOMPARE(peak(wav, 0.42, 0.58), 0); // the gap
        QVERIFY(peak(wav, 0.65, 0.95) > 8000); // second burst
        QCOMPARE(peak(wav, 1.05, 1.95), 0); // the pause before the next loop
        QVERIFY(peak(wav, 0, 2) < 32000); // never clipped
        QVERIFY(peak(wav, 0, 0.001) < 3000); // fades in: no click
    }

    void playsOrStaysQuietWithoutADevice()
    {
        RingTone ring;
        QVERIFY(!ring.isPlaying());
        ring.play();
        QVERIFY(ring.isPlaying());
        QTest::qWait(20); // let the deferred start run; offscreen it finds no device
        QVERIFY(ring.isPlaying());
        ring.stop();
        QVERIFY(!ring.isPlaying());
        QVERIFY(!ring.isAudible());
        ring.play();
        ring.stop();
        QCoreApplication::processEvents();
        QVERIFY(!ring.isAudible());
    }
};

QTEST_MAIN(TestRingTone)
#include "TestRingTone.moc"
