// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/popup/CallPopup.h"

#include "ui/UiLogging.h"
#include "ui/popup/ElidedLabel.h"
#include "ui/tray/CallIcons.h"

#include <QBoxLayout>
#include <QEnterEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>

namespace CallBridge {

namespace {

constexpr int popupWidth = 340;
constexpr int accentWidth = 4;
constexpr int badgeSize = 22;
constexpr QMargins contentMargins(accentWidth + 14, 10, 10, 14);

PhoneNumberNormalizer normalizerFor(const QString &region)
{
    PhoneNumberNormalizer::Options options;
    options.defaultRegion = region;
    return PhoneNumberNormalizer(options);
}

QString duration(int seconds)
{
    const QChar zero(u'0');
    const int hours = seconds / 3600;
    if (hours > 0)
        return QStringLiteral("%1:%2:%3")
                .arg(hours)
                .arg(seconds / 60 % 60, 2, 10, zero)
                .arg(seconds % 60, 2, 10, zero);
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, zero);
}

QPushButton *actionButton(const QString &text, const QString &name, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setFocusPolicy(Qt::NoFocus);
    button->setAutoDefault(false);
    button->setCursor(Qt::PointingHandCursor);
    button->setMinimumSize(button->sizeHint() + QSize(16, 4));
    return button;
}

QLabel *textLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    return label;
}

ElidedLabel *elidedLabel(const QString &name, QWidget *parent)
{
    auto *label = new ElidedLabel(parent);
    label->setObjectName(name);
    return label;
}

} // namespace

CallPopup::CallPopup(const CallUpdate &update, QWidget *parent)
    : QWidget(parent,
              Qt::Tool | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint
                      | Qt::WindowDoesNotAcceptFocus),
      m_update(update),
      m_badge(new QLabel(this)),
      m_state(elidedLabel(QStringLiteral("state"), this)),
      m_time(textLabel(QStringLiteral("time"), this)),
      m_dismiss(new QToolButton(this)),
      m_name(elidedLabel(QStringLiteral("name"), this)),
      m_number(elidedLabel(QStringLiteral("number"), this)),
      m_company(elidedLabel(QStringLiteral("company"), this)),
      m_responsible(elidedLabel(QStringLiteral("responsible"), this)),
      m_lastInteractionLabel(textLabel(QStringLiteral("lastInteraction"), this)),
      m_openInCrm(actionButton(tr("Open in CRM"), QStringLiteral("openInCrm"), this)),
      m_callBack(actionButton(tr("Call back"), QStringLiteral("callBack"), this)),
      m_createContact(actionButton(tr("Create contact"), QStringLiteral("createContact"), this)),
      m_autoClose(new QTimer(this))
{
    setAttribute(Qt::WA_ShowWithoutActivating);
    setFocusPolicy(Qt::NoFocus);
    setObjectName(QStringLiteral("callPopup"));

    m_badge->setFixedSize(badgeSize, badgeSize);
    m_lastInteractionLabel->setWordWrap(true); // the app's own words, of any length
    m_dismiss->setObjectName(QStringLiteral("dismiss"));
    m_dismiss->setAutoRaise(true);
    m_dismiss->setFocusPolicy(Qt::NoFocus);
    m_dismiss->setToolTip(tr("Dismiss"));
    m_dismiss->setAccessibleName(tr("Dismiss"));
    m_dismiss->setIconSize(QSize(16, 16));
    m_dismiss->setCursor(Qt::PointingHandCursor);

    auto *header = new QHBoxLayout;
    header->setSpacing(8);
    header->addWidget(m_badge);
    header->addWidget(m_state, 1);
    header->addWidget(m_time);
    header->addWidget(m_dismiss, 0, Qt::AlignTop);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_createContact);
    buttons->addWidget(m_openInCrm);
    buttons->addWidget(m_callBack);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(contentMargins);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addSpacing(6);
    layout->addWidget(m_name);
    layout->addWidget(m_number);
    layout->addSpacing(4);
    layout->addWidget(m_company);
    layout->addWidget(m_responsible);
    layout->addWidget(m_lastInteractionLabel);
    layout->addSpacing(10);
    layout->addLayout(buttons);

    connect(m_dismiss, &QToolButton::clicked, this, [this] {
        m_autoClose->stop();
        hide();
        emit dismissed(pbxCallId());
    });
    connect(m_openInCrm, &QPushButton::clicked, this, [this] {
        const QUrl url = crmUrl();
        if (url.isValid())
            emit openInCrmRequested(url);
    });
    connect(m_callBack, &QPushButton::clicked, this, [this] { emit callBackRequested(number()); });
    connect(m_createContact, &QPushButton::clicked, this,
            [this] { emit createContactRequested(number()); });

    m_autoClose->setSingleShot(true);
    connect(m_autoClose, &QTimer::timeout, this, [this] {
        qCDebug(lcUiPopup) << "pop-up of an ended call closes on its own";
        hide();
        emit expired(pbxCallId());
    });
    refresh();
}

CallPopup::~CallPopup() = default;

void CallPopup::update(const CallUpdate &update)
{
    if (update.call.pbxCallId != m_update.call.pbxCallId) {
        qCWarning(lcUiPopup) << "pop-up given another call's update; ignored";
        return;
    }
    // A late or replayed update does not take a finished call back to ringing.
    if (m_update.call.isFinished() && !update.call.isFinished())
        return;
    const std::optional<ContactCard> contact = m_update.contact;
    m_update = update;
    if (!m_update.contact && contact)
        m_update.contact = contact; // an update without a card does not forget the contact
    refresh();
}

void CallPopup::setRegion(const QString &region)
{
    m_phones = normalizerFor(region);
    refresh();
}

void CallPopup::setOwnExtension(const QString &extension)
{
    m_ownExtension = extension;
    refresh();
}

void CallPopup::setColleagues(const QHash<QString, QString> &namesByExtension)
{
    m_colleagues = namesByExtension;
    refresh();
}

void CallPopup::setCrmUrlTemplate(const QString &urlTemplate)
{
    m_crmUrlTemplate = urlTemplate;
    refresh();
}

void CallPopup::setLastInteraction(const QString &text)
{
    m_lastInteraction = text;
    m_lastInteractionKnown = true;
    refresh();
}

void CallPopup::setAutoCloseAfterEnd(std::chrono::milliseconds delay)
{
    m_autoCloseAfterEnd = delay;
    m_autoClose->stop();
    updateAutoClose();
}

QString CallPopup::number() const
{
    return m_update.call.clientNumber.isEmpty() ? m_update.call.callerId
                                                : m_update.call.clientNumber;
}

QUrl CallPopup::crmUrl() const
{
    // The contact's own page in the external CRM, when the relay has one, comes first.
    if (m_update.contact && !m_update.contact->externalUrl.isEmpty()) {
        const QUrl own(m_update.contact->externalUrl, QUrl::StrictMode);
        if (own.isValid() && (own.scheme() == u"https" || own.scheme() == u"http"))
            return own;
    }
    return crmUrl(m_crmUrlTemplate, m_update.contact ? m_update.contact->id : 0, number());
}

QUrl CallPopup::crmUrl(const QString &urlTemplate, qint64 contactId, const QString &phone)
{
    static const QString idField = QStringLiteral("{id}");
    static const QString phoneField = QStringLiteral("{phone}");
    if (urlTemplate.isEmpty() || (urlTemplate.contains(idField) && contactId <= 0)
        || (urlTemplate.contains(phoneField) && phone.isEmpty()))
        return {};
    QString text = urlTemplate;
    text.replace(idField, QString::number(contactId));
    text.replace(phoneField, QString::fromLatin1(QUrl::toPercentEncoding(phone)));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty()) {
        qCWarning(lcUiPopup) << "the CRM's contact URL template does not make a URL";
        return {};
    }
    return url;
}

QString CallPopup::stateText() const
{
    const CallInfo &call = m_update.call;
    const bool outgoing = call.direction == u"outbound" || call.direction == u"callback";
    if (call.state == u"ringing") {
        if (outgoing)
            return tr("Outgoing call — ringing");
        return call.direction == u"inbound" ? tr("Incoming call — ringing") : tr("Call — ringing");
    }
    if (call.state == u"answered")
        return outgoing ? tr("Outgoing call — answered") : answeredByText();
    if (call.state == u"ended")
        return call.durationSeconds > 0 ? tr("Ended, %1").arg(duration(call.durationSeconds))
                                        : tr("Ended");
    if (call.state == u"missed")
        return outgoing ? tr("Not answered") : tr("Missed call");
    return outgoing ? tr("Outgoing call") : tr("Incoming call");
}

QString CallPopup::answeredByText() const
{
    const QString extension = m_update.call.answeredBy;
    if (extension.isEmpty())
        return tr("Answered");
    if (extension == m_ownExtension)
        return tr("Answered by you");
    QString name = m_colleagues.value(extension);
    if (name.isEmpty() && m_update.contact && m_update.contact->responsible
        && m_update.contact->responsible->extension == extension)
        name = m_update.contact->responsible->shownName();
    if (name.isEmpty())
        return tr("Answered by extension %1").arg(extension);
    return tr("Answered by %1 (%2)").arg(name, extension);
}

QColor CallPopup::accent() const
{
    const QString &state = m_update.call.state;
    if (state == u"ringing")
        return CallIcons::ringingColor();
    if (state == u"answered")
        return CallIcons::connectedColor();
    if (state == u"missed")
        return CallIcons::missedColor();
    return CallIcons::endedColor();
}

void CallPopup::refresh()
{
    const QColor color = accent();
    const qreal ratio = devicePixelRatioF();
    const QColor text = palette().color(QPalette::WindowText);
    const QColor base = palette().color(QPalette::Base);
    QColor secondary;
    secondary.setRgbF(text.redF() * 0.6 + base.redF() * 0.4,
                      text.greenF() * 0.6 + base.greenF() * 0.4,
                      text.blueF() * 0.6 + base.blueF() * 0.4);

    m_badge->setPixmap(CallIcons::handsetBadge(color, badgeSize, ratio));
    m_dismiss->setIcon(CallIcons::cross(secondary, 16, ratio));

    QFont stateFont = font();
    stateFont.setBold(true);
    m_state->setFont(stateFont);
    QPalette statePalette = palette();
    statePalette.setColor(QPalette::WindowText, color.darker(125));
    m_state->setPalette(statePalette);
    m_state->setFullText(stateText());
    setWindowTitle(stateText());
    const QDateTime started = m_update.call.startedAt;
    // Hours and minutes: some locales' short format has seconds too.
    const QString timeFormat
            = QLocale().timeFormat(QLocale::ShortFormat).remove(QStringLiteral(":ss"));
    m_time->setText(started.isValid() ? QLocale().toString(started.toLocalTime().time(), timeFormat)
                                      : QString());
    m_time->setVisible(started.isValid());

    QPalette secondaryPalette = palette();
    secondaryPalette.setColor(QPalette::WindowText, secondary);
    for (QLabel *label :
         std::initializer_list<QLabel *> { m_time, m_responsible, m_lastInteractionLabel })
        label->setPalette(secondaryPalette);

    QFont nameFont = font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(font().pointSizeF() * 1.45);
    m_name->setFont(nameFont);
    QFont numberFont = font();
    numberFont.setPointSizeF(font().pointSizeF() * 1.1);
    m_number->setFont(numberFont);

    const PhoneNumber phone = m_phones.normalize(number());
    const QString shownNumber
            = phone.isEmpty() ? tr("Hidden number") : m_phones.formatForDisplay(phone);
    const std::optional<ContactCard> &contact = m_update.contact;
    const bool known = contact.has_value() && contact->id > 0;
    if (known) {
        m_name->setFullText(contact->name.isEmpty() ? shownNumber : contact->name);
        m_number->setFullText(shownNumber);
        m_number->setPalette(palette());
        m_company->setFullText(contact->company);
        if (contact->responsible) {
            const UserRef &responsible = *contact->responsible;
            m_responsible->setFullText(
                    responsible.extension.isEmpty()
                            ? tr("Responsible: %1").arg(responsible.shownName())
                            : tr("Responsible: %1 (%2)")
                                      .arg(responsible.shownName(), responsible.extension));
        } else {
            m_responsible->setFullText(QString());
        }
    } else {
        m_name->setFullText(shownNumber);
        m_number->setFullText(tr("New caller"));
        m_number->setPalette(secondaryPalette);
        m_company->setFullText(QString());
        m_responsible->setFullText(QString());
    }
    m_company->setVisible(!m_company->fullText().isEmpty());
    m_responsible->setVisible(!m_responsible->fullText().isEmpty());

    // Only a known contact has a history worth waiting for; a new caller's row appears if the
    // app finds something after all.
    const bool waiting = !m_lastInteractionKnown && known;
    m_lastInteractionLabel->setText(waiting ? tr("Last call: …") : m_lastInteraction);
    m_lastInteractionLabel->setVisible(!m_lastInteractionLabel->text().isEmpty());

    const bool dialable
            = phone.kind == PhoneNumber::Kind::E164 || phone.kind == PhoneNumber::Kind::Unparsable;
    m_openInCrm->setVisible(crmUrl().isValid());
    m_createContact->setVisible(!known && dialable);
    // While the call is on there is nobody to call back.
    m_callBack->setVisible(m_update.call.isFinished() && !phone.isEmpty());

    updateAutoClose();
    if (QLayout *box = layout()) {
        box->invalidate();
        box->activate();
        setFixedSize(popupWidth,
                     box->hasHeightForWidth() ? box->totalHeightForWidth(popupWidth)
                                              : box->sizeHint().height());
        box->setGeometry(rect()); // a hidden window gets no resize event to lay out again
    }
    // A hidden pop-up's labels get no resize events: they elide for the width just laid out.
    for (ElidedLabel *label : { m_state, m_name, m_number, m_company, m_responsible })
        label->refit();
    QWidget::update();
}

void CallPopup::updateAutoClose()
{
    const bool ended = m_update.call.state == u"ended";
    if (!ended || m_autoCloseAfterEnd <= std::chrono::milliseconds::zero()) {
        m_autoClose->stop();
        return;
    }
    // The agent reading it with the pointer on it keeps it open.
    if (!m_autoClose->isActive() && !underMouse())
        m_autoClose->start(m_autoCloseAfterEnd);
}

void CallPopup::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRect frame = rect();
    painter.fillRect(frame, palette().color(QPalette::Base));
    painter.fillRect(QRect(0, 0, accentWidth, height()), accent());
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(frame.adjusted(0, 0, -1, -1));
}

void CallPopup::enterEvent(QEnterEvent *event)
{
    m_autoClose->stop();
    QWidget::enterEvent(event);
}

void CallPopup::leaveEvent(QEvent *event)
{
    QWidget::leaveEvent(event);
    updateAutoClose();
}

void CallPopup::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange
        || event->type() == QEvent::StyleChange)
        refresh();
}

} // namespace CallBridge
