// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/HttpHeadParser.h"

#include <cstring>

namespace CallBridge {

namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

QByteArrayView trimmedOws(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

// Calls f for each element of a comma-separated list, trimmed, skipping empty ones.
template<typename F> void forEachListItem(QByteArrayView list, F f)
{
    while (!list.isEmpty()) {
        const qsizetype comma = list.indexOf(',');
        const QByteArrayView item = trimmedOws(comma < 0 ? list : list.first(comma));
        if (!item.isEmpty())
            f(item);
        list = comma < 0 ? QByteArrayView() : list.sliced(comma + 1);
    }
}

// Shared, allocation-free QByteArrays for the usual methods.
QByteArray methodBytes(QByteArrayView method)
{
    if (method == "GET")
        return QByteArrayLiteral("GET");
    if (method == "POST")
        return QByteArrayLiteral("POST");
    if (method == "HEAD")
        return QByteArrayLiteral("HEAD");
    if (method == "PUT")
        return QByteArrayLiteral("PUT");
    if (method == "DELETE")
        return QByteArrayLiteral("DELETE");
    if (method == "OPTIONS")
        return QByteArrayLiteral("OPTIONS");
    if (method == "PATCH")
        return QByteArrayLiteral("PATCH");
    return method.toByteArray();
}

HttpHead refused(HttpHead head, int status, const char *problem)
{
    head.status = status;
    head.problem = problem;
    return head;
}

bool parseRequestLine(QByteArrayView line, HttpRequest &request, HttpHead &head)
{
    const qsizetype firstSpace = line.indexOf(' ');
    if (firstSpace <= 0) {
        head = refused(head, 400, "malformed request line");
        return false;
    }
    const qsizetype secondSpace = line.indexOf(' ', firstSpace + 1);
    if (secondSpace < 0 || secondSpace == firstSpace + 1) {
        head = refused(head, 400, "malformed request line");
        return false;
    }
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, secondSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(secondSpace + 1);
    if (!isToken(method)) {
        head = refused(head, 400, "malformed request method");
        return false;
    }
    for (char c : target) {
        if (c < 0x21 || c > 0x7e) {
            head = refused(head, 400, "malformed request target");
            return false;
        }
    }
    if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.' || version[5] < '0'
        || version[5] > '9' || version[7] < '0' || version[7] > '9') {
        head = refused(head, 400, "malformed HTTP version");
        return false;
    }
    if (version == "HTTP/1.0") {
        head.http10 = true;
    } else if (version != "HTTP/1.1") {
        head = refused(head, 505, "unsupported HTTP version");
        return false;
    }

    // Origin form, "*" for OPTIONS, or the absolute form proxies use.
    qsizetype pathStart = 0;
    if (target.front() == '/') {
        pathStart = 0;
    } else if (target == "*" && method == "OPTIONS") {
        pathStart = 0;
    } else {
        qsizetype schemeEnd = -1;
        if (target.size() > 7 && qstrnicmp(target.data(), 7, "http://", 7) == 0)
            schemeEnd = 7;
        else if (target.size() > 8 && qstrnicmp(target.data(), 8, "https://", 8) == 0)
            schemeEnd = 8;
        if (schemeEnd < 0) {
            head = refused(head, 400, "malformed request target");
            return false;
        }
        const qsizetype slash = target.indexOf('/', schemeEnd);
        const qsizetype question = target.indexOf('?', schemeEnd);
        pathStart = slash >= 0 && (question < 0 || slash < question) ? slash : -1;
        if (pathStart < 0) {
            // "http://host" or "http://host?q": the path is "/".
            request.path = QByteArrayLiteral("/");
            if (question >= 0)
                request.query = target.sliced(question + 1).toByteArray();
        }
    }

    request.method = methodBytes(method);
    request.target = target.toByteArray();
    if (pathStart >= 0) {
        const QByteArrayView rest = target.sliced(pathStart);
        const qsizetype question = rest.indexOf('?');
        request.path = (question < 0 ? rest : rest.first(question)).toByteArray();
        if (question >= 0)
            request.query = rest.sliced(question + 1).toByteArray();
    }
    return true;
}

} // namespace

HttpHead parseHttpRequestHead(QByteArrayView text, HttpRequest &request)
{
    HttpHead head;
    if (!text.endsWith("\r\n\r\n"))
        return refused(head, 400, "malformed request head");
    text.chop(2); // every line, the last header line included, now ends with CRLF

    qsizetype lineEnd = text.indexOf("\r\n");
    const QByteArrayView requestLine = text.first(lineEnd);
    if (requestLine.contains('\r') || requestLine.contains('\n'))
        return refused(head, 400, "malformed request line");
    if (!parseRequestLine(requestLine, request, head))
        return head;

    bool connectionClose = false;
    bool connectionKeepAlive = false;
    bool connectionUpgrade = false;
    bool upgradeWebSocket = false;
    bool haveContentLength = false;
    int hosts = 0;

    qsizetype position = lineEnd + 2;
    while (position < text.size()) {
        lineEnd = text.indexOf("\r\n", position);
        const QByteArrayView line = text.sliced(position, lineEnd - position);
        position = lineEnd + 2;

        const qsizetype colon = line.indexOf(':');
        // Also refuses obsolete line folding: a continuation line starts with a space.
        if (colon <= 0 || !isToken(line.first(colon)))
            return refused(head, 400, "malformed header line");
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
        for (char c : value) {
            const auto byte = static_cast<unsigned char>(c);
            if ((byte < 0x20 && byte != '\t') || byte == 0x7f)
                return refused(head, 400, "control character in a header value");
        }

        if (sameName(name, "Content-Length")) {
            bool valid = true;
            forEachListItem(value, [&](QByteArrayView item) {
                qint64 length = 0;
                bool digits = !item.isEmpty() && item.size() <= 18;
                for (char c : item) {
                    digits = digits && c >= '0' && c <= '9';
                    if (digits)
                        length = length * 10 + (c - '0');
                }
                if (!digits || (haveContentLength && length != head.contentLength))
                    valid = false;
                head.contentLength = length;
                haveContentLength = true;
            });
            if (!valid || !haveContentLength)
                return refused(head, 400, "invalid Content-Length");
        } else if (sameName(name, "Transfer-Encoding")) {
            head.transferEncoding = true;
        } else if (sameName(name, "Connection")) {
            forEachListItem(value, [&](QByteArrayView item) {
                if (sameName(item, "close"))
                    connectionClose = true;
                else if (sameName(item, "keep-alive"))
                    connectionKeepAlive = true;
                else if (sameName(item, "upgrade"))
                    connectionUpgrade = true;
            });
        } else if (sameName(name, "Upgrade")) {
            forEachListItem(value, [&](QByteArrayView item) {
                if (sameName(item, "websocket"))
                    upgradeWebSocket = true;
            });
        } else if (sameName(name, "Expect")) {
            if (sameName(value, "100-continue"))
                head.expectContinue = !head.http10; // 1.0 clients do not know 100 Continue
        } else if (sameName(name, "Host")) {
            ++hosts;
        }
        request.headers.append({ name.toByteArray(), value.toByteArray() });
    }

    // RFC 9112 §3.2: exactly one Host in HTTP/1.1, at most one in 1.0.
    if (hosts > 1 || (hosts == 0 && !head.http10))
        return refused(head, 400, "missing or repeated Host header");
    head.keepAlive = head.http10 ? connectionKeepAlive && !connectionClose : !connectionClose;
    head.upgradeWebSocket = upgradeWebSocket && connectionUpgrade;
    return head;
}

} // namespace CallBridge
