// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace CallBridge {

// One contact as an import file describes it, before its phones are normalised and its
// responsible agent looked up.
struct ContactDraft
{
    QString name;
    QString company;
    QString email;
    QString notes;
    QStringList rawPhones; // as written, one number each
    QString responsibleName; // a user name; empty: none given
    QStringList tags; // cleaned (see ContactFields)
    QString externalUrl; // checked: http(s) or empty
    int sourceLine = 0; // where the record starts, 1-based

    friend bool operator==(const ContactDraft &, const ContactDraft &) = default;
};

} // namespace CallBridge
