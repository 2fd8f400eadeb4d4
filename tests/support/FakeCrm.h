// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/support/RecordedRequest.h"

#include <QByteArray>
#include <QHash>
#include <QHttpServer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <deque>
#include <memory>
#include <vector>

class QHttpServerResponder;

namespace CallBridge::Test {

// A small EspoCRM on 127.0.0.1 (REST API v1, X-Api-Key): in-memory Contact, Lead, Call and Task
// records, list with where[] filters (equals, contains, or, and; phoneNumber matches any of a
// record's numbers), create, read. Faults can be injected to test the connector's error
// handling; every request is recorded.
class FakeCrm : public QObject
{
    Q_OBJECT

public:
    using Request = RecordedRequest;

    // port 0: any free one.
    explicit FakeCrm(QByteArray apiKey = "fake-crm-api-key-1234", quint16 port = 0,
                     QObject *parent = nullptr);
    ~FakeCrm() override;

    QUrl url() const;
    const QByteArray &apiKey() const { return m_apiKey; }

    // Adds a record as if someone had typed it into the CRM; returns its id.
    QString addRecord(const QString &entity, QJsonObject record);
    // A contact with phone numbers (the first is primary), as EspoCRM keeps them.
    QString addContact(const QString &firstName, const QString &lastName, const QStringList &phones,
                       QJsonObject extra = {});
    // Changes fields of a record as someone editing it in the CRM would; false: no such record.
    bool updateRecord(const QString &entity, const QString &id, const QJsonObject &fields);
    QList<QJsonObject> records(const QString &entity) const { return m_records.value(entity); }
    QJsonObject record(const QString &entity, const QString &id) const;
    const QList<Request> &requests() const { return m_requests; }

    // Faults, for the next requests in order; each applies to one request.
    void failNext(int count, int status, QByteArray retryAfter = {}, QByteArray body = {});
    void hangNext(int count); // never answers, does nothing
    void dropAnswerNext(int count); // does the work, never answers
    void answerNext(int status, QByteArray body, QByteArray contentType = "application/json");
    // Every answer comes this late (the work is done at once).
    void setDelay(int milliseconds) { m_delayMs = milliseconds; }

signals:
    void requestReceived();

private:
    struct Fault
    {
        enum class Kind { Status, Hang, DropAnswer, Raw };
        Kind kind = Kind::Status;
        int status = 500;
        QByteArray body;
        QByteArray contentType = "application/json";
        QByteArray retryAfter;
    };
    struct Answer
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
        QList<std::pair<QByteArray, QByteArray>> headers;
    };

    void handle(const Request &request, QHttpServerResponder &&responder);
    Answer process(const Request &request);
    Answer list(const QString &entity, const QByteArray &query) const;
    Answer create(const QString &entity, const QByteArray &body);
    void write(QHttpServerResponder &responder, const Answer &answer);
    void hold(QHttpServerResponder &&responder);

    QHttpServer m_server;
    quint16 m_port = 0;
    QByteArray m_apiKey;
    QHash<QString, QList<QJsonObject>> m_records;
    QList<Request> m_requests;
    std::deque<Fault> m_faults;
    int m_delayMs = 0;
    int m_nextId = 1;
    std::vector<std::unique_ptr<QHttpServerResponder>> m_held;
};

} // namespace CallBridge::Test
