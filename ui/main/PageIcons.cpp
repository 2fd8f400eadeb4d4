// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/main/PageIcons.h"

#include <QFont>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace CallBridge::PageIcons {

namespace {

constexpr qreal unit = 24; // glyphs are drawn on a 24×24 grid

QPainterPath polyline(std::initializer_list<QPointF> points)
{
    QPainterPath path;
    bool first = true;
    for (const QPointF &point : points) {
        if (first)
            path.moveTo(point);
        else
            path.lineTo(point);
        first = false;
    }
    return path;
}

void stroke(QPainter &painter, const QPainterPath &path, const QColor &color, qreal width = 2)
{
    painter.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(path);
}

void fill(QPainter &painter, const QPainterPath &path, const QColor &color)
{
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawPath(path);
}

QPainterPath circle(qreal x, qreal y, qreal r)
{
    QPainterPath path;
    path.addEllipse(QPointF(x, y), r, r);
    return path;
}

QPainterPath handset()
{
    QPainterPath path;
    path.moveTo(6.62, 10.79);
    path.cubicTo(8.06, 13.62, 10.38, 15.93, 13.21, 17.38);
    path.lineTo(15.41, 15.18);
    path.cubicTo(15.68, 14.91, 16.08, 14.82, 16.43, 14.94);
    path.cubicTo(17.55, 15.31, 18.76, 15.51, 20, 15.51);
    path.cubicTo(20.55, 15.51, 21, 15.96, 21, 16.51);
    path.lineTo(21, 20);
    path.cubicTo(21, 20.55, 20.55, 21, 20, 21);
    path.cubicTo(10.61, 21, 3, 13.39, 3, 4);
    path.cubicTo(3, 3.45, 3.45, 3, 4, 3);
    path.lineTo(7.5, 3);
    path.cubicTo(8.05, 3, 8.5, 3.45, 8.5, 4);
    path.cubicTo(8.5, 5.25, 8.7, 6.45, 9.07, 7.57);
    path.cubicTo(9.18, 7.92, 9.1, 8.31, 8.82, 8.59);
    path.closeSubpath();
    return path;
}

void clockHands(QPainter &painter, const QColor &color, qreal cx, qreal cy, qreal r)
{
    stroke(painter, circle(cx, cy, r), color);
    stroke(painter,
           polyline({ { cx, cy - r * 0.55 }, { cx, cy }, { cx + r * 0.45, cy + r * 0.3 } }), color);
}

void paintGlyph(QPainter &painter, Glyph glyph, const QColor &color)
{
    switch (glyph) {
    case Glyph::Phone:
        fill(painter, handset(), color);
        break;
    case Glyph::Inbound:
        stroke(painter, polyline({ { 18, 6 }, { 7, 17 } }), color, 2.2);
        stroke(painter, polyline({ { 7, 9 }, { 7, 17 }, { 15, 17 } }), color, 2.2);
        break;
    case Glyph::Outbound:
        stroke(painter, polyline({ { 6, 18 }, { 17, 7 } }), color, 2.2);
        stroke(painter, polyline({ { 9, 7 }, { 17, 7 }, { 17, 15 } }), color, 2.2);
        break;
    case Glyph::Missed: // the incoming arrow, crossed out
        stroke(painter, polyline({ { 13.5, 10.5 }, { 5.5, 18.5 } }), color, 2.2);
        stroke(painter, polyline({ { 5.5, 11 }, { 5.5, 18.5 }, { 13, 18.5 } }), color, 2.2);
        stroke(painter, polyline({ { 15, 3 }, { 21, 9 } }), color, 2.2);
        stroke(painter, polyline({ { 21, 3 }, { 15, 9 } }), color, 2.2);
        break;
    case Glyph::Recording:
        stroke(painter, circle(12, 12, 8.5), color);
        fill(painter, circle(12, 12, 4.5), color);
        break;
    case Glyph::Person: {
        fill(painter, circle(12, 8, 4.2), color);
        QPainterPath body;
        body.moveTo(4, 20.5);
        body.cubicTo(4, 13.5, 20, 13.5, 20, 20.5);
        body.closeSubpath();
        fill(painter, body, color);
        break;
    }
    case Glyph::Clock:
        clockHands(painter, color, 12, 12, 8.5);
        break;
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
        fill(painter, bell, color);
        fill(painter, circle(12, 19.3, 2.2), color);
        fill(painter, circle(12, 4.3, 1.5), color);
        break;
    }
    case Glyph::Play: {
        QPainterPath triangle = polyline({ { 7.5, 4.5 }, { 19.5, 12 }, { 7.5, 19.5 } });
        triangle.closeSubpath();
        fill(painter, triangle, color);
        stroke(painter, triangle, color, 1.5);
        break;
    }
    case Glyph::Pause: {
        QPainterPath bars;
        bars.addRoundedRect(QRectF(6, 4.5, 4, 15), 1, 1);
        bars.addRoundedRect(QRectF(14, 4.5, 4, 15), 1, 1);
        fill(painter, bars, color);
        break;
    }
    case Glyph::Download:
        stroke(painter, polyline({ { 12, 4 }, { 12, 15 } }), color);
        stroke(painter, polyline({ { 7, 10.5 }, { 12, 15.5 }, { 17, 10.5 } }), color);
        stroke(painter, polyline({ { 5, 15 }, { 5, 19.5 }, { 19, 19.5 }, { 19, 15 } }), color);
        break;
    case Glyph::Plus:
        stroke(painter, polyline({ { 12, 5 }, { 12, 19 } }), color, 2.2);
        stroke(painter, polyline({ { 5, 12 }, { 19, 12 } }), color, 2.2);
        break;
    case Glyph::Pencil: {
        QPainterPath pencil
                = polyline({ { 4.5, 19.5 }, { 5.5, 15 }, { 15.5, 5 }, { 19, 8.5 }, { 9, 18.5 } });
        pencil.closeSubpath();
        stroke(painter, pencil, color, 1.8);
        stroke(painter, polyline({ { 13, 7.5 }, { 16.5, 11 } }), color, 1.8);
        break;
    }
    case Glyph::Check:
        stroke(painter, polyline({ { 5, 12.5 }, { 10, 17.5 }, { 19, 7 } }), color, 2.4);
        break;
    case Glyph::Snooze:
        clockHands(painter, color, 12, 13, 7.5);
        stroke(painter, polyline({ { 3.5, 6.5 }, { 6.5, 3.5 } }), color, 2);
        stroke(painter, polyline({ { 20.5, 6.5 }, { 17.5, 3.5 } }), color, 2);
        break;
    case Glyph::Warning: {
        QPainterPath triangle = polyline({ { 12, 3.5 }, { 21.5, 20 }, { 2.5, 20 } });
        triangle.closeSubpath();
        stroke(painter, triangle, color, 2);
        stroke(painter, polyline({ { 12, 9.5 }, { 12, 14 } }), color, 2.2);
        fill(painter, circle(12, 17, 1.3), color);
        break;
    }
    case Glyph::Info:
        stroke(painter, circle(12, 12, 9), color);
        stroke(painter, polyline({ { 12, 11 }, { 12, 17 } }), color, 2.2);
        fill(painter, circle(12, 7.5, 1.4), color);
        break;
    case Glyph::Search:
        stroke(painter, circle(10.5, 10.5, 6), color, 2.2);
        stroke(painter, polyline({ { 15, 15 }, { 20, 20 } }), color, 2.6);
        break;
    case Glyph::Gear: {
        painter.save();
        painter.translate(12, 12);
        for (int tooth = 0; tooth < 8; ++tooth) {
            QPainterPath path;
            path.addRoundedRect(QRectF(-1.8, -10, 3.6, 5), 0.8, 0.8);
            fill(painter, path, color);
            painter.rotate(45);
        }
        painter.restore();
        stroke(painter, circle(12, 12, 5.8), color, 2.6);
        break;
    }
    case Glyph::Refresh: {
        QPainterPath arc;
        arc.arcMoveTo(QRectF(4.5, 4.5, 15, 15), 60);
        arc.arcTo(QRectF(4.5, 4.5, 15, 15), 60, 290);
        stroke(painter, arc, color, 2.2);
        stroke(painter, polyline({ { 14, 3 }, { 16.5, 6.2 }, { 13, 8.5 } }), color, 2.2);
        break;
    }
    }
}

class GlyphEngine : public QIconEngine
{
public:
    GlyphEngine(Glyph glyph, QColor color) : m_glyph(glyph), m_color(color) { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        QColor color = m_color;
        if (mode == QIcon::Disabled)
            color.setAlphaF(color.alphaF() * 0.35);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal side = std::min(rect.width(), rect.height());
        painter->translate(rect.x() + (rect.width() - side) / 2,
                           rect.y() + (rect.height() - side) / 2);
        painter->scale(side / unit, side / unit);
        paintGlyph(*painter, m_glyph, color);
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap result(size);
        result.fill(Qt::transparent);
        QPainter painter(&result);
        paint(&painter, QRect(QPoint(), size), mode, state);
        return result;
    }

    QIconEngine *clone() const override { return new GlyphEngine(m_glyph, m_color); }

private:
    Glyph m_glyph;
    QColor m_color;
};

} // namespace

QIcon icon(Glyph glyph, const QColor &color)
{
    return QIcon(new GlyphEngine(glyph, color));
}

QPixmap pixmap(Glyph glyph, const QColor &color, int size, qreal devicePixelRatio)
{
    QPixmap result(QSize(size, size) * devicePixelRatio);
    result.setDevicePixelRatio(devicePixelRatio);
    result.fill(Qt::transparent);
    QPainter painter(&result);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / unit, size / unit);
    paintGlyph(painter, glyph, color);
    return result;
}

QPixmap avatar(const QString &name, int size, qreal devicePixelRatio)
{
    static const QColor palette[]
            = { QColor(0x34, 0x78, 0xf6), QColor(0x22, 0xa0, 0x5a), QColor(0x8e, 0x50, 0xc8),
                QColor(0xee, 0x8a, 0x1d), QColor(0x0f, 0x9a, 0xa8), QColor(0xd9, 0x4f, 0x8a),
                QColor(0x5b, 0x6b, 0xd6) };
    QString initials;
    const QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        if (initials.size() == 2)
            break;
        if (word.front().isLetter())
            initials += word.front().toUpper();
    }
    const QColor tile = initials.isEmpty()
            ? mutedColor()
            : palette[qHash(name) % (sizeof(palette) / sizeof(palette[0]))];

    QPixmap result(QSize(size, size) * devicePixelRatio);
    result.setDevicePixelRatio(devicePixelRatio);
    result.fill(Qt::transparent);
    QPainter painter(&result);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(tile);
    painter.drawEllipse(QRectF(0, 0, size, size));
    if (initials.isEmpty()) {
        const qreal inset = size * 0.22;
        painter.translate(inset, inset);
        painter.scale((size - 2 * inset) / unit, (size - 2 * inset) / unit);
        paintGlyph(painter, Glyph::Person, Qt::white);
    } else {
        QFont font = painter.font();
        font.setPixelSize(
                std::max(8, int(std::lround(size * (initials.size() > 1 ? 0.38 : 0.45)))));
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, initials);
    }
    return result;
}

QColor accentColor()
{
    return QColor(0x25, 0x63, 0xeb);
}

QColor okColor()
{
    return QColor(0x16, 0x8a, 0x4a);
}

QColor errorColor()
{
    return QColor(0xd0, 0x35, 0x2c);
}

QColor warningColor()
{
    return QColor(0xc7, 0x7a, 0x0a);
}

QColor mutedColor()
{
    return QColor(0x6b, 0x72, 0x80);
}

} // namespace CallBridge::PageIcons
