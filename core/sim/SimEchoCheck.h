// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace CallBridge {

class Clock;

// Zadarma's check of a notification URL before it saves it: GET <url>?zd_echo=<random> (appended
// with '&' to an existing query) must answer HTTP 200 with exactly that value as the body. Used by
// /v1/pbx/callinfo/url/ and /v1/pbx/webhooks/url/, and by the app for a URL given at start-up.
// One check per object; finished() is emitted once, never from inside start().
class SimEchoCheck : public QObject
{
    Q_OBJECT

public:
    enum class Error {
        NoError,
        InvalidUrl, // not an absolute http(s) URL: nothing was sent
        Unreachable, // no HTTP answer (refused, DNS, TLS, reset)
        Timeout,
        WrongAnswer, // an answer, but not HTTP 200 with exactly the value
    };
    Q_ENUM(Error)

    static constexpr std::chrono::milliseconds defaultTimeout { 5000 };
    static constexpr qint64 maxAnswerBytes = 64 * 1024;

    SimEchoCheck(QNetworkAccessManager *network, Clock *clock, QUrl url, QObject *parent = nullptr);
    ~SimEchoCheck() override;

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    void start();

    const QUrl &url() const { return m_url; }
    const QByteArray &echoValue() const { return m_echo; } // set by start()
    bool isFinished() const { return m_finished; }
    Error error() const { return m_error; }
    // Why the URL failed, in words for an API error message or a start-up error.
    QString errorString() const { return m_errorString; }

signals:
    void finished();

private:
    void handleFinished();
    void finish(Error error, const QString &message);

    QNetworkAccessManager *m_network;
    Clock *m_clock;
    QUrl m_url;
    std::chrono::milliseconds m_timeout = defaultTimeout;
    QByteArray m_echo;
    QPointer<QNetworkReply> m_reply;
    bool m_timedOut = false;
    bool m_tooLarge = false;
    bool m_started = false;
    bool m_finished = false;
    Error m_error = Error::NoError;
    QString m_errorString;
};

} // namespace CallBridge
