// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/support/RecordedRequest.h"

#include <QByteArray>
#include <QHttpServer>
#include <QList>
#include <QObject>
#include <QUrl>

#include <deque>
#include <functional>
#include <memory>
#include <vector>

class QHttpServerResponder;

namespace CallBridge::Test {

// A real HTTP server on 127.0.0.1 with a scripted answer per request; records what it received.
class LoopbackHttpServer : public QObject
{
    Q_OBJECT

public:
    using Request = RecordedRequest;

    struct Response
    {
        Response() = default;
        Response(int httpStatus, QByteArray answer, QByteArray type = "application/json",
                 QList<std::pair<QByteArray, QByteArray>> extraHeaders = {})
            : status(httpStatus),
              body(std::move(answer)),
              contentType(std::move(type)),
              headers(std::move(extraHeaders))
        { }
        static Response hanging()
        {
            Response response;
            response.hang = true;
            return response;
        }

        int status = 200;
        QByteArray body = R"({"status":"success"})";
        QByteArray contentType = "application/json";
        QList<std::pair<QByteArray, QByteArray>> headers;
        bool hang = false; // never answer
        bool closeAbruptly = false; // drop the connection without an answer
    };

    using Handler = std::function<Response(const Request &)>;

    explicit LoopbackHttpServer(QObject *parent = nullptr);
    ~LoopbackHttpServer() override;

    QUrl url() const;
    // Answers in order; once the queue is empty, the handler (or a plain success) answers.
    void enqueue(Response response) { m_queued.push_back(std::move(response)); }
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    const QList<Request> &requests() const { return m_requests; }

signals:
    void requestReceived();

private:
    void answer(const Request &request, QHttpServerResponder &&responder);

    QHttpServer m_server;
    quint16 m_port = 0;
    std::deque<Response> m_queued;
    Handler m_handler;
    QList<Request> m_requests;
    std::vector<std::unique_ptr<QHttpServerResponder>> m_hanging;
};

} // namespace CallBridge::Test
