// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/PlainWebSocket.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QtEndian>

namespace CallBridge {

namespace {

enum Opcode { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

constexpr qsizetype maxUpgradeAnswer = 16 * 1024;

QByteArray acceptFor(const QByteArray &key)
{
    return QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                    QCryptographicHash::Sha1)
            .toBase64();
}

// The value of header `name` in an HTTP head (its lines after the status line), or null.
QByteArray headerValue(const QList<QByteArray> &lines, QByteArrayView name)
{
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

PlainWebSocket::PlainWebSocket() = default;

PlainWebSocket::~PlainWebSocket()
{
    if (m_socket)
        m_socket->disconnect(this);
}

void PlainWebSocket::open(const QNetworkRequest &request)
{
    if (m_state != State::Idle)
        return;
    m_request = request;
    m_state = State::Upgrading;
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, &PlainWebSocket::sendUpgrade);
    connect(m_socket, &QTcpSocket::readyRead, this, &PlainWebSocket::readSocket);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_state == State::Closed)
            return;
        // The relay closing the TCP connection after its close frame is the normal end.
        if (m_socket->error() == QAbstractSocket::RemoteHostClosedError && m_closeCode != 1006)
            return;
        m_error = m_socket->errorString();
        emit failed();
    });
    connect(m_socket, &QTcpSocket::disconnected, this, &PlainWebSocket::onSocketGone);
    const QUrl url = request.url();
    m_socket->connectToHost(url.host(), quint16(url.port(80)));
}

void PlainWebSocket::sendUpgrade()
{
    quint32 nonce[4];
    QRandomGenerator::system()->fillRange(nonce);
    m_key = QByteArray(reinterpret_cast<const char *>(nonce), sizeof(nonce)).toBase64();
    const QUrl url = m_request.url();
    QByteArray resource = url.path(QUrl::FullyEncoded).toUtf8();
    if (resource.isEmpty())
        resource = "/";
    if (url.hasQuery())
        resource += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']'; // IPv6
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());
    QByteArray head = "GET " + resource + " HTTP/1.1\r\nHost: " + host
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + m_key
            + "\r\nSec-WebSocket-Version: 13\r\n";
    const QList<QByteArray> names = m_request.rawHeaderList();
    for (const QByteArray &name : names)
        head += name + ": " + m_request.rawHeader(name) + "\r\n";
    head += "\r\n";
    m_socket->write(head);
}

void PlainWebSocket::readSocket()
{
    m_buffer += m_socket->readAll();
    if (m_state == State::Upgrading && !readUpgradeAnswer())
        return;
    while ((m_state == State::Open || m_state == State::Closing) && readFrame()) { }
}

// True once the relay switched protocols; false while the answer is incomplete or refused.
bool PlainWebSocket::readUpgradeAnswer()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_buffer.size() > maxUpgradeAnswer)
            fail(QStringLiteral("The relay's answer to the WebSocket upgrade is too long."));
        return false;
    }
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    m_buffer.remove(0, end + 4);
    const QList<QByteArray> status = lines.constFirst().trimmed().split(' ');
    const int code = status.size() >= 2 ? status.at(1).toInt() : 0;
    if (code != 101) {
        m_handshakeStatus = code;
        fail(QStringLiteral("The relay refused the WebSocket upgrade: HTTP %1 %2")
                     .arg(code)
                     .arg(QString::fromUtf8(status.mid(2).join(' '))));
        return false;
    }
    if (headerValue(lines, "Upgrade").compare("websocket", Qt::CaseInsensitive) != 0
        || !headerValue(lines, "Connection").toLower().contains("upgrade")
        || headerValue(lines, "Sec-WebSocket-Accept") != acceptFor(m_key)) {
        fail(QStringLiteral("The relay's answer to the WebSocket upgrade is not a WebSocket "
                            "handshake."));
        return false;
    }
    m_state = State::Open;
    emit connected();
    return m_state == State::Open;
}

// Reads one whole frame from the buffer; false when it holds none yet (or the connection ended).
bool PlainWebSocket::readFrame()
{
    if (m_buffer.size() < 2)
        return false;
    const auto *data = reinterpret_cast<const uchar *>(m_buffer.constData());
    const bool final = data[0] & 0x80;
    const int opcode = data[0] & 0x0F;
    const bool masked = data[1] & 0x80;
    quint64 length = data[1] & 0x7F;
    qsizetype header = 2;
    if (length == 126) {
        if (m_buffer.size() < 4)
            return false;
        length = qFromBigEndian<quint16>(data + 2);
        header = 4;
    } else if (length == 127) {
        if (m_buffer.size() < 10)
            return false;
        length = qFromBigEndian<quint64>(data + 2);
        header = 10;
    }
    if (data[0] & 0x70 || masked) {
        fail(QStringLiteral("The relay sent a WebSocket frame this client cannot read."), 1002);
        return false;
    }
    if (length > quint64(maxMessageSize)) {
        fail(QStringLiteral("The relay sent a WebSocket message larger than %1 bytes.")
                     .arg(maxMessageSize),
             1009);
        return false;
    }
    if (m_buffer.size() < header + qsizetype(length))
        return false;
    QByteArray payload = m_buffer.mid(header, qsizetype(length));
    m_buffer.remove(0, header + qsizetype(length));
    handleFrame(opcode, final, std::move(payload));
    return m_state == State::Open || m_state == State::Closing;
}

void PlainWebSocket::handleFrame(int opcode, bool final, QByteArray payload)
{
    switch (opcode) {
    case Text:
    case Binary:
    case Continuation:
        if ((opcode == Continuation) != m_inMessage) {
            fail(QStringLiteral("The relay sent WebSocket fragments out of order."), 1002);
            return;
        }
        if (opcode != Continuation) {
            m_messageIsText = opcode == Text;
            m_message.clear();
        }
        if (m_message.size() + payload.size() > maxMessageSize) {
            fail(QStringLiteral("The relay sent a WebSocket message larger than %1 bytes.")
                         .arg(maxMessageSize),
                 1009);
            return;
        }
        m_message += payload;
        m_inMessage = !final;
        if (final && m_messageIsText && m_state == State::Open)
            emit textReceived(QString::fromUtf8(std::exchange(m_message, QByteArray())));
        return;
    case Ping:
        if (m_state == State::Open)
            sendFrame(Pong, payload);
        emit alive();
        return;
    case Pong:
        emit alive();
        return;
    case Close:
        m_closeCode = payload.size() >= 2
                ? qFromBigEndian<quint16>(reinterpret_cast<const uchar *>(payload.constData()))
                : 1005; // no status code
        m_closeReason = QString::fromUtf8(payload.mid(2));
        if (!m_closeSent)
            sendFrame(Close, payload.left(2));
        m_state = State::Closing;
        m_socket->disconnectFromHost();
        return;
    default:
        fail(QStringLiteral("The relay sent a WebSocket frame of unknown type %1.").arg(opcode),
             1002);
        return;
    }
}

void PlainWebSocket::sendFrame(int opcode, const QByteArray &payload)
{
    QByteArray frame;
    frame.reserve(payload.size() + 14);
    frame += char(0x80 | opcode);
    const qsizetype length = payload.size();
    if (length < 126) {
        frame += char(0x80 | length);
    } else if (length <= 0xFFFF) {
        frame += char(0x80 | 126);
        uchar size[2];
        qToBigEndian<quint16>(quint16(length), size);
        frame.append(reinterpret_cast<const char *>(size), 2);
    } else {
        frame += char(0x80 | 127);
        uchar size[8];
        qToBigEndian<quint64>(quint64(length), size);
        frame.append(reinterpret_cast<const char *>(size), 8);
    }
    // Clients mask every frame (RFC 6455 5.3), with a fresh key each time.
    const quint32 key = QRandomGenerator::global()->generate();
    uchar mask[4];
    qToBigEndian<quint32>(key, mask);
    frame.append(reinterpret_cast<const char *>(mask), 4);
    const qsizetype start = frame.size();
    frame += payload;
    for (qsizetype i = 0; i < length; ++i)
        frame[start + i] = char(frame.at(start + i) ^ mask[i % 4]);
    m_socket->write(frame);
}

void PlainWebSocket::sendText(const QString &text)
{
    if (m_state == State::Open)
        sendFrame(Text, text.toUtf8());
}

void PlainWebSocket::close(int code, const QString &reason)
{
    if (m_state != State::Open) {
        abort();
        return;
    }
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian<quint16>(quint16(code), payload.data());
    payload += reason.toUtf8().left(123);
    sendFrame(Close, payload);
    m_closeSent = true;
    m_state = State::Closing;
}

void PlainWebSocket::abort()
{
    if (!m_socket || m_state == State::Closed)
        return;
    m_socket->abort();
    onSocketGone();
}

// A protocol error: says why, tells the relay when the connection is up (`closeCode`), drops it.
void PlainWebSocket::fail(const QString &message, int closeCode)
{
    m_error = message;
    if (closeCode != 0 && m_state == State::Open) {
        QByteArray payload(2, Qt::Uninitialized);
        qToBigEndian<quint16>(quint16(closeCode), payload.data());
        sendFrame(Close, payload);
        m_socket->flush();
    }
    emit failed();
    abort();
}

void PlainWebSocket::onSocketGone()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    emit disconnected();
}

} // namespace CallBridge
