// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/zadarma/PhpValue.h"

#include <QByteArray>
#include <QByteArrayView>

namespace CallBridge {

// Everything that goes into one signed Zadarma API request.
struct ZadarmaSignedRequest
{
    PhpArray parameters; // format added, sorted: what is signed and what is sent
    QByteArray query; // http_build_query of parameters (the GET query / the form body)
    QByteArray stringToSign; // method path + query + md5hex(query)
    QByteArray hmacHex; // lower-case hex HMAC-SHA1
    QByteArray signature; // base64 of hmacHex (56 characters)
    QByteArray authorization; // "<key>:<signature>", the Authorization header value
};

// base64(hex(HMAC-SHA1(secret, message))): Zadarma's signature encoding for API requests and
// webhooks alike. Base64 of the 40 hex characters, not of the 20 raw bytes.
QByteArray zadarmaSignature(QByteArrayView secret, QByteArrayView message);

// path . query . md5hex(query): what Zadarma signs, given the sorted http_build_query string.
QByteArray zadarmaStringToSign(QByteArrayView methodPath, QByteArrayView query);

// Signs a request exactly as Zadarma's official PHP client (Client::call) does: format added
// (replacing any "format" parameter), ksort, http_build_query RFC 1738, then
// path . query . md5(query). methodPath is what is sent, e.g. "/v1/info/balance/".
ZadarmaSignedRequest signZadarmaRequest(QByteArrayView methodPath, PhpArray parameters,
                                        QByteArrayView key, QByteArrayView secret,
                                        QByteArrayView format = "json");

} // namespace CallBridge
