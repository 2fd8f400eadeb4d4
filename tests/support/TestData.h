// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace CallBridge::Test {

// Fixtures live in tests/data; CTest passes the folder in CALLBRIDGE_TEST_DATA.
QString dataPath(const QString &relativePath);
// The whole fixture; fails the running test (QFAIL-style message via qFatal) when it is missing.
QByteArray readData(const QString &relativePath);

} // namespace CallBridge::Test
