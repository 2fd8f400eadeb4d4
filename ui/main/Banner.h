// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace CallBridge {

// A tinted strip above a page's content that tells what just happened: a call being placed,
// placed or refused, a save that failed. Stays until replaced or closed.
class Banner : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Info, Busy, Success, Error };
    Q_ENUM(Kind)

    explicit Banner(QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    QString text() const;

    void showMessage(CallBridge::Banner::Kind kind, const QString &text);
    void clear();

private:
    Kind m_kind = Kind::Info;
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
};

} // namespace CallBridge
