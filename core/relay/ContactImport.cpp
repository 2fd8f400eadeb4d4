// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/ContactImport.h"

#include "core/relay/ContactFields.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QStringDecoder>

#include <optional>

namespace CallBridge {

namespace {

constexpr qint64 maxFileBytes = 256 * 1024 * 1024;

// CSV -----------------------------------------------------------------------------------------

enum class Column { Ignored, Name, Company, Email, Phone, Notes, Responsible, Tags, ExternalUrl };

// The names --map takes; Column n is entry n - 1.
const QList<std::pair<QString, Column>> &fields()
{
    static const QList<std::pair<QString, Column>> list {
        { QStringLiteral("name"), Column::Name },
        { QStringLiteral("company"), Column::Company },
        { QStringLiteral("email"), Column::Email },
        { QStringLiteral("phones"), Column::Phone },
        { QStringLiteral("notes"), Column::Notes },
        { QStringLiteral("responsible"), Column::Responsible },
        { QStringLiteral("tags"), Column::Tags },
        { QStringLiteral("external_url"), Column::ExternalUrl },
    };
    return list;
}

Column fieldColumn(const QString &field)
{
    const QString key = field.trimmed().toLower();
    if (key == u"phone")
        return Column::Phone;
    for (const auto &[name, column] : fields()) {
        if (name == key)
            return column;
    }
    return Column::Ignored;
}

Column columnFor(const QString &header)
{
    static const QHash<QString, Column> names {
        { QStringLiteral("name"), Column::Name },
        { QStringLiteral("full name"), Column::Name },
        { QStringLiteral("full_name"), Column::Name },
        { QStringLiteral("company"), Column::Company },
        { QStringLiteral("organization"), Column::Company },
        { QStringLiteral("organisation"), Column::Company },
        { QStringLiteral("email"), Column::Email },
        { QStringLiteral("e-mail"), Column::Email },
        { QStringLiteral("phone"), Column::Phone },
        { QStringLiteral("phones"), Column::Phone },
        { QStringLiteral("telephone"), Column::Phone },
        { QStringLiteral("mobile"), Column::Phone },
        { QStringLiteral("notes"), Column::Notes },
        { QStringLiteral("note"), Column::Notes },
        { QStringLiteral("responsible"), Column::Responsible },
        { QStringLiteral("tags"), Column::Tags },
        { QStringLiteral("tag"), Column::Tags },
        { QStringLiteral("labels"), Column::Tags },
        { QStringLiteral("categories"), Column::Tags },
        { QStringLiteral("external_url"), Column::ExternalUrl },
        { QStringLiteral("external url"), Column::ExternalUrl },
        { QStringLiteral("url"), Column::ExternalUrl },
        { QStringLiteral("link"), Column::ExternalUrl },
    };
    return names.value(header.trimmed().toLower(), Column::Ignored);
}

struct CsvRecord
{
    int line = 0;
    QStringList fields;
    QString error; // set: the record could not be read
};

// RFC 4180 with the usual leniencies: LF or CR line ends, fields not quoted where the RFC would
// want it. Embedded line breaks come back as '\n'.
class CsvReader
{
public:
    CsvReader(const QString &text, QChar delimiter) : m_text(text), m_delimiter(delimiter) { }

    bool atEnd() const { return m_pos >= m_text.size(); }

    CsvRecord next()
    {
        CsvRecord record;
        record.line = m_line;
        QString field;
        while (true) {
            if (peek() == u'"') {
                const int openedOn = m_line;
                ++m_pos;
                bool closed = false;
                while (!atEnd()) {
                    const QChar c = m_text.at(m_pos);
                    if (c == u'"') {
                        if (peek(1) == u'"') {
                            field += u'"';
                            m_pos += 2;
                            continue;
                        }
                        ++m_pos;
                        closed = true;
                        break;
                    }
                    if (c == u'\r' || c == u'\n') {
                        skipLineBreak();
                        field += u'\n';
                        continue;
                    }
                    field += c;
                    ++m_pos;
                }
                if (!closed) {
                    record.error = QStringLiteral("the quoted field opened on line %1 is never "
                                                  "closed")
                                           .arg(openedOn);
                    return record;
                }
                if (!atEnd() && peek() != m_delimiter && peek() != u'\r' && peek() != u'\n') {
                    if (record.error.isEmpty())
                        record.error = QStringLiteral("text follows a closing quote on line %1; "
                                                      "a quote inside a quoted field is written "
                                                      "\"\"")
                                               .arg(m_line);
                    while (!atEnd() && peek() != m_delimiter && peek() != u'\r' && peek() != u'\n')
                        ++m_pos;
                }
            } else {
                while (!atEnd() && peek() != m_delimiter && peek() != u'\r' && peek() != u'\n')
                    field += m_text.at(m_pos++);
            }
            record.fields.append(field);
            field.clear();
            if (atEnd())
                return record;
            if (peek() == m_delimiter) {
                ++m_pos;
                continue;
            }
            skipLineBreak();
            return record;
        }
    }

private:
    QChar peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text.at(m_pos + ahead) : QChar();
    }

    void skipLineBreak()
    {
        if (peek() == u'\r' && peek(1) == u'\n')
            ++m_pos;
        ++m_pos;
        ++m_line;
    }

    const QString &m_text;
    QChar m_delimiter;
    qsizetype m_pos = 0;
    int m_line = 1;
};

bool isBlank(const QStringList &fields)
{
    for (const QString &field : fields) {
        if (!field.trimmed().isEmpty())
            return false;
    }
    return true;
}

// The header's most frequent of ',', ';' and tab outside quotes; ',' on a tie or none.
QChar detectDelimiter(const QString &text)
{
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    bool quoted = false;
    for (const QChar c : text) {
        if (c == u'"')
            quoted = !quoted;
        else if (!quoted && (c == u'\n' || c == u'\r'))
            break;
        else if (!quoted && c == u',')
            ++commas;
        else if (!quoted && c == u';')
            ++semicolons;
        else if (!quoted && c == u'\t')
            ++tabs;
    }
    if (tabs > commas && tabs > semicolons)
        return u'\t';
    if (semicolons > commas)
        return u';';
    return u',';
}

// vCard ---------------------------------------------------------------------------------------

struct VCardLine
{
    int line = 0;
    QString text;
};

// Splits on unescaped separators; quotes protect separators when quoteAware (parameters).
QStringList splitUnescaped(const QString &text, QChar separator, bool quoteAware = false)
{
    QStringList parts;
    QString current;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\\' && i + 1 < text.size() && !quoted) {
            current += c;
            current += text.at(++i);
        } else if (quoteAware && c == u'"') {
            quoted = !quoted;
            current += c;
        } else if (c == separator && !quoted) {
            parts.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    parts.append(current);
    return parts;
}

QString unescapeText(const QString &text)
{
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\\' && i + 1 < text.size()) {
            const QChar next = text.at(++i);
            result += (next == u'n' || next == u'N') ? QChar(u'\n') : next;
        } else {
            result += c;
        }
    }
    return result;
}

struct VCardProperty
{
    QString name; // upper-case, without group
    QStringList parameters; // upper-case "TYPE=CELL", "ENCODING=QUOTED-PRINTABLE"
    QString value; // raw, still escaped
};

std::optional<VCardProperty> parseProperty(const QString &line)
{
    bool quoted = false;
    qsizetype colon = -1;
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line.at(i) == u'"')
            quoted = !quoted;
        else if (line.at(i) == u':' && !quoted) {
            colon = i;
            break;
        }
    }
    if (colon <= 0)
        return std::nullopt;
    QStringList head = splitUnescaped(line.left(colon), u';', true);
    VCardProperty property;
    property.name = head.takeFirst().trimmed().toUpper();
    property.name = property.name.mid(property.name.lastIndexOf(u'.') + 1);
    for (const QString &parameter : head)
        property.parameters.append(parameter.trimmed().toUpper());
    property.value = line.mid(colon + 1);
    return property;
}

struct Card
{
    ContactDraft draft;
    QString structuredName;
    QString error;
};

void applyProperty(Card &card, const VCardProperty &property)
{
    ContactDraft &draft = card.draft;
    for (const QString &parameter : property.parameters) {
        if (parameter == u"ENCODING=QUOTED-PRINTABLE" || parameter == u"QUOTED-PRINTABLE") {
            if (card.error.isEmpty())
                card.error = QStringLiteral("%1 is quoted-printable (vCard 2.1), which is not "
                                            "supported; export the contacts as vCard 3.0 or 4.0")
                                     .arg(property.name);
            return;
        }
    }
    if (property.name == u"FN") {
        draft.name = unescapeText(property.value).trimmed();
    } else if (property.name == u"N") {
        const QStringList parts = splitUnescaped(property.value, u';');
        // Family;Given;Additional;Prefix;Suffix, read as people write names.
        QStringList ordered;
        for (const int index : { 3, 1, 2, 0, 4 }) {
            if (index < parts.size()) {
                const QString part = unescapeText(parts.at(index)).replace(u',', u' ').trimmed();
                if (!part.isEmpty())
                    ordered.append(part);
            }
        }
        card.structuredName = ordered.join(u' ');
    } else if (property.name == u"ORG") {
        if (draft.company.isEmpty())
            draft.company = unescapeText(splitUnescaped(property.value, u';').first()).trimmed();
    } else if (property.name == u"EMAIL") {
        if (draft.email.isEmpty())
            draft.email = unescapeText(property.value).trimmed();
    } else if (property.name == u"TEL") {
        QString number = unescapeText(property.value).trimmed();
        if (number.startsWith(QLatin1StringView("tel:"), Qt::CaseInsensitive))
            number = number.mid(4);
        if (!number.isEmpty())
            draft.rawPhones.append(number);
    } else if (property.name == u"NOTE") {
        const QString note = unescapeText(property.value).trimmed();
        if (!note.isEmpty())
            draft.notes = draft.notes.isEmpty() ? note : draft.notes + u'\n' + note;
    } else if (property.name == u"CATEGORIES") {
        QStringList tags = draft.tags;
        for (const QString &tag : splitUnescaped(property.value, u','))
            tags << unescapeText(tag);
        auto clean = ContactFields::cleanTags(tags);
        if (clean)
            draft.tags = clean.value();
        else if (card.error.isEmpty())
            card.error = clean.error().message;
    } else if (property.name == u"URL") {
        if (!draft.externalUrl.isEmpty())
            return;
        auto url = ContactFields::cleanExternalUrl(unescapeText(property.value));
        if (url)
            draft.externalUrl = url.value();
        else if (card.error.isEmpty())
            card.error = url.error().message;
    }
}

} // namespace

QStringList ContactImport::fieldNames()
{
    QStringList names;
    for (const auto &entry : fields())
        names << entry.first;
    return names;
}

Result<ContactImport::Mapping> ContactImport::parseMapping(const QStringList &items)
{
    Mapping mapping;
    for (const QString &item : items) {
        const qsizetype equals = item.indexOf(u'=');
        const QString field = item.left(equals).trimmed().toLower();
        const QString header = equals < 0 ? QString() : item.mid(equals + 1).trimmed();
        if (equals < 0 || header.isEmpty())
            return fail(QStringLiteral("--map %1: write FIELD=COLUMN, e.g. --map name=\"Full "
                                       "name\"")
                                .arg(item));
        const Column column = fieldColumn(field);
        if (column == Column::Ignored)
            return fail(QStringLiteral("--map %1: there is no field \"%2\"; the fields are %3")
                                .arg(item, field, fieldNames().join(QStringLiteral(", "))));
        const QString name = fields().at(qsizetype(column) - 1).first;
        if (mapping.contains(name))
            return fail(QStringLiteral("--map names the field %1 twice").arg(name));
        mapping.insert(name, header);
    }
    return mapping;
}

Result<ContactImport::Format> ContactImport::formatFor(const QString &fileName,
                                                       const QString &formatOption)
{
    const QString option = formatOption.trimmed().toLower();
    if (option == u"csv")
        return Format::Csv;
    if (option == u"vcf" || option == u"vcard")
        return Format::VCard;
    if (!option.isEmpty())
        return fail(QStringLiteral("unknown format \"%1\"; use csv or vcf").arg(formatOption));
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == u"csv" || suffix == u"tsv" || suffix == u"txt")
        return Format::Csv;
    if (suffix == u"vcf" || suffix == u"vcard")
        return Format::VCard;
    return fail(QStringLiteral("cannot tell the format of %1 from its name; add --format csv or "
                               "--format vcf")
                        .arg(fileName));
}

Result<QString> ContactImport::decode(const QByteArray &data)
{
    const auto bom = QStringConverter::encodingForData(data);
    const QStringConverter::Encoding encoding
            = bom && (*bom == QStringConverter::Utf16LE || *bom == QStringConverter::Utf16BE)
            ? *bom
            : QStringConverter::Utf8;
    QStringDecoder decoder(encoding);
    QString text = decoder.decode(data);
    if (decoder.hasError()) {
        return fail(QStringLiteral("the file is not UTF-8 text; save it as \"CSV UTF-8\" or "
                                   "convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8"));
    }
    if (text.startsWith(u'\uFEFF'))
        text.remove(0, 1);
    return text;
}

QStringList ContactImport::splitPhones(const QString &field)
{
    static const QRegularExpression separators(QStringLiteral("[;,\\n\\r]"));
    QStringList phones;
    for (const QString &part : field.split(separators)) {
        const QString phone = part.trimmed();
        if (!phone.isEmpty())
            phones.append(phone);
    }
    return phones;
}

Result<ContactImport::Parsed> ContactImport::parse(const QByteArray &data, Format format,
                                                   const Mapping &mapping)
{
    if (format == Format::VCard && !mapping.isEmpty())
        return fail(QStringLiteral("--map is for CSV files; a vCard names its fields itself"));
    auto text = decode(data);
    if (!text)
        return fail(text.error());
    return format == Format::Csv ? parseCsv(text.value(), mapping) : parseVCard(text.value());
}

Result<ContactImport::Parsed> ContactImport::parseFile(const QString &path, Format format,
                                                       const Mapping &mapping)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > maxFileBytes)
        return fail(QStringLiteral("%1 is larger than %2 MiB; split it")
                            .arg(path)
                            .arg(maxFileBytes / (1024 * 1024)));
    auto parsed = parse(file.readAll(), format, mapping);
    if (!parsed)
        return fail(QStringLiteral("%1: %2").arg(path, parsed.error().message));
    return parsed;
}

Result<ContactImport::Parsed> ContactImport::parseCsv(const QString &text, const Mapping &mapping)
{
    const QChar delimiter = detectDelimiter(text);
    CsvReader reader(text, delimiter);
    CsvRecord header;
    while (!reader.atEnd()) {
        header = reader.next();
        if (!header.error.isEmpty())
            return fail(QStringLiteral("line %1: %2").arg(header.line).arg(header.error));
        if (!isBlank(header.fields))
            break;
    }

    Parsed parsed;
    QList<Column> columns;
    bool hasName = false;
    bool hasPhone = false;
    QHash<QString, qsizetype> mappedColumns; // field → index
    for (auto it = mapping.cbegin(); it != mapping.cend(); ++it) {
        qsizetype found = -1;
        for (qsizetype i = 0; i < header.fields.size() && found < 0; ++i) {
            if (header.fields.at(i).trimmed().compare(it.value(), Qt::CaseInsensitive) == 0)
                found = i;
        }
        if (found < 0) {
            QStringList names;
            for (const QString &field : std::as_const(header.fields))
                names << u'"' + field.trimmed() + u'"';
            return fail(QStringLiteral("--map %1=\"%2\": the file has no column \"%2\"; its "
                                       "columns are %3")
                                .arg(it.key(), it.value(), names.join(QStringLiteral(", "))));
        }
        mappedColumns.insert(it.key(), found);
    }
    for (qsizetype i = 0; i < header.fields.size(); ++i) {
        Column column = columnFor(header.fields.at(i));
        // A mapped field comes from its mapped column alone.
        if (column != Column::Ignored && mapping.contains(fields().at(qsizetype(column) - 1).first))
            column = Column::Ignored;
        for (auto it = mappedColumns.cbegin(); it != mappedColumns.cend(); ++it) {
            if (it.value() == i)
                column = fieldColumn(it.key());
        }
        columns.append(column);
        hasName = hasName || column == Column::Name;
        hasPhone = hasPhone || column == Column::Phone;
        if (column == Column::Ignored && !header.fields.at(i).trimmed().isEmpty())
            parsed.warnings.append(QStringLiteral("column %1 \"%2\" is not imported")
                                           .arg(i + 1)
                                           .arg(header.fields.at(i).trimmed()));
    }
    if (!hasName && !hasPhone)
        return fail(QStringLiteral("the first line must be a header naming the columns, e.g. "
                                   "name,company,email,phone,notes,responsible; it has neither a "
                                   "name nor a phone column"));

    while (!reader.atEnd()) {
        const CsvRecord record = reader.next();
        if (!record.error.isEmpty()) {
            parsed.problems.append({ record.line, record.error });
            continue;
        }
        if (isBlank(record.fields))
            continue;
        qsizetype used = record.fields.size();
        while (used > columns.size() && record.fields.at(used - 1).trimmed().isEmpty())
            --used;
        if (used > columns.size()) {
            parsed.problems.append({ record.line,
                                     QStringLiteral("%1 fields where the header names %2; is a "
                                                    "value with a '%3' not quoted?")
                                             .arg(used)
                                             .arg(columns.size())
                                             .arg(delimiter == u'\t' ? QStringLiteral("tab")
                                                                     : QString(delimiter)) });
            continue;
        }
        ContactDraft draft;
        draft.sourceLine = record.line;
        QString problem;
        const auto append = [](QString &target, const QString &value, QChar separator) {
            if (value.isEmpty())
                return;
            target = target.isEmpty() ? value : target + separator + value;
        };
        for (qsizetype i = 0; i < used; ++i) {
            const QString value = record.fields.at(i).trimmed();
            switch (columns.at(i)) {
            case Column::Ignored:
                break;
            case Column::Name:
                append(draft.name, value, u' ');
                break;
            case Column::Company:
                append(draft.company, value, u' ');
                break;
            case Column::Email:
                if (draft.email.isEmpty())
                    draft.email = value;
                break;
            case Column::Phone:
                draft.rawPhones.append(splitPhones(value));
                break;
            case Column::Notes:
                append(draft.notes, value, u'\n');
                break;
            case Column::Responsible:
                if (draft.responsibleName.isEmpty())
                    draft.responsibleName = value;
                break;
            case Column::Tags:
                if (auto tags = ContactFields::tagsFromText(value); tags)
                    draft.tags = ContactFields::mergeTags(draft.tags, tags.value());
                else if (problem.isEmpty())
                    problem = tags.error().message;
                break;
            case Column::ExternalUrl:
                if (auto url = ContactFields::cleanExternalUrl(value); !url) {
                    if (problem.isEmpty())
                        problem = url.error().message;
                } else if (draft.externalUrl.isEmpty()) {
                    draft.externalUrl = url.value();
                }
                break;
            }
        }
        if (!problem.isEmpty()) {
            parsed.problems.append({ record.line, problem });
            continue;
        }
        if (auto tags = ContactFields::cleanTags(draft.tags); !tags) {
            parsed.problems.append({ record.line, tags.error().message });
            continue;
        }
        if (draft.name.isEmpty() && draft.rawPhones.isEmpty()) {
            parsed.problems.append({ record.line, QStringLiteral("no name and no phone") });
            continue;
        }
        parsed.drafts.append(draft);
    }
    return parsed;
}

Result<ContactImport::Parsed> ContactImport::parseVCard(const QString &text)
{
    // Physical lines, then unfolded: a line starting with a space or tab continues the last.
    QList<VCardLine> lines;
    int lineNumber = 0;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = start;
        while (end < text.size() && text.at(end) != u'\r' && text.at(end) != u'\n')
            ++end;
        ++lineNumber;
        const QString physical = text.mid(start, end - start);
        if (!physical.isEmpty() && (physical.at(0) == u' ' || physical.at(0) == u'\t')
            && !lines.isEmpty())
            lines.last().text += physical.mid(1);
        else
            lines.append({ lineNumber, physical });
        if (end < text.size() && text.at(end) == u'\r' && end + 1 < text.size()
            && text.at(end + 1) == u'\n')
            ++end;
        start = end + 1;
    }

    Parsed parsed;
    std::optional<Card> card;
    bool sawCard = false;
    for (const VCardLine &line : lines) {
        if (line.text.trimmed().isEmpty())
            continue;
        const auto property = parseProperty(line.text);
        if (!property) {
            if (card && card->error.isEmpty())
                parsed.warnings.append(
                        QStringLiteral("line %1 is not a vCard property and is ignored")
                                .arg(line.line));
            continue;
        }
        const QString value = property->value.trimmed();
        if (property->name == u"BEGIN" && value.compare(u"VCARD", Qt::CaseInsensitive) == 0) {
            if (card)
                parsed.problems.append({ card->draft.sourceLine,
                                         QStringLiteral("the card has no END:VCARD before the "
                                                        "next BEGIN:VCARD on line %1")
                                                 .arg(line.line) });
            card = Card {};
            card->draft.sourceLine = line.line;
            sawCard = true;
            continue;
        }
        if (!card)
            continue; // outside a card: nothing of ours
        if (property->name == u"END" && value.compare(u"VCARD", Qt::CaseInsensitive) == 0) {
            ContactDraft &draft = card->draft;
            if (draft.name.isEmpty())
                draft.name = card->structuredName;
            if (!card->error.isEmpty())
                parsed.problems.append({ draft.sourceLine, card->error });
            else if (draft.name.isEmpty() && draft.rawPhones.isEmpty())
                parsed.problems.append(
                        { draft.sourceLine, QStringLiteral("no name and no phone") });
            else
                parsed.drafts.append(draft);
            card.reset();
            continue;
        }
        applyProperty(*card, *property);
    }
    if (card)
        parsed.problems.append({ card->draft.sourceLine,
                                 QStringLiteral("the card has no END:VCARD; the file may be cut "
                                                "short") });
    if (!sawCard)
        return fail(QStringLiteral("no BEGIN:VCARD found; is this a vCard file?"));
    return parsed;
}

} // namespace CallBridge
