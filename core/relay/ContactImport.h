// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/relay/ContactDraft.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace CallBridge {

// Reads contacts from CSV (RFC 4180, header row required) and vCard 3.0/4.0 files. A record
// that cannot be read becomes a problem with its line number; the others are still read.
//
// CSV columns, matched case-insensitively: name, company, email, phone or phones (several
// numbers separated by ';' or ','), notes, responsible (a user name), tags (separated by ';' or
// ','), external_url; a few common aliases too, or the columns a mapping names. The delimiter is
// ',' unless the header uses ';' or tabs. vCard: FN (else N), ORG, EMAIL, TEL (several), NOTE,
// CATEGORIES, URL; folded lines; several cards per file.
class ContactImport
{
public:
    enum class Format { Csv, VCard };

    struct Problem
    {
        int line = 0;
        QString message;
        friend bool operator==(const Problem &, const Problem &) = default;
    };

    struct Parsed
    {
        QList<ContactDraft> drafts;
        QList<Problem> problems; // records left out, in file order
        QStringList warnings; // nothing left out: ignored columns, properties
    };

    // Our field (see fieldNames()) → the header of the CSV column that holds it. A mapped field
    // is read from that column only; the column that would have been its by name is ignored.
    using Mapping = QHash<QString, QString>;

    static QStringList fieldNames(); // name, company, email, phones, notes, responsible, tags, …
    // From "field=Column" items (--map); unknown fields are an error naming the known ones.
    static Result<Mapping> parseMapping(const QStringList &items);

    // From "--format csv|vcf" when given, else from the file name's extension.
    static Result<Format> formatFor(const QString &fileName, const QString &formatOption = {});

    // Errors are about the whole file (not UTF-8, no header, no card at all).
    // A mapping naming a column the file lacks is an error about the whole file.
    static Result<Parsed> parse(const QByteArray &data, Format format, const Mapping &mapping = {});
    static Result<Parsed> parseFile(const QString &path, Format format,
                                    const Mapping &mapping = {});

    static Result<QString>
    decode(const QByteArray &data); // UTF-8 (BOM optional) or UTF-16 with BOM
    static QStringList splitPhones(const QString &field); // on ';', ',' and line breaks

private:
    static Result<Parsed> parseCsv(const QString &text, const Mapping &mapping);
    static Result<Parsed> parseVCard(const QString &text);
};

} // namespace CallBridge
