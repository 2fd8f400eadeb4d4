// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/HttpConnection.h"
#include "core/http/HttpLogging.h"
#include "core/http/HttpServer.h"

namespace CallBridge {

HttpResponder::HttpResponder(HttpConnection *connection, quint64 requestNumber)
    : m_connection(connection), m_requestNumber(requestNumber)
{ }

HttpResponder::HttpResponder(HttpResponder &&other) noexcept
    : m_connection(other.m_connection),
      m_requestNumber(std::exchange(other.m_requestNumber, 0)),
      m_answered(std::exchange(other.m_answered, false))
{
    other.m_connection.clear();
}

HttpResponder &HttpResponder::operator=(HttpResponder &&other) noexcept
{
    if (this != &other) {
        abandon();
        m_connection = other.m_connection;
        m_requestNumber = std::exchange(other.m_requestNumber, 0);
        m_answered = std::exchange(other.m_answered, false);
        other.m_connection.clear();
    }
    return *this;
}

HttpResponder::~HttpResponder()
{
    abandon();
}

void HttpResponder::abandon()
{
    if (m_answered || !m_connection || !m_connection->canRespond(m_requestNumber))
        return;
    qCWarning(lcHttp) << "a request was dropped without an answer; answering 500";
    m_answered = true;
    m_connection->respond(m_requestNumber,
                          HttpResponse::error(500, QStringLiteral("the request was not answered")));
}

void HttpResponder::send(HttpResponse response)
{
    if (m_answered) {
        qCWarning(lcHttp) << "a request was answered twice; the later answer is ignored";
        return;
    }
    if (m_requestNumber == 0) {
        qCWarning(lcHttp) << "send() on an empty or moved-from HttpResponder is ignored";
        return;
    }
    m_answered = true;
    if (m_connection) // else the client went away: nothing to do
        m_connection->respond(m_requestNumber, std::move(response));
}

bool HttpResponder::isValid() const
{
    return !m_answered && m_connection && m_connection->canRespond(m_requestNumber);
}

} // namespace CallBridge
