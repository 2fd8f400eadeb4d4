// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimRecordingDownloads.h"

#include "core/sim/SimPbx.h"

#include <optional>

namespace CallBridge {
namespace {

struct ByteRange
{
    qint64 first = 0;
    qint64 last = 0; // inclusive
};

std::optional<qint64> digits(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    return text.toLongLong();
}

// RFC 9110 §14.1.2: "bytes=first-last", "bytes=first-" or "bytes=-suffixLength". nullopt: answer
// the whole file, which the RFC allows for a Range header that is malformed, in another unit, or
// asks for several ranges (multipart/byteranges is more than a player needs). An empty range
// means unsatisfiable (416).
std::optional<std::optional<ByteRange>> parseRange(QByteArrayView header, qint64 size)
{
    const QByteArrayView value = QByteArrayView(header).trimmed();
    if (!value.startsWith("bytes=") || value.contains(','))
        return std::nullopt;
    const QByteArrayView spec = value.sliced(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return std::nullopt;
    const QByteArrayView firstText = spec.first(dash).trimmed();
    const QByteArrayView lastText = spec.sliced(dash + 1).trimmed();
    if (firstText.isEmpty()) {
        const auto suffix = digits(lastText);
        if (!suffix)
            return std::nullopt;
        if (*suffix == 0 || size == 0)
            return std::optional<ByteRange>();
        return std::optional(ByteRange { std::max<qint64>(0, size - *suffix), size - 1 });
    }
    const auto first = digits(firstText);
    const auto last = lastText.isEmpty() ? std::optional<qint64>(std::max<qint64>(0, size - 1))
                                         : digits(lastText);
    if (!first || !last || (!lastText.isEmpty() && *last < *first))
        return std::nullopt;
    if (*first >= size)
        return std::optional<ByteRange>();
    return std::optional(ByteRange { *first, std::min(*last, size - 1) });
}

} // namespace

SimRecordingDownloads::SimRecordingDownloads(SimPbx *pbx) : m_pbx(pbx) { }

void SimRecordingDownloads::handle(const SimHttpRequest &request, SimHttpReply reply)
{
    if (request.method != "GET") {
        reply.sendError(405, QStringLiteral("Method not allowed"), { { "Allow", "GET" } });
        return;
    }
    const QByteArrayView path(request.path);
    std::optional<QByteArray> wav;
    if (path.startsWith(pathPrefix) && path.endsWith(".wav")) {
        const QByteArrayView token
                = path.sliced(pathPrefix.size(), path.size() - pathPrefix.size() - 4);
        if (!token.isEmpty() && !token.contains('/'))
            wav = m_pbx->download(QString::fromLatin1(token));
    }
    if (!wav) {
        reply.sendError(404, QStringLiteral("Recording not found, or its link has expired"));
        return;
    }

    const qint64 size = wav->size();
    const QByteArray rangeHeader = request.header("Range");
    const auto range = rangeHeader.isEmpty() ? std::nullopt : parseRange(rangeHeader, size);
    if (!range) {
        reply.send(200, *wav, "audio/wav", { { "Accept-Ranges", "bytes" } });
    } else if (!*range) {
        reply.sendError(416, QStringLiteral("Range not satisfiable"),
                        { { "Accept-Ranges", "bytes" },
                          { "Content-Range", "bytes */" + QByteArray::number(size) } });
    } else {
        const ByteRange &bytes = **range;
        reply.send(
                206, wav->mid(bytes.first, bytes.last - bytes.first + 1), "audio/wav",
                { { "Accept-Ranges", "bytes" },
                  { "Content-Range",
                    "bytes " + QByteArray::number(bytes.first) + '-'
                            + QByteArray::number(bytes.last) + '/' + QByteArray::number(size) } });
    }
}

} // namespace CallBridge
