// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/phone/PhoneNumber.h"

namespace CallBridge {

QString PhoneNumber::canonical() const
{
    switch (kind) {
    case Kind::Empty:
        return {};
    case Kind::Extension:
        return extension;
    case Kind::E164:
        return e164;
    case Kind::Unparsable:
        break;
    }

    // Unparsable: the digits of raw (any script, as ASCII) and a '+' written before them, so
    // "+48 600-100" and "+48600100" still match each other.
    QString key;
    bool plus = false;
    for (const QChar c : raw) {
        if (c.isDigit())
            key.append(QChar(static_cast<char16_t>(u'0' + c.digitValue())));
        else if (c == u'+' && key.isEmpty())
            plus = true;
    }
    if (plus && !key.isEmpty())
        key.prepend(u'+');
    return key;
}

} // namespace CallBridge
