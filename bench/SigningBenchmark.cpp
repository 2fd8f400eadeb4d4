// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Prints how fast one core signs API requests and parses + verifies webhooks: the per-request cost
// the relay pays before any storage.
#include "core/webhook/WebhookParser.h"
#include "core/webhook/WebhookVerifier.h"
#include "core/zadarma/ZadarmaSigner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <functional>

using namespace CallBridge;

namespace {

// Runs `work` for about `seconds` and returns operations per second.
double measure(double seconds, const std::function<void()> &work)
{
    QElapsedTimer timer;
    timer.start();
    qint64 operations = 0;
    while (timer.nsecsElapsed() < qint64(seconds * 1e9)) {
        for (int i = 0; i < 100; ++i)
            work();
        operations += 100;
    }
    return double(operations) / (double(timer.nsecsElapsed()) / 1e9);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? QByteArray(argv[1]).toDouble() : 1.0;
    QTextStream out(stdout);

    const PhpArray callback {
        { "from", "100" }, { "to", "+442037691880" }, { "sip", "100" }, { "predicted", "1" }
    };
    volatile qsizetype sink = 0;
    const double signing = measure(seconds, [&] {
        sink = sink
                + signZadarmaRequest("/v1/request/callback/", callback, "abc123", "s3cr3t")
                          .authorization.size();
    });

    const QByteArray body = "event=NOTIFY_START&call_start=2026-11-24+10%3A15%3A00&pbx_call_id="
                            "in_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567&caller_id=%2B48600100200&"
                            "called_did=%2B48221234567";
    const QByteArray signature = "N2FlMGEwNmZmMzc1ODUzMDQwOGJjNWQyZWJlMjY0YzVhM2U1ZjdmNA==";
    const WebhookVerifier verifier("s3cr3t");
    int failures = 0;
    const double verifying = measure(seconds, [&] {
        const auto event = parseWebhook("application/x-www-form-urlencoded", body);
        if (!event || !verifier.verify(event.value(), signature))
            ++failures;
    });

    out << "API request signing (callback, 4 parameters): " << qRound64(signing)
        << " signatures/s\n";
    out << "Webhook parse + verify (NOTIFY_START):        " << qRound64(verifying)
        << " webhooks/s\n";
    out << "(one core, " << seconds << " s each; rerun: callbridge-bench-signing [seconds])\n";
    if (failures) {
        out << "ERROR: " << failures << " verifications failed\n";
        return 1;
    }
    return 0;
}
