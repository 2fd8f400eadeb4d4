// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/zadarma/ZadarmaError.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace CallBridge {

class Clock;
class ZadarmaClient;

// Call recordings on local disk, so that an audio player can seek with HTTP Range requests:
// Zadarma's links are temporary and each Range request would otherwise cost an API call and a
// download. A recording is fetched once (a fresh link, then the file), kept for an hour, and the
// directory is kept under a byte budget by deleting the oldest files. The directory is the
// cache's own: files from an earlier run are deleted at start.
class RecordingCache : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(Result<QString> path, QByteArray contentType)>;

    static constexpr qint64 defaultMaxBytes = 1024LL * 1024 * 1024;
    static constexpr qint64 defaultMaxFileBytes = 200LL * 1024 * 1024;
    static constexpr std::chrono::milliseconds defaultDownloadTimeout { 120'000 };
    static constexpr std::chrono::milliseconds reuseFor { 3'600'000 };

    RecordingCache(QNetworkAccessManager *network, ZadarmaClient *zadarma, QString directory,
                   Clock *clock, qint64 maxBytes = defaultMaxBytes, QObject *parent = nullptr);
    ~RecordingCache() override;

    void setMaxFileBytes(qint64 bytes) { m_maxFileBytes = bytes; }
    void setDownloadTimeout(std::chrono::milliseconds timeout) { m_downloadTimeout = timeout; }

    // Hands back the path of the recording `recordingId` (Zadarma's call_id_with_rec) and its
    // Content-Type, always later, never inside this call. Requests for a recording that is being
    // downloaded wait for that download.
    void fetch(const QString &recordingId, Done done);

    const QString &directory() const { return m_directory; }
    qint64 totalBytes() const;
    qsizetype cachedCount() const { return m_entries.size(); }
    qsizetype downloadCount() const { return m_downloads.size(); }

    // The file name a recording is kept under: readable, without path separators or leading
    // dots, and distinct for distinct ids.
    static QString baseNameFor(const QString &recordingId);

signals:
    // Zadarma refused the link request; for the relay's metrics.
    void zadarmaFailed(const CallBridge::ZadarmaError &error);

private:
    struct Entry
    {
        QString path;
        QByteArray contentType;
        QDateTime fetchedAt;
        qint64 size = 0;
    };
    struct Download;

    void requestLink(const QString &recordingId);
    void download(const QString &recordingId, const QUrl &link);
    void finish(const QString &recordingId, Result<Entry> result);
    void evict(const QString &keep);
    void removeEntry(const QString &recordingId);

    QNetworkAccessManager *m_network;
    ZadarmaClient *m_zadarma;
    QString m_directory;
    Clock *m_clock;
    qint64 m_maxBytes;
    qint64 m_maxFileBytes = defaultMaxFileBytes;
    std::chrono::milliseconds m_downloadTimeout = defaultDownloadTimeout;
    QHash<QString, Entry> m_entries;
    QHash<QString, std::shared_ptr<Download>> m_downloads;
};

} // namespace CallBridge
