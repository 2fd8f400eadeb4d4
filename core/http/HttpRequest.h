// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QUrlQuery>

#include <utility>

namespace CallBridge {

// One parsed HTTP/1.1 request with its whole body.
struct HttpRequest
{
    using Header = std::pair<QByteArray, QByteArray>;

    QByteArray method; // "GET", "POST", …
    QByteArray target; // as received: "/zadarma?zd_echo=1"
    QByteArray path; // target up to '?', not percent-decoded: "/zadarma"
    QByteArray query; // after '?', raw: "zd_echo=1"
    QList<Header> headers; // in order, names as received
    QByteArray body;
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    bool encrypted = false; // arrived over TLS

    // Case-insensitive; the first occurrence, or an empty array.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // The query decoded the way forms are ('+' is a space).
    QUrlQuery queryItems() const;
    QString queryValue(const QString &name) const;
};

} // namespace CallBridge
