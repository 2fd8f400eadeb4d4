// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/main/EmptyState.h"

#include <QLabel>
#include <QVBoxLayout>

namespace CallBridge {

EmptyState::EmptyState(PageIcons::Glyph glyph, QWidget *parent)
    : QWidget(parent), m_icon(new QLabel(this)), m_title(new QLabel(this)), m_text(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(8);
    layout->addStretch(1);
    QColor faint = PageIcons::mutedColor();
    faint.setAlphaF(0.45);
    m_icon->setPixmap(PageIcons::pixmap(glyph, faint, 56, devicePixelRatioF()));
    m_icon->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_icon);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_title->setStyleSheet(QStringLiteral("color: #4b5563;"));
    layout->addWidget(m_title);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setStyleSheet(QStringLiteral("color: %1;").arg(PageIcons::mutedColor().name()));
    layout->addWidget(m_text);
    layout->addStretch(2);
}

void EmptyState::setTitle(const QString &title)
{
    m_title->setText(title);
    m_title->setVisible(!title.isEmpty());
}

void EmptyState::setText(const QString &text)
{
    m_text->setText(text);
    m_text->setVisible(!text.isEmpty());
}

QString EmptyState::title() const
{
    return m_title->text();
}

QString EmptyState::text() const
{
    return m_text->text();
}

} // namespace CallBridge
