// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// The desktop app's way to the relay. Neither category ever logs the token.
Q_DECLARE_LOGGING_CATEGORY(lcClientRest)
Q_DECLARE_LOGGING_CATEGORY(lcClientStream)
