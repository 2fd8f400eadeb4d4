// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace CallBridge {

// A contact as the CRM's lookup found it; every field as text, as the CRM wrote it.
struct CrmContact
{
    QString id; // the CRM's record id
    QString name;
    QString company;
    QString email;
    QStringList phones; // as the CRM wrote them, not normalised
    QString responsible; // the CRM user in charge: a name or an e-mail address
    QString url; // the record in the CRM's web UI (the mapping's open_url), may be empty

    friend bool operator==(const CrmContact &, const CrmContact &) = default;
};

} // namespace CallBridge
