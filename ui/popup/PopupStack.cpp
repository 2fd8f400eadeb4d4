// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/popup/PopupStack.h"

#include "ui/UiLogging.h"
#include "ui/popup/CallPopup.h"
#include "ui/popup/RingTone.h"

#include <QEvent>
#include <QGuiApplication>
#include <QPushButton>
#include <QScreen>

namespace CallBridge {

PopupStack::PopupStack(QObject *parent)
    : QObject(parent), m_dismissAll(std::make_unique<QPushButton>()), m_ring(new RingTone(this))
{
    m_dismissAll->setWindowFlags(Qt::Tool | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint
                                 | Qt::WindowDoesNotAcceptFocus);
    m_dismissAll->setAttribute(Qt::WA_ShowWithoutActivating);
    m_dismissAll->setFocusPolicy(Qt::NoFocus);
    m_dismissAll->setCursor(Qt::PointingHandCursor);
    m_dismissAll->setObjectName(QStringLiteral("dismissAll"));
    connect(m_dismissAll.get(), &QPushButton::clicked, this, &PopupStack::dismissAll);
}

PopupStack::~PopupStack()
{
    m_ring->stop();
    qDeleteAll(m_popups);
}

void PopupStack::show(const CallUpdate &update)
{
    if (popup(update.call.pbxCallId)) {
        this->update(update);
        return;
    }
    auto *popup = new CallPopup(update);
    configure(popup);
    connect(popup, &CallPopup::openInCrmRequested, this, &PopupStack::openInCrmRequested);
    connect(popup, &CallPopup::callBackRequested, this, &PopupStack::callBackRequested);
    connect(popup, &CallPopup::createContactRequested, this, &PopupStack::createContactRequested);
    connect(popup, &CallPopup::dismissed, this, [this, popup](const QString &pbxCallId) {
        remove(popup);
        emit dismissed(pbxCallId);
    });
    connect(popup, &CallPopup::expired, this, [this, popup] { remove(popup); });
    m_popups.append(popup);
    makeRoom();
    popup->installEventFilter(this);
    restack();
    popup->QWidget::show();
    updateRing();
    emit shown(update.call.pbxCallId);
    emit countChanged(int(m_popups.size()));
}

void PopupStack::update(const CallUpdate &update)
{
    if (CallPopup *popup = this->popup(update.call.pbxCallId)) {
        popup->update(update);
        updateRing();
    }
}

void PopupStack::dismiss(const QString &pbxCallId)
{
    if (CallPopup *popup = this->popup(pbxCallId)) {
        remove(popup);
        emit dismissed(pbxCallId);
    }
}

void PopupStack::dismissAll()
{
    const QList<CallPopup *> popups = m_popups;
    for (CallPopup *popup : popups)
        dismiss(popup->pbxCallId());
}

void PopupStack::setLimit(int limit)
{
    m_limit = std::max(1, limit);
    makeRoom();
    restack();
}

void PopupStack::setRegion(const QString &region)
{
    m_region = region;
    for (CallPopup *popup : std::as_const(m_popups))
        popup->setRegion(region);
}

void PopupStack::setOwnExtension(const QString &extension)
{
    m_ownExtension = extension;
    for (CallPopup *popup : std::as_const(m_popups))
        popup->setOwnExtension(extension);
}

void PopupStack::setColleagues(const QHash<QString, QString> &namesByExtension)
{
    m_colleagues = namesByExtension;
    for (CallPopup *popup : std::as_const(m_popups))
        popup->setColleagues(namesByExtension);
}

void PopupStack::setCrmUrlTemplate(const QString &urlTemplate)
{
    m_crmUrlTemplate = urlTemplate;
    for (CallPopup *popup : std::as_const(m_popups))
        popup->setCrmUrlTemplate(urlTemplate);
}

void PopupStack::setAutoCloseAfterEnd(std::chrono::milliseconds delay)
{
    m_autoCloseAfterEnd = delay;
    for (CallPopup *popup : std::as_const(m_popups))
        popup->setAutoCloseAfterEnd(delay);
}

void PopupStack::setLastInteraction(const QString &pbxCallId, const QString &text)
{
    if (CallPopup *popup = this->popup(pbxCallId))
        popup->setLastInteraction(text);
}

void PopupStack::setRingSoundEnabled(bool on)
{
    m_ringSound = on;
    updateRing();
}

bool PopupStack::anyRinging() const
{
    return std::any_of(m_popups.cbegin(), m_popups.cend(),
                       [](const CallPopup *popup) { return popup->isRinging(); });
}

bool PopupStack::isRingPlaying() const
{
    return m_ring->isPlaying();
}

CallPopup *PopupStack::popup(const QString &pbxCallId) const
{
    for (CallPopup *popup : m_popups) {
        if (popup->pbxCallId() == pbxCallId)
            return popup;
    }
    return nullptr;
}

bool PopupStack::eventFilter(QObject *watched, QEvent *event)
{
    // A pop-up grows or shrinks when its call changes; the ones above it move along.
    if (event->type() == QEvent::Resize && m_popups.contains(watched))
        restack();
    return QObject::eventFilter(watched, event);
}

void PopupStack::configure(CallPopup *popup) const
{
    if (!m_region.isEmpty())
        popup->setRegion(m_region);
    popup->setOwnExtension(m_ownExtension);
    popup->setColleagues(m_colleagues);
    popup->setCrmUrlTemplate(m_crmUrlTemplate);
    popup->setAutoCloseAfterEnd(m_autoCloseAfterEnd);
}

void PopupStack::makeRoom()
{
    const QScreen *screen = QGuiApplication::primaryScreen();
    const int room = screen ? screen->availableGeometry().height() - 2 * margin : INT_MAX;
    const auto tooTall = [&] {
        int height = 0;
        for (const CallPopup *popup : std::as_const(m_popups))
            height += popup->height() + spacing;
        if (m_popups.size() > 1)
            height += m_dismissAll->sizeHint().height();
        return height > room;
    };
    while (m_popups.size() > m_limit || (m_popups.size() > 1 && tooTall())) {
        // The newest stays: it is the one the agent has not seen yet.
        const auto last = m_popups.cend() - 1;
        const auto finished = std::find_if(m_popups.cbegin(), last, [](const CallPopup *popup) {
            return popup->isFinished();
        });
        qCDebug(lcUiPopup) << "more pop-ups than room; the oldest"
                           << (finished != last ? "finished one" : "one") << "closes";
        remove(finished != last ? *finished : m_popups.first());
    }
}

void PopupStack::remove(CallPopup *popup)
{
    if (!m_popups.removeOne(popup))
        return;
    popup->removeEventFilter(this);
    popup->hide();
    popup->deleteLater();
    restack();
    updateRing();
    emit countChanged(int(m_popups.size()));
}

void PopupStack::restack()
{
    const QScreen *screen = QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect area
            = screen->availableGeometry().marginsRemoved(QMargins(margin, margin, margin, margin));
    int bottom = area.bottom() + 1;
    for (CallPopup *popup : std::as_const(m_popups)) {
        popup->move(area.right() + 1 - popup->width(), bottom - popup->height());
        bottom -= popup->height() + spacing;
    }

    const int count = int(m_popups.size());
    if (count < 2) {
        m_dismissAll->hide();
        return;
    }
    m_dismissAll->setText(tr("Dismiss all (%1)").arg(count));
    m_dismissAll->resize(m_dismissAll->sizeHint() + QSize(16, 4));
    m_dismissAll->move(area.right() + 1 - m_dismissAll->width(), bottom - m_dismissAll->height());
    m_dismissAll->show();
}

void PopupStack::updateRing()
{
    if (m_ringSound && anyRinging())
        m_ring->play();
    else
        m_ring->stop();
}

} // namespace CallBridge
