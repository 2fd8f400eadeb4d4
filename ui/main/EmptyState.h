// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/main/PageIcons.h"

#include <QWidget>

class QLabel;

namespace CallBridge {

// What a page shows where a list or card would be when there is nothing to show: a large muted
// glyph, a title and a line of help.
class EmptyState : public QWidget
{
    Q_OBJECT

public:
    EmptyState(PageIcons::Glyph glyph, QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setText(const QString &text);
    QString title() const;
    QString text() const;

private:
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
};

} // namespace CallBridge
