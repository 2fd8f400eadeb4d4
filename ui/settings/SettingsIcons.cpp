// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/SettingsIcons.h"

#include <QPainter>
#include <QPainterPath>

namespace CallBridge::SettingsIcons {

namespace {

constexpr qreal unit = 24; // glyphs are drawn on a 24×24 grid

QColor tileColor(Glyph glyph)
{
    switch (glyph) {
    case Glyph::Bell:
        return QColor(0x34, 0x78, 0xf6);
    case Glyph::Key:
        return QColor(0xee, 0x8a, 0x1d);
    case Glyph::People:
        return QColor(0x22, 0xa0, 0x5a);
    case Glyph::Routing:
        return QColor(0x8e, 0x50, 0xc8);
    case Glyph::Ban:
        return QColor(0xdf, 0x42, 0x3a);
    default:
        return QColor(0x6b, 0x72, 0x80);
    }
}

QPainterPath circle(qreal x, qreal y, qreal r)
{
    QPainterPath path;
    path.addEllipse(QPointF(x, y), r, r);
    return path;
}

void strokePath(QPainter &painter, const QPainterPath &path, const QColor &color, qreal width)
{
    painter.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(path);
}

void fillPath(QPainter &painter, const QPainterPath &path, const QColor &color)
{
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawPath(path);
}

// Cuts a hole into what was painted so far (the painter must be on a transparent pixmap).
void cut(QPainter &painter, const QPainterPath &path)
{
    painter.save();
    painter.setCompositionMode(QPainter::CompositionMode_Clear);
    fillPath(painter, path, Qt::black);
    painter.restore();
}

void paintGlyph(QPainter &painter, Glyph glyph, const QColor &color)
{
    switch (glyph) {
    case Glyph::Bell: {
        QPainterPath bell;
        bell.moveTo(4.5, 17.5);
        bell.lineTo(19.5, 17.5);
        bell.lineTo(17.5, 14.8);
        bell.lineTo(17.5, 10.5);
        bell.cubicTo(17.5, 7, 15.2, 4.8, 12, 4.8);
        bell.cubicTo(8.8, 4.8, 6.5, 7, 6.5, 10.5);
        bell.lineTo(6.5, 14.8);
        bell.closeSubpath();
        fillPath(painter, bell, color);
        fillPath(painter, circle(12, 19.3, 2.2), color);
        fillPath(painter, circle(12, 4.3, 1.5), color);
        break;
    }
    case Glyph::Key: {
        QPainterPath key = circle(8, 12, 4.8);
        key.addRect(11.5, 10.7, 9, 2.6);
        key.addRect(16, 13, 2, 3.2);
        key.addRect(18.8, 13, 1.7, 2.4);
        key.setFillRule(Qt::WindingFill);
        fillPath(painter, key.simplified(), color);
        cut(painter, circle(7.2, 12, 1.7));
        break;
    }
    case Glyph::People: {
        QColor back = color;
        back.setAlphaF(color.alphaF() * 0.7);
        fillPath(painter, circle(16.2, 7.6, 2.7), back);
        QPainterPath backBody;
        backBody.moveTo(12.5, 17.8);
        backBody.cubicTo(13.2, 12.4, 21.5, 12.2, 21.5, 17.8);
        backBody.closeSubpath();
        fillPath(painter, backBody, back);
        cut(painter, circle(9.6, 8.6, 4.6));
        QPainterPath frontBodyOutline;
        frontBodyOutline.moveTo(1.8, 20.8);
        frontBodyOutline.cubicTo(1.8, 12.2, 17.4, 12.2, 17.4, 20.8);
        frontBodyOutline.closeSubpath();
        cut(painter, frontBodyOutline);
        fillPath(painter, circle(9.6, 8.6, 3.3), color);
        QPainterPath front;
        front.moveTo(3.5, 19.5);
        front.cubicTo(3.5, 13.6, 15.7, 13.6, 15.7, 19.5);
        front.closeSubpath();
        fillPath(painter, front, color);
        break;
    }
    case Glyph::Routing: {
        QPainterPath lines;
        lines.moveTo(3.5, 12);
        lines.lineTo(9, 12);
        lines.cubicTo(12.5, 12, 12.5, 6.5, 17, 6.5);
        lines.moveTo(9, 12);
        lines.cubicTo(12.5, 12, 12.5, 17.5, 17, 17.5);
        strokePath(painter, lines, color, 2.2);
        QPainterPath heads;
        heads.moveTo(16.2, 3.4);
        heads.lineTo(21, 6.5);
        heads.lineTo(16.2, 9.6);
        heads.closeSubpath();
        heads.moveTo(16.2, 14.4);
        heads.lineTo(21, 17.5);
        heads.lineTo(16.2, 20.6);
        heads.closeSubpath();
        fillPath(painter, heads, color);
        break;
    }
    case Glyph::Ban: {
        QPainterPath ring = circle(12, 12, 7.6);
        strokePath(painter, ring, color, 2.6);
        QPainterPath slash;
        slash.moveTo(6.8, 17.2);
        slash.lineTo(17.2, 6.8);
        strokePath(painter, slash, color, 2.6);
        break;
    }
    case Glyph::Lock: {
        QPainterPath shackle;
        shackle.moveTo(8, 11);
        shackle.lineTo(8, 8);
        shackle.arcTo(QRectF(8, 3.8, 8, 8.4), 180, -180);
        shackle.lineTo(16, 11);
        strokePath(painter, shackle, color, 2.3);
        QPainterPath body;
        body.addRoundedRect(QRectF(5, 10.5, 14, 10.5), 2.2, 2.2);
        fillPath(painter, body, color);
        QPainterPath hole = circle(12, 14.8, 1.6);
        hole.addRect(11.3, 15, 1.4, 3);
        hole.setFillRule(Qt::WindingFill);
        cut(painter, hole.simplified());
        break;
    }
    case Glyph::Check: {
        QPainterPath tick;
        tick.moveTo(5, 12.8);
        tick.lineTo(9.8, 17.4);
        tick.lineTo(19, 7);
        strokePath(painter, tick, color, 2.8);
        break;
    }
    case Glyph::Warning:
    case Glyph::Info: {
        fillPath(painter, circle(12, 12, 9.5), color);
        QPainterPath mark;
        if (glyph == Glyph::Warning) {
            mark.addRoundedRect(QRectF(10.7, 6, 2.6, 8), 1.2, 1.2);
            mark.addEllipse(QPointF(12, 17.2), 1.5, 1.5);
        } else {
            mark.addEllipse(QPointF(12, 7.4), 1.5, 1.5);
            mark.addRoundedRect(QRectF(10.7, 10.2, 2.6, 8), 1.2, 1.2);
        }
        cut(painter, mark);
        break;
    }
    }
}

QPixmap canvas(int size, qreal devicePixelRatio)
{
    QPixmap pixmap(qRound(size * devicePixelRatio), qRound(size * devicePixelRatio));
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    return pixmap;
}

QPixmap tile(Glyph glyph, bool locked, int size, qreal devicePixelRatio)
{
    QPixmap pixmap = canvas(size, devicePixelRatio);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / unit, size / unit);
    const QColor color = locked ? QColor(0xa3, 0xa8, 0xb0) : tileColor(glyph);
    QLinearGradient gradient(0, 0, 0, unit);
    gradient.setColorAt(0, color.lighter(112));
    gradient.setColorAt(1, color);
    painter.setPen(Qt::NoPen);
    painter.setBrush(gradient);
    painter.drawRoundedRect(QRectF(0.5, 0.5, unit - 1, unit - 1), 5.5, 5.5);
    const QPixmap inner = SettingsIcons::glyph(glyph, Qt::white, size, devicePixelRatio);
    painter.drawPixmap(QRectF(3.6, 3.6, unit - 7.2, unit - 7.2), inner, inner.rect());
    if (locked) {
        painter.setBrush(Qt::white);
        painter.drawEllipse(QPointF(18.5, 18.5), 6, 6);
        const QPixmap lock = SettingsIcons::glyph(Glyph::Lock, lockColor(), size, devicePixelRatio);
        painter.drawPixmap(QRectF(13.5, 13.2, 10, 10), lock, lock.rect());
    }
    return pixmap;
}

} // namespace

QIcon pageIcon(Glyph glyph, bool locked)
{
    QIcon icon;
    for (const int size : { 16, 24, 32, 48 }) {
        icon.addPixmap(tile(glyph, locked, size, 1.0));
        icon.addPixmap(tile(glyph, locked, size, 2.0));
    }
    return icon;
}

QPixmap glyph(Glyph glyph, const QColor &color, int size, qreal devicePixelRatio)
{
    QPixmap pixmap = canvas(size, devicePixelRatio);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / unit, size / unit);
    paintGlyph(painter, glyph, color);
    return pixmap;
}

QPixmap spinner(const QColor &color, int size, int angle, qreal devicePixelRatio)
{
    QPixmap pixmap = canvas(size, devicePixelRatio);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / unit, size / unit);
    QColor faint = color;
    faint.setAlphaF(0.2);
    painter.setPen(QPen(faint, 2.6));
    painter.drawEllipse(QPointF(12, 12), 8, 8);
    painter.setPen(QPen(color, 2.6, Qt::SolidLine, Qt::RoundCap));
    painter.drawArc(QRectF(4, 4, 16, 16), -angle * 16, 100 * 16);
    return pixmap;
}

QColor lockColor()
{
    return QColor(0x5f, 0x63, 0x68);
}

} // namespace CallBridge::SettingsIcons
