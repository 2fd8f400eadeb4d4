// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/webhook/FormFields.h"

#include "core/zadarma/PhpUrlEncoding.h"

namespace CallBridge {

std::optional<QString> FormFields::find(const QString &name) const
{
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) {
        if (it->first == name)
            return it->second;
    }
    return std::nullopt;
}

QByteArray FormFields::toUrlEncoded() const
{
    QByteArray out;
    for (const auto &[name, value] : m_entries) {
        if (!out.isEmpty())
            out += '&';
        out += phpUrlEncode(name.toUtf8()) + '=' + phpUrlEncode(value.toUtf8());
    }
    return out;
}

} // namespace CallBridge
