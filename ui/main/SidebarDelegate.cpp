// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/main/SidebarDelegate.h"

#include "ui/main/PageIcons.h"

#include <QPainter>
#include <QPainterPath>

namespace CallBridge {

void SidebarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF rect = QRectF(option.rect).adjusted(8, 2, -8, -2);
    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    if (selected || hovered) {
        QPainterPath background;
        background.addRoundedRect(rect, 6, 6);
        painter->fillPath(background,
                          selected ? QColor(0xdd, 0xe7, 0xfd) : QColor(0xe9, 0xec, 0xf1));
    }
    const QColor text = selected ? PageIcons::accentColor().darker(120) : QColor(0x37, 0x41, 0x51);
    const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
    const int iconSize = 18;
    const QRect iconRect(int(rect.left()) + 10, int(rect.center().y()) - iconSize / 2, iconSize,
                         iconSize);
    icon.paint(painter, iconRect);

    QFont font = option.font;
    font.setBold(selected);
    painter->setFont(font);
    painter->setPen(text);
    QRectF textRect = rect.adjusted(iconSize + 20, 0, -8, 0);

    const int badge = index.data(BadgeRole).toInt();
    if (badge > 0) {
        QFont badgeFont = option.font;
        badgeFont.setBold(true);
        badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.85);
        const QFontMetrics metrics(badgeFont);
        const QString count = badge > 99 ? QStringLiteral("99+") : QString::number(badge);
        const qreal height = metrics.height() + 2;
        const qreal width = std::max(height, qreal(metrics.horizontalAdvance(count)) + 10);
        const QRectF pill(rect.right() - 8 - width, rect.center().y() - height / 2, width, height);
        QPainterPath path;
        path.addRoundedRect(pill, height / 2, height / 2);
        painter->fillPath(path, PageIcons::errorColor());
        painter->setFont(badgeFont);
        painter->setPen(Qt::white);
        painter->drawText(pill, Qt::AlignCenter, count);
        painter->setFont(font);
        painter->setPen(text);
        textRect.setRight(pill.left() - 6);
    }
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(font).elidedText(index.data().toString(), Qt::ElideRight,
                                                    int(textRect.width())));
    painter->restore();
}

QSize SidebarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return QSize(160, QFontMetrics(option.font).height() + 20);
}

} // namespace CallBridge
