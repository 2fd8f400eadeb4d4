// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/main/Banner.h"

#include "ui/main/PageIcons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace CallBridge {

namespace {

struct Look
{
    PageIcons::Glyph glyph;
    QColor foreground;
    QColor background;
};

Look lookOf(Banner::Kind kind)
{
    switch (kind) {
    case Banner::Kind::Busy:
        return { PageIcons::Glyph::Phone, PageIcons::accentColor(), QColor(0xea, 0xf1, 0xfe) };
    case Banner::Kind::Success:
        return { PageIcons::Glyph::Check, PageIcons::okColor(), QColor(0xe7, 0xf6, 0xec) };
    case Banner::Kind::Error:
        return { PageIcons::Glyph::Warning, PageIcons::errorColor(), QColor(0xfd, 0xec, 0xea) };
    case Banner::Kind::Info:
        break;
    }
    return { PageIcons::Glyph::Info, PageIcons::accentColor(), QColor(0xea, 0xf1, 0xfe) };
}

} // namespace

Banner::Banner(QWidget *parent)
    : QFrame(parent),
      m_icon(new QLabel(this)),
      m_text(new QLabel(this)),
      m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("banner"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 7, 6, 7);
    layout->setSpacing(8);
    m_icon->setFixedSize(18, 18);
    layout->addWidget(m_icon, 0, Qt::AlignVCenter);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    layout->addWidget(m_text, 1);
    m_close->setText(QStringLiteral("✕"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close"));
    m_close->setCursor(Qt::PointingHandCursor);
    layout->addWidget(m_close, 0, Qt::AlignVCenter);
    connect(m_close, &QToolButton::clicked, this, &Banner::clear);
    setVisible(false);
}

QString Banner::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void Banner::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    const Look look = lookOf(kind);
    m_icon->setPixmap(PageIcons::pixmap(look.glyph, look.foreground, 18, devicePixelRatioF()));
    m_text->setText(text);
    setStyleSheet(QStringLiteral("#banner { background: %1; border: 1px solid %2; border-radius: "
                                 "6px; } #banner QLabel { color: %3; background: transparent; }")
                          .arg(look.background.name(), look.foreground.lighter(160).name(),
                               kind == Kind::Error ? look.foreground.darker(130).name()
                                                   : QColor(0x1f, 0x29, 0x37).name()));
    setVisible(true);
}

void Banner::clear()
{
    m_text->clear();
    setVisible(false);
}

} // namespace CallBridge
