// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/crm/CrmJsonPath.h"
#include "core/crm/CrmOperation.h"
#include "core/crm/CrmTemplate.h"

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <array>
#include <optional>
#include <utility>

namespace CallBridge {

// A CRM's REST API as a JSON mapping file describes it (docs/crm-connector.md). Loading checks
// everything that can be checked before the first call: keys, methods, paths, templates, and
// that every variable is one the operation has.
class CrmMapping
{
public:
    enum class AuthType { None, Header, Bearer, Basic };

    struct Auth
    {
        AuthType type = AuthType::None;
        QByteArray header; // for Header
        CrmTemplate value; // the header's value (Header) or the token (Bearer)
        CrmTemplate user; // Basic
        CrmTemplate password; // Basic
    };

    using Headers = QList<std::pair<QByteArray, CrmTemplate>>;

    struct Request
    {
        QString key; // where it is in the file, "push_call.find", for messages
        QByteArray method;
        CrmTemplate url;
        Headers headers;
        std::optional<QJsonValue> body; // every string in it is a template
        CrmJsonPath result; // the record in the answer; nothing there means "not found"
        CrmJsonPath id; // the record's id, within result
    };

    struct Operation
    {
        Request request;
        std::optional<Request> find; // tells whether the write already happened
        QHash<QString, QList<CrmJsonPath>> fields; // lookup: CrmContact field → paths in result
    };

    static Result<CrmMapping> load(const QString &filePath);
    // sourceName names the file in error messages.
    static Result<CrmMapping> fromJson(const QByteArray &json, const QString &sourceName);

    const QString &name() const { return m_name; }
    const QString &sourceName() const { return m_sourceName; }
    const Auth &auth() const { return m_auth; }
    int timeoutMs() const { return m_timeoutMs; }
    qint64 maxResponseBytes() const { return m_maxResponseBytes; }
    const Headers &headers() const { return m_headers; }
    const CrmValueMaps &maps() const { return m_maps; }
    // An answer with a value here is an error even with HTTP 2xx (JSON-RPC style APIs).
    const std::optional<CrmJsonPath> &errorPath() const { return m_errorPath; }
    // nullptr when the mapping does not describe the operation.
    const Operation *operation(CrmOperation operation) const;
    const std::optional<CrmTemplate> &openUrl() const { return m_openUrl; }
    // The NAMEs of every {{secret.NAME}} used, so the relay can tell at start what is missing.
    QStringList secretNames() const;

private:
    QString m_name;
    QString m_sourceName;
    Auth m_auth;
    int m_timeoutMs = 10'000;
    qint64 m_maxResponseBytes = 4 * 1024 * 1024;
    Headers m_headers;
    CrmValueMaps m_maps;
    std::optional<CrmJsonPath> m_errorPath;
    std::array<std::optional<Operation>, allCrmOperations.size()> m_operations;
    std::optional<CrmTemplate> m_openUrl;
    QStringList m_secretNames;

    friend class CrmMappingLoader;
};

} // namespace CallBridge
