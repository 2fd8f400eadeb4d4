// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/tray/CallIcons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPainterPathStroker>

namespace CallBridge::CallIcons {

namespace {

constexpr qreal unit = 24; // icons are drawn on a 24×24 grid

// A handset centred on the origin, earpiece top left, mouthpiece bottom right.
QPainterPath handset()
{
    QPainterPath grip;
    grip.moveTo(-6.5, 0.5);
    grip.cubicTo(-4, -3.6, 4, -3.6, 6.5, 0.5);
    QPainterPathStroker stroker;
    stroker.setWidth(3.6);
    stroker.setCapStyle(Qt::FlatCap);
    QPainterPath path = stroker.createStroke(grip);
    for (const int side : { -1, 1 }) {
        QPainterPath pad;
        pad.addRoundedRect(QRectF(-2.9, -1.2, 5.8, 5.0), 1.6, 1.6);
        QTransform place;
        place.translate(side * 6.9, 0.6);
        place.rotate(side * -22);
        path = path.united(place.map(pad));
    }
    path = QTransform().rotate(-135).scale(0.96, 0.96).map(path.simplified());
    const QPointF centre = path.boundingRect().center();
    return QTransform::fromTranslate(-centre.x(), -centre.y()).map(path);
}

QPixmap canvas(int size, qreal ratio)
{
    QPixmap pixmap(qRound(size * ratio), qRound(size * ratio));
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    return pixmap;
}

void prepare(QPainter &painter, int size)
{
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / unit, size / unit);
    painter.setPen(Qt::NoPen);
}

void paintHandsetBadge(QPainter &painter, const QColor &color, qreal tilt)
{
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1, 1, 22, 22));
    painter.save();
    painter.translate(12, 12);
    painter.rotate(tilt);
    painter.setBrush(Qt::white);
    painter.drawPath(handset());
    painter.restore();
}

} // namespace

QColor offlineColor()
{
    return QColor(0x8a, 0x92, 0x9c);
}

QColor connectedColor()
{
    return QColor(0x22, 0xa0, 0x5a);
}

QColor ringingColor()
{
    return QColor(0xee, 0x8a, 0x1d);
}

QColor missedColor()
{
    return QColor(0xdf, 0x42, 0x3a);
}

QColor endedColor()
{
    return QColor(0x6b, 0x72, 0x80);
}

QPixmap handsetBadge(const QColor &color, int size, qreal devicePixelRatio, qreal tilt)
{
    QPixmap pixmap = canvas(size, devicePixelRatio);
    QPainter painter(&pixmap);
    prepare(painter, size);
    paintHandsetBadge(painter, color, tilt);
    painter.end();
    return pixmap;
}

QPixmap missedBadge(int count, int size, qreal devicePixelRatio, bool dimmed)
{
    QPixmap pixmap = canvas(size, devicePixelRatio);
    QPainter painter(&pixmap);
    prepare(painter, size);
    if (dimmed)
        painter.setOpacity(0.35);
    if (count <= 0) {
        paintHandsetBadge(painter, missedColor(), 0);
    } else {
        // The count alone, large: a bubble on the handset cannot be read at 16 pixels.
        painter.setBrush(missedColor());
        painter.drawEllipse(QRectF(1, 1, 22, 22));
        const QString text = count > 9 ? QStringLiteral("9+") : QString::number(count);
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(text.size() > 1 ? 11 : 15);
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(QRectF(1, 1, 22, 22), Qt::AlignCenter, text);
    }
    painter.end();
    return pixmap;
}

QPixmap cross(const QColor &color, int size, qreal devicePixelRatio)
{
    QPixmap pixmap = canvas(size, devicePixelRatio);
    QPainter painter(&pixmap);
    prepare(painter, size);
    painter.setPen(QPen(color, 2, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(QPointF(7, 7), QPointF(17, 17));
    painter.drawLine(QPointF(17, 7), QPointF(7, 17));
    painter.end();
    return pixmap;
}

} // namespace CallBridge::CallIcons
