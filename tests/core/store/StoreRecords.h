// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/StoreTypes.h"

#include <QDateTime>
#include <QStringList>

// Records the store tests write, and what they compare.
namespace CallBridge::StoreRecords {

QDateTime at(int seconds); // seconds after a fixed moment in 2026, with milliseconds
// A NOTIFY_START whose raw form holds a NUL byte, as binary as a real one may be.
EventRecord eventRecord(const QString &pbxCallId, const QByteArray &key, int second = 0);
QStringList names(const QList<ContactRecord> &contacts);

} // namespace CallBridge::StoreRecords
