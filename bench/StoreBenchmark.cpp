// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Prints what the relay's storage costs on this disk: webhooks stored per second when they are
// group-committed 1, 10, 100 or 500 at a time (each = appendEvent + saveCall + appendFeed, one
// fsync per commit), and how long loading 100,000 contacts' phones for routing takes.
#include "core/store/SqliteCheckpointer.h"
#include "core/store/SqliteStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace CallBridge;

namespace {

QTextStream out(stdout);

bool check(const Result<void> &result)
{
    if (!result)
        out << "ERROR: " << result.error().message << Qt::endl;
    return result.hasValue();
}

template<typename T> bool check(const Result<T> &result)
{
    if (!result)
        out << "ERROR: " << result.error().message << Qt::endl;
    return result.hasValue();
}

// One webhook as the relay stores it: the event, its call folded anew, an item for the agents.
bool storeWebhook(SqliteStore &store, qint64 n)
{
    const QString callId = QStringLiteral("in_%1").arg(n / 3, 40, 16, QLatin1Char('0'));
    const QDateTime now = QDateTime::currentDateTimeUtc();

    EventRecord event;
    event.receivedAt = now;
    event.eventName = QStringLiteral("NOTIFY_START");
    event.pbxCallId = callId;
    event.dedupeKey = QByteArray::number(n).toHex().rightJustified(64, '0');
    event.rawForm = "event=NOTIFY_START&call_start=2026-11-24+10%3A15%3A00&pbx_call_id="
            + callId.toUtf8() + "&caller_id=%2B48600100200&called_did=%2B48221234567";
    event.remoteAddress = QStringLiteral("185.45.152.42");

    CallRecord call;
    call.pbxCallId = callId;
    call.direction = QStringLiteral("inbound");
    call.state = QStringLiteral("ringing");
    call.startedAt = now;
    call.callStart = QStringLiteral("2026-11-24 10:15:00");
    call.clientNumber = QStringLiteral("+48600100200");
    call.callerId = QStringLiteral("+48600100200");
    call.calledDid = QStringLiteral("+48221234567");
    call.extension = QStringLiteral("101");
    call.ringingExtensions = { QStringLiteral("101"), QStringLiteral("102") };
    call.updatedAt = now;

    FeedItem item;
    item.createdAt = now;
    item.type = QStringLiteral("call.ringing");
    item.payload = { { QStringLiteral("pbx_call_id"), callId },
                     { QStringLiteral("caller"), QStringLiteral("+48600100200") } };
    item.audience = { 3, 17 };

    return check(store.appendEvent(event)) && check(store.saveCall(call))
            && check(store.appendFeed(item));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTemporaryDir dir(args.size() > 1 ? args.at(1) + QStringLiteral("/store-bench-XXXXXX")
                                      : QString());
    if (!dir.isValid()) {
        out << "ERROR: cannot create a temporary directory\n";
        return 1;
    }
    const QString path = dir.filePath(QStringLiteral("relay.db"));

    SqliteStore store(path);
    if (!check(store.open()))
        return 1;
    // As in the relay: checkpoints run beside the writer, never in its transactions.
    SqliteCheckpointer checkpointer(path);
    checkpointer.start();

    out << "Group commit on " << dir.path() << " (event + call + feed item per webhook):\n";
    qint64 n = 0;
    for (const int batch : { 1, 10, 100, 500 }) {
        const int commits = std::max(20, 4000 / batch);
        QElapsedTimer timer;
        timer.start();
        qint64 slowest = 0;
        qint64 writing = 0; // statements, before the commit's fsync
        for (int c = 0; c < commits; ++c) {
            QElapsedTimer one;
            one.start();
            if (!check(store.begin()))
                return 1;
            for (int i = 0; i < batch; ++i) {
                if (!storeWebhook(store, n++))
                    return 1;
            }
            writing += one.nsecsElapsed();
            if (!check(store.commit()))
                return 1;
            slowest = std::max(slowest, one.nsecsElapsed());
        }
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        out << QStringLiteral("  %1 per commit: %2 webhooks/s, %3 ms per commit (%4 ms writing, "
                              "slowest commit %5 ms)\n")
                        .arg(batch, 3)
                        .arg(qRound64(double(batch) * commits / seconds), 6)
                        .arg(seconds * 1000 / commits, 0, 'f', 2)
                        .arg(double(writing) / 1e6 / commits, 0, 'f', 2)
                        .arg(double(slowest) / 1e6, 0, 'f', 2);
    }
    checkpointer.stop();

    const int contacts = 100000;
    out << "Contacts: creating " << contacts << "..." << Qt::flush;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < contacts; ++i) {
        if (i % 10000 == 0 && !check(store.begin()))
            return 1;
        ContactRecord contact;
        contact.name = QStringLiteral("Client %1").arg(i);
        contact.company = QStringLiteral("Company %1").arg(i % 997);
        contact.phones = { QStringLiteral("+48%1").arg(600000000 + i) };
        if (i % 10 == 0)
            contact.phones << QStringLiteral("+49%1").arg(3000000000LL + i);
        contact.source = QStringLiteral("import");
        if (!check(store.createContact(contact)))
            return 1;
        if (i % 10000 == 9999 && !check(store.commit()))
            return 1;
    }
    out << " " << timer.elapsed() << " ms\n";
    if (!check(store.checkpoint()))
        return 1;

    qint64 best = -1;
    qsizetype routes = 0;
    for (int round = 0; round < 3; ++round) {
        timer.restart();
        const auto loaded = store.contactRoutes();
        const qint64 ms = timer.elapsed();
        if (!check(loaded))
            return 1;
        routes = loaded->size();
        best = best < 0 ? ms : std::min(best, ms);
    }
    out << "  contactRoutes(): " << routes << " phones of " << contacts << " contacts in " << best
        << " ms (best of 3)\n";

    timer.restart();
    const auto found = store.searchContacts(QStringLiteral("600 012"), 50, 0);
    const qint64 searchMs = timer.elapsed();
    if (!check(found))
        return 1;
    out << "  searchContacts(\"600 012\"): " << found->size() << " of 50 shown in " << searchMs
        << " ms\n";
    out << "(rerun: callbridge-bench-store [directory on the disk to measure])\n";
    return 0;
}
