// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

namespace CallBridge {

// A one-line label that never clips: text wider than the label ends in "…", the whole text goes
// to the tooltip, and it is elided again whenever the label is resized. Its minimum width is
// small, so a long name or a long translation cannot widen the window it sits in.
class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    QString fullText() const { return m_fullText; }
    void setFullText(const QString &text);
    bool isElided() const { return text() != m_fullText; }
    // Elides for the current width; for a hidden label, whose resize events wait until it is shown.
    void refit();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QString m_fullText;
};

} // namespace CallBridge
