// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

class QNetworkAccessManager;

namespace CallBridge {

class Authenticator;
class CallBackfill;
class Clock;
class CrmSync;
class FeedHub;
class RelayMetrics;
class RoutingDirectory;
class Store;
class WebhookEndpoint;
class ZadarmaClient;

// The relay's shared parts, built once by RelayServer and lent to the endpoints. Nothing here
// owns anything.
struct RelayServices
{
    Store *store = nullptr;
    RoutingDirectory *directory = nullptr; // users, contacts by phone, blacklist, switches
    Authenticator *authenticator = nullptr;
    FeedHub *feed = nullptr; // stream items: store + publish
    RelayMetrics *metrics = nullptr;
    Clock *clock = nullptr;
    QNetworkAccessManager *network = nullptr;
    ZadarmaClient *zadarma = nullptr; // holds the one copy of the key and secret
    WebhookEndpoint *webhooks = nullptr; // learns a new secret when an admin changes it
    CallBackfill *backfill = nullptr;
    CrmSync *crm = nullptr; // the external CRM's outbox; null without one
    // Called after an administrator set new Zadarma credentials: the relay learns the account's
    // time zone again and back-fills what was refused while it could not verify webhooks.
    std::function<void()> credentialsChanged;
    QString dataDirectory;
    QString secretsFile; // where admin-entered credentials are written (0600)
};

} // namespace CallBridge
