// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/HttpResponse.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <limits>

namespace CallBridge {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

// Digits only (no sign, no spaces); false on overflow or an empty string.
bool parseDecimal(QByteArrayView text, qint64 *value)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    qint64 result = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        result = result * 10 + (c - '0');
    }
    *value = result;
    return true;
}

struct ByteRange
{
    enum Kind { Ignore, Satisfiable, Unsatisfiable } kind = Ignore;
    qint64 first = 0;
    qint64 last = 0;
};

// RFC 9110 §14.1.2 for one range; anything else (several ranges, another unit, bad syntax) is
// ignored and the whole file is sent, which the RFC allows.
ByteRange parseRange(QByteArrayView header, qint64 size)
{
    ByteRange range;
    header = header.trimmed();
    if (header.size() < 6 || qstrnicmp(header.data(), 6, "bytes=", 6) != 0)
        return range;
    const QByteArrayView spec = header.sliced(6).trimmed();
    if (spec.contains(','))
        return range;
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return range;
    const QByteArrayView firstText = spec.first(dash).trimmed();
    const QByteArrayView lastText = spec.sliced(dash + 1).trimmed();
    if (firstText.isEmpty()) {
        qint64 suffix = 0;
        if (!parseDecimal(lastText, &suffix))
            return range;
        if (suffix == 0 || size == 0) {
            range.kind = ByteRange::Unsatisfiable;
            return range;
        }
        range.kind = ByteRange::Satisfiable;
        range.first = suffix >= size ? 0 : size - suffix;
        range.last = size - 1;
        return range;
    }
    qint64 first = 0;
    if (!parseDecimal(firstText, &first))
        return range;
    qint64 last = std::numeric_limits<qint64>::max();
    if (!lastText.isEmpty() && (!parseDecimal(lastText, &last) || last < first))
        return range;
    if (first >= size) {
        range.kind = ByteRange::Unsatisfiable;
        return range;
    }
    range.kind = ByteRange::Satisfiable;
    range.first = first;
    range.last = qMin(last, size - 1);
    return range;
}

} // namespace

HttpResponse &HttpResponse::setHeader(QByteArray name, QByteArray value)
{
    bool replaced = false;
    for (qsizetype i = 0; i < headers.size();) {
        if (!sameName(headers.at(i).first, name)) {
            ++i;
        } else if (!replaced) {
            headers[i].second = std::move(value);
            replaced = true;
            ++i;
        } else {
            headers.removeAt(i);
        }
    }
    if (!replaced)
        headers.append({ std::move(name), std::move(value) });
    return *this;
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const Header &header : headers) {
        if (sameName(header.first, name))
            return header.second;
    }
    return {};
}

HttpResponse HttpResponse::text(int status, QByteArray body, QByteArray contentType)
{
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers.append({ QByteArrayLiteral("Content-Type"), std::move(contentType) });
    return response;
}

HttpResponse HttpResponse::json(int status, const QJsonDocument &document)
{
    return text(status, document.toJson(QJsonDocument::Compact),
                QByteArrayLiteral("application/json"));
}

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    return json(status, QJsonDocument(object));
}

HttpResponse HttpResponse::json(int status, const QJsonArray &array)
{
    return json(status, QJsonDocument(array));
}

HttpResponse HttpResponse::error(int status, const QString &message)
{
    return json(status, QJsonObject { { QStringLiteral("error"), message } });
}

HttpResponse HttpResponse::empty(int status)
{
    HttpResponse response;
    response.status = status;
    return response;
}

HttpResponse HttpResponse::fileWithRange(const QString &path, QByteArrayView rangeHeader,
                                         QByteArray contentType)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        HttpResponse response = error(404, QStringLiteral("not found"));
        response.headers.append({ QByteArrayLiteral("Accept-Ranges"), QByteArrayLiteral("bytes") });
        return response;
    }
    const qint64 size = info.size();
    const ByteRange range = rangeHeader.isEmpty() ? ByteRange() : parseRange(rangeHeader, size);

    HttpResponse response;
    response.headers.append({ QByteArrayLiteral("Accept-Ranges"), QByteArrayLiteral("bytes") });
    if (range.kind == ByteRange::Unsatisfiable) {
        response.status = 416;
        response.headers.append(
                { QByteArrayLiteral("Content-Range"), "bytes */" + QByteArray::number(size) });
        return response;
    }
    response.headers.append({ QByteArrayLiteral("Content-Type"), std::move(contentType) });
    if (range.kind == ByteRange::Satisfiable) {
        response.status = 206;
        response.headers.append({ QByteArrayLiteral("Content-Range"),
                                  "bytes " + QByteArray::number(range.first) + '-'
                                          + QByteArray::number(range.last) + '/'
                                          + QByteArray::number(size) });
        response.file = FileRange { path, range.first, range.last - range.first + 1 };
    } else {
        response.status = 200;
        response.file = FileRange { path, 0, size };
    }
    return response;
}

QByteArray httpReasonPhrase(int status)
{
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 101:
        return QByteArrayLiteral("Switching Protocols");
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 204:
        return QByteArrayLiteral("No Content");
    case 206:
        return QByteArrayLiteral("Partial Content");
    case 301:
        return QByteArrayLiteral("Moved Permanently");
    case 302:
        return QByteArrayLiteral("Found");
    case 303:
        return QByteArrayLiteral("See Other");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 307:
        return QByteArrayLiteral("Temporary Redirect");
    case 308:
        return QByteArrayLiteral("Permanent Redirect");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 406:
        return QByteArrayLiteral("Not Acceptable");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 410:
        return QByteArrayLiteral("Gone");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 412:
        return QByteArrayLiteral("Precondition Failed");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 414:
        return QByteArrayLiteral("URI Too Long");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 416:
        return QByteArrayLiteral("Range Not Satisfiable");
    case 417:
        return QByteArrayLiteral("Expectation Failed");
    case 422:
        return QByteArrayLiteral("Unprocessable Content");
    case 426:
        return QByteArrayLiteral("Upgrade Required");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        break;
    }
    if (status >= 200 && status < 300)
        return QByteArrayLiteral("OK");
    if (status >= 400 && status < 500)
        return QByteArrayLiteral("Client Error");
    return QByteArrayLiteral("Server Error");
}

} // namespace CallBridge
