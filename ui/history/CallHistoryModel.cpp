// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/history/CallHistoryModel.h"

#include "ui/main/CallFormat.h"
#include "ui/main/ContactCache.h"
#include "ui/main/PageIcons.h"

#include <QSet>

namespace CallBridge {

CallHistoryModel::CallHistoryModel(ContactCache *cache, QObject *parent)
    : QAbstractTableModel(parent), m_cache(cache)
{
    if (m_cache) {
        connect(m_cache, &ContactCache::contactKnown, this,
                [this](const ContactCard &card) { contactKnown(card.id); });
    }
}

void CallHistoryModel::setNumberFormat(const PhoneNumberNormalizer &normalizer)
{
    m_normalizer = normalizer;
    if (!m_calls.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void CallHistoryModel::setCalls(const QList<CallInfo> &calls)
{
    beginResetModel();
    m_calls = calls;
    endResetModel();
}

void CallHistoryModel::appendCalls(const QList<CallInfo> &calls)
{
    QSet<QString> listed;
    for (const CallInfo &call : std::as_const(m_calls))
        listed.insert(call.pbxCallId);
    QList<CallInfo> fresh;
    for (const CallInfo &call : calls) {
        if (!listed.contains(call.pbxCallId))
            fresh.append(call);
    }
    if (fresh.isEmpty())
        return;
    beginInsertRows(QModelIndex(), rowCount(), rowCount() + int(fresh.size()) - 1);
    m_calls.append(fresh);
    endInsertRows();
}

int CallHistoryModel::upsert(const CallInfo &call, bool insert)
{
    const int row = rowOf(call.pbxCallId);
    if (row >= 0) {
        m_calls[row] = call;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return row;
    }
    if (!insert)
        return -1;
    // Newest first; a late (back-filled) call goes where its time puts it.
    int at = 0;
    while (at < m_calls.size() && m_calls.at(at).startedAt > call.startedAt)
        ++at;
    beginInsertRows(QModelIndex(), at, at);
    m_calls.insert(at, call);
    endInsertRows();
    return at;
}

int CallHistoryModel::rowOf(const QString &pbxCallId) const
{
    for (int row = 0; row < m_calls.size(); ++row) {
        if (m_calls.at(row).pbxCallId == pbxCallId)
            return row;
    }
    return -1;
}

QString CallHistoryModel::contactName(const CallInfo &call) const
{
    if (call.contactId <= 0 || !m_cache)
        return QString();
    const auto card = m_cache->fetch(call.contactId);
    // A new caller's contact is named after the number, which has a column of its own.
    return card && !CallFormat::isNumberLike(card->name) ? card->name : QString();
}

void CallHistoryModel::contactKnown(qint64 contactId)
{
    for (int row = 0; row < m_calls.size(); ++row) {
        if (m_calls.at(row).contactId == contactId)
            emit dataChanged(index(row, ContactColumn), index(row, ContactColumn));
    }
}

int CallHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_calls.size());
}

int CallHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CallHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_calls.size())
        return {};
    const CallInfo &call = m_calls.at(index.row());
    if (role == PbxCallIdRole)
        return call.pbxCallId;
    if (role == PlayableRole)
        return isPlayable(call);

    switch (index.column()) {
    case TimeColumn:
        if (role == Qt::DisplayRole)
            return CallFormat::when(call.startedAt, QDateTime::currentDateTime());
        if (role == Qt::DecorationRole)
            return PageIcons::icon(CallFormat::directionGlyph(call),
                                   CallFormat::directionColor(call));
        if (role == Qt::ToolTipRole)
            return QString(CallFormat::direction(call) + u'\n'
                           + QLocale().toString(call.startedAt.toLocalTime(), QLocale::LongFormat));
        break;
    case NumberColumn:
        if (role == Qt::DisplayRole) {
            const QString number = call.clientNumber.isEmpty() ? call.callerId : call.clientNumber;
            return number.isEmpty() ? tr("Unknown number") : m_normalizer.formatForDisplay(number);
        }
        break;
    case ContactColumn:
        if (role == Qt::DisplayRole) {
            const QString name = contactName(call);
            if (!name.isEmpty())
                return name;
            return call.contactId > 0 && m_cache && !m_cache->card(call.contactId)
                    ? QStringLiteral("…")
                    : QString();
        }
        break;
    case ExtensionColumn:
        if (role == Qt::DisplayRole) {
            const QString extension = call.answeredBy.isEmpty() ? call.extension : call.answeredBy;
            return extension;
        }
        if (role == Qt::ToolTipRole && !call.ringingExtensions.isEmpty())
            return tr("Rang: %1").arg(call.ringingExtensions.join(QStringLiteral(", ")));
        break;
    case DurationColumn:
        if (role == Qt::DisplayRole)
            return call.durationSeconds > 0 ? CallFormat::duration(call.durationSeconds)
                                            : QString();
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case StatusColumn:
        if (role == Qt::DisplayRole)
            return CallFormat::status(call);
        if (role == Qt::ForegroundRole && CallFormat::isMissed(call))
            return PageIcons::errorColor();
        break;
    case RecordingColumn:
        if (role == Qt::DecorationRole && call.isRecorded) {
            QColor color = isPlayable(call) ? PageIcons::errorColor() : PageIcons::mutedColor();
            return PageIcons::icon(PageIcons::Glyph::Recording, color);
        }
        if (role == Qt::ToolTipRole && call.isRecorded)
            return isPlayable(call) ? tr("Recorded: select the call to play it")
                                    : tr("Recorded; the recording is not ready yet");
        break;
    default:
        break;
    }
    return {};
}

QVariant CallHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TimeColumn:
            return tr("Time");
        case NumberColumn:
            return tr("Number");
        case ContactColumn:
            return tr("Contact");
        case ExtensionColumn:
            return tr("Ext.");
        case DurationColumn:
            return tr("Duration");
        case StatusColumn:
            return tr("Status");
        default:
            return QString();
        }
    }
    if (role == Qt::DecorationRole && section == RecordingColumn)
        return PageIcons::icon(PageIcons::Glyph::Recording, PageIcons::mutedColor());
    if (role == Qt::ToolTipRole && section == RecordingColumn)
        return tr("Recording");
    if (role == Qt::TextAlignmentRole && section == DurationColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace CallBridge
