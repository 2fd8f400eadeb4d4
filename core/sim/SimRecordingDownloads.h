// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sim/SimHttp.h"

#include <QByteArrayView>

namespace CallBridge {

class SimPbx;

// Serves the temporary recording links that /v1/pbx/record/request/ hands out:
// GET /_sim/recordings/<token>.wav, audio/wav, 404 once the link has expired or the recording was
// deleted. Supports single byte ranges (206 / 416), since audio players seek. No authentication,
// as with Zadarma's own download links: the token is the secret.
class SimRecordingDownloads : public SimHttpHandler
{
public:
    static constexpr QByteArrayView pathPrefix = "/_sim/recordings/";

    explicit SimRecordingDownloads(SimPbx *pbx);

    void handle(const SimHttpRequest &request, SimHttpReply reply) override;

private:
    SimPbx *m_pbx;
};

} // namespace CallBridge
