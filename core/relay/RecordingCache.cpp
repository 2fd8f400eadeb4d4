// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/RecordingCache.h"

#include "core/common/Clock.h"
#include "core/relay/RelayApiLogging.h"
#include "core/zadarma/ZadarmaClient.h"
#include "core/zadarma/ZadarmaTypes.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

#include <filesystem>

namespace CallBridge {

namespace {

constexpr auto partSuffix = ".part";
constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QByteArray contentTypeOf(const QNetworkReply *reply)
{
    const QByteArray type
            = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().trimmed();
    if (type.startsWith("audio/"))
        return type;
    // Storage services often answer application/octet-stream; the link's name tells more.
    const QString path = reply->url().path().toLower();
    if (path.endsWith(u".mp3"))
        return QByteArrayLiteral("audio/mpeg");
    if (path.endsWith(u".wav"))
        return QByteArrayLiteral("audio/wav");
    if (path.endsWith(u".ogg"))
        return QByteArrayLiteral("audio/ogg");
    return QByteArrayLiteral("application/octet-stream");
}

QString suffixFor(QByteArrayView contentType)
{
    if (contentType.startsWith("audio/mpeg") || contentType.startsWith("audio/mp3"))
        return QStringLiteral(".mp3");
    if (contentType.startsWith("audio/wav") || contentType.startsWith("audio/x-wav")
        || contentType.startsWith("audio/wave"))
        return QStringLiteral(".wav");
    if (contentType.startsWith("audio/ogg"))
        return QStringLiteral(".ogg");
    return QStringLiteral(".audio");
}

} // namespace

struct RecordingCache::Download
{
    QList<Done> waiters;
    QPointer<ZadarmaReply> linkReply;
    QPointer<QNetworkReply> reply;
    std::unique_ptr<QFile> file; // <name>.part until complete
    qint64 received = 0;
    QString failure; // why we aborted it
};

RecordingCache::RecordingCache(QNetworkAccessManager *network, ZadarmaClient *zadarma,
                               QString directory, Clock *clock, qint64 maxBytes, QObject *parent)
    : QObject(parent),
      m_network(network),
      m_zadarma(zadarma),
      m_directory(std::move(directory)),
      m_clock(clock),
      m_maxBytes(maxBytes)
{
    QDir dir(m_directory);
    if (!dir.mkpath(QStringLiteral(".")))
        qCWarning(lcRelayRecordings) << "cannot create" << m_directory;
    QFile::setPermissions(m_directory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // Left by an earlier run: their age is unknown, and the budget counts only what we track.
    const QStringList leftovers = dir.entryList(QDir::Files | QDir::Hidden);
    for (const QString &name : leftovers)
        dir.remove(name);
    if (!leftovers.isEmpty())
        qCInfo(lcRelayRecordings) << "removed" << leftovers.size()
                                  << "recordings cached by an earlier run";
}

RecordingCache::~RecordingCache()
{
    for (const auto &download : std::as_const(m_downloads)) {
        // Disconnect first: abort() emits finished() at once, and this object is going away.
        if (download->linkReply)
            download->linkReply->disconnect(this);
        if (download->reply) {
            download->reply->disconnect(this);
            download->reply->abort();
            delete download->reply.data();
        }
        if (download->file)
            download->file->remove();
    }
}

QString RecordingCache::baseNameFor(const QString &recordingId)
{
    QString readable;
    for (const QChar c : QStringView(recordingId).left(80)) {
        const bool safe = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
                || (c >= u'0' && c <= u'9') || c == u'.' || c == u'_' || c == u'-';
        readable.append(safe ? c : u'_');
    }
    // Two ids that differ only in replaced characters still get different files.
    const QByteArray digest
            = QCryptographicHash::hash(recordingId.toUtf8(), QCryptographicHash::Sha256).toHex();
    return QStringLiteral("rec-") + readable + u'-' + QString::fromLatin1(digest.left(12));
}

qint64 RecordingCache::totalBytes() const
{
    qint64 total = 0;
    for (const Entry &entry : m_entries)
        total += entry.size;
    return total;
}

void RecordingCache::fetch(const QString &recordingId, Done done)
{
    if (recordingId.isEmpty()) {
        QTimer::singleShot(0, this, [done = std::move(done)] {
            done(fail(QStringLiteral("the call has no recording id")), QByteArray());
        });
        return;
    }
    const auto entry = m_entries.constFind(recordingId);
    if (entry != m_entries.cend()
        && entry->fetchedAt.msecsTo(m_clock->now()) < qint64(reuseFor.count())
        && QFileInfo::exists(entry->path)) {
        QTimer::singleShot(0, this,
                           [done = std::move(done), path = entry->path, type = entry->contentType] {
                               done(path, type);
                           });
        return;
    }
    if (const auto running = m_downloads.constFind(recordingId); running != m_downloads.cend()) {
        (*running)->waiters.append(std::move(done));
        return;
    }
    auto download = std::make_shared<Download>();
    download->waiters.append(std::move(done));
    m_downloads.insert(recordingId, download);
    requestLink(recordingId);
}

void RecordingCache::requestLink(const QString &recordingId)
{
    ZadarmaReply *reply = m_zadarma->recordingByCallId(recordingId);
    m_downloads.value(recordingId)->linkReply = reply;
    connect(reply, &ZadarmaReply::finished, this, [this, recordingId, reply] {
        reply->deleteLater();
        const ZadarmaResult &result = reply->result();
        if (!result) {
            emit zadarmaFailed(result.error());
            finish(recordingId, fail(result.error().toString()));
            return;
        }
        const auto links = RecordingLinks::fromJson(result.value());
        if (!links || links->links.isEmpty()) {
            finish(recordingId,
                   fail(QStringLiteral("Zadarma sent no download link for recording %1%2")
                                .arg(recordingId,
                                     links ? QString()
                                           : QStringLiteral(": ") + links.error().message)));
            return;
        }
        const QUrl link(links->links.constFirst());
        if (!link.isValid()
            || (link.scheme() != QLatin1StringView("https")
                && link.scheme() != QLatin1StringView("http"))) {
            finish(recordingId,
                   fail(QStringLiteral("Zadarma's link for recording %1 is not an HTTP URL")
                                .arg(recordingId)));
            return;
        }
        download(recordingId, link);
    });
}

void RecordingCache::download(const QString &recordingId, const QUrl &link)
{
    const std::shared_ptr<Download> download = m_downloads.value(recordingId);
    if (!download)
        return;
    const QString partPath
            = m_directory + u'/' + baseNameFor(recordingId) + QLatin1StringView(partSuffix);
    QFile::remove(partPath);
    download->file = std::make_unique<QFile>(partPath);
    // Recordings are personal data: only the relay's user may read them.
    if (!download->file->open(QIODevice::WriteOnly, ownerOnly)) {
        finish(recordingId,
               fail(QStringLiteral("cannot write %1: %2")
                            .arg(partPath, download->file->errorString())));
        return;
    }

    QNetworkRequest request(link);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = m_network->get(request);
    download->reply = reply;
    const qint64 maxFileBytes = m_maxFileBytes;
    const auto abortWith = [download](const QString &message) {
        if (download->failure.isEmpty())
            download->failure = message;
        if (download->reply)
            download->reply->abort();
    };

    connect(reply, &QNetworkReply::metaDataChanged, this, [reply, maxFileBytes, abortWith] {
        const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (length > maxFileBytes)
            abortWith(QStringLiteral("the recording is %1 bytes, more than the %2 allowed")
                              .arg(length)
                              .arg(maxFileBytes));
    });
    connect(reply, &QNetworkReply::readyRead, this, [reply, download, maxFileBytes, abortWith] {
        const QByteArray chunk = reply->readAll();
        download->received += chunk.size();
        if (download->received > maxFileBytes) {
            abortWith(QStringLiteral("the recording is larger than the %1 bytes allowed")
                              .arg(maxFileBytes));
            return;
        }
        if (download->file->write(chunk) != chunk.size())
            abortWith(QStringLiteral("cannot write %1: %2")
                              .arg(download->file->fileName(), download->file->errorString()));
    });
    connect(reply, &QNetworkReply::finished, this, [this, recordingId, reply, download] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QString failure = download->failure;
        if (failure.isEmpty() && reply->error() != QNetworkReply::NoError)
            failure = reply->errorString();
        if (failure.isEmpty() && status != 200)
            failure = QStringLiteral("the download link answered HTTP %1").arg(status);
        if (failure.isEmpty()) {
            const QByteArray rest = reply->readAll();
            download->received += rest.size();
            if (download->file->write(rest) != rest.size() || !download->file->flush())
                failure = QStringLiteral("cannot write %1: %2")
                                  .arg(download->file->fileName(), download->file->errorString());
        }
        download->file->close();
        if (!failure.isEmpty()) {
            download->file->remove();
            finish(recordingId,
                   fail(QStringLiteral("could not download recording %1: %2")
                                .arg(recordingId, failure)));
            return;
        }
        Entry entry;
        entry.contentType = contentTypeOf(reply);
        entry.path = m_directory + u'/' + baseNameFor(recordingId) + suffixFor(entry.contentType);
        entry.fetchedAt = m_clock->now();
        entry.size = download->received;
        // Atomic on POSIX: a response streaming the previous copy keeps its open file.
        std::error_code error;
        std::filesystem::rename(download->file->fileName().toStdString(), entry.path.toStdString(),
                                error);
        if (error) {
            download->file->remove();
            finish(recordingId,
                   fail(QStringLiteral("cannot keep recording %1 in %2: %3")
                                .arg(recordingId, m_directory,
                                     QString::fromStdString(error.message()))));
            return;
        }
        finish(recordingId, entry);
    });
    m_clock->callAfter(m_downloadTimeout, reply, [abortWith, timeout = m_downloadTimeout] {
        abortWith(QStringLiteral("it took longer than %1 s").arg(timeout.count() / 1000));
    });
}

void RecordingCache::finish(const QString &recordingId, Result<Entry> result)
{
    const std::shared_ptr<Download> download = m_downloads.take(recordingId);
    if (!download)
        return;
    QByteArray contentType;
    if (result) {
        const Entry &entry = result.value();
        if (const auto old = m_entries.constFind(recordingId);
            old != m_entries.cend() && old->path != entry.path)
            QFile::remove(old->path);
        m_entries.insert(recordingId, entry);
        contentType = entry.contentType;
        qCInfo(lcRelayRecordings) << "cached recording" << recordingId << "-" << entry.size
                                  << "bytes," << entry.contentType;
        evict(recordingId);
    } else {
        qCWarning(lcRelayRecordings).noquote() << result.error().message;
    }
    const QList<Done> waiters = std::move(download->waiters);
    for (const Done &done : waiters) {
        if (result)
            done(result->path, contentType);
        else
            done(fail(result.error()), contentType);
    }
}

void RecordingCache::evict(const QString &keep)
{
    const QDateTime now = m_clock->now();
    // Past its hour a file is fetched afresh on the next request anyway; the grace lets a player
    // finish a stream it started from it.
    const qint64 staleAfter = 2 * qint64(reuseFor.count());
    const QStringList ids = m_entries.keys();
    for (const QString &id : ids) {
        if (id != keep && m_entries.value(id).fetchedAt.msecsTo(now) > staleAfter)
            removeEntry(id);
    }
    qint64 total = totalBytes();
    while (total > m_maxBytes) {
        QString oldest;
        QDateTime oldestAt;
        for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
            if (it.key() != keep && (oldest.isEmpty() || it->fetchedAt < oldestAt)) {
                oldest = it.key();
                oldestAt = it->fetchedAt;
            }
        }
        if (oldest.isEmpty())
            break;
        total -= m_entries.value(oldest).size;
        removeEntry(oldest);
    }
}

void RecordingCache::removeEntry(const QString &recordingId)
{
    const Entry entry = m_entries.take(recordingId);
    if (!entry.path.isEmpty() && !QFile::remove(entry.path) && QFileInfo::exists(entry.path))
        qCWarning(lcRelayRecordings) << "cannot delete" << entry.path;
}

} // namespace CallBridge
