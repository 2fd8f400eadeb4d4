// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"

#include <QHostAddress>
#include <QList>
#include <QString>

namespace CallBridge {

// One CIDR block of an allowlist: "185.45.152.40/30", "10.0.0.0/8", "::1/128", or a bare
// address (a single host).
class IpRange
{
public:
    IpRange() = default;
    IpRange(const QHostAddress &network, int prefixLength);

    static Result<IpRange> parse(const QString &text);
    // "a, b, c"; empty entries are skipped, so an empty text is an empty list.
    static Result<QList<IpRange>> parseList(const QString &text);
    static bool anyContains(const QList<IpRange> &ranges, const QHostAddress &address);
    static QString toString(const QList<IpRange> &ranges); // "a, b"

    // IPv4-mapped IPv6 addresses (::ffff:127.0.0.1, as a dual-stack socket reports IPv4 peers)
    // are matched as IPv4, both as the address and as the range.
    bool contains(const QHostAddress &address) const;

    const QHostAddress &network() const { return m_network; }
    int prefixLength() const { return m_prefixLength; }
    bool isNull() const { return m_prefixLength < 0; }
    QString toString() const; // "185.45.152.40/30"

    friend bool operator==(const IpRange &, const IpRange &) = default;

private:
    QHostAddress m_network;
    int m_prefixLength = -1;
};

} // namespace CallBridge
