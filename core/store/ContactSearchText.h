// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace CallBridge::ContactSearchText {

// What a person typed into the contact search, in the words both engines' indexes hold.
struct Terms
{
    QStringList words; // each a prefix to match
    // When the text looks like a phone number: its digits, and as dialled locally without the
    // international or trunk prefix ("0048 600…" is +48 600…), each a prefix of a phone.
    QStringList numbers;
};
Terms termsOf(const QString &typed);

// Each number's digits, and for E.164 numbers also the national digits, as separate words, so
// that "48600" and "600 100" both find +48600100200.
QString phoneTokens(const QStringList &phones);

// Letters with a stroke (ł, ø, đ) and ligatures (ß, æ) have no Unicode decomposition, so no
// accent removal turns them into plain letters; folding them on both sides lets "lodz" find
// "Łódź".
QString foldForSearch(QString text);

// The text as words of letters and digits, lower case and without accents, separated by one
// space: for an engine whose own parser would keep "jan.kowalski@example.com" in one piece.
QString plainWords(const QString &text);

} // namespace CallBridge::ContactSearchText
