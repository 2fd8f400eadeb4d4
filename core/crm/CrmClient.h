// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/crm/CrmContact.h"
#include "core/crm/CrmError.h"
#include "core/crm/CrmMapping.h"
#include "core/crm/CrmOperation.h"

#include <QHash>
#include <QJsonValue>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace CallBridge {

struct CrmClientConfig
{
    QUrl baseUrl; // {{base_url}}, e.g. https://crm.example.com (a trailing slash is dropped)
    QHash<QString, QString> secrets; // {{secret.NAME}}, from the relay's config, never the file
    int timeoutMs = 0; // per request, without progress; 0: the mapping's timeout_ms
};

// Runs a mapping's operations against the CRM, asynchronously, on one QNetworkAccessManager.
// Every callback runs later from the event loop, never inside the call that started it, and
// never after the client is destroyed. Nothing is retried here: the relay's outbox decides,
// from CrmError's retryable/ambiguous/retryAfterMs.
class CrmClient : public QObject
{
    Q_OBJECT

public:
    template<typename T> using Callback = std::function<void(CrmResult<T>)>;

    CrmClient(CrmMapping mapping, CrmClientConfig config, QObject *parent = nullptr);
    ~CrmClient() override;

    const CrmMapping &mapping() const { return m_mapping; }
    // Secrets the mapping uses that the config lacks; the relay refuses to start with any.
    QStringList missingSecrets() const;
    bool supports(CrmOperation operation) const;
    bool canFind(CrmOperation operation) const;
    int pendingCount() const { return m_pending; }

    // The contact with this number, or nullopt. extra may add phone.national (the number as
    // people of its country write it) and agent.*; phone.national defaults to the E.164 form.
    void lookup(const QString &e164Phone, Callback<std::optional<CrmContact>> done,
                const CrmVariables &extra = {});

    // Create a record; the result is the CRM's id for it. variables: contact.*, call.*, task.*,
    // agent.* (docs/crm-connector.md). call.ended_at is derived from call.started_at and
    // call.duration_seconds when not given; contact.name from the first and last name or the
    // phone, and contact.last_name from contact.name when neither name part is given.
    void createContact(const CrmVariables &variables, Callback<QString> done);
    void createLead(const CrmVariables &variables, Callback<QString> done);
    void pushCall(const CrmVariables &variables, Callback<QString> done);
    void createTask(const CrmVariables &variables, Callback<QString> done);
    void write(CrmOperation operation, const CrmVariables &variables, Callback<QString> done);

    // Whether the write already happened (after an ambiguous error): the record's id, or
    // nullopt. Fails when the operation has no find, or a variable find uses is missing/empty.
    void findExisting(CrmOperation operation, const CrmVariables &variables,
                      Callback<std::optional<QString>> done);

    // The contact's page in the CRM (open_url); empty without open_url.
    QString contactUrl(const CrmVariables &contact) const;

private:
    using Done = std::function<void(CrmResult<QJsonValue>)>;

    CrmVariables variablesFor(const CrmVariables &given) const;
    void send(const CrmMapping::Request &request, const CrmVariables &variables, bool isWrite,
              bool strict, Done done);
    void handleFinished(const CrmMapping::Request &request, QNetworkReply *reply, bool isWrite,
                        qint64 startedMs, const Done &done);
    void failLater(const Done &done, CrmError error);
    CrmError httpError(const CrmMapping::Request &request, int status, const QByteArray &body,
                       bool isWrite, QNetworkReply *reply) const;
    QString redact(QString text) const;
    QString excerpt(const QByteArray &body) const;

    CrmMapping m_mapping;
    CrmClientConfig m_config;
    QNetworkAccessManager *m_network;
    int m_pending = 0;
};

} // namespace CallBridge
