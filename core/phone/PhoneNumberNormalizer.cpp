// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/phone/PhoneNumberNormalizer.h"

#include <QLoggingCategory>

#include <optional>
#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumberutil.h>
#include <set>
#include <string_view>
#include <vector>

Q_LOGGING_CATEGORY(lcPhone, "callbridge.core.phone", QtInfoMsg)

namespace CallBridge {

namespace {

using i18n::phonenumbers::PhoneNumberUtil;
using LibNumber = i18n::phonenumbers::PhoneNumber;

// libphonenumber prints to stdout by default. It hands a line over in pieces and never says
// its level, only that it passed the threshold, which stays at the default: errors.
class CategoryLogger final : public i18n::phonenumbers::Logger
{
public:
    void WriteMessage(const std::string &message) override
    {
        thread_local std::string line;
        if (message != "\n") {
            line += message;
            return;
        }
        qCWarning(lcPhone, "libphonenumber: %s", line.c_str());
        line.clear();
    }
};

const PhoneNumberUtil &util()
{
    // SetLogger is not thread-safe: install it once, before any concurrent use.
    static PhoneNumberUtil *const instance = [] {
        PhoneNumberUtil *phoneUtil = PhoneNumberUtil::GetInstance();
        phoneUtil->SetLogger(new CategoryLogger); // takes ownership
        return phoneUtil;
    }();
    return *instance;
}

const std::set<std::string> &supportedRegions()
{
    static const std::set<std::string> regions = [] {
        std::set<std::string> codes;
        util().GetSupportedRegions(&codes);
        return codes;
    }();
    return regions;
}

std::string regionCode(const QString &region)
{
    const std::string code = region.trimmed().toUpper().toStdString();
    return supportedRegions().count(code) ? code : std::string();
}

bool isWithheld(const QString &text)
{
    // Zadarma sends "0" for a withheld caller id; SIP and carriers use the words.
    return text.isEmpty() || text == u"0" || text.compare(u"anonymous", Qt::CaseInsensitive) == 0
            || text.compare(u"unknown", Qt::CaseInsensitive) == 0
            || text.compare(u"private", Qt::CaseInsensitive) == 0;
}

bool isFormatting(QChar c)
{
    return c.isSpace() || c == u'-' || c == u'.' || c == u'(' || c == u')' || c == u'/'
            || c.category() == QChar::Punctuation_Dash || c == u'\u2212';
}

QChar asciiDigit(QChar c)
{
    return QChar(static_cast<char16_t>(u'0' + c.digitValue()));
}

// What the input looks like before libphonenumber sees it.
struct Cleaned
{
    enum class Shape { Empty, Extension, Dialable, Garbage };
    Shape shape = Shape::Garbage;
    std::string digits; // ASCII; the extension or the number without '+'
    bool plus = false;
};

Cleaned clean(const QString &raw, int maxExtensionDigits)
{
    using Shape = Cleaned::Shape;
    QString text = raw.trimmed();

    // tel:+48600100200;ext=1 (RFC 3966) and sip:+48600100200@host;user=phone: keep the user
    // part, drop the parameters. Anything else that is not a number stays garbage below.
    for (const QStringView scheme : { u"tel:", u"sip:", u"sips:" }) {
        if (text.startsWith(scheme, Qt::CaseInsensitive)) {
            text = text.mid(scheme.size());
            text = text.left(text.indexOf(u'@'));
            text = text.left(text.indexOf(u';')).trimmed();
            break;
        }
    }
    if (isWithheld(text))
        return Cleaned { Shape::Empty, {}, false };

    Cleaned cleaned;
    bool onlyDigits = true;
    for (const QChar c : text) {
        if (c.isDigit()) {
            cleaned.digits.push_back(static_cast<char>(asciiDigit(c).unicode()));
        } else if (c == u'+' || c == u'\uFF0B') {
            // One '+', before the digits; "++48" or "48+1" are not numbers.
            if (cleaned.plus || !cleaned.digits.empty())
                return Cleaned();
            cleaned.plus = true;
            onlyDigits = false;
        } else if (isFormatting(c)) {
            onlyDigits = false;
        } else {
            // Letters, '#', '*', "ext." and the like: not something we dial or match on.
            return Cleaned();
        }
    }
    if (cleaned.digits.empty())
        return Cleaned();

    const auto length = static_cast<qsizetype>(cleaned.digits.size());
    cleaned.shape = onlyDigits && length <= maxExtensionDigits ? Shape::Extension : Shape::Dialable;
    return cleaned;
}

std::optional<LibNumber> parse(const std::string &text, const std::string &region)
{
    LibNumber number;
    if (util().ParseAndKeepRawInput(text, region, &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return std::nullopt;
    return number;
}

std::string digitsOf(const std::string &text)
{
    std::string digits;
    for (const char c : text) {
        if (c >= '0' && c <= '9')
            digits.push_back(c);
    }
    return digits;
}

// Whether `digits` are this number as people of its default region write it nationally:
// with the trunk prefix where the region uses one ("030 123456", "8 495 …"), without where
// it has none ("600 100 200", "(202) 555-0143"); or prefixed with the region's own
// international prefix or country code, which libphonenumber recognised.
bool writtenNationally(const LibNumber &number, const std::string &digits)
{
    if (number.country_code_source() != LibNumber::FROM_DEFAULT_COUNTRY)
        return true;
    std::string national;
    util().Format(number, PhoneNumberUtil::NATIONAL, &national);
    return digitsOf(national) == digits;
}

/*
 * The decision procedure for digits written without '+':
 *
 *  1. Candidates, in order of preference:
 *     N  the digits as a national number of the default region (libphonenumber also
 *        understands the region's international prefix, 011 for US, 810 for RU, and a
 *        leading country code of the region, "48600100200" in PL);
 *     I  the digits with '+' prepended, as Zadarma sends international numbers;
 *     U  the digits after a leading "00" or "011", the international prefixes of most of the
 *        world and of North America, for regions whose own prefix differs (RU knows only 810).
 *     N comes after I when the digits are not written the national way (writtenNationally):
 *     a German writes "030 123456", so "4930123456" or "48600100200" in DE are
 *     international even though libphonenumber finds them valid German numbers too.
 *     Without a known default region there is no N.
 *  2. The first valid candidate wins; failing that the first possible one (right length, a
 *     range the 8.12 metadata does not know yet); failing that the number is Unparsable.
 *
 * Ambiguous: national numbers of a region without trunk prefix (PL, ES, US without the 1)
 * that are also a valid foreign number stay national; "431208034" in PL is Sieradz, not
 * Vienna. And a number of a trunk-prefix region written without its prefix ("495 123 45 67"
 * in RU) is read as international first, when valid that way (+49 …).
 */
std::optional<LibNumber> place(const Cleaned &cleaned, const std::string &region)
{
    std::vector<std::optional<LibNumber>> candidates;
    const std::string &digits = cleaned.digits;
    if (cleaned.plus) {
        candidates.push_back(parse('+' + digits, "ZZ"));
    } else {
        std::optional<LibNumber> national;
        if (!region.empty())
            national = parse(digits, region);
        std::optional<LibNumber> international = parse('+' + digits, "ZZ");
        if (national && writtenNationally(*national, digits)) {
            candidates.push_back(std::move(national));
            candidates.push_back(std::move(international));
        } else {
            candidates.push_back(std::move(international));
            candidates.push_back(std::move(national));
        }
        for (const std::string_view prefix : { "00", "011" }) {
            if (digits.starts_with(prefix))
                candidates.push_back(parse('+' + digits.substr(prefix.size()), "ZZ"));
        }
    }

    for (const auto &candidate : candidates) {
        if (candidate && util().IsValidNumber(*candidate))
            return candidate;
    }
    for (const auto &candidate : candidates) {
        // IS_POSSIBLE_LOCAL_ONLY ("555 0143" in US) lacks an area code, and a leading zero
        // after the country code ("030 123456" in GB) is a mistyped trunk prefix: the regions
        // that really have one, like Italy, validate.
        if (candidate && !candidate->italian_leading_zero()
            && util().IsPossibleNumberWithReason(*candidate) == PhoneNumberUtil::IS_POSSIBLE)
            return candidate;
    }
    return std::nullopt;
}

} // namespace

PhoneNumberNormalizer::PhoneNumberNormalizer() : PhoneNumberNormalizer(Options()) { }

PhoneNumberNormalizer::PhoneNumberNormalizer(Options options)
    : m_options(std::move(options)), m_region(regionCode(m_options.defaultRegion))
{
    if (m_region.empty() && !m_options.defaultRegion.isEmpty())
        qCWarning(lcPhone) << "Unknown default region" << m_options.defaultRegion
                           << "- only international numbers will be recognised";
}

PhoneNumber PhoneNumberNormalizer::normalize(const QString &raw) const
{
    PhoneNumber number;
    number.raw = raw;
    const Cleaned cleaned = clean(raw, m_options.maxExtensionDigits);
    switch (cleaned.shape) {
    case Cleaned::Shape::Empty:
        number.kind = PhoneNumber::Kind::Empty;
        return number;
    case Cleaned::Shape::Extension:
        number.kind = PhoneNumber::Kind::Extension;
        number.extension = QString::fromStdString(cleaned.digits);
        return number;
    case Cleaned::Shape::Garbage:
        number.kind = PhoneNumber::Kind::Unparsable;
        return number;
    case Cleaned::Shape::Dialable:
        break;
    }

    const std::optional<LibNumber> placed = place(cleaned, m_region);
    if (!placed) {
        number.kind = PhoneNumber::Kind::Unparsable;
        return number;
    }
    std::string e164;
    util().Format(*placed, PhoneNumberUtil::E164, &e164);
    number.kind = PhoneNumber::Kind::E164;
    number.e164 = QString::fromStdString(e164);
    return number;
}

QString PhoneNumberNormalizer::formatForDisplay(const PhoneNumber &number) const
{
    switch (number.kind) {
    case PhoneNumber::Kind::Empty:
        return {};
    case PhoneNumber::Kind::Extension:
        return number.extension;
    case PhoneNumber::Kind::Unparsable:
        return number.raw.trimmed();
    case PhoneNumber::Kind::E164:
        break;
    }

    LibNumber parsed;
    if (util().Parse(number.e164.toStdString(), "ZZ", &parsed) != PhoneNumberUtil::NO_PARSING_ERROR)
        return number.e164;
    std::string region;
    util().GetRegionCodeForNumber(parsed, &region);
    const bool home = !m_region.empty() && region == m_region;
    std::string formatted;
    util().Format(parsed, home ? PhoneNumberUtil::NATIONAL : PhoneNumberUtil::INTERNATIONAL,
                  &formatted);
    return QString::fromStdString(formatted);
}

bool PhoneNumberNormalizer::isKnownRegion(const QString &region)
{
    return !regionCode(region).empty();
}

} // namespace CallBridge
