// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/ContactSearchText.h"

#include <algorithm>
#include <array>

namespace CallBridge::ContactSearchText {

namespace {

// Length of the ITU country calling code that starts the digits of an E.164 number. Codes are
// prefix-free: 1 and 7 have one digit, the list below two, every other code three.
int countryCodeLength(QStringView digits)
{
    static constexpr std::array twoDigitCodes { 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41,
                                                43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54,
                                                55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66,
                                                81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98 };
    if (digits.isEmpty())
        return 0;
    if (digits.front() == u'1' || digits.front() == u'7')
        return 1;
    if (digits.size() < 2)
        return 0;
    const int two = digits.left(2).toInt();
    return std::find(twoDigitCodes.begin(), twoDigitCodes.end(), two) != twoDigitCodes.end() ? 2
                                                                                             : 3;
}

QString digitsOf(QStringView text)
{
    QString digits;
    for (QChar c : text) {
        if (c.isDigit())
            digits += c;
    }
    return digits;
}

} // namespace

QString phoneTokens(const QStringList &phones)
{
    QStringList tokens;
    for (const QString &phone : phones) {
        const QString digits = digitsOf(phone);
        if (digits.isEmpty())
            continue;
        tokens << digits;
        const int codeLength = phone.startsWith(u'+') ? countryCodeLength(digits) : 0;
        if (codeLength > 0 && codeLength < digits.size())
            tokens << digits.mid(codeLength);
    }
    return tokens.join(u' ');
}

QString foldForSearch(QString text)
{
    static const std::array<std::pair<char16_t, const char16_t *>, 16> folds { {
            { u'ł', u"l" },
            { u'Ł', u"l" },
            { u'ø', u"o" },
            { u'Ø', u"o" },
            { u'đ', u"d" },
            { u'Đ', u"d" },
            { u'ħ', u"h" },
            { u'Ħ', u"h" },
            { u'ı', u"i" },
            { u'ŧ', u"t" },
            { u'Ŧ', u"t" },
            { u'ß', u"ss" },
            { u'æ', u"ae" },
            { u'Æ', u"ae" },
            { u'œ', u"oe" },
            { u'Œ', u"oe" },
    } };
    for (const auto &[from, to] : folds) {
        if (text.contains(QChar(from)))
            text.replace(QChar(from), QString::fromUtf16(to));
    }
    return text;
}

Terms termsOf(const QString &typed)
{
    const QString text = foldForSearch(typed.normalized(QString::NormalizationForm_C));
    Terms terms;
    QString word;
    bool phoneLike = true;
    for (QChar c : text) {
        if (c.isLetterOrNumber()) {
            word += c;
        } else if (!word.isEmpty()) {
            terms.words << word;
            word.clear();
        }
        if (!c.isDigit() && !c.isSpace() && !QStringView(u"+-().").contains(c))
            phoneLike = false;
    }
    if (!word.isEmpty())
        terms.words << word;
    const QString digits = digitsOf(text);
    if (terms.words.isEmpty() || !phoneLike || digits.isEmpty())
        return terms;
    terms.numbers << digits;
    if (digits.startsWith(u"00") && digits.size() > 2)
        terms.numbers << digits.mid(2);
    else if (digits.startsWith(u'0') && digits.size() > 1)
        terms.numbers << digits.mid(1);
    return terms;
}

QString plainWords(const QString &text)
{
    const QString decomposed
            = foldForSearch(text).normalized(QString::NormalizationForm_D).toLower();
    QString words;
    words.reserve(decomposed.size());
    bool inWord = false;
    for (QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue; // the accent of a decomposed letter
        if (c.isLetterOrNumber()) {
            if (!inWord && !words.isEmpty())
                words += u' ';
            words += c;
            inWord = true;
        } else {
            inWord = false;
        }
    }
    return words;
}

} // namespace CallBridge::ContactSearchText
