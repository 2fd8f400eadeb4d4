// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimEchoCheck.h"

#include "core/common/Clock.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

namespace CallBridge {
namespace {

QString excerpt(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(60));
    for (QChar &c : text) {
        if (!c.isPrint())
            c = u'?';
    }
    return body.size() > 60 ? text + QStringLiteral("…") : text;
}

} // namespace

SimEchoCheck::SimEchoCheck(QNetworkAccessManager *network, Clock *clock, QUrl url, QObject *parent)
    : QObject(parent), m_network(network), m_clock(clock), m_url(std::move(url))
{ }

SimEchoCheck::~SimEchoCheck()
{
    if (m_reply) {
        m_reply->disconnect(this); // abort() emits finished(); nobody is left to hear it
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void SimEchoCheck::start()
{
    if (m_started)
        return;
    m_started = true;
    const QString scheme = m_url.scheme().toLower();
    if (!m_url.isValid() || m_url.host().isEmpty()
        || (scheme != QLatin1StringView("http") && scheme != QLatin1StringView("https"))) {
        // Still finish from the event loop, after the caller has connected.
        QTimer::singleShot(0, this, [this] {
            finish(Error::InvalidUrl,
                   QStringLiteral("\"%1\" is not an absolute http(s) URL")
                           .arg(m_url.toString(QUrl::FullyEncoded)));
        });
        return;
    }

    // Zadarma's value looks random; 32 hex characters pass any sane echo handler unchanged.
    quint32 random[4];
    QRandomGenerator::system()->fillRange(random);
    m_echo = QByteArray(reinterpret_cast<const char *>(random), sizeof random).toHex();

    QUrl target = m_url;
    const QString query = target.query(QUrl::FullyEncoded);
    const QString echo = QStringLiteral("zd_echo=") + QString::fromLatin1(m_echo);
    target.setQuery(query.isEmpty() ? echo : query + u'&' + echo);
    target.setFragment(QString());

    QNetworkRequest request(target);
    // PHP/curl does not follow redirects by default; a redirect is not the echo.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("zadarma-sim"));
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::finished, this, &SimEchoCheck::handleFinished);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received > maxAnswerBytes && m_reply && m_reply->isRunning()) {
            m_tooLarge = true;
            m_reply->abort();
        }
    });
    m_clock->callAfter(m_timeout, this, [this] {
        if (m_reply && m_reply->isRunning()) {
            m_timedOut = true;
            m_reply->abort();
        }
    });
}

void SimEchoCheck::handleFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    reply->deleteLater();
    const QString where = m_url.toString(QUrl::FullyEncoded);
    if (m_timedOut) {
        return finish(Error::Timeout,
                      QStringLiteral("%1 did not answer the zd_echo check within %2 s")
                              .arg(where)
                              .arg(double(m_timeout.count()) / 1000.0));
    }
    if (m_tooLarge) {
        return finish(Error::WrongAnswer,
                      QStringLiteral("%1 answered the zd_echo check with more than %2 bytes")
                              .arg(where)
                              .arg(maxAnswerBytes));
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        return finish(Error::Unreachable,
                      QStringLiteral("%1 is not reachable: %2").arg(where, reply->errorString()));
    }
    if (status != 200) {
        return finish(Error::WrongAnswer,
                      QStringLiteral("%1 answered the zd_echo check with HTTP %2 instead of 200%3")
                              .arg(where)
                              .arg(status)
                              .arg(status >= 300 && status < 400
                                           ? QStringLiteral(" (redirects are not followed)")
                                           : QString()));
    }
    // Exactly the value: the official examples echo it and stop, so a newline or an HTML page
    // around it means the handler is not the one Zadarma expects.
    const QByteArray body = reply->readAll();
    if (body != m_echo) {
        return finish(Error::WrongAnswer,
                      QStringLiteral("%1 answered the zd_echo check with \"%2\" instead of the "
                                     "zd_echo value")
                              .arg(where, excerpt(body)));
    }
    finish(Error::NoError, QString());
}

void SimEchoCheck::finish(Error error, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_errorString = message;
    emit finished();
}

} // namespace CallBridge
