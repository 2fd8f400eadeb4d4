// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/zadarma/ZadarmaError.h"
#include "core/zadarma/ZadarmaRequest.h"

#include <QJsonObject>
#include <QObject>

namespace CallBridge {

using ZadarmaResult = Result<QJsonObject, ZadarmaError>;

// The answer to one queued Zadarma API request. Emits finished() exactly once, never before the
// caller got the object back; owned by the client until then, the caller's to delete after
// (deleteLater() inside the slot is fine).
class ZadarmaReply : public QObject
{
    Q_OBJECT

public:
    explicit ZadarmaReply(ZadarmaRequest request, QObject *parent = nullptr);

    const ZadarmaRequest &request() const { return m_request; }
    bool isFinished() const { return m_finished; }
    // Valid after finished(); the JSON object Zadarma sent on success.
    const ZadarmaResult &result() const { return m_result; }
    int attempts() const { return m_attempts; }

signals:
    void finished();

private:
    friend class ZadarmaClient;
    void finish(ZadarmaResult result);

    ZadarmaRequest m_request;
    ZadarmaResult m_result;
    int m_attempts = 0;
    bool m_finished = false;
};

} // namespace CallBridge
