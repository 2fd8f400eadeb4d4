// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/StoreTypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace CallBridge {

// Contacts as CSV (RFC 4180, UTF-8, CRLF line ends) that ContactImport reads back as they were:
// the header row, then one row per contact with phones and tags joined by "; ".
class ContactExport
{
public:
    static QStringList columns(); // name, company, email, phones, notes, responsible, tags, …
    static QByteArray headerRow();
    // responsibleName: the user's login name, empty for none.
    static QByteArray row(const ContactRecord &contact, const QString &responsibleName);
    static QString field(const QString &value); // quoted when it must be
};

} // namespace CallBridge
