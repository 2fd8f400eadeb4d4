// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "core/phone/PhoneNumberNormalizer.h"

#include <QDate>
#include <QWidget>

class QButtonGroup;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableView;

namespace CallBridge {

class Banner;
class CallHistoryModel;
class ContactCache;
class RecordingPlayer;
class RelayClient;

// The calls the relay lets this user see (their own, or all for administrators), newest first,
// with filters, paging by the relay's cursor, live updates from the stream, and the selected
// call's recording player.
class HistoryPage : public QWidget
{
    Q_OBJECT

public:
    enum class Filter { All, Missed, Inbound, Outbound };
    Q_ENUM(Filter)

    HistoryPage(RelayClient *client, ContactCache *cache, QWidget *parent = nullptr);

    void setNumberFormat(const PhoneNumberNormalizer &normalizer);
    void setAdministrator(bool administrator);
    void setPageSize(int calls) { m_pageSize = calls; }
    int pageSize() const { return m_pageSize; }

    Filter filter() const { return m_filter; }
    void setFilter(Filter filter);
    // Days from and to, both included; an invalid date leaves that side open.
    void setDateRange(const QDate &from, const QDate &to);
    QDate fromDate() const;
    QDate toDate() const;

    CallHistoryModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    RecordingPlayer *player() const { return m_player; }
    Banner *banner() const { return m_banner; }
    QPushButton *loadMoreButton() const { return m_loadMore; }
    bool hasMore() const { return !m_next.isEmpty(); }
    bool isLoading() const { return m_loading; }
    bool matches(const CallInfo &call) const; // the filters would list it
    // The call whose details and recording are shown, empty when none.
    QString selectedCall() const;

public slots:
    void refresh(); // the first page again
    void loadMore();
    void callChanged(const CallBridge::CallUpdate &update);
    void selectCall(const QString &pbxCallId);

signals:
    void loaded(); // a page was listed
    void loadFailed(const QString &message);

private:
    void fetch(CallQuery query, quint64 generation, bool reset, QList<CallInfo> collected,
               int pagesLeft);
    CallQuery baseQuery() const;
    void showDetails();
    void callBack();
    void updateFooter();

    RelayClient *m_client;
    ContactCache *m_cache;
    PhoneNumberNormalizer m_normalizer;
    CallHistoryModel *m_model;
    Filter m_filter = Filter::All;
    int m_pageSize = 50;
    QString m_next;
    bool m_loading = false;
    quint64 m_generation = 0; // the latest list request; answers to older ones are dropped

    QLabel *m_title;
    QLabel *m_subtitle;
    QButtonGroup *m_filters;
    QDateEdit *m_from;
    QDateEdit *m_to;
    Banner *m_banner;
    QTableView *m_table;
    QLabel *m_count;
    QPushButton *m_loadMore;
    QWidget *m_details;
    QLabel *m_detailsTitle;
    QLabel *m_detailsText;
    QPushButton *m_callBack;
    RecordingPlayer *m_player;
};

} // namespace CallBridge
