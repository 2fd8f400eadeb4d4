// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/http/HttpRequest.h"
#include "core/http/HttpResponse.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <deque>
#include <memory>

class QFile;
class QSslSocket;
class QTcpSocket;

namespace CallBridge {

class HttpServer;

// One client connection of HttpServer: reads requests, hands them to the handler, writes the
// answers in request order and enforces the server's limits and timeouts. Private to core/http.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    HttpConnection(HttpServer *server, QTcpSocket *socket);
    ~HttpConnection() override;

    // From HttpResponder: the answer to request number (ignored once the connection is gone).
    void respond(quint64 number, HttpResponse response);
    bool canRespond(quint64 number) const;

    // The server's periodic timeout check; now is the server's monotonic clock in ms.
    void sweep(qint64 now);
    // Finish the requests already started, then close.
    void beginDrain();

private:
    enum class Input {
        Idle, // between requests
        Head, // some bytes of a request head have arrived
        Waiting, // an upgrade head is complete; waiting for earlier answers to be written
        Body, // reading a Content-Length body
        Stopped, // no more requests on this connection
    };

    // One request awaiting, or holding, its answer; answers leave from the front.
    struct Slot
    {
        quint64 number = 0;
        bool answered = false;
        bool headOnly = false; // HEAD: headers without the body
        bool keepAlive = true; // what the request allows
        bool sendContinue = false; // "100 Continue" still owed
        bool refusal = false; // the server's own error answer: close, after lingering
        bool close = false; // "Connection: close" was sent with it
        HttpResponse response;
    };

    void attachSocket();
    void processInput();
    bool step();
    bool readHead(qint64 available);
    bool readBody();
    void dispatch();
    bool tryUpgrade();
    void refuse(int status, const char *problem);
    Slot &newSlot();

    void flush();
    void startResponse(Slot &slot);
    bool pumpFile();
    void resumeInputLater();
    void closeAfterWriting(bool linger);
    void discardInput();
    qint64 pendingOutput() const;
    void onBytesWritten();
    void onDisconnected();
    void closeConnection();
    qint64 now() const;

    HttpServer *m_server;
    QTcpSocket *m_socket;
    QSslSocket *m_sslSocket = nullptr; // m_socket when it is one, for its encrypted buffer
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    bool m_encrypted = false;

    Input m_input = Input::Idle;
    qint64 m_phaseStart = 0; // when the current head or body began
    qint64 m_quietSince = 0; // last write progress or accept; for idle and stalled writes
    qsizetype m_scanned = 0; // head bytes already searched for the blank line
    QByteArray m_peek;
    HttpRequest m_request;
    qint64 m_bodyRemaining = 0;
    quint64 m_nextNumber = 1;
    quint64 m_requestLimit; // the last request number this connection serves
    std::deque<Slot> m_slots;

    QByteArray m_out; // reused for response heads
    std::unique_ptr<QFile> m_file;
    qint64 m_fileRemaining = 0;
    QByteArray m_chunk;
    bool m_streaming = false;

    bool m_processing = false;
    bool m_processAgain = false;
    bool m_resumeScheduled = false;
    bool m_closing = false; // the last answer is queued; close once written
    bool m_lingering = false;
    qint64 m_lingerStart = 0;
    qint64 m_lingerBytes = 0;
    bool m_closed = false;
};

} // namespace CallBridge
