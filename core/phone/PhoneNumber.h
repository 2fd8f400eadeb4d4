// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace CallBridge {

// A number as CallBridge keeps it: E.164 for the public network, the digits for a PBX
// extension, and always the raw value it came as (signatures are computed over that).
struct PhoneNumber
{
    enum class Kind {
        Empty, // nothing, or Zadarma's "0" for a withheld caller id
        Extension, // a short internal PBX number such as 100
        E164, // a public number, e164 holds +<country><national>
        Unparsable, // kept as received; not a number libphonenumber can place
    };

    Kind kind = Kind::Empty;
    QString raw;
    QString e164; // set for Kind::E164
    QString extension; // set for Kind::Extension

    // The key to store and match numbers on: the E.164 form, the extension, or the raw digits.
    QString canonical() const;
    bool isEmpty() const { return kind == Kind::Empty; }

    friend bool operator==(const PhoneNumber &, const PhoneNumber &) = default;
};

} // namespace CallBridge
