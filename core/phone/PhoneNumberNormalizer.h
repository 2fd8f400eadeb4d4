// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/phone/PhoneNumber.h"

#include <QString>

#include <string>

namespace CallBridge {

// Turns the numbers Zadarma and people write (with or without '+', with spaces, 00 prefixes,
// national forms) into PhoneNumber values with libphonenumber, and formats them for people.
class PhoneNumberNormalizer
{
public:
    struct Options
    {
        QString defaultRegion = QStringLiteral("US"); // ISO 3166-1 alpha-2, e.g. "ES", "PL"
        int maxExtensionDigits = 5; // all-digit numbers up to this long are PBX extensions
    };

    PhoneNumberNormalizer();
    explicit PhoneNumberNormalizer(Options options);

    PhoneNumber normalize(const QString &raw) const;

    // International format ("+48 600 100 200"), or the national format for numbers of the
    // default region ("600 100 200"); extensions and unparsable numbers come back as they are.
    QString formatForDisplay(const PhoneNumber &number) const;
    QString formatForDisplay(const QString &raw) const { return formatForDisplay(normalize(raw)); }

    const Options &options() const { return m_options; }
    static bool isKnownRegion(const QString &region);

private:
    Options m_options;
    std::string m_region; // upper-case supported ISO code, empty when the default is unknown
};

} // namespace CallBridge
