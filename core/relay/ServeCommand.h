// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QTextStream;

namespace CallBridge {

// `callbridge-relay serve [options]`: runs the relay until SIGTERM or SIGINT, then shuts down
// gracefully. Exit codes: 0 stopped cleanly, 1 could not start, 2 usage or configuration error.
class ServeCommand
{
public:
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
    static QString usage();
};

} // namespace CallBridge
