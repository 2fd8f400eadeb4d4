// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/sim/SimScenario.h"

#include <QString>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace CallBridge {

class RelayServer;
class SimCallRunner;
class SimPbx;
class Store;
struct SimCallOutcome;

namespace Test {

// A real relay on 127.0.0.1 with its SQLite store in a temporary folder, and an in-process
// Zadarma simulator (extensions 100–109, direct numbers 34911234567 → 100, 442037691880 → 101)
// whose signed webhooks reach the relay. For desktop-app tests that need the relay's API, its
// stream and real calls. Calls run at 1/1000 of real time.
class TestRelay
{
public:
    struct Account
    {
        qint64 id = 0;
        QString name;
        QString token;
        QString extension;
    };

    TestRelay();
    ~TestRelay();

    Result<void> start();
    QUrl url() const; // http://127.0.0.1:PORT

    // "root", an administrator without an extension.
    const Account &admin() const { return m_admin; }
    // Through the admin API, as an administrator would.
    Result<Account> addUser(const QString &name, const QString &displayName,
                            const QString &extension,
                            const QString &role = QStringLiteral("agent"));
    // Through the agents' API (as the admin); returns the contact's id.
    Result<qint64> addContact(const QString &name, const QString &company, const QString &phone,
                              qint64 responsibleId = 0);
    // Admin API PUT /v1/admin/settings with one value.
    Result<void> setSetting(const QString &key, const QString &value);

    // Plays a call through the simulator and waits (up to 10 s) until all its webhooks were
    // answered. Returns the simulator's account of it (pbxCallId, events, relay answers).
    Result<const SimCallOutcome *> playCall(const SimScenario &scenario);
    // Shorthand: an inbound call from `caller` to the first direct number, ringing `extension`.
    static SimScenario inboundCall(const QString &caller, const QString &extension,
                                   SimScenario::Outcome outcome, bool recorded = false);

    RelayServer &relay();
    Store &store();
    SimPbx &pbx();
    SimCallRunner &calls();

    // A JSON request as `token`; for set-up steps the client under test does not cover.
    struct Answer
    {
        int status = 0;
        QByteArray body;
    };
    Answer send(const QByteArray &method, const QString &path, const QString &token,
                const QByteArray &jsonBody = {});

private:
    struct Parts;
    std::unique_ptr<Parts> m_parts;
    Account m_admin;
};

} // namespace Test
} // namespace CallBridge
