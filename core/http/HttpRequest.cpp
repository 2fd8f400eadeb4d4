// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/HttpRequest.h"

namespace CallBridge {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const Header &header : headers) {
        if (sameName(header.first, name))
            return header.second;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const Header &header : headers) {
        if (sameName(header.first, name))
            return true;
    }
    return false;
}

QUrlQuery HttpRequest::queryItems() const
{
    // QUrlQuery keeps '+' literal; forms (and Zadarma) mean a space by it.
    QByteArray raw = query;
    raw.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(raw));
}

QString HttpRequest::queryValue(const QString &name) const
{
    return queryItems().queryItemValue(name, QUrl::FullyDecoded);
}

} // namespace CallBridge
