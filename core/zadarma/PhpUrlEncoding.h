// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace CallBridge {

// PHP's urlencode() (RFC 1738 style), which Zadarma's signing uses: A-Z a-z 0-9 - _ . stay,
// space becomes '+', every other byte becomes %XX with upper-case hex. Unlike
// QByteArray::toPercentEncoding() it encodes '~' and writes '+' for space.
QByteArray phpUrlEncode(QByteArrayView bytes);

// The inverse for form bodies: '+' is a space, %XX a byte. Malformed escapes ("%G1", a
// trailing "%") are kept literally, as PHP does.
QByteArray phpUrlDecode(QByteArrayView bytes);

} // namespace CallBridge
