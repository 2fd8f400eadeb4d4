// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "core/phone/PhoneNumberNormalizer.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace CallBridge {

class ContactCache;

// Calls, newest first: time (with the direction's icon), number, contact, extension, duration,
// status and whether there is a recording. Contact names come from the ContactCache, which
// fetches the unknown ones as rows are shown.
class CallHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        NumberColumn,
        ContactColumn,
        ExtensionColumn,
        DurationColumn,
        StatusColumn,
        RecordingColumn,
        ColumnCount
    };
    enum Role { PbxCallIdRole = Qt::UserRole + 1, PlayableRole };

    explicit CallHistoryModel(ContactCache *cache, QObject *parent = nullptr);

    void setNumberFormat(const PhoneNumberNormalizer &normalizer);
    void setCalls(const QList<CallInfo> &calls);
    void
    appendCalls(const QList<CallInfo> &calls); // a further page; calls listed already are skipped
    // Replaces a listed call; otherwise, when `insert` is true, adds it where its start time
    // puts it (newest first). Returns its row, or -1.
    int upsert(const CallInfo &call, bool insert);

    const QList<CallInfo> &calls() const { return m_calls; }
    const CallInfo &call(int row) const { return m_calls.at(row); }
    int rowOf(const QString &pbxCallId) const;
    QString contactName(const CallInfo &call) const; // empty when not linked or not known yet

    static bool isPlayable(const CallInfo &call) { return call.isRecorded && call.recordingReady; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void contactKnown(qint64 contactId);

    QPointer<ContactCache> m_cache;
    PhoneNumberNormalizer m_normalizer;
    QList<CallInfo> m_calls;
};

} // namespace CallBridge
