// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/desktop/IdleHeapTrim.h"

#include <QCoreApplication>
#include <QEvent>
#include <QWidget>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace CallBridge {

IdleHeapTrim::IdleHeapTrim(std::chrono::milliseconds delay, QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(delay);
    connect(&m_timer, &QTimer::timeout, this, [this] { emit trimmed(trim()); });
    QCoreApplication::instance()->installEventFilter(this);
}

IdleHeapTrim::~IdleHeapTrim()
{
    if (QCoreApplication *app = QCoreApplication::instance())
        app->removeEventFilter(this);
}

bool IdleHeapTrim::trim()
{
#ifdef __GLIBC__
    return malloc_trim(0) == 1;
#else
    return false;
#endif
}

bool IdleHeapTrim::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Hide && watched->isWidgetType()
        && static_cast<QWidget *>(watched)->isWindow())
        m_timer.start(); // from the last one
    return QObject::eventFilter(watched, event);
}

} // namespace CallBridge
