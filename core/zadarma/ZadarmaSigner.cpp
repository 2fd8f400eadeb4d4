// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/ZadarmaSigner.h"

#include "core/zadarma/PhpQuery.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace CallBridge {

QByteArray zadarmaSignature(QByteArrayView secret, QByteArrayView message)
{
    const QByteArray hmac = QMessageAuthenticationCode::hash(
            message.toByteArray(), secret.toByteArray(), QCryptographicHash::Sha1);
    return hmac.toHex().toBase64();
}

QByteArray zadarmaStringToSign(QByteArrayView methodPath, QByteArrayView query)
{
    return methodPath.toByteArray() + query.toByteArray()
            + QCryptographicHash::hash(query, QCryptographicHash::Md5).toHex();
}

ZadarmaSignedRequest signZadarmaRequest(QByteArrayView methodPath, PhpArray parameters,
                                        QByteArrayView key, QByteArrayView secret,
                                        QByteArrayView format)
{
    ZadarmaSignedRequest request;
    parameters.set(PhpKey("format"), PhpValue(format.toByteArray()));
    phpKsort(parameters);
    request.parameters = std::move(parameters);
    request.query = phpHttpBuildQuery(request.parameters);
    request.stringToSign = zadarmaStringToSign(methodPath, request.query);
    request.hmacHex = QMessageAuthenticationCode::hash(request.stringToSign, secret.toByteArray(),
                                                       QCryptographicHash::Sha1)
                              .toHex();
    request.signature = request.hmacHex.toBase64();
    request.authorization = key.toByteArray() + ':' + request.signature;
    return request;
}

} // namespace CallBridge
