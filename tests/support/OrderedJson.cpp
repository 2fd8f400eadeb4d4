// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/OrderedJson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace CallBridge::Test {
namespace {

class Reader
{
public:
    explicit Reader(QByteArrayView text) : m_text(text) { }

    Result<PhpValue> document()
    {
        PhpValue value = parseValue();
        skipSpace();
        if (m_error.isEmpty() && m_pos != m_text.size())
            m_error = QStringLiteral("trailing characters");
        if (!m_error.isEmpty())
            return fail(QStringLiteral("JSON error at byte %1: %2").arg(m_pos).arg(m_error));
        return value;
    }

private:
    void skipSpace()
    {
        while (m_pos < m_text.size() && QByteArrayView(" \t\r\n").contains(m_text[m_pos]))
            ++m_pos;
    }

    bool consume(char c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    PhpValue parseValue()
    {
        skipSpace();
        if (m_pos >= m_text.size()) {
            m_error = QStringLiteral("unexpected end");
            return {};
        }
        const char c = m_text[m_pos];
        if (c == '{')
            return parseObject();
        if (c == '[')
            return parseArray();
        if (c == '"')
            return PhpValue(parseString());
        return parseScalar();
    }

    PhpValue parseObject()
    {
        ++m_pos;
        PhpArray array;
        if (consume('}'))
            return array;
        do {
            skipSpace();
            const QByteArray key = parseString();
            if (!consume(':'))
                m_error = QStringLiteral("':' expected");
            if (!m_error.isEmpty())
                return {};
            array.set(PhpKey(key), parseValue());
        } while (m_error.isEmpty() && consume(','));
        if (m_error.isEmpty() && !consume('}'))
            m_error = QStringLiteral("'}' expected");
        return array;
    }

    PhpValue parseArray()
    {
        ++m_pos;
        PhpArray array;
        if (consume(']'))
            return array;
        do {
            array.append(parseValue());
        } while (m_error.isEmpty() && consume(','));
        if (m_error.isEmpty() && !consume(']'))
            m_error = QStringLiteral("']' expected");
        return array;
    }

    // Strings and numbers: find the token's end, then let QJsonDocument decode it exactly.
    QByteArray parseString()
    {
        if (m_pos >= m_text.size() || m_text[m_pos] != '"') {
            m_error = QStringLiteral("string expected");
            return {};
        }
        qsizetype end = m_pos + 1;
        while (end < m_text.size() && m_text[end] != '"')
            end += m_text[end] == '\\' ? 2 : 1;
        const QJsonValue value = decodeToken(m_text.sliced(m_pos, end + 1 - m_pos));
        m_pos = end + 1;
        return value.toString().toUtf8();
    }

    PhpValue parseScalar()
    {
        qsizetype end = m_pos;
        while (end < m_text.size() && !QByteArrayView(",]} \t\r\n").contains(m_text[end]))
            ++end;
        const QByteArrayView token = m_text.sliced(m_pos, end - m_pos);
        m_pos = end;
        if (token == "null")
            return {};
        if (token == "true")
            return true;
        if (token == "false")
            return false;
        if (!token.contains('.') && !token.contains('e') && !token.contains('E')) {
            bool ok = false;
            const qint64 integer = token.toLongLong(&ok);
            if (ok)
                return integer;
        }
        const QJsonValue number = decodeToken(token);
        if (!number.isDouble())
            m_error = QStringLiteral("bad token '%1'").arg(QString::fromUtf8(token));
        // Qt keeps integral doubles as integers, which loses the sign of -0.0.
        if (number.toDouble() == 0 && token.startsWith('-'))
            return -0.0;
        return number.toDouble();
    }

    QJsonValue decodeToken(QByteArrayView token)
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson('[' + token.toByteArray() + ']', &error);
        if (error.error != QJsonParseError::NoError || doc.array().size() != 1) {
            m_error = error.errorString();
            return {};
        }
        return doc.array().first();
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    QString m_error;
};

} // namespace

Result<PhpValue> phpValueFromJson(QByteArrayView json)
{
    return Reader(json).document();
}

} // namespace CallBridge::Test
