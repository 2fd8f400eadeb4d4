// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/ContactFields.h"

#include <QRegularExpression>
#include <QUrl>

namespace CallBridge {

namespace {

bool containsIgnoringCase(const QStringList &tags, const QString &tag)
{
    return tags.contains(tag, Qt::CaseInsensitive);
}

} // namespace

Result<QStringList> ContactFields::cleanTags(const QStringList &tags)
{
    QStringList clean;
    for (const QString &tag : tags) {
        const QString simplified = tag.simplified();
        if (simplified.isEmpty() || containsIgnoringCase(clean, simplified))
            continue;
        // Files join tags with "; ", so a tag holding one would come back as two.
        if (simplified.contains(u';') || simplified.contains(u','))
            return fail(QStringLiteral("the tag \"%1\" contains ';' or ','; a tag cannot")
                                .arg(simplified));
        if (simplified.size() > maxTagLength)
            return fail(QStringLiteral("the tag \"%1\" is longer than %2 characters")
                                .arg(simplified)
                                .arg(maxTagLength));
        clean << simplified;
    }
    if (clean.size() > maxTags)
        return fail(QStringLiteral("%1 tags where at most %2 are allowed")
                            .arg(clean.size())
                            .arg(maxTags));
    return clean;
}

Result<QStringList> ContactFields::tagsFromText(const QString &field)
{
    static const QRegularExpression separators(QStringLiteral("[;,\\n\\r]"));
    return cleanTags(field.split(separators));
}

Result<QString> ContactFields::cleanExternalUrl(const QString &url)
{
    const QString trimmed = url.trimmed();
    if (trimmed.isEmpty())
        return QString();
    const QUrl parsed(trimmed, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || (scheme != u"http" && scheme != u"https") || parsed.host().isEmpty())
        return fail(QStringLiteral("the external URL \"%1\" is not an http:// or https:// link")
                            .arg(trimmed));
    return trimmed;
}

QStringList ContactFields::mergeTags(const QStringList &tags, const QStringList &more)
{
    QStringList merged = tags;
    for (const QString &tag : more) {
        if (!containsIgnoringCase(merged, tag))
            merged << tag;
    }
    return merged;
}

} // namespace CallBridge
