// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/crm/CrmOperation.h"

#include <QRegularExpression>

namespace CallBridge {

namespace {

const QStringList &commonNames()
{
    static const QStringList names { QStringLiteral("base_url"), QStringLiteral("secret.NAME") };
    return names;
}

const QStringList &agentNames()
{
    static const QStringList names { QStringLiteral("agent.name"),
                                     QStringLiteral("agent.extension"),
                                     QStringLiteral("agent.email") };
    return names;
}

const QStringList &phoneNames()
{
    static const QStringList names { QStringLiteral("phone"), QStringLiteral("phone.national"),
                                     QStringLiteral("phone.digits") };
    return names;
}

const QStringList &contactNames()
{
    static const QStringList names {
        QStringLiteral("contact.id"),         QStringLiteral("contact.name"),
        QStringLiteral("contact.first_name"), QStringLiteral("contact.last_name"),
        QStringLiteral("contact.phone"),      QStringLiteral("contact.email"),
        QStringLiteral("contact.company"),
    };
    return names;
}

const QStringList &callNames()
{
    static const QStringList names {
        QStringLiteral("call.pbx_call_id"),      QStringLiteral("call.direction"),
        QStringLiteral("call.client_number"),    QStringLiteral("call.our_number"),
        QStringLiteral("call.started_at"),       QStringLiteral("call.ended_at"),
        QStringLiteral("call.duration_seconds"), QStringLiteral("call.disposition"),
        QStringLiteral("call.recording_url"),    QStringLiteral("call.agent_extension"),
    };
    return names;
}

const QStringList &taskNames()
{
    static const QStringList names { QStringLiteral("task.title"), QStringLiteral("task.due_at"),
                                     QStringLiteral("task.description") };
    return names;
}

bool isSecretName(const QString &name)
{
    static const QRegularExpression secret(QStringLiteral("^secret\\.[A-Za-z0-9_]+$"));
    return secret.match(name).hasMatch();
}

} // namespace

QString crmOperationKey(CrmOperation operation)
{
    switch (operation) {
    case CrmOperation::Lookup:
        return QStringLiteral("lookup");
    case CrmOperation::CreateContact:
        return QStringLiteral("create_contact");
    case CrmOperation::CreateLead:
        return QStringLiteral("create_lead");
    case CrmOperation::PushCall:
        return QStringLiteral("push_call");
    case CrmOperation::CreateTask:
        return QStringLiteral("create_task");
    }
    return {};
}

QStringList crmVariableNames(CrmTemplateScope scope, CrmOperation operation)
{
    if (scope == CrmTemplateScope::Common)
        return commonNames();
    if (scope == CrmTemplateScope::OpenUrl) {
        // A link people open: no secrets.
        return QStringList { QStringLiteral("base_url") } + contactNames();
    }
    QStringList names = commonNames() + agentNames();
    switch (operation) {
    case CrmOperation::Lookup:
        names += phoneNames();
        break;
    case CrmOperation::CreateContact:
    case CrmOperation::CreateLead:
    case CrmOperation::PushCall:
        names += contactNames() + callNames();
        break;
    case CrmOperation::CreateTask:
        names += contactNames() + callNames() + taskNames();
        break;
    }
    return names;
}

bool isCrmVariable(const QString &name, CrmTemplateScope scope, CrmOperation operation)
{
    if (isSecretName(name))
        return scope != CrmTemplateScope::OpenUrl;
    return crmVariableNames(scope, operation).contains(name);
}

} // namespace CallBridge
