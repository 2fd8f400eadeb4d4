// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RecordingCache.h"
#include "core/sim/SimApi.h"
#include "core/sim/SimPbx.h"
#include "core/sim/SimRecordingDownloads.h"
#include "core/sim/SimServer.h"
#include "core/zadarma/ZadarmaClient.h"
#include "tests/support/FakeClock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace CallBridge;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString firstId = u"1764062100.3427761"_s;
const QString secondId = u"1764062200.1234567"_s;

struct Fetched
{
    bool done = false;
    std::optional<QString> path;
    QString error;
    QByteArray contentType;
};

} // namespace

// The recording cache against the simulator's recording API and download links.
class TestRecordingCache : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void downloadsOnceForConcurrentRequests();
    void reusesForAnHourThenFetchesAgain();
    void answersLaterEvenWhenCached();
    void keepsUnderItsBudget();
    void refusesOversizedRecordings();
    void unknownRecordingIsAnError();
    void fileNamesAreSafe_data();
    void fileNamesAreSafe();
    void leftoversAreRemovedAtStart();

private:
    std::shared_ptr<Fetched> fetch(RecordingCache &cache, const QString &id);
    static bool wait(const std::shared_ptr<Fetched> &fetched);
    QByteArray simWav(const QString &id);
    std::unique_ptr<RecordingCache> makeCache(qint64 maxBytes = RecordingCache::defaultMaxBytes);

    std::unique_ptr<Test::FakeClock> m_simClock;
    std::unique_ptr<Test::FakeClock> m_clock; // the client's and the cache's
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<SimPbx> m_pbx;
    std::unique_ptr<SimApi> m_api;
    std::unique_ptr<SimRecordingDownloads> m_downloads;
    std::unique_ptr<SimServer> m_server;
    std::unique_ptr<ZadarmaClient> m_zadarma;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRecordingCache::initTestCase()
{
    QLoggingCategory::setFilterRules(u"callbridge.*.info=false"_s);
}

void TestRecordingCache::init()
{
    m_simClock = std::make_unique<Test::FakeClock>();
    m_clock = std::make_unique<Test::FakeClock>();
    m_network = std::make_unique<QNetworkAccessManager>();
    SimConfig config = SimConfig::defaults();
    config.rateLimited = false;
    m_pbx = std::make_unique<SimPbx>(config, m_simClock.get());
    m_pbx->addRecording(firstId, u"in_first"_s, 30);
    m_pbx->addRecording(secondId, u"in_second"_s, 30);
    m_server = std::make_unique<SimServer>();
    m_api = std::make_unique<SimApi>(m_pbx.get(), nullptr, m_network.get(),
                                     [this] { return m_server->url(); });
    m_downloads = std::make_unique<SimRecordingDownloads>(m_pbx.get());
    m_server->addHandler("/v1/", m_api.get());
    m_server->addHandler(SimRecordingDownloads::pathPrefix.toByteArray(), m_downloads.get());
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));

    ZadarmaClientConfig clientConfig;
    clientConfig.baseUrl = m_server->url();
    clientConfig.limits = { 100000, 100000 };
    clientConfig.maxAttempts = 1;
    m_zadarma = std::make_unique<ZadarmaClient>(m_network.get(), m_clock.get(), clientConfig);
    m_zadarma->setCredentials({ config.key, config.secret });
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestRecordingCache::cleanup()
{
    m_zadarma.reset();
    m_server.reset();
    m_downloads.reset();
    m_api.reset();
    m_pbx.reset();
    m_network.reset();
    m_clock.reset();
    m_simClock.reset();
    m_dir.reset();
}

std::unique_ptr<RecordingCache> TestRecordingCache::makeCache(qint64 maxBytes)
{
    return std::make_unique<RecordingCache>(m_network.get(), m_zadarma.get(),
                                            m_dir->filePath(u"recordings"_s), m_clock.get(),
                                            maxBytes);
}

std::shared_ptr<Fetched> TestRecordingCache::fetch(RecordingCache &cache, const QString &id)
{
    auto fetched = std::make_shared<Fetched>();
    cache.fetch(id, [fetched](Result<QString> path, QByteArray contentType) {
        fetched->done = true;
        if (path)
            fetched->path = path.value();
        else
            fetched->error = path.error().message;
        fetched->contentType = contentType;
    });
    return fetched;
}

bool TestRecordingCache::wait(const std::shared_ptr<Fetched> &fetched)
{
    return QTest::qWaitFor([&fetched] { return fetched->done; }, 10'000);
}

QByteArray TestRecordingCache::simWav(const QString &id)
{
    return m_pbx->download(m_pbx->createDownloadToken(id, 600, nullptr)).value_or(QByteArray());
}

void TestRecordingCache::downloadsOnceForConcurrentRequests()
{
    auto cache = makeCache();
    QSignalSpy requests(m_network.get(), &QNetworkAccessManager::finished);
    const auto a = fetch(*cache, firstId);
    const auto b = fetch(*cache, firstId);
    QCOMPARE(cache->downloadCount(), 1);
    QVERIFY(wait(a));
    QVERIFY(wait(b));
    QVERIFY2(a->path, qPrintable(a->error));
    QCOMPARE(b->path, a->path);
    QCOMPARE(a->contentType, "audio/wav");
    QCOMPARE(requests.size(), 2); // one link, one download

    QFile file(*a->path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll() == simWav(firstId));
    QVERIFY(QFileInfo(*a->path).absolutePath()
            == QDir(m_dir->filePath(u"recordings"_s)).absolutePath());
    QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    QCOMPARE(cache->totalBytes(), file.size());
    // Nothing half-written is left.
    QCOMPARE(QDir(cache->directory()).entryList(QDir::Files).size(), 1);
}

void TestRecordingCache::reusesForAnHourThenFetchesAgain()
{
    auto cache = makeCache();
    QSignalSpy requests(m_network.get(), &QNetworkAccessManager::finished);
    const auto first = fetch(*cache, firstId);
    QVERIFY(wait(first) && first->path);
    QCOMPARE(requests.size(), 2);

    m_clock->advance(59min);
    const auto reused = fetch(*cache, firstId);
    QVERIFY(wait(reused));
    QCOMPARE(reused->path, first->path);
    QCOMPARE(requests.size(), 2);

    m_clock->advance(2min);
    const auto again = fetch(*cache, firstId);
    QVERIFY(wait(again));
    QCOMPARE(again->path, first->path);
    QCOMPARE(requests.size(), 4);
    QFile file(*again->path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll() == simWav(firstId));
}

void TestRecordingCache::answersLaterEvenWhenCached()
{
    auto cache = makeCache();
    const auto first = fetch(*cache, firstId);
    QVERIFY(wait(first));
    const auto cached = fetch(*cache, firstId);
    QVERIFY(!cached->done);
    QVERIFY(wait(cached));
    QCOMPARE(cached->path, first->path);
}

void TestRecordingCache::keepsUnderItsBudget()
{
    const qint64 wavSize = simWav(firstId).size();
    auto cache = makeCache(wavSize + wavSize / 2);
    const auto first = fetch(*cache, firstId);
    QVERIFY(wait(first) && first->path);
    m_clock->advance(1s);
    const auto second = fetch(*cache, secondId);
    QVERIFY(wait(second) && second->path);

    QVERIFY(!QFile::exists(*first->path)); // the oldest went
    QVERIFY(QFile::exists(*second->path));
    QCOMPARE(cache->cachedCount(), 1);
    QVERIFY(cache->totalBytes() <= wavSize + wavSize / 2);

    // Asked again, it comes back.
    const auto refetched = fetch(*cache, firstId);
    QVERIFY(wait(refetched) && refetched->path);
    QVERIFY(QFile::exists(*refetched->path));
    QVERIFY(!QFile::exists(*second->path));
}

void TestRecordingCache::refusesOversizedRecordings()
{
    QTest::ignoreMessage(
            QtWarningMsg,
            QRegularExpression(u"^could not download recording .* more than the 1000"_s));
    auto cache = makeCache();
    cache->setMaxFileBytes(1000);
    const auto fetched = fetch(*cache, firstId);
    QVERIFY(wait(fetched));
    QVERIFY(!fetched->path);
    QVERIFY2(fetched->error.contains(u"1000"_s), qPrintable(fetched->error));
    QCOMPARE(QDir(cache->directory()).entryList(QDir::Files).size(), 0);
    QCOMPARE(cache->cachedCount(), 0);
    QCOMPARE(cache->downloadCount(), 0);
}

void TestRecordingCache::unknownRecordingIsAnError()
{
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"^GET /v1/pbx/record/request/ failed"_s));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"^Zadarma refused.*Recording not found"_s));
    auto cache = makeCache();
    QSignalSpy zadarmaFailed(cache.get(), &RecordingCache::zadarmaFailed);
    const auto fetched = fetch(*cache, u"1764062100.0000000"_s);
    QVERIFY(wait(fetched));
    QVERIFY(!fetched->path);
    QVERIFY(!fetched->error.isEmpty());
    QCOMPARE(zadarmaFailed.size(), 1);

    const auto empty = fetch(*cache, QString());
    QVERIFY(wait(empty));
    QVERIFY(!empty->path);
}

void TestRecordingCache::fileNamesAreSafe_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("call id") << firstId;
    QTest::newRow("parent directories") << u"../../etc/passwd"_s;
    QTest::newRow("leading dot") << u".hidden"_s;
    QTest::newRow("backslashes and NUL") << u"a\\b\u0000c"_s;
    QTest::newRow("long") << QString(500, u'9');
}

void TestRecordingCache::fileNamesAreSafe()
{
    QFETCH(QString, id);
    const QString name = RecordingCache::baseNameFor(id);
    QVERIFY(name.startsWith(u"rec-"_s));
    QVERIFY(!name.contains(u'/') && !name.contains(u'\\') && !name.contains(QChar(0)));
    QVERIFY(name.size() < 120);
    QVERIFY(name != RecordingCache::baseNameFor(id + u'x'));
    QCOMPARE(RecordingCache::baseNameFor(u"a/b"_s) == RecordingCache::baseNameFor(u"a_b"_s), false);
}

void TestRecordingCache::leftoversAreRemovedAtStart()
{
    const QString directory = m_dir->filePath(u"recordings"_s);
    QVERIFY(QDir().mkpath(directory));
    for (const QString &name : { u"rec-old-1.wav"_s, u"rec-old-2.part"_s }) {
        QFile file(directory + u'/' + name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("old");
    }
    auto cache = makeCache();
    QCOMPARE(QDir(directory).entryList(QDir::Files).size(), 0);
    QCOMPARE(cache->totalBytes(), 0);
}

QTEST_GUILESS_MAIN(TestRecordingCache)
#include "TestRecordingCache.moc"
