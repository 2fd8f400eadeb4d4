// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

namespace CallBridge {

// Compares secrets (signatures, token hashes) without leaking through timing where they first
// differ. The length is not secret: every Zadarma signature has the same length.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace CallBridge
