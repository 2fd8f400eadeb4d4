// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>

namespace CallBridge::Test {

struct ProcessRun
{
    int exitCode = -1;
    bool finished = false; // false: killed after the time-out
    QByteArray out;
    QByteArray err;
};

// Runs a binary to its end while this process's event loop keeps running, so that servers living
// in the test (a loopback relay or Zadarma stand-in) can answer it.
ProcessRun runProcess(const QString &binary, const QStringList &arguments,
                      const QProcessEnvironment &environment
                      = QProcessEnvironment::systemEnvironment(),
                      int timeoutMs = 30000);

} // namespace CallBridge::Test
