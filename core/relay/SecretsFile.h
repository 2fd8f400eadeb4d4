// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/zadarma/ZadarmaClient.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>

namespace CallBridge {

// The relay's Zadarma credentials on disk: "zadarma_key=…" and "zadarma_secret=…" lines ('#'
// comments and blank lines allowed), in a file only its owner may read. Values are never logged.
class SecretsFile
{
public:
    static constexpr QLatin1StringView keyName { "zadarma_key" };
    static constexpr QLatin1StringView secretName { "zadarma_secret" };
    static constexpr QLatin1StringView keyVariable { "CALLBRIDGE_ZADARMA_KEY" };
    static constexpr QLatin1StringView secretVariable { "CALLBRIDGE_ZADARMA_SECRET" };
    // The external CRM's secrets, named by its mapping file ({{secret.api_key}}):
    // "crm_secret_api_key=…" lines, each overridden by CALLBRIDGE_CRM_SECRET_API_KEY.
    static constexpr QLatin1StringView crmSecretPrefix { "crm_secret_" };
    static constexpr QLatin1StringView crmSecretVariablePrefix { "CALLBRIDGE_CRM_SECRET_" };

    explicit SecretsFile(QString path);

    const QString &path() const { return m_path; }
    bool exists() const;

    // A missing file reads as empty credentials. A file that group or others may read is
    // refused, with the chmod that fixes it.
    Result<ZadarmaCredentials> read() const;
    // Every name=value line: zadarma_key, zadarma_secret and crm_secret_NAME.
    Result<QHash<QByteArray, QByteArray>> readValues() const;
    // The CRM connector's secrets by name ("api_key"), the environment's first.
    Result<QHash<QString, QString>> crmSecrets(const QProcessEnvironment &environment) const;
    // Atomically replaces the file, keeping its crm_secret_ lines; its permissions are 0600 before
    // any byte is written.
    Result<void> write(const ZadarmaCredentials &credentials) const;

    // The file's values, each overridden by CALLBRIDGE_ZADARMA_KEY / _SECRET when set.
    Result<ZadarmaCredentials> resolve(const QProcessEnvironment &environment) const;

private:
    QString m_path;
};

} // namespace CallBridge
