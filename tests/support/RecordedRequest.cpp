// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/RecordedRequest.h"

#include <QHttpServerRequest>
#include <QMetaEnum>

namespace CallBridge::Test {

QByteArray RecordedRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool RecordedRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &header : headers) {
        if (QByteArrayView(header.first).compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

RecordedRequest RecordedRequest::from(const QHttpServerRequest &request)
{
    RecordedRequest recorded;
    const QMetaEnum methods = QMetaEnum::fromType<QHttpServerRequest::Method>();
    recorded.method = QByteArray(methods.valueToKey(int(request.method()))).toUpper();
    recorded.path = request.url().path(QUrl::FullyEncoded).toUtf8();
    recorded.query = request.url().query(QUrl::FullyEncoded).toUtf8();
    recorded.headers = request.headers();
    recorded.body = request.body();
    return recorded;
}

} // namespace CallBridge::Test
