// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/contacts/ContactItemDelegate.h"

#include "ui/contacts/ContactListModel.h"
#include "ui/main/PageIcons.h"

#include <QApplication>
#include <QPainter>

namespace CallBridge {

namespace {
constexpr int avatarSize = 34;
constexpr int padding = 8;
} // namespace

void ContactItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    background.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect rect = option.rect.adjusted(padding + 2, 0, -padding, 0);
    const QString title = index.data(Qt::DisplayRole).toString();
    const QString subtitle = index.data(ContactListModel::SubtitleRole).toString();
    const QRect avatarRect(rect.left(), rect.center().y() - avatarSize / 2 + 1, avatarSize,
                           avatarSize);
    painter->drawPixmap(
            avatarRect,
            PageIcons::avatar(title, avatarSize, painter->device()->devicePixelRatioF()));

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group
            = option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    const QColor text
            = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor muted = PageIcons::mutedColor();

    const int textLeft = avatarRect.right() + 10;
    const QRect textRect(textLeft, rect.top(), rect.right() - textLeft, rect.height());
    QFont titleFont = option.font;
    titleFont.setBold(true);
    const QFontMetrics titleMetrics(titleFont);
    const QFontMetrics subtitleMetrics(option.font);
    const int lines = subtitle.isEmpty() ? titleMetrics.height()
                                         : titleMetrics.height() + 2 + subtitleMetrics.height();
    int y = textRect.top() + (textRect.height() - lines) / 2;
    painter->setFont(titleFont);
    painter->setPen(text);
    painter->drawText(QRect(textRect.left(), y, textRect.width(), titleMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      titleMetrics.elidedText(title, Qt::ElideRight, textRect.width()));
    if (!subtitle.isEmpty()) {
        y += titleMetrics.height() + 2;
        painter->setFont(option.font);
        painter->setPen(muted);
        painter->drawText(QRect(textRect.left(), y, textRect.width(), subtitleMetrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          subtitleMetrics.elidedText(subtitle, Qt::ElideRight, textRect.width()));
    }
    painter->restore();
}

QSize ContactItemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics metrics(option.font);
    return QSize(220, std::max(avatarSize + 2 * padding, 2 * metrics.height() + 2 * padding + 2));
}

} // namespace CallBridge
