// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace CallBridge {

// The switches that decide what the relay does with a call (the guide's optional items 6–10).
struct RoutingPolicy
{
    bool redirectToResponsible = true;
    int returnTimeoutSeconds = 20;
    bool sendCallerName = true;
    bool hangUpBlacklisted = true;
    bool createUnknownContacts = true; // an unknown caller becomes a contact and a lead
    bool createMissedCallTasks = true;
    QString defaultResponsible; // user name; takes what has no owner
    QString defaultRegion = QStringLiteral("US");
};

} // namespace CallBridge
