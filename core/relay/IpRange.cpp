// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/IpRange.h"

#include <QStringList>

#include <algorithm>

namespace CallBridge {

namespace {

// ::ffff:a.b.c.d as a.b.c.d; other addresses unchanged.
QHostAddress unmapped(const QHostAddress &address)
{
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    bool isMapped = false;
    const quint32 ipv4 = address.toIPv4Address(&isMapped);
    return isMapped ? QHostAddress(ipv4) : address;
}

} // namespace

IpRange::IpRange(const QHostAddress &network, int prefixLength)
    : m_network(network), m_prefixLength(prefixLength)
{ }

Result<IpRange> IpRange::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    const auto invalid = [&trimmed](const QString &why) {
        return fail(QStringLiteral("\"%1\" is not an IP address or CIDR range (%2), e.g. "
                                   "185.45.152.40/30, 10.0.0.0/8 or ::1/128")
                            .arg(trimmed, why));
    };
    if (trimmed.isEmpty())
        return invalid(QStringLiteral("empty"));

    QHostAddress address;
    int prefixLength = -1;
    if (trimmed.contains(u'/')) {
        const auto [network, length] = QHostAddress::parseSubnet(trimmed);
        if (network.isNull() || length < 0)
            return invalid(QStringLiteral("bad address or prefix length"));
        address = network;
        prefixLength = length;
    } else {
        if (!address.setAddress(trimmed) || trimmed.contains(u'%'))
            return invalid(QStringLiteral("bad address"));
        prefixLength = address.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
    }
    // A mapped range (::ffff:10.0.0.0/104) is the IPv4 range it maps.
    bool isMapped = false;
    const quint32 ipv4 = address.protocol() == QAbstractSocket::IPv6Protocol
            ? address.toIPv4Address(&isMapped)
            : 0;
    if (isMapped && prefixLength >= 96)
        return IpRange(QHostAddress(ipv4), prefixLength - 96);
    return IpRange(address, prefixLength);
}

Result<QList<IpRange>> IpRange::parseList(const QString &text)
{
    QList<IpRange> ranges;
    const QStringList entries = text.split(u',');
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (entries.at(i).trimmed().isEmpty())
            continue;
        auto range = parse(entries.at(i));
        if (!range)
            return fail(QStringLiteral("entry %1: %2").arg(i + 1).arg(range.error().message));
        ranges.append(range.value());
    }
    return ranges;
}

bool IpRange::anyContains(const QList<IpRange> &ranges, const QHostAddress &address)
{
    return std::any_of(ranges.cbegin(), ranges.cend(),
                       [&address](const IpRange &range) { return range.contains(address); });
}

QString IpRange::toString(const QList<IpRange> &ranges)
{
    QStringList texts;
    for (const IpRange &range : ranges)
        texts.append(range.toString());
    return texts.join(QStringLiteral(", "));
}

bool IpRange::contains(const QHostAddress &address) const
{
    if (isNull() || address.isNull())
        return false;
    const QHostAddress plain = unmapped(address);
    if (plain.protocol() != m_network.protocol())
        return false;
    return plain.isInSubnet(m_network, m_prefixLength);
}

QString IpRange::toString() const
{
    if (isNull())
        return {};
    return m_network.toString() + u'/' + QString::number(m_prefixLength);
}

} // namespace CallBridge
