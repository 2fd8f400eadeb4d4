// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/AccessToken.h"

#include "core/common/ConstantTime.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

namespace CallBridge {

QString AccessToken::generate()
{
    std::array<quint32, randomBytes / sizeof(quint32)> words;
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), randomBytes);
    return prefix
            + QString::fromLatin1(
                    bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray AccessToken::hash(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

bool AccessToken::isWellFormed(const QString &text)
{
    if (text.size() != length || !text.startsWith(prefix))
        return false;
    for (qsizetype i = prefix.size(); i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!((c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')
              || c == u'-' || c == u'_'))
            return false;
    }
    return true;
}

bool AccessToken::matches(const QString &token, const QByteArray &storedHash)
{
    return constantTimeEquals(hash(token), storedHash);
}

} // namespace CallBridge
