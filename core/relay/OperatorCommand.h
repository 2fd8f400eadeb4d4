// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QStringList>

class QTextStream;

namespace CallBridge {

// The operator's command line for first set-up and upkeep: user, blacklist, contacts import,
// settings and "zadarma register". Works on <data>/callbridge.sqlite (--data DIR or
// CALLBRIDGE_DATA) while the relay may be running; every change is one transaction with an audit
// entry by "cli".
class OperatorCommand
{
public:
    enum ExitCode {
        Success = 0,
        Failure = 1, // the store or Zadarma refused, or what was named does not exist
        UsageError = 2, // bad arguments or configuration: nothing was changed
        TransportError = 3, // no answer from Zadarma
    };

    static QString usage();
    // Whether the words after the program name are one of these commands ("user …",
    // "blacklist …", "contacts …", "settings …", "zadarma register …").
    static bool handles(const QStringList &arguments);

    // Runs the command the words after the program name name. "zadarma register" waits for
    // Zadarma in a local event loop, so a QCoreApplication must exist; the others are
    // synchronous. Returns the exit code; messages for people go to out, problems to err.
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err,
                   const QProcessEnvironment &environment
                   = QProcessEnvironment::systemEnvironment());
};

} // namespace CallBridge
