// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace CallBridge {

// A number to dial, taken from a tel:/callto: link or a plain number on the command line
// (RFC 3966: visual separators and parameters such as ";ext=" or ";phone-context=" dropped,
// "%2B" decoded). The relay normalises it further; this only refuses what is not a number.
struct DialRequest
{
    QString number; // digits with an optional leading '+'

    static Result<DialRequest> parse(const QString &argument);
    // The first argument that looks like a link or a number, if any (ignores options).
    static std::optional<DialRequest> fromArguments(const QStringList &arguments);
};

} // namespace CallBridge
