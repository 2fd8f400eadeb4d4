// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/desktop/DialRequest.h"

#include <QUrl>

#include <algorithm>

namespace CallBridge {

namespace {

constexpr qsizetype maxDigits = 20;

// Schemes in the order they must be tried ("callto://" before "callto:").
constexpr QStringView linkSchemes[] = { u"callto://", u"callto:", u"tel://", u"tel:" };

QString shown(const QString &argument)
{
    constexpr qsizetype maxShown = 40;
    if (argument.size() <= maxShown)
        return argument;
    return argument.left(maxShown - 1) + u'…';
}

// RFC 3966 visual separators, plus spaces and dashes that come with numbers copied from documents.
bool isSeparator(QChar c)
{
    return c == u'-' || c == u'.' || c == u'(' || c == u')' || c.isSpace()
            || c.category() == QChar::Punctuation_Dash;
}

} // namespace

Result<DialRequest> DialRequest::parse(const QString &argument)
{
    QString text = argument.trimmed();
    if (text.isEmpty())
        return fail(QStringLiteral("No phone number was given."));

    for (const QStringView prefix : linkSchemes) {
        if (text.startsWith(prefix, Qt::CaseInsensitive)) {
            text.remove(0, prefix.size());
            break;
        }
    }
    // Parameters (";ext=", ";phone-context=") and a query are not part of the number to dial.
    const auto end = std::find_if(text.cbegin(), text.cend(),
                                  [](QChar c) { return c == u';' || c == u'?'; });
    text.truncate(end - text.cbegin());
    text = QUrl::fromPercentEncoding(text.toUtf8());

    QString number;
    for (const QChar c : std::as_const(text)) {
        if (isSeparator(c))
            continue;
        if (c == u'+') {
            if (!number.isEmpty())
                return fail(QStringLiteral("“%1” is not a phone number: a + may only come first.")
                                    .arg(shown(argument)));
            number += c;
        } else if (c.isDigit()) {
            number += QChar(u'0' + c.digitValue());
        } else if (c.isLetter()) {
            return fail(QStringLiteral("“%1” is not a phone number: it contains letters.")
                                .arg(shown(argument)));
        } else {
            return fail(QStringLiteral("“%1” is not a phone number: “%2” cannot be dialled.")
                                .arg(shown(argument), c));
        }
    }

    const qsizetype digits = number.size() - (number.startsWith(u'+') ? 1 : 0);
    if (digits == 0)
        return fail(QStringLiteral("“%1” holds no phone number.").arg(shown(argument)));
    if (digits > maxDigits)
        return fail(QStringLiteral("“%1” is too long for a phone number (at most %2 digits).")
                            .arg(shown(argument))
                            .arg(maxDigits));
    return DialRequest { number };
}

std::optional<DialRequest> DialRequest::fromArguments(const QStringList &arguments)
{
    for (const QString &argument : arguments) {
        if (argument.startsWith(u'-'))
            continue;
        if (auto request = parse(argument))
            return std::move(request).value();
    }
    return std::nullopt;
}

} // namespace CallBridge
