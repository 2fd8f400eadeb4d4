// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace CallBridge {

// A response the server writes in one piece (Content-Length is set by the server), or a byte
// range of a file on disk that the server streams without loading it into memory.
struct HttpResponse
{
    using Header = std::pair<QByteArray, QByteArray>;

    struct FileRange
    {
        QString path;
        qint64 offset = 0;
        qint64 length = 0; // bytes to send from offset
    };

    int status = 200;
    QList<Header> headers; // Content-Length, Connection and Date are added by the server
    QByteArray body;
    std::optional<FileRange> file; // when set, body is ignored and the range is streamed
    bool closeConnection = false; // send "Connection: close" and close after writing

    HttpResponse &setHeader(QByteArray name, QByteArray value); // replaces, case-insensitive
    QByteArray header(QByteArrayView name) const;

    static HttpResponse text(int status, QByteArray body,
                             QByteArray contentType = "text/plain; charset=utf-8");
    static HttpResponse json(int status, const QJsonDocument &document);
    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse json(int status, const QJsonArray &array);
    // {"error": message} with the given status, for API errors a person can act on.
    static HttpResponse error(int status, const QString &message);
    static HttpResponse empty(int status);

    // 200/206/416 for a file on disk and the request's Range header (RFC 9110 §14; a single
    // bytes range, "bytes=a-b", "bytes=a-", "bytes=-n"; multiple ranges are answered with the
    // whole file). Sets Accept-Ranges, Content-Range and Content-Type.
    static HttpResponse fileWithRange(const QString &path, QByteArrayView rangeHeader,
                                      QByteArray contentType);
};

QByteArray httpReasonPhrase(int status);

} // namespace CallBridge
