// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <memory>

class QPushButton;

namespace CallBridge {

class CallPopup;
class RingTone;

// The call pop-ups on screen, one per pbx_call_id, stacked bottom right of the primary screen
// (the oldest at the bottom) with a "Dismiss all" button once there are two. When more than the
// limit would show, the oldest finished call makes room first, else the oldest. Rings while any
// shown call is ringing, unless the sound is off.
class PopupStack : public QObject
{
    Q_OBJECT

public:
    explicit PopupStack(QObject *parent = nullptr);
    ~PopupStack() override;

    // From LiveCalls::popupRequested; a call that already has a pop-up is updated instead.
    void show(const CallUpdate &update);
    // From LiveCalls::popupUpdated; nothing for a call without a pop-up (dismissed, evicted).
    void update(const CallUpdate &update);
    void dismiss(const QString &pbxCallId);
    void dismissAll();

    void setLimit(int limit); // at least 1; default 3
    int limit() const { return m_limit; }

    // Passed on to every pop-up, shown now or later.
    void setRegion(const QString &region);
    void setOwnExtension(const QString &extension);
    void setColleagues(const QHash<QString, QString> &namesByExtension);
    void setCrmUrlTemplate(const QString &urlTemplate);
    void setAutoCloseAfterEnd(std::chrono::milliseconds delay);
    void setLastInteraction(const QString &pbxCallId, const QString &text);

    void setRingSoundEnabled(bool on);
    bool isRingSoundEnabled() const { return m_ringSound; }
    bool anyRinging() const; // a shown call is ringing
    bool isRingPlaying() const; // the ring sound is on (heard where there is a sound device)

    QList<CallPopup *> popups() const { return m_popups; } // oldest first
    CallPopup *popup(const QString &pbxCallId) const;
    QPushButton *dismissAllButton() const { return m_dismissAll.get(); }

    static constexpr int margin = 12; // from the screen's edges
    static constexpr int spacing = 8; // between pop-ups

signals:
    void openInCrmRequested(const QUrl &url);
    void callBackRequested(const QString &number);
    void createContactRequested(const QString &number);
    void dismissed(const QString &pbxCallId); // by the agent
    void shown(const QString &pbxCallId);
    void countChanged(int count);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void configure(CallPopup *popup) const;
    void makeRoom();
    void remove(CallPopup *popup);
    void restack();
    void updateRing();

    QList<CallPopup *> m_popups;
    std::unique_ptr<QPushButton> m_dismissAll;
    RingTone *m_ring;
    int m_limit = 3;
    bool m_ringSound = true;

    QString m_region; // empty: the normalizer's default
    QString m_ownExtension;
    QHash<QString, QString> m_colleagues;
    QString m_crmUrlTemplate;
    std::chrono::milliseconds m_autoCloseAfterEnd { std::chrono::seconds(30) };
};

} // namespace CallBridge
