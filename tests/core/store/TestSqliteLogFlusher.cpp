// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/SqliteLogFlusher.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace CallBridge;

class TestSqliteLogFlusher : public QObject
{
    Q_OBJECT

private slots:
    void flushesAFileAndAnswersInOrder();
    void aMissingLogHasNothingToFlush();
    void aFailedFlushIsFinal();
    void finishAnswersWhatIsWaiting();
};

void TestSqliteLogFlusher::flushesAFileAndAnswersInOrder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile log(dir.filePath(QStringLiteral("db-wal")));
    QVERIFY(log.open(QIODevice::WriteOnly));
    SqliteLogFlusher flusher(log.fileName());
    QStringList answers;
    for (int i = 1; i <= 20; ++i) {
        QCOMPARE(log.write(QByteArray(4096, char('a' + i))), 4096);
        QVERIFY(log.flush()); // into the page cache, where fdatasync finds it
        flusher.flush([&answers, i](Result<void> flushed) {
            answers << (flushed ? QString::number(i) : flushed.error().message);
        });
    }
    QCOMPARE(flusher.waiting(), 20);
    QTRY_COMPARE(answers.size(), 20);
    QStringList expected;
    for (int i = 1; i <= 20; ++i)
        expected << QString::number(i);
    QCOMPARE(answers, expected);
    QCOMPARE(flusher.waiting(), 0);
    QVERIFY(!flusher.failure());
}

void TestSqliteLogFlusher::aMissingLogHasNothingToFlush()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // SQLite deletes its log only once all of it is in the synced database file.
    SqliteLogFlusher flusher(dir.filePath(QStringLiteral("never-written-wal")));
    bool durable = false;
    flusher.flush([&durable](Result<void> flushed) { durable = bool(flushed); });
    QTRY_VERIFY(durable);
}

void TestSqliteLogFlusher::aFailedFlushIsFinal()
{
    // fdatasync refuses a character device (EINVAL): the stand-in for a disk that fails.
    SqliteLogFlusher flusher(QStringLiteral("/dev/null"));
    QStringList answers;
    flusher.flush([&answers](Result<void> flushed) {
        answers << (flushed ? QStringLiteral("ok") : flushed.error().message);
    });
    QTRY_COMPARE(answers.size(), 1);
    QVERIFY2(answers.first().contains(QStringLiteral("/dev/null"))
                     && answers.first().contains(QStringLiteral("restart the relay")),
             qPrintable(answers.first()));
    QVERIFY(flusher.failure());

    // Later flushes fail too, without another try, and still in order.
    for (const QString &name : { QStringLiteral("second"), QStringLiteral("third") })
        flusher.flush([&answers, name](Result<void> flushed) {
            answers << (flushed ? QStringLiteral("ok") : name);
        });
    QTRY_COMPARE(answers.size(), 3);
    QCOMPARE(answers.mid(1), (QStringList { QStringLiteral("second"), QStringLiteral("third") }));
}

void TestSqliteLogFlusher::finishAnswersWhatIsWaiting()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile log(dir.filePath(QStringLiteral("db-wal")));
    QVERIFY(log.open(QIODevice::WriteOnly));
    QCOMPARE(log.write("frame"), 5);
    QVERIFY(log.flush());
    SqliteLogFlusher flusher(log.fileName());
    int answered = 0;
    for (int i = 0; i < 5; ++i)
        flusher.flush([&answered](Result<void> flushed) { answered += flushed ? 1 : 100; });
    flusher.finish(); // no event loop: the answers come before it returns
    QCOMPARE(answered, 5);
    QCOMPARE(flusher.waiting(), 0);
    flusher.finish(); // nothing left: returns at once
}

QTEST_GUILESS_MAIN(TestSqliteLogFlusher)
#include "TestSqliteLogFlusher.moc"
