// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/SettingsPage.h"

#include "ui/settings/SettingsIcons.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace CallBridge {

SettingsPage::SettingsPage(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent),
      m_title(title),
      m_banner(new QFrame(this)),
      m_bannerText(new QLabel(m_banner)),
      m_content(new QWidget(this)),
      m_body(new QVBoxLayout(m_content))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);

    auto *heading = new QLabel(title, this);
    heading->setObjectName(QStringLiteral("pageTitle"));
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.35);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    layout->addWidget(heading);
    if (!description.isEmpty()) {
        layout->addWidget(hint(description, this));
    }

    m_banner->setObjectName(QStringLiteral("lockBanner"));
    m_banner->setAutoFillBackground(true);
    m_banner->setFrameShape(QFrame::StyledPanel);
    QPalette bannerPalette = m_banner->palette();
    bannerPalette.setColor(QPalette::Window, QColor(0xfd, 0xf6, 0xe3));
    bannerPalette.setColor(QPalette::WindowText, QColor(0x5c, 0x4a, 0x12));
    m_banner->setPalette(bannerPalette);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(10, 8, 10, 8);
    bannerLayout->setSpacing(8);
    auto *lock = new QLabel(m_banner);
    lock->setPixmap(SettingsIcons::glyph(SettingsIcons::Glyph::Lock, QColor(0x8a, 0x6d, 0x1a), 18,
                                         devicePixelRatioF()));
    bannerLayout->addWidget(lock, 0, Qt::AlignTop);
    m_bannerText->setObjectName(QStringLiteral("lockReason"));
    m_bannerText->setWordWrap(true);
    bannerLayout->addWidget(m_bannerText, 1);
    m_banner->setVisible(false);
    layout->addWidget(m_banner);

    m_body->setContentsMargins(0, 4, 0, 0);
    m_body->setSpacing(10);
    layout->addWidget(m_content, 1);
}

QLabel *SettingsPage::hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    return label;
}

void SettingsPage::showInPhrase(QSpinBox *box, const std::function<QString(int)> &phrase)
{
    const auto apply = [box, phrase](int value) {
        // tr() puts the number in as QString::number() (%n, not %Ln).
        const QString text = phrase(value);
        const QString number = QString::number(value);
        const qsizetype at = text.indexOf(number);
        if (at < 0) {
            box->setPrefix(QString());
            box->setSuffix(u' ' + text);
            return;
        }
        box->setPrefix(text.left(at));
        box->setSuffix(text.mid(at + number.size()));
    };
    // As wide as its widest phrase, so that it does not change size while the value does.
    int width = 0;
    for (int value : { box->minimum(), 1, 2, 5, 21, box->maximum() }) {
        if (value < box->minimum() || value > box->maximum())
            continue;
        apply(value);
        width = std::max(width, box->sizeHint().width());
    }
    box->setMinimumWidth(width);
    apply(box->value());
    QObject::connect(box, &QSpinBox::valueChanged, box, apply);
}

void SettingsPage::setLocked(bool locked, const QString &reason)
{
    m_locked = locked;
    m_bannerText->setText(reason);
    m_banner->setVisible(locked);
    m_content->setEnabled(!locked);
    if (locked)
        m_loaded = false; // whoever unlocks it next sees fresh data
    else
        reloadWhenShown();
}

void SettingsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reloadWhenShown();
}

void SettingsPage::reloadWhenShown()
{
    if (m_locked || m_loaded || !isVisible())
        return;
    m_loaded = true;
    reload();
}

} // namespace CallBridge
