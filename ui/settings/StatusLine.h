// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QTimer;

namespace CallBridge {

// A one-line account of what a control is doing, shown next to it: a spinner while a request runs,
// then a tick or the error in words a person can act on.
class StatusLine : public QWidget
{
    Q_OBJECT

public:
    enum class State { Idle, Busy, Ok, Error };
    Q_ENUM(State)

    explicit StatusLine(QWidget *parent = nullptr);

    State state() const { return m_state; }
    QString text() const;

    void clear();
    void setBusy(const QString &text);
    void setOk(const QString &text);
    void setError(const QString &text);

private:
    void setState(State state, const QString &text);
    void updateIcon();

    State m_state = State::Idle;
    QLabel *m_icon;
    QLabel *m_text;
    QTimer *m_spin;
    int m_angle = 0;
};

} // namespace CallBridge
