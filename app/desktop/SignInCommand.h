// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace CallBridge {

class SecretStore;

// `callbridge --sign-in USER --relay URL < token`: checks the token with the relay (GET /v1/me),
// then keeps it in the keychain and the relay's address and user in the settings. For scripted
// set-ups such as the demo; people paste their token into the settings dialog instead.
namespace SignInCommand {
int run(const QString &relayUrl, const QString &userName, const QString &settingsFile,
        SecretStore &secrets);
}

} // namespace CallBridge
