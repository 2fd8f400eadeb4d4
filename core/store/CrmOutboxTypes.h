// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace CallBridge {

// One write to make in the external CRM. It is stored in the same transaction as the event
// that caused it, so that a CRM that is down or slow loses nothing: the relay works through
// the pending ones in id order and keeps each until the CRM has taken it.
struct CrmOutboxItem
{
    qint64 id = 0;
    QString operation; // "sync_contact", "push_call", "create_task"
    // Unique: a second item with the same key is not queued ("push_call:<pbx_call_id>").
    QString key;
    QString pbxCallId; // a call's items are sent in order, one at a time
    qint64 contactId = 0; // the local contact it is about; 0: none
    qint64 taskId = 0; // the local task (create_task); 0: none
    QString state = QStringLiteral("pending"); // "pending", "done", "failed" (given up)
    int attempts = 0;
    QDateTime nextAttemptAt; // invalid: at once
    QString lastError; // of the latest attempt that failed; never a secret
    QString crmId; // what the CRM calls the record it made or found
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct CrmOutboxSummary
{
    qint64 pending = 0;
    qint64 failed = 0;
    qint64 done = 0;
    QDateTime oldestPendingAt; // invalid when nothing is pending
};

} // namespace CallBridge
