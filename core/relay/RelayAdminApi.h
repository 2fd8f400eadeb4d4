// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/relay/ApiRequest.h"
#include "core/relay/RelayServices.h"

#include <QJsonObject>
#include <QObject>

#include <functional>

namespace CallBridge {

class RelayApi;

// The administrators' routes under /v1/admin/: Zadarma credentials and account, users and their
// extensions, runtime settings, blacklist, audit log, leads and back-fill. Registers them with
// the RelayApi that authenticates and routes the requests (and refuses agents with 403).
class RelayAdminApi : public QObject
{
    Q_OBJECT

public:
    RelayAdminApi(RelayServices services, std::function<Result<void>()> reloadSettings,
                  RelayApi *api);

private:
    void getCredentials(const ApiRequestPtr &request);
    void putCredentials(const ApiRequestPtr &request);
    void testZadarma(const ApiRequestPtr &request);
    void balance(const ApiRequestPtr &request);
    void extensions(const ApiRequestPtr &request);

    void listUsers(const ApiRequestPtr &request);
    void createUser(const ApiRequestPtr &request);
    void updateUser(const ApiRequestPtr &request);
    void removeUser(const ApiRequestPtr &request);
    void newToken(const ApiRequestPtr &request);

    void getSettings(const ApiRequestPtr &request);
    void putSettings(const ApiRequestPtr &request);

    void listBlacklist(const ApiRequestPtr &request);
    void addToBlacklist(const ApiRequestPtr &request);
    void removeFromBlacklist(const ApiRequestPtr &request);

    void listAudit(const ApiRequestPtr &request);
    void listLeads(const ApiRequestPtr &request);
    void startBackfill(const ApiRequestPtr &request);
    void backfillStatus(const ApiRequestPtr &request);
    void crmStatus(const ApiRequestPtr &request);
    void retryCrm(const ApiRequestPtr &request);

    Result<UserRecord, ApiError> existingUser(const ApiRequest &request) const;
    // 409 with the store's message when the name or extension is someone else's, else 500.
    ApiError userWriteError(const UserRecord &user, const Error &error) const;
    void reloadUsers();
    Result<QJsonObject, ApiError> settingsJson() const;

    RelayServices m_services;
    std::function<Result<void>()> m_reloadSettings;
};

} // namespace CallBridge
