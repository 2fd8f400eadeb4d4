// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/zadarma/PhpValue.h"

#include <QByteArrayView>

namespace CallBridge::Test {

// Reads JSON the way PHP's json_decode($text, true) does, into PHP values, keeping object member
// order (QJsonObject sorts its keys, which would hide ordering bugs in nested arrays).
// Objects become associative arrays, arrays become lists, integers stay integers.
Result<PhpValue> phpValueFromJson(QByteArrayView json);

} // namespace CallBridge::Test
