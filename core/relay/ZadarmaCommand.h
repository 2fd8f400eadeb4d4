// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/Result.h"
#include "core/zadarma/ZadarmaClient.h"

#include <QObject>
#include <QStringList>

class QTextStream;

namespace CallBridge {

// `callbridge-relay zadarma <GET|POST|PUT|DELETE> <method-path> [name=value ...]`: one signed
// request for operators, printing Zadarma's JSON answer.
class ZadarmaCommand : public QObject
{
    Q_OBJECT

public:
    enum ExitCode {
        Success = 0,
        ApiError = 1, // Zadarma answered with an error
        UsageError = 2, // bad arguments or missing credentials: nothing was sent
        TransportError = 3, // no valid answer: network, timeout, rate limit, not JSON
    };

    struct Invocation
    {
        QByteArray httpMethod;
        QByteArray methodPath;
        PhpArray parameters;
    };

    static QString usage();
    // The words after "zadarma". name[]=v and name[k]=v build arrays as PHP would.
    static Result<Invocation> parseArguments(const QStringList &arguments);
    // CALLBRIDGE_ZADARMA_KEY / CALLBRIDGE_ZADARMA_SECRET.
    static Result<ZadarmaCredentials> credentialsFromEnvironment();
    // --api-url or CALLBRIDGE_ZADARMA_API_URL; "production" and "sandbox" name Zadarma's own.
    static Result<QUrl> apiUrl(const QString &option);

    ZadarmaCommand(ZadarmaClient *client, QTextStream *out, QTextStream *err,
                   QObject *parent = nullptr);

    void run(const Invocation &invocation);

signals:
    void finished(int exitCode);

private:
    ZadarmaClient *m_client;
    QTextStream *m_out;
    QTextStream *m_err;
};

} // namespace CallBridge
