// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "core/common/Result.h"

#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace CallBridge {

template<typename T> using RelayResult = Result<T, RelayError>;
template<typename T> using RelayCallback = std::function<void(RelayResult<T>)>;

// The relay's REST API for the desktop app (README "The agents' API"). Every call is
// asynchronous: `done` runs once on the caller's thread, unless `context` is destroyed first.
// Errors carry the relay's own message; a 401 also emits unauthorised() so the app can ask for a
// new token.
class RelayClient : public QObject
{
    Q_OBJECT

public:
    explicit RelayClient(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~RelayClient() override;

    void setRelayUrl(const QUrl &url); // "http://127.0.0.1:8080" (a path prefix is kept)
    QUrl relayUrl() const;
    void setToken(const QString &token);
    bool hasToken() const;
    // The stream's URL: ws(s)://…/v1/stream.
    QUrl streamUrl() const;
    // An authorised request for a relay path such as "/v1/me". Never logged.
    QNetworkRequest request(const QString &path) const;

    // Agents
    void me(QObject *context, RelayCallback<UserInfo> done);
    void clickToCall(const QString &number, QObject *context,
                     RelayCallback<ClickToCallPlaced> done);
    void searchContacts(const QString &query, int limit, QObject *context,
                        RelayCallback<QList<ContactCard>> done);
    void contact(qint64 id, QObject *context, RelayCallback<ContactCard> done);
    void createContact(const ContactDraft &draft, QObject *context,
                       RelayCallback<ContactCard> done);
    void updateContact(qint64 id, const ContactDraft &changes, QObject *context,
                       RelayCallback<ContactCard> done);
    void calls(const CallQuery &query, QObject *context, RelayCallback<CallPage> done);
    void call(const QString &pbxCallId, QObject *context, RelayCallback<CallInfo> done);
    // GET …/recording; the caller reads the reply (readyRead, downloadProgress) and deletes it.
    // QMediaPlayer cannot send a token, so the player plays the downloaded file.
    QNetworkReply *downloadRecording(const QString &pbxCallId);
    void tasks(bool done, QObject *context, RelayCallback<QList<TaskInfo>> callback);
    void finishTask(qint64 id, QObject *context, RelayCallback<TaskInfo> done);
    void snoozeTask(qint64 id, int minutes, QObject *context, RelayCallback<TaskInfo> done);

    // Admins (403 for agents)
    void credentialsConfigured(QObject *context, RelayCallback<bool> done);
    void setCredentials(const QString &key, const QString &secret, QObject *context,
                        RelayCallback<Balance> done);
    void testConnection(QObject *context, RelayCallback<ConnectionTest> done);
    void balance(QObject *context, RelayCallback<Balance> done);
    void extensions(QObject *context, RelayCallback<ExtensionList> done);
    void users(QObject *context, RelayCallback<QList<UserInfo>> done);
    void createUser(const NewUser &user, QObject *context, RelayCallback<CreatedUser> done);
    // changes: any of display_name, role, extension ("" frees the extension)
    void updateUser(qint64 id, const QJsonObject &changes, QObject *context,
                    RelayCallback<UserInfo> done);
    void removeUser(qint64 id, QObject *context, RelayCallback<bool> done);
    void newToken(qint64 id, QObject *context, RelayCallback<QString> done);
    void settings(QObject *context, RelayCallback<RelaySettingsSnapshot> done);
    void putSettings(const QJsonObject &changes, QObject *context,
                     RelayCallback<RelaySettingsSnapshot> done);
    void blacklist(QObject *context, RelayCallback<QList<BlacklistEntryInfo>> done);
    void addToBlacklist(const QString &number, const QString &reason, QObject *context,
                        RelayCallback<BlacklistEntryInfo> done);
    void removeFromBlacklist(const QString &number, QObject *context, RelayCallback<bool> done);

signals:
    void unauthorised(const QString &message);

private:
    // One JSON request; `parse` turns a 2xx body into the value.
    template<typename T>
    void send(const QByteArray &method, const QString &path, const QJsonObject *body,
              QObject *context, std::function<RelayResult<T>(const QJsonObject &)> parse,
              RelayCallback<T> done);

    QNetworkAccessManager *m_network;
    QUrl m_relayUrl;
    QString m_token;
};

} // namespace CallBridge
