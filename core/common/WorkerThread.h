// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaObject>
#include <QThread>

#include <memory>

namespace CallBridge {

// Stops a worker object that lives on a thread of its own (QObject::moveToThread). Its
// shutDown(), which releases what it made on that thread and quits the thread's event loop,
// is queued behind everything the thread still has to do; then the thread is waited for and
// the worker, of which nothing runs any more, deleted. Nothing happens without a thread.
template<typename Worker> void stopWorkerThread(std::unique_ptr<QThread> &thread, Worker *&worker)
{
    if (!thread)
        return;
    QMetaObject::invokeMethod(
            worker, [running = worker] { running->shutDown(); }, Qt::QueuedConnection);
    thread->wait();
    delete worker;
    worker = nullptr;
    thread.reset();
}

} // namespace CallBridge
