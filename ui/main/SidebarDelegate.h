// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace CallBridge {

// A page in the main window's sidebar: icon, name, and a count in a pill when it is not zero
// (BadgeRole, e.g. open reminders).
class SidebarDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int BadgeRole = Qt::UserRole + 1;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace CallBridge
