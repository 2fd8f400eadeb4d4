// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/webhook/FormBodyParser.h"

#include "core/webhook/WebhookLogging.h"
#include "core/zadarma/PhpUrlEncoding.h"

#include <QList>

#include <optional>

namespace CallBridge {
namespace {

WebhookRejection malformed(const QString &message)
{
    return { WebhookRejection::Reason::MalformedBody, message };
}

FormBodyResult tooManyFields(const FormBodyLimits &limits)
{
    return fail(
            malformed(QStringLiteral("the form has more than %1 fields").arg(limits.maxFields)));
}

// The value of a header parameter such as boundary=… or name="…" (quoted-string with \"
// escapes, or a token); parameter names are case-insensitive.
QByteArray headerParameter(QByteArrayView header, QByteArrayView wanted, bool *found = nullptr)
{
    if (found)
        *found = false;
    qsizetype pos = header.indexOf(';');
    while (pos >= 0 && pos < header.size()) {
        ++pos; // past ';'
        while (pos < header.size() && (header[pos] == ' ' || header[pos] == '\t'))
            ++pos;
        const qsizetype equals = header.indexOf('=', pos);
        if (equals < 0)
            return {};
        const QByteArrayView name = header.sliced(pos, equals - pos).trimmed();
        pos = equals + 1;
        QByteArray value;
        if (pos < header.size() && header[pos] == '"') {
            for (++pos; pos < header.size() && header[pos] != '"'; ++pos) {
                if (header[pos] == '\\' && pos + 1 < header.size())
                    ++pos;
                value += header[pos];
            }
            pos = header.indexOf(';', pos);
        } else {
            const qsizetype end = header.indexOf(';', pos);
            value = header.sliced(pos, (end < 0 ? header.size() : end) - pos)
                            .trimmed()
                            .toByteArray();
            pos = end;
        }
        if (name.compare(wanted, Qt::CaseInsensitive) == 0) {
            if (found)
                *found = true;
            return value;
        }
    }
    return {};
}

std::optional<WebhookRejection> sizeRejection(QByteArrayView body, const FormBodyLimits &limits)
{
    if (body.size() <= limits.maxBodyBytes)
        return std::nullopt;
    return WebhookRejection { WebhookRejection::Reason::BodyTooLarge,
                              QStringLiteral("the body has %1 bytes; at most %2 are accepted")
                                      .arg(body.size())
                                      .arg(limits.maxBodyBytes) };
}

bool startsWithCaseInsensitive(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size()
            && text.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

} // namespace

FormBodyResult parseUrlEncodedForm(QByteArrayView body, const FormBodyLimits &limits)
{
    if (auto tooLarge = sizeRejection(body, limits))
        return fail(*tooLarge);
    FormFields fields;
    qsizetype pos = 0;
    while (pos <= body.size()) {
        qsizetype end = body.indexOf('&', pos);
        if (end < 0)
            end = body.size();
        const QByteArrayView pair = body.sliced(pos, end - pos);
        pos = end + 1;
        if (pair.trimmed().isEmpty())
            continue;
        if (fields.size() >= limits.maxFields)
            return tooManyFields(limits);
        const qsizetype equals = pair.indexOf('=');
        const QByteArrayView name = equals < 0 ? pair : pair.first(equals);
        if (name.isEmpty())
            return fail(malformed(QStringLiteral("a form field has no name")));
        const QByteArrayView value = equals < 0 ? QByteArrayView() : pair.sliced(equals + 1);
        fields.append(QString::fromUtf8(phpUrlDecode(name)),
                      QString::fromUtf8(phpUrlDecode(value)));
    }
    return fields;
}

FormBodyResult parseMultipartForm(QByteArrayView declaredBoundary, QByteArrayView body,
                                  const FormBodyLimits &limits)
{
    if (auto tooLarge = sizeRejection(body, limits))
        return fail(*tooLarge);
    if (declaredBoundary.isEmpty() || declaredBoundary.size() > 200)
        return fail(malformed(
                QStringLiteral("the multipart boundary is missing or longer than 200 bytes")));

    QByteArray boundary = "--" + declaredBoundary.toByteArray();
    if (!body.startsWith(boundary) && body.indexOf(QByteArray("\n" + boundary)) < 0) {
        // Zadarma has been seen to declare one boundary and use another; trust the body's first
        // delimiter line when the declared one is nowhere.
        const qsizetype lineEnd = body.indexOf('\n');
        if (body.startsWith("--") && lineEnd > 2) {
            boundary = body.first(lineEnd).toByteArray().trimmed();
            qCWarning(lcWebhook)
                    << "multipart boundary in the body differs from the Content-Type header";
        } else {
            return fail(
                    malformed(QStringLiteral("the multipart boundary does not occur in the body")));
        }
    }

    FormFields fields;
    qsizetype pos = body.indexOf(boundary);
    bool closed = false;
    while (pos >= 0) {
        pos += boundary.size();
        if (body.sliced(pos).startsWith("--")) {
            closed = true;
            break;
        }
        // The rest of the delimiter line (transport padding) and its line break.
        const qsizetype lineEnd = body.indexOf('\n', pos);
        if (lineEnd < 0)
            break;
        const qsizetype headersStart = lineEnd + 1;
        qsizetype headersEnd = body.indexOf("\r\n\r\n", headersStart);
        qsizetype contentStart = headersEnd + 4;
        const qsizetype lfOnly = body.indexOf("\n\n", headersStart);
        if (headersEnd < 0 || (lfOnly >= 0 && lfOnly < headersEnd)) {
            headersEnd = lfOnly;
            contentStart = lfOnly + 2;
        }
        if (headersEnd < 0)
            return fail(malformed(QStringLiteral("a multipart part has no end of headers")));
        const qsizetype next = body.indexOf(QByteArray("\n" + boundary), contentStart - 1);
        if (next < 0)
            return fail(malformed(
                    QStringLiteral("a multipart part is not terminated by the boundary")));
        qsizetype contentEnd = next;
        if (contentEnd > contentStart && body[contentEnd - 1] == '\r')
            --contentEnd;

        QByteArray name;
        bool hasName = false;
        bool isFile = false;
        for (const QByteArray &line :
             body.sliced(headersStart, headersEnd - headersStart).toByteArray().split('\n')) {
            const QByteArray header = line.trimmed();
            if (startsWithCaseInsensitive(header, "content-disposition:")) {
                name = headerParameter(header, "name", &hasName);
                headerParameter(header, "filename", &isFile);
            }
        }
        if (!hasName)
            return fail(
                    malformed(QStringLiteral("a multipart part has no Content-Disposition name")));
        if (!isFile) {
            if (fields.size() >= limits.maxFields)
                return tooManyFields(limits);
            fields.append(
                    QString::fromUtf8(name),
                    QString::fromUtf8(body.sliced(
                            contentStart, std::max<qsizetype>(0, contentEnd - contentStart))));
        }
        pos = next + 1;
    }
    if (!closed)
        return fail(
                malformed(QStringLiteral("the multipart body ends without its closing boundary")));
    return fields;
}

FormBodyResult parseFormBody(QByteArrayView contentType, QByteArrayView body,
                             const FormBodyLimits &limits)
{
    const QByteArrayView type = contentType.trimmed();
    if (startsWithCaseInsensitive(type, "application/x-www-form-urlencoded"))
        return parseUrlEncodedForm(body, limits);
    if (startsWithCaseInsensitive(type, "multipart/form-data"))
        return parseMultipartForm(headerParameter(type, "boundary"), body, limits);
    if (type.isEmpty() && body.isEmpty())
        return FormFields();
    return fail(WebhookRejection {
            WebhookRejection::Reason::UnsupportedContentType,
            QStringLiteral("Content-Type \"%1\" is not a form; Zadarma sends "
                           "application/x-www-form-urlencoded or multipart/form-data")
                    .arg(QString::fromLatin1(type.first(std::min<qsizetype>(type.size(), 80)))) });
}

} // namespace CallBridge
