// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <array>

namespace CallBridge {

// The values a mapping's templates can use, by name ("contact.name", "secret.api_key").
using CrmVariables = QHash<QString, QJsonValue>;

// What the relay asks of a CRM. Each has a key in the mapping file.
enum class CrmOperation { Lookup, CreateContact, CreateLead, PushCall, CreateTask };

inline constexpr std::array<CrmOperation, 5> allCrmOperations {
    CrmOperation::Lookup, CrmOperation::CreateContact, CrmOperation::CreateLead,
    CrmOperation::PushCall, CrmOperation::CreateTask
};

// The mapping file's key: "lookup", "create_contact", …
QString crmOperationKey(CrmOperation operation);

// Where a template is used; each place has its own documented variables.
enum class CrmTemplateScope { Operation, OpenUrl, Common };

// The documented variable names of a scope, for error messages ("secret.NAME" stands for any).
QStringList crmVariableNames(CrmTemplateScope scope, CrmOperation operation);
// Whether a template in that scope may use the variable.
bool isCrmVariable(const QString &name, CrmTemplateScope scope, CrmOperation operation);

} // namespace CallBridge
