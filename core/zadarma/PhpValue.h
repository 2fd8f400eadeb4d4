// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <initializer_list>
#include <variant>
#include <vector>

namespace CallBridge {

class PhpValue;

// A PHP array key: an integer, or a byte string. As in PHP, a string that is a canonical decimal
// integer ("10", "-5", not "05" or "1e3") becomes an integer key.
class PhpKey
{
public:
    PhpKey(qint64 index) : m_key(index) { }
    PhpKey(const QByteArray &name);
    PhpKey(const QString &name) : PhpKey(name.toUtf8()) { }
    PhpKey(const char *name) : PhpKey(QByteArray(name)) { }

    bool isInteger() const { return std::holds_alternative<qint64>(m_key); }
    qint64 integer() const { return std::get<qint64>(m_key); }
    // The key as PHP would print it.
    QByteArray toBytes() const;

    friend bool operator==(const PhpKey &, const PhpKey &) = default;

private:
    std::variant<qint64, QByteArray> m_key;
};

// An ordered PHP array (a list or a map): insertion order is kept and matters, since
// http_build_query writes nested arrays in that order.
class PhpArray
{
public:
    struct Entry;

    PhpArray();
    PhpArray(std::initializer_list<Entry> entries);
    PhpArray(const PhpArray &);
    PhpArray(PhpArray &&) noexcept;
    PhpArray &operator=(const PhpArray &);
    PhpArray &operator=(PhpArray &&) noexcept;
    ~PhpArray();

    // $a[$key] = $value: replaces in place, or appends.
    void set(const PhpKey &key, const PhpValue &value);
    // $a[] = $value
    void append(const PhpValue &value);
    const PhpValue *find(const PhpKey &key) const;
    PhpValue *find(const PhpKey &key);
    bool remove(const PhpKey &key);

    const std::vector<Entry> &entries() const { return m_entries; }
    std::vector<Entry> &entries() { return m_entries; }
    qsizetype size() const { return qsizetype(m_entries.size()); }
    bool isEmpty() const { return m_entries.empty(); }

    friend bool operator==(const PhpArray &a, const PhpArray &b);

private:
    std::vector<Entry> m_entries;
    qint64 m_nextIndex = 0;
};

// A PHP value as a Zadarma API parameter: null, bool, int, float, string or array.
class PhpValue
{
public:
    PhpValue() = default; // null
    PhpValue(std::nullptr_t) { }
    PhpValue(bool value) : m_value(value) { }
    PhpValue(int value) : m_value(qint64(value)) { }
    PhpValue(qint64 value) : m_value(value) { }
    PhpValue(double value) : m_value(value) { }
    PhpValue(const char *utf8) : m_value(QByteArray(utf8)) { }
    PhpValue(const QByteArray &bytes) : m_value(bytes) { }
    PhpValue(const QString &text) : m_value(text.toUtf8()) { }
    PhpValue(const PhpArray &array) : m_value(array) { }

    bool isNull() const { return std::holds_alternative<std::monostate>(m_value); }
    bool isBool() const { return std::holds_alternative<bool>(m_value); }
    bool isInteger() const { return std::holds_alternative<qint64>(m_value); }
    bool isDouble() const { return std::holds_alternative<double>(m_value); }
    bool isString() const { return std::holds_alternative<QByteArray>(m_value); }
    bool isArray() const { return std::holds_alternative<PhpArray>(m_value); }

    bool toBool() const { return std::get<bool>(m_value); }
    qint64 toInteger() const { return std::get<qint64>(m_value); }
    double toDouble() const { return std::get<double>(m_value); }
    const QByteArray &toBytes() const { return std::get<QByteArray>(m_value); }
    const PhpArray &toArray() const { return std::get<PhpArray>(m_value); }
    PhpArray &toArray() { return std::get<PhpArray>(m_value); }

    friend bool operator==(const PhpValue &, const PhpValue &) = default;

private:
    std::variant<std::monostate, bool, qint64, double, QByteArray, PhpArray> m_value;
};

struct PhpArray::Entry
{
    PhpKey key;
    PhpValue value;

    friend bool operator==(const Entry &, const Entry &) = default;
};

} // namespace CallBridge
