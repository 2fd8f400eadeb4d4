// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace CallBridge::Test {

// The error message of a Result for QVERIFY2(result, why(result)); empty on success, because
// QVERIFY2 evaluates its message even when the check passes.
template<typename R> QByteArray why(const R &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

} // namespace CallBridge::Test
