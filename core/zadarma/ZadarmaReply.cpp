// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/zadarma/ZadarmaReply.h"

namespace CallBridge {

ZadarmaReply::ZadarmaReply(ZadarmaRequest request, QObject *parent)
    : QObject(parent),
      m_request(std::move(request)),
      m_result(fail(
              ZadarmaError { ZadarmaError::Kind::Cancelled, 0, QStringLiteral("not finished"), 0 }))
{ }

void ZadarmaReply::finish(ZadarmaResult result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = std::move(result);
    emit finished();
}

} // namespace CallBridge
