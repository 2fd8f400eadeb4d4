// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/ProcessRun.h"

#include <QProcess>
#include <QSignalSpy>

namespace CallBridge::Test {

ProcessRun runProcess(const QString &binary, const QStringList &arguments,
                      const QProcessEnvironment &environment, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(binary, arguments);
    ProcessRun run;
    run.finished = finished.wait(timeoutMs);
    if (!run.finished) {
        process.kill();
        process.waitForFinished(5000);
        qWarning("%s did not finish within %d ms", qPrintable(binary), timeoutMs);
    }
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace CallBridge::Test
