// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/StatusLine.h"

#include "ui/main/PageIcons.h"
#include "ui/settings/SettingsIcons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>

namespace CallBridge {

namespace {
constexpr int iconSize = 16;
}

StatusLine::StatusLine(QWidget *parent)
    : QWidget(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)), m_spin(new QTimer(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    m_icon->setFixedSize(iconSize, iconSize);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    layout->addWidget(m_text, 1);
    m_spin->setInterval(80);
    connect(m_spin, &QTimer::timeout, this, [this] {
        m_angle = (m_angle + 30) % 360;
        updateIcon();
    });
    QWidget::setVisible(false);
}

QString StatusLine::text() const
{
    return m_text->text();
}

void StatusLine::clear()
{
    setState(State::Idle, QString());
}

void StatusLine::setBusy(const QString &text)
{
    setState(State::Busy, text);
}

void StatusLine::setOk(const QString &text)
{
    setState(State::Ok, text);
}

void StatusLine::setError(const QString &text)
{
    setState(State::Error, text);
}

void StatusLine::setState(State state, const QString &text)
{
    m_state = state;
    m_text->setText(text);
    QPalette palette = this->palette();
    switch (state) {
    case State::Ok:
        palette.setColor(QPalette::WindowText, PageIcons::okColor());
        break;
    case State::Error:
        palette.setColor(QPalette::WindowText, PageIcons::errorColor());
        break;
    default:
        break;
    }
    m_text->setPalette(state == State::Ok || state == State::Error ? palette : this->palette());
    if (state == State::Busy)
        m_spin->start();
    else
        m_spin->stop();
    updateIcon();
    setVisible(state != State::Idle);
}

void StatusLine::updateIcon()
{
    const qreal ratio = devicePixelRatioF();
    switch (m_state) {
    case State::Idle:
        m_icon->clear();
        break;
    case State::Busy:
        m_icon->setPixmap(SettingsIcons::spinner(palette().color(QPalette::Highlight), iconSize,
                                                 m_angle, ratio));
        break;
    case State::Ok:
        m_icon->setPixmap(SettingsIcons::glyph(SettingsIcons::Glyph::Check, PageIcons::okColor(),
                                               iconSize, ratio));
        break;
    case State::Error:
        m_icon->setPixmap(SettingsIcons::glyph(SettingsIcons::Glyph::Warning,
                                               PageIcons::errorColor(), iconSize, ratio));
        break;
    }
}

} // namespace CallBridge
