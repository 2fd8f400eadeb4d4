// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

class QHttpServerRequest;

namespace CallBridge::Test {

// A request a test server received, as it arrived, for the test to look at afterwards.
struct RecordedRequest
{
    QByteArray method; // upper case: "GET", "POST"
    QByteArray path; // as received, percent-encoded
    QByteArray query; // as received, percent-encoded, without '?'
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const; // case-insensitive; empty when absent
    bool hasHeader(QByteArrayView name) const;

    static RecordedRequest from(const QHttpServerRequest &request);
};

} // namespace CallBridge::Test
