// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/PhpQuery.h"

#include "core/zadarma/PhpSort.h"
#include "core/zadarma/PhpUrlEncoding.h"

#include <QList>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

namespace CallBridge {
namespace {

// PHP's default `precision` ini setting, used by http_build_query for floats.
constexpr int phpPrecision = 14;

// PHP's "%.*G" (zend_gcvt): up to `precision` significant digits, trailing zeros dropped,
// exponent form "1.0E+20" when the exponent is below -4 or not below the precision.
QByteArray phpFormatDouble(double value)
{
    if (std::isnan(value))
        return "NAN";
    if (std::isinf(value))
        return value > 0 ? "INF" : "-INF";
    if (value == 0)
        return std::signbit(value) ? "-0" : "0";

    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*e", phpPrecision - 1, value);
    // buffer: [-]d.ddddddddddddde[+-]xx
    QByteArray text(buffer);
    const bool negative = text.startsWith('-');
    if (negative)
        text.remove(0, 1);
    const qsizetype ePos = text.indexOf('e');
    QByteArray digits = text.left(ePos);
    digits.remove(1, 1); // the decimal point
    while (digits.size() > 1 && digits.endsWith('0'))
        digits.chop(1);
    const int exponent = text.mid(ePos + 1).toInt();
    const int decimalPoint = exponent + 1; // value = 0.<digits> * 10^decimalPoint

    QByteArray out = negative ? "-" : "";
    if (decimalPoint < 0 ? decimalPoint < -3 : decimalPoint > phpPrecision) {
        out += digits.left(1) + '.' + (digits.size() > 1 ? digits.mid(1) : QByteArray("0"));
        out += exponent < 0 ? "E-" : "E+";
        out += QByteArray::number(std::abs(exponent));
    } else if (decimalPoint <= 0) {
        out += "0." + QByteArray(-decimalPoint, '0') + digits;
    } else if (digits.size() <= decimalPoint) {
        out += digits + QByteArray(decimalPoint - digits.size(), '0');
    } else {
        out += digits.left(decimalPoint) + '.' + digits.mid(decimalPoint);
    }
    return out;
}

QByteArray scalarText(const PhpValue &value)
{
    if (value.isBool())
        return value.toBool() ? "1" : "0";
    if (value.isInteger())
        return QByteArray::number(value.toInteger());
    if (value.isDouble())
        return phpUrlEncode(
                phpFormatDouble(value.toDouble())); // PHP 8 encodes the '+' of "1.0E+20"
    return phpUrlEncode(value.toBytes());
}

void buildQuery(QByteArray &out, const PhpArray &array, const QByteArray &prefix, bool nested)
{
    for (const PhpArray::Entry &entry : array.entries()) {
        const QByteArray key = entry.key.isInteger() ? QByteArray::number(entry.key.integer())
                                                     : phpUrlEncode(entry.key.toBytes());
        const QByteArray fullKey = nested ? prefix + key + "%5D" : key;
        if (entry.value.isArray()) {
            buildQuery(out, entry.value.toArray(), fullKey + "%5B", true);
        } else if (!entry.value.isNull()) {
            if (!out.isEmpty())
                out += '&';
            out += fullKey + '=' + scalarText(entry.value);
        }
    }
}

// PHP 8's is_numeric_string(): optional white space, sign, digits with an optional fraction and
// exponent, optional trailing white space; nothing else. An integer too large for 64 bits becomes a
// double with `overflow` set to its sign, as PHP reports it.
struct PhpNumber
{
    bool isInteger = false;
    qint64 integer = 0;
    double real = 0;
    int overflow = 0;
};

bool isPhpWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::optional<PhpNumber> phpNumericString(const QByteArray &text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isPhpWhitespace(text[begin]))
        ++begin;
    while (end > begin && isPhpWhitespace(text[end - 1]))
        --end;
    qsizetype i = begin;
    if (i < end && (text[i] == '+' || text[i] == '-'))
        ++i;
    qsizetype integerDigits = 0;
    while (i < end && text[i] >= '0' && text[i] <= '9') {
        ++i;
        ++integerDigits;
    }
    bool isReal = false;
    qsizetype fractionDigits = 0;
    if (i < end && text[i] == '.') {
        isReal = true;
        ++i;
        while (i < end && text[i] >= '0' && text[i] <= '9') {
            ++i;
            ++fractionDigits;
        }
    }
    if (integerDigits == 0 && fractionDigits == 0)
        return std::nullopt;
    if (i < end && (text[i] == 'e' || text[i] == 'E')) {
        qsizetype j = i + 1;
        if (j < end && (text[j] == '+' || text[j] == '-'))
            ++j;
        if (j < end && text[j] >= '0' && text[j] <= '9') {
            isReal = true;
            i = j;
            while (i < end && text[i] >= '0' && text[i] <= '9')
                ++i;
        }
    }
    if (i != end)
        return std::nullopt;
    const QByteArray number = text.mid(begin, end - begin);
    PhpNumber result;
    if (!isReal) {
        bool ok = false;
        result.integer = number.toLongLong(&ok);
        if (ok) {
            result.isInteger = true;
            return result;
        }
        result.overflow = number.startsWith('-') ? -1 : 1;
    }
    result.real = number.toDouble();
    return result;
}

int threeWay(double a, double b)
{
    return a < b ? -1 : (a > b ? 1 : 0);
}

int compareBytes(const QByteArray &a, const QByteArray &b)
{
    const int c = std::memcmp(a.constData(), b.constData(), size_t(std::min(a.size(), b.size())));
    if (c != 0)
        return c < 0 ? -1 : 1;
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

// zendi_smart_strcmp() of PHP 8: numeric strings compare as numbers, others byte by byte.
int compareStringKeys(const QByteArray &a, const QByteArray &b)
{
    const auto x = phpNumericString(a);
    const auto y = x ? phpNumericString(b) : std::nullopt;
    if (!x || !y)
        return compareBytes(a, b);
    // Both overflowed to the same side and look equal as doubles: the doubles lost the digits.
    if (x->overflow != 0 && x->overflow == y->overflow && x->real == y->real)
        return compareBytes(a, b);
    if (x->isInteger && y->isInteger)
        return x->integer < y->integer ? -1 : (x->integer > y->integer ? 1 : 0);
    if (x->isInteger) {
        if (y->overflow)
            return -y->overflow;
        return threeWay(double(x->integer), y->real);
    }
    if (y->isInteger) {
        if (x->overflow)
            return x->overflow;
        return threeWay(x->real, double(y->integer));
    }
    return threeWay(x->real, y->real);
}

// compare_longs_to_string() of PHP 8: numerically if the string is numeric, else as strings.
int compareIntegerToString(qint64 integer, const QByteArray &text)
{
    if (const auto number = phpNumericString(text)) {
        if (number->isInteger)
            return integer < number->integer ? -1 : (integer > number->integer ? 1 : 0);
        return threeWay(double(integer), number->real);
    }
    return compareBytes(QByteArray::number(integer), text);
}

// php_array_key_compare_unstable_i() of PHP 8.
int comparePhpKeys(const PhpKey &a, const PhpKey &b)
{
    if (a.isInteger() && b.isInteger())
        return a.integer() < b.integer() ? -1 : (a.integer() > b.integer() ? 1 : 0);
    if (!a.isInteger() && !b.isInteger())
        return compareStringKeys(a.toBytes(), b.toBytes());
    if (a.isInteger())
        return compareIntegerToString(a.integer(), b.toBytes());
    return -compareIntegerToString(b.integer(), a.toBytes());
}

} // namespace

QByteArray phpHttpBuildQuery(const PhpArray &params)
{
    QByteArray out;
    buildQuery(out, params, QByteArray(), false);
    return out;
}

void phpKsort(PhpArray &params)
{
    // PHP 8 sorts are stable: equal keys keep their order, so no two elements compare equal.
    std::vector<PhpArray::Entry> &entries = params.entries();
    std::vector<size_t> order(entries.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    phpZendSort(order.begin(), order.end(), [&entries](size_t a, size_t b) {
        const int result = comparePhpKeys(entries[a].key, entries[b].key);
        return result != 0 ? result : (a < b ? -1 : 1);
    });
    std::vector<PhpArray::Entry> sorted;
    sorted.reserve(entries.size());
    for (const size_t index : order)
        sorted.push_back(std::move(entries[index]));
    entries = std::move(sorted);
}

void phpAssignVariable(PhpArray &target, QByteArrayView rawName, const PhpValue &value)
{
    // php_register_variable_ex: leading spaces go, ' ' and '.' in the base name become '_',
    // "[...]" segments nest; an unclosed '[' is taken literally as '_'.
    QByteArray name = rawName.toByteArray();
    while (name.startsWith(' '))
        name.remove(0, 1);
    qsizetype bracket = -1;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (name[i] == ' ' || name[i] == '.') {
            name[i] = '_';
        } else if (name[i] == '[') {
            bracket = i;
            break;
        }
    }
    const QByteArray base = bracket < 0 ? name : name.left(bracket);
    if (base.isEmpty())
        return;

    std::vector<std::optional<QByteArray>> indexes; // nullopt: "[]" (append)
    QByteArray plainName = base;
    qsizetype pos = bracket;
    while (pos >= 0 && pos < name.size() && name[pos] == '[') {
        const qsizetype close = name.indexOf(']', pos + 1);
        if (close < 0) {
            if (indexes.empty()) {
                // Not an index after all: "a[b" becomes the plain variable "a_b".
                QByteArray rest = name.mid(pos + 1);
                for (char &c : rest) {
                    if (c == ' ' || c == '.' || c == '[')
                        c = '_';
                }
                plainName = base + '_' + rest;
            }
            break;
        }
        const QByteArray index = name.mid(pos + 1, close - pos - 1);
        indexes.push_back(index.isEmpty() ? std::nullopt : std::optional(index));
        pos = close + 1; // anything after "]" that is not "[" is ignored, as in PHP
    }
    if (indexes.empty()) {
        target.set(PhpKey(plainName), value);
        return;
    }

    PhpArray *level = &target;
    PhpKey key(base);
    for (const auto &index : indexes) {
        PhpValue *slot = level->find(key);
        if (!slot || !slot->isArray()) {
            level->set(key, PhpArray());
            slot = level->find(key);
        }
        level = &slot->toArray();
        if (index) {
            key = PhpKey(*index);
        } else {
            level->append(PhpValue());
            key = level->entries().back().key;
        }
    }
    level->set(key, value);
}

PhpArray phpParseQuery(QByteArrayView query)
{
    PhpArray result;
    for (const QByteArray &part : QByteArray(query.toByteArray()).split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype equals = part.indexOf('=');
        const QByteArray name = phpUrlDecode(equals < 0 ? part : part.left(equals));
        const QByteArray value = equals < 0 ? QByteArray() : phpUrlDecode(part.mid(equals + 1));
        phpAssignVariable(result, name, value);
    }
    return result;
}

} // namespace CallBridge
