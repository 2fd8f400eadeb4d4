// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/http/HttpConnection.h"

#include "core/http/HttpHeadParser.h"
#include "core/http/HttpLogging.h"
#include "core/http/HttpServer.h"
#include "core/http/UnsentBytes.h"

#include <QFile>
#include <QTcpSocket>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

#include <charconv>

namespace CallBridge {

namespace {

constexpr qsizetype maxPipelined = 32; // unanswered requests before we stop reading
constexpr qint64 chunkSize = 64 * 1024; // file chunks, and the read buffer beyond a head
constexpr qint64 writeHighWater = 128 * 1024; // file chunks are queued below this
constexpr qsizetype inlineBodySize = 16 * 1024; // copied next to the head: one write, one packet
constexpr qint64 lingerMaxBytes = 1024 * 1024;
constexpr qint64 lingerMaxMs = 1000;

void appendNumber(QByteArray &out, qint64 value)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr - digits);
}

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

// Framing headers belong to the server; a handler's copy would contradict them.
bool isServerHeader(QByteArrayView name)
{
    return sameName(name, "Content-Length") || sameName(name, "Connection")
            || sameName(name, "Date") || sameName(name, "Transfer-Encoding");
}

bool isSafeHeader(QByteArrayView name, QByteArrayView value)
{
    if (name.isEmpty())
        return false;
    for (char c : name) {
        if (c <= ' ' || c == ':' || c == 0x7f)
            return false;
    }
    for (char c : value) {
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    }
    return true;
}

} // namespace

HttpConnection::HttpConnection(HttpServer *server, QTcpSocket *socket)
    : QObject(server),
      m_server(server),
      m_socket(socket),
      m_peerAddress(socket->peerAddress()),
      m_peerPort(socket->peerPort()),
      m_requestLimit(quint64(qMax(1, server->m_limits.maxRequestsPerConnection)))
{
#if QT_CONFIG(ssl)
    m_sslSocket = qobject_cast<QSslSocket *>(socket);
    m_encrypted = m_sslSocket && m_sslSocket->isEncrypted();
#endif
    m_quietSince = now();
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    attachSocket();
    // Bytes (for TLS, whole requests) may be buffered already, and readyRead will not repeat.
    resumeInputLater();
}

HttpConnection::~HttpConnection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void HttpConnection::attachSocket()
{
    // Bounded, so that a client we are not reading from is held back by TCP, not by memory.
    m_socket->setReadBufferSize(m_server->m_limits.maxHeaderBytes + chunkSize);
    connect(m_socket, &QIODevice::readyRead, this, &HttpConnection::processInput);
    connect(m_socket, &QIODevice::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QAbstractSocket::disconnected, this, &HttpConnection::onDisconnected);
#if QT_CONFIG(ssl)
    if (m_sslSocket) {
        connect(m_sslSocket, &QSslSocket::encryptedBytesWritten, this,
                &HttpConnection::onBytesWritten);
    }
#endif
}

qint64 HttpConnection::now() const
{
    return m_server->m_clock.elapsed();
}

qint64 HttpConnection::pendingOutput() const
{
    return unsentBytes(m_socket);
}

// --- Reading requests ---------------------------------------------------------------------

void HttpConnection::processInput()
{
    // A handler spinning an event loop inside handle() would re-enter; loop, don't recurse.
    if (m_processing) {
        m_processAgain = true;
        return;
    }
    m_processing = true;
    do {
        m_processAgain = false;
        while (step()) { }
    } while (m_processAgain && !m_closed);
    m_processing = false;
}

void HttpConnection::resumeInputLater()
{
    // Never from inside respond(): the handler may be iterating its own containers there.
    if (m_resumeScheduled)
        return;
    m_resumeScheduled = true;
    QMetaObject::invokeMethod(
            this,
            [this] {
                m_resumeScheduled = false;
                processInput();
            },
            Qt::QueuedConnection);
}

bool HttpConnection::step()
{
    if (m_closed || !m_socket)
        return false;
    if (m_lingering) {
        discardInput();
        return false;
    }
    switch (m_input) {
    case Input::Body:
        return readBody();
    case Input::Stopped:
        return false;
    case Input::Idle:
        if (m_closing || m_nextNumber > m_requestLimit || qsizetype(m_slots.size()) >= maxPipelined)
            return false;
        break;
    case Input::Waiting:
        if (!m_slots.empty() || pendingOutput() > 0)
            return false;
        break;
    case Input::Head:
        break;
    }
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return false;
    if (m_input == Input::Idle) {
        m_input = Input::Head;
        m_phaseStart = now();
        m_scanned = 0;
    }
    return readHead(available);
}

bool HttpConnection::readHead(qint64 available)
{
    const HttpServerLimits &limits = m_server->m_limits;
    // Peek, don't read: an upgrade hands the socket over with the head still in it.
    const qint64 wanted = qMin<qint64>(available, limits.maxHeaderBytes);
    m_peek.resize(wanted);
    const qint64 got = m_socket->peek(m_peek.data(), wanted);
    if (got <= 0)
        return false;
    m_peek.resize(got);

    if (m_scanned == 0) {
        // RFC 9112 §2.2: ignore empty lines before a request (some clients add one after a body).
        qsizetype blank = 0;
        while (blank + 1 < got && m_peek.at(blank) == '\r' && m_peek.at(blank + 1) == '\n')
            blank += 2;
        if (blank > 0) {
            m_socket->skip(blank);
            return true;
        }
    }
    const qsizetype end = m_peek.indexOf("\r\n\r\n", qMax<qsizetype>(0, m_scanned - 3));
    if (end < 0) {
        if (got >= limits.maxHeaderBytes)
            refuse(431, "request head larger than the limit");
        else
            m_scanned = got;
        return false;
    }
    const qsizetype headSize = end + 4;

    m_request = HttpRequest();
    const HttpHead head
            = parseHttpRequestHead(QByteArrayView(m_peek.constData(), headSize), m_request);
    if (head.status != 0) {
        refuse(head.status, head.problem);
        return false;
    }
    m_request.peerAddress = m_peerAddress;
    m_request.peerPort = m_peerPort;
    m_request.encrypted = m_encrypted;
    if (head.transferEncoding) {
        // Only Content-Length framing: no chunked parser, no smuggling through it.
        refuse(411, "Transfer-Encoding request bodies are not accepted; send Content-Length");
        return false;
    }
    if (head.upgradeWebSocket) {
        // The new owner writes on the socket at once; earlier answers must be out first.
        if (!m_slots.empty() || pendingOutput() > 0) {
            m_input = Input::Waiting;
            return false;
        }
        if (tryUpgrade())
            return false;
    }

    m_socket->skip(headSize);
    m_scanned = 0;
    const qint64 maxBody = qMax<qint64>(
            0, qMin<qint64>(m_server->m_handler->maxBodyBytes(m_request), limits.maxBodyBytes));
    if (head.contentLength > maxBody) {
        refuse(413, "request body larger than the limit");
        return false;
    }

    Slot &slot = newSlot();
    slot.headOnly = m_request.method == "HEAD";
    slot.keepAlive = head.keepAlive;
    if (head.contentLength > 0) {
        m_input = Input::Body;
        m_phaseStart = now();
        m_bodyRemaining = head.contentLength;
        m_request.body.reserve(qMin(head.contentLength, chunkSize));
        if (head.expectContinue) {
            slot.sendContinue = true;
            flush();
        }
        return true;
    }
    dispatch();
    return true;
}

bool HttpConnection::readBody()
{
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return false;
    const qint64 wanted = qMin(available, m_bodyRemaining);
    const qsizetype before = m_request.body.size();
    m_request.body.resize(before + wanted);
    const qint64 got = m_socket->read(m_request.body.data() + before, wanted);
    m_request.body.resize(before + qMax<qint64>(0, got));
    if (got <= 0)
        return false;
    m_bodyRemaining -= got;
    if (m_bodyRemaining > 0)
        return false;
    dispatch();
    return true;
}

void HttpConnection::dispatch()
{
    const Slot &slot = m_slots.back();
    const quint64 number = slot.number;
    m_input = slot.keepAlive && number < m_requestLimit ? Input::Idle : Input::Stopped;
    HttpRequest request = std::move(m_request);
    m_request = HttpRequest();
    m_server->m_handler->handle(std::move(request), HttpResponder(this, number));
}

bool HttpConnection::tryUpgrade()
{
    QTcpSocket *socket = m_socket;
    // Detach first: the new owner may read or emit on the socket from within upgrade().
    socket->disconnect(this);
    socket->setParent(nullptr);
    socket->setReadBufferSize(0);
    if (m_server->m_handler->upgrade(m_request, socket)) {
        m_socket = nullptr;
        m_sslSocket = nullptr;
        m_request = HttpRequest();
        m_closed = true;
        m_server->connectionClosed(this);
        return true;
    }
    socket->setParent(this);
    attachSocket();
    return false;
}

HttpConnection::Slot &HttpConnection::newSlot()
{
    Slot &slot = m_slots.emplace_back();
    slot.number = m_nextNumber++;
    return slot;
}

void HttpConnection::refuse(int status, const char *problem)
{
    const QString reason = QString::fromLatin1(problem);
    m_server->noteRefusal(status, reason, m_peerAddress);
    // A request whose body is being read already has its place in the answer order.
    const bool hasSlot = m_input == Input::Body && !m_slots.empty() && !m_slots.back().answered;
    Slot &slot = hasSlot ? m_slots.back() : newSlot();
    m_input = Input::Stopped;
    m_request = HttpRequest();
    slot.sendContinue = false;
    slot.keepAlive = false;
    slot.refusal = true;
    slot.answered = true;
    slot.response = HttpResponse::error(status, reason);
    flush();
}

void HttpConnection::discardInput()
{
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return;
    m_lingerBytes += m_socket->skip(available);
    if (m_lingerBytes > lingerMaxBytes)
        m_socket->abort();
}

// --- Writing answers ----------------------------------------------------------------------

bool HttpConnection::canRespond(quint64 number) const
{
    if (m_closed || m_slots.empty())
        return false;
    const quint64 first = m_slots.front().number;
    return number >= first && number - first < m_slots.size() && !m_slots[number - first].answered;
}

void HttpConnection::respond(quint64 number, HttpResponse response)
{
    if (!canRespond(number))
        return;
    Slot &slot = m_slots[number - m_slots.front().number];
    slot.response = std::move(response);
    slot.answered = true;
    if (slot.number != m_slots.front().number)
        return; // an earlier answer is still missing; this one waits its turn
    flush();
    if (!m_closed && m_socket && m_socket->bytesAvailable() > 0)
        resumeInputLater(); // reading may have paused at the pipelining limit
}

void HttpConnection::flush()
{
    while (!m_closed && m_socket && !m_slots.empty()) {
        Slot &slot = m_slots.front();
        if (!m_streaming) {
            if (slot.sendContinue) {
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                slot.sendContinue = false;
            }
            if (!slot.answered)
                return;
            startResponse(slot);
        }
        if (m_streaming && !pumpFile())
            return; // more after bytesWritten, or the connection was aborted
        const bool close = slot.close;
        // Refused requests may still be arriving; so may requests pipelined behind this one.
        const bool linger = slot.refusal || m_socket->bytesAvailable() > 0;
        m_slots.pop_front();
        if (close) {
            closeAfterWriting(linger);
            return;
        }
    }
    if (!m_closed && !m_closing && m_slots.empty() && m_input == Input::Stopped)
        closeAfterWriting(false);
}

void HttpConnection::startResponse(Slot &slot)
{
    HttpResponse &response = slot.response;
    if (response.status < 200 || response.status > 599) {
        qCWarning(lcHttp) << "a handler answered with status" << response.status
                          << "which is not a final status; answering 500";
        response = HttpResponse::error(500, QStringLiteral("internal error"));
    }
    qint64 bodyLength = response.body.size();
    if (response.file) {
        const HttpResponse::FileRange range = *response.file;
        bodyLength = range.length;
        if (!slot.headOnly && range.length > 0) {
            auto file = std::make_unique<QFile>(range.path);
            if (range.offset < 0 || range.length < 0 || !file->open(QIODevice::ReadOnly)
                || file->size() < range.offset + range.length || !file->seek(range.offset)) {
                // Not the path: recordings are named after phone numbers.
                qCWarning(lcHttp) << "a file to be sent is unreadable or shorter than promised;"
                                  << "answering 500";
                response = HttpResponse::error(500, QStringLiteral("file unavailable"));
                bodyLength = response.body.size();
            } else {
                m_file = std::move(file);
                m_fileRemaining = range.length;
            }
        }
    }
    const bool sendsBody = response.status != 204 && response.status != 304;
    slot.close = slot.refusal || !slot.keepAlive || response.closeConnection
            || slot.number >= m_requestLimit || (m_input == Input::Stopped && m_slots.size() == 1);

    m_out.resize(0);
    m_out.append("HTTP/1.1 ");
    appendNumber(m_out, response.status);
    m_out.append(' ');
    m_out.append(httpReasonPhrase(response.status));
    m_out.append("\r\n");
    for (const HttpResponse::Header &header : std::as_const(response.headers)) {
        if (isServerHeader(header.first))
            continue;
        if (!isSafeHeader(header.first, header.second)) {
            qCWarning(lcHttp) << "dropping a response header with an invalid name or value";
            continue;
        }
        m_out.append(header.first);
        m_out.append(": ");
        m_out.append(header.second);
        m_out.append("\r\n");
    }
    if (sendsBody) {
        m_out.append("Content-Length: ");
        appendNumber(m_out, bodyLength);
        m_out.append("\r\n");
    }
    m_out.append("Date: ");
    m_out.append(m_server->dateHeader());
    m_out.append(slot.close ? "\r\nConnection: close\r\n\r\n"
                            : "\r\nConnection: keep-alive\r\n\r\n");

    if (pendingOutput() == 0)
        m_quietSince = now(); // the stalled-reader clock starts with this answer
    const bool inlineBody = !response.file && sendsBody && !slot.headOnly;
    if (inlineBody && response.body.size() <= inlineBodySize) {
        m_out.append(response.body);
        m_socket->write(m_out.constData(), m_out.size());
    } else {
        // By pointer and size: the socket copies, so m_out keeps its capacity.
        m_socket->write(m_out.constData(), m_out.size());
        if (inlineBody)
            m_socket->write(response.body); // shared with the socket, not copied
    }
    m_streaming = m_file != nullptr;
}

bool HttpConnection::pumpFile()
{
    while (m_fileRemaining > 0) {
        if (pendingOutput() >= writeHighWater)
            return false;
        const qint64 wanted = qMin(chunkSize, m_fileRemaining);
        m_chunk.resize(wanted);
        const qint64 got = m_file->read(m_chunk.data(), wanted);
        if (got <= 0) {
            // The head promised a length we cannot deliver; only closing tells the client.
            qCWarning(lcHttp) << "reading a file being sent failed; closing the connection";
            m_file.reset();
            m_streaming = false;
            m_socket->abort();
            return false;
        }
        m_socket->write(m_chunk.constData(), got);
        m_fileRemaining -= got;
    }
    m_file.reset();
    m_chunk = QByteArray();
    m_streaming = false;
    return true;
}

void HttpConnection::closeAfterWriting(bool linger)
{
    m_closing = true;
    m_input = Input::Stopped;
    m_slots.clear(); // later pipelined requests go unanswered; their responders become no-ops
    if (linger) {
        // Closing with unread input makes the kernel send a reset, which can destroy the error
        // answer before the client reads it; so keep reading (and dropping) for a moment.
        m_lingering = true;
        m_lingerStart = now();
        discardInput();
    } else {
        m_socket->disconnectFromHost(); // after the write buffer is flushed
    }
}

void HttpConnection::onBytesWritten()
{
    if (m_closed || !m_socket)
        return;
    m_quietSince = now();
    flush();
    processInput();
}

void HttpConnection::onDisconnected()
{
    closeConnection();
}

void HttpConnection::closeConnection()
{
    if (m_closed)
        return;
    m_closed = true;
    m_slots.clear();
    m_file.reset();
    m_streaming = false;
    if (m_socket)
        m_socket->disconnect(this);
    m_server->connectionClosed(this);
}

// --- Timeouts and shutdown ----------------------------------------------------------------

void HttpConnection::sweep(qint64 now)
{
    if (m_closed || !m_socket)
        return;
    const HttpServerLimits &limits = m_server->m_limits;
    if (pendingOutput() > 0 && now - m_quietSince >= limits.idleTimeout.count()) {
        qCInfo(lcHttp).noquote() << "closing a connection from" << m_peerAddress.toString()
                                 << "whose client stopped reading";
        m_socket->abort();
        return;
    }
    if (m_lingering) {
        if (now - m_lingerStart >= qMin(lingerMaxMs, qint64(limits.headerTimeout.count()))) {
            m_lingering = false;
            m_socket->disconnectFromHost();
        }
        return;
    }
    switch (m_input) {
    case Input::Head:
        if (now - m_phaseStart >= limits.headerTimeout.count())
            refuse(408, "request head not received in time");
        break;
    case Input::Body:
        if (now - m_phaseStart >= limits.bodyTimeout.count())
            refuse(408, "request body not received in time");
        break;
    case Input::Idle:
        if (m_slots.empty() && !m_closing && pendingOutput() == 0) {
            // A connection that never sent a byte gets no longer than a request head would.
            const qint64 timeout = m_nextNumber == 1
                    ? qMin(limits.idleTimeout, limits.headerTimeout).count()
                    : limits.idleTimeout.count();
            if (now - m_quietSince >= timeout) {
                m_input = Input::Stopped;
                m_closing = true;
                m_socket->disconnectFromHost();
            }
        }
        break;
    case Input::Waiting:
    case Input::Stopped:
        break;
    }
}

void HttpConnection::beginDrain()
{
    if (m_closed || !m_socket || m_closing)
        return;
    switch (m_input) {
    case Input::Idle:
        m_requestLimit = m_nextNumber - 1;
        m_input = Input::Stopped;
        break;
    case Input::Head:
    case Input::Waiting:
        m_requestLimit = m_nextNumber; // the request being received is finished
        break;
    case Input::Body:
        m_requestLimit = m_nextNumber - 1; // its slot is already numbered
        break;
    case Input::Stopped:
        break;
    }
    if (m_input == Input::Stopped && m_slots.empty())
        closeAfterWriting(false);
}

} // namespace CallBridge
