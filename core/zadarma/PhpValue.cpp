// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/PhpValue.h"

#include <limits>
#include <optional>
#include <utility>

namespace CallBridge {
namespace {

// PHP's ZEND_HANDLE_NUMERIC_STR: "-?[1-9][0-9]*" or "0", within the 64-bit range.
std::optional<qint64> canonicalInteger(const QByteArray &name)
{
    if (name.isEmpty() || name.size() > 20)
        return std::nullopt;
    qsizetype i = 0;
    const bool negative = name[0] == '-';
    if (negative)
        ++i;
    if (i >= name.size())
        return std::nullopt;
    if (name[i] == '0' && (name.size() - i > 1 || negative))
        return std::nullopt; // "05", "-0"
    for (qsizetype j = i; j < name.size(); ++j) {
        if (name[j] < '0' || name[j] > '9')
            return std::nullopt;
    }
    bool ok = false;
    const qint64 value = name.toLongLong(&ok);
    if (!ok)
        return std::nullopt; // beyond the range of zend_long: stays a string key
    return value;
}

} // namespace

PhpKey::PhpKey(const QByteArray &name)
{
    if (const auto integer = canonicalInteger(name))
        m_key = *integer;
    else
        m_key = name;
}

QByteArray PhpKey::toBytes() const
{
    if (isInteger())
        return QByteArray::number(integer());
    return std::get<QByteArray>(m_key);
}

PhpArray::PhpArray() = default;
PhpArray::PhpArray(const PhpArray &) = default;
PhpArray::PhpArray(PhpArray &&) noexcept = default;
PhpArray &PhpArray::operator=(const PhpArray &) = default;
PhpArray &PhpArray::operator=(PhpArray &&) noexcept = default;
PhpArray::~PhpArray() = default;

PhpArray::PhpArray(std::initializer_list<Entry> entries)
{
    for (const Entry &entry : entries)
        set(entry.key, entry.value);
}

void PhpArray::set(const PhpKey &key, const PhpValue &value)
{
    if (PhpValue *existing = find(key)) {
        *existing = value;
        return;
    }
    m_entries.push_back({ key, value });
    if (key.isInteger() && key.integer() >= m_nextIndex)
        m_nextIndex = key.integer() < std::numeric_limits<qint64>::max() ? key.integer() + 1
                                                                         : key.integer();
}

void PhpArray::append(const PhpValue &value)
{
    set(PhpKey(m_nextIndex), value);
}

const PhpValue *PhpArray::find(const PhpKey &key) const
{
    for (const Entry &entry : m_entries) {
        if (entry.key == key)
            return &entry.value;
    }
    return nullptr;
}

PhpValue *PhpArray::find(const PhpKey &key)
{
    return const_cast<PhpValue *>(std::as_const(*this).find(key));
}

bool PhpArray::remove(const PhpKey &key)
{
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->key == key) {
            m_entries.erase(it);
            return true;
        }
    }
    return false;
}

bool operator==(const PhpArray &a, const PhpArray &b)
{
    return a.m_entries == b.m_entries;
}

} // namespace CallBridge
