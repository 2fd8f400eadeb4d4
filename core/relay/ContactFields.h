// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QString>
#include <QStringList>

namespace CallBridge {

// The rules for a contact's tags and external link, the same for the REST API and the import.
class ContactFields
{
public:
    static constexpr int maxTags = 20;
    static constexpr int maxTagLength = 32;

    // Trimmed, inner white space collapsed, empty ones dropped, repeats (ignoring case) dropped;
    // an error names a tag that is too long or holds ';' or ',', or says how many there are.
    static Result<QStringList> cleanTags(const QStringList &tags);
    // Splits a file's field on ';' and ',' (as phones are), then cleans.
    static Result<QStringList> tagsFromText(const QString &field);
    // Empty, or an absolute http(s) URL with a host; returned trimmed.
    static Result<QString> cleanExternalUrl(const QString &url);
    // Adds the tags of `more` that `tags` lacks (ignoring case), keeping the order.
    static QStringList mergeTags(const QStringList &tags, const QStringList &more);
};

} // namespace CallBridge
