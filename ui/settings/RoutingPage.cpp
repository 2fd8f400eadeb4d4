// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/RoutingPage.h"

#include "core/client/RelayClient.h"
#include "ui/UiLogging.h"
#include "ui/settings/StatusLine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QVBoxLayout>

namespace CallBridge {

namespace {

// The relay's setting keys (core/relay/RelaySettings.h).
const QString createUnknownKey = QStringLiteral("contacts.create_unknown");
const QString redirectKey = QStringLiteral("routing.redirect_to_responsible");
const QString returnTimeoutKey = QStringLiteral("routing.return_timeout");
const QString callerNameKey = QStringLiteral("routing.caller_name");
const QString hangupBlacklistedKey = QStringLiteral("routing.hangup_blacklisted");
const QString missedCallTasksKey = QStringLiteral("tasks.missed_call");
const QString defaultResponsibleKey = QStringLiteral("users.default_responsible");
const QString defaultRegionKey = QStringLiteral("phone.default_region");
const QString crmContactUrlKey = QStringLiteral("crm.contact_url");

constexpr int maxReturnTimeoutSeconds = 600;

bool isTrue(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool();
    return value.toString() == u"true";
}

QString text(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toInteger());
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

QWidget *indented(QWidget *content, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(24, 0, 0, 0);
    layout->addWidget(content);
    return box;
}

} // namespace

RoutingPage::RoutingPage(RelayClient *relay, QWidget *parent)
    : SettingsPage(tr("Routing & automation"),
                   tr("What the relay does on its own when calls come in. These settings apply "
                      "to everyone."),
                   parent),
      m_relay(relay),
      m_createContacts(new QCheckBox(tr("Make every unknown caller a contact and a lead"), this)),
      m_redirect(new QCheckBox(tr("Ring a known caller's responsible agent first"), this)),
      m_returnTimeout(new QSpinBox(this)),
      m_callerName(new QCheckBox(tr("Show a known caller's name on the agent's phone"), this)),
      m_hangupBlacklisted(new QCheckBox(tr("Hang up on callers on the blacklist"), this)),
      m_missedCallTasks(new QCheckBox(
              tr("Turn a missed call into a reminder for the responsible agent"), this)),
      m_defaultResponsible(new QComboBox(this)),
      m_region(new QLineEdit(this)),
      m_crmUrl(new QLineEdit(this)),
      m_save(new QPushButton(tr("Save"), this)),
      m_revert(new QPushButton(tr("Revert"), this)),
      m_status(new StatusLine(this))
{
    auto *calls = new QGroupBox(tr("Incoming calls"), this);
    auto *callsLayout = new QVBoxLayout(calls);
    callsLayout->setSpacing(6);
    m_createContacts->setObjectName(createUnknownKey);
    callsLayout->addWidget(m_createContacts);
    m_redirect->setObjectName(redirectKey);
    callsLayout->addWidget(m_redirect);
    m_returnTimeout->setObjectName(returnTimeoutKey);
    m_returnTimeout->setRange(0, maxReturnTimeoutSeconds);
    showInPhrase(m_returnTimeout, [](int n) { return tr("%n second(s)", nullptr, n); });
    auto *timeoutRow = new QWidget(calls);
    auto *timeoutLayout = new QHBoxLayout(timeoutRow);
    timeoutLayout->setContentsMargins(0, 0, 0, 0);
    timeoutLayout->addWidget(
            new QLabel(tr("Back to the PBX's own routing if nobody answers within:"), timeoutRow));
    timeoutLayout->addWidget(m_returnTimeout);
    timeoutLayout->addStretch(1);
    callsLayout->addWidget(indented(timeoutRow, calls));
    m_callerName->setObjectName(callerNameKey);
    callsLayout->addWidget(m_callerName);
    m_hangupBlacklisted->setObjectName(hangupBlacklistedKey);
    callsLayout->addWidget(m_hangupBlacklisted);
    body()->addWidget(calls);

    auto *missed = new QGroupBox(tr("Missed calls and ownership"), this);
    auto *missedLayout = new QFormLayout(missed);
    missedLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    missedLayout->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    missedLayout->setHorizontalSpacing(12);
    m_missedCallTasks->setObjectName(missedCallTasksKey);
    missedLayout->addRow(m_missedCallTasks);
    m_defaultResponsible->setObjectName(defaultResponsibleKey);
    m_defaultResponsible->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *responsibleBox = new QWidget(missed);
    auto *responsibleLayout = new QVBoxLayout(responsibleBox);
    responsibleLayout->setContentsMargins(0, 0, 0, 0);
    responsibleLayout->setSpacing(3);
    responsibleLayout->addWidget(m_defaultResponsible, 0, Qt::AlignLeft);
    responsibleLayout->addWidget(hint(tr("Takes the calls, contacts and reminders that have no "
                                         "responsible agent."),
                                      responsibleBox));
    missedLayout->addRow(tr("Default responsible:"), responsibleBox);
    m_rows.insert(defaultResponsibleKey, responsibleBox);
    body()->addWidget(missed);

    auto *numbers = new QGroupBox(tr("Numbers and CRM"), this);
    auto *numbersLayout = new QFormLayout(numbers);
    numbersLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    numbersLayout->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    numbersLayout->setHorizontalSpacing(12);
    m_region->setObjectName(defaultRegionKey);
    m_region->setMaxLength(2);
    m_region->setFixedWidth(m_region->fontMetrics().horizontalAdvance(QStringLiteral("MMMM")) + 16);
    auto *regionRow = new QWidget(numbers);
    auto *regionLayout = new QHBoxLayout(regionRow);
    regionLayout->setContentsMargins(0, 0, 0, 0);
    regionLayout->addWidget(m_region);
    regionLayout->addWidget(
            hint(tr("for numbers written without a country code (ES, PL, US…)"), regionRow), 1);
    numbersLayout->addRow(tr("Default region:"), regionRow);
    m_rows.insert(defaultRegionKey, regionRow);
    m_crmUrl->setObjectName(crmContactUrlKey);
    m_crmUrl->setPlaceholderText(QStringLiteral("https://crm.example.com/contacts/{id}"));
    m_crmUrl->setClearButtonEnabled(true);
    numbersLayout->addRow(tr("Contact page in the CRM:"), m_crmUrl);
    m_rows.insert(crmContactUrlKey, m_crmUrl);
    body()->addWidget(numbers);

    m_save->setObjectName(QStringLiteral("saveRouting"));
    m_save->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    m_revert->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    m_revert->setObjectName(QStringLiteral("revertRouting"));
    m_status->setObjectName(QStringLiteral("routingStatus"));
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_save, 0, Qt::AlignTop);
    buttons->addWidget(m_revert, 0, Qt::AlignTop);
    buttons->addSpacing(6);
    buttons->addWidget(m_status, 1);
    buttons->addStretch();
    body()->addLayout(buttons);
    body()->addStretch(1);

    m_controls = { { createUnknownKey, m_createContacts },
                   { redirectKey, m_redirect },
                   { returnTimeoutKey, m_returnTimeout },
                   { callerNameKey, m_callerName },
                   { hangupBlacklistedKey, m_hangupBlacklisted },
                   { missedCallTasksKey, m_missedCallTasks },
                   { defaultResponsibleKey, m_defaultResponsible },
                   { defaultRegionKey, m_region },
                   { crmContactUrlKey, m_crmUrl } };
    m_rows.insert(returnTimeoutKey, timeoutRow);

    for (QCheckBox *box :
         { m_createContacts, m_redirect, m_callerName, m_hangupBlacklisted, m_missedCallTasks })
        connect(box, &QCheckBox::toggled, this, &RoutingPage::updateState);
    connect(m_returnTimeout, &QSpinBox::valueChanged, this, &RoutingPage::updateState);
    connect(m_defaultResponsible, &QComboBox::currentIndexChanged, this, &RoutingPage::updateState);
    connect(m_region, &QLineEdit::textChanged, this, &RoutingPage::updateState);
    connect(m_crmUrl, &QLineEdit::textChanged, this, &RoutingPage::updateState);
    connect(m_save, &QPushButton::clicked, this, &RoutingPage::save);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        display(m_snapshot);
        m_status->clear();
    });
    updateState();
}

void RoutingPage::reload()
{
    m_status->setBusy(tr("Loading the relay's settings…"));
    m_save->setEnabled(false);
    m_relay->users(this, [this](RelayResult<QList<UserInfo>> users) {
        if (users)
            setUsers(users.value());
    });
    m_relay->settings(this, [this](RelayResult<RelaySettingsSnapshot> snapshot) {
        if (!snapshot) {
            m_status->setError(
                    tr("Could not load the relay's settings: %1").arg(snapshot.error().message));
            return;
        }
        m_status->clear();
        display(snapshot.value());
    });
}

void RoutingPage::setUsers(const QList<UserInfo> &users)
{
    m_users = users;
    fillResponsibles();
}

void RoutingPage::display(const RelaySettingsSnapshot &snapshot)
{
    m_snapshot = snapshot;
    m_loaded = true;
    QSet<QString> known;
    for (const RelaySettingKey &key : snapshot.keys)
        known.insert(key.key);
    // A relay of another version may lack a setting: its control goes, the rest stays.
    for (auto it = m_controls.cbegin(); it != m_controls.cend(); ++it) {
        const bool present = known.isEmpty() || known.contains(it.key());
        QWidget *row = m_rows.value(it.key(), it.value());
        row->setVisible(present);
        for (const RelaySettingKey &key : snapshot.keys) {
            if (key.key == it.key() && !key.description.isEmpty())
                it.value()->setToolTip(key.description);
        }
    }
    const QJsonObject &values = snapshot.values;
    m_createContacts->setChecked(isTrue(values.value(createUnknownKey)));
    m_redirect->setChecked(isTrue(values.value(redirectKey)));
    m_returnTimeout->setValue(text(values.value(returnTimeoutKey)).toInt());
    m_callerName->setChecked(isTrue(values.value(callerNameKey)));
    m_hangupBlacklisted->setChecked(isTrue(values.value(hangupBlacklistedKey)));
    m_missedCallTasks->setChecked(isTrue(values.value(missedCallTasksKey)));
    m_region->setText(text(values.value(defaultRegionKey)));
    m_crmUrl->setText(text(values.value(crmContactUrlKey)));
    m_defaultResponsible->clear(); // refilled with the stored choice selected
    fillResponsibles();
    updateState();
}

void RoutingPage::fillResponsibles()
{
    QString selected = m_defaultResponsible->currentData().toString();
    if (m_defaultResponsible->count() == 0)
        selected = text(m_snapshot.values.value(defaultResponsibleKey));
    const QSignalBlocker blocker(m_defaultResponsible);
    m_defaultResponsible->clear();
    m_defaultResponsible->addItem(tr("Nobody"), QString());
    bool listed = selected.isEmpty();
    for (const UserInfo &user : std::as_const(m_users)) {
        const QString label = user.displayName.isEmpty() || user.displayName == user.name
                ? user.name
                : tr("%1 (%2)").arg(user.displayName, user.name);
        m_defaultResponsible->addItem(label, user.name);
        listed = listed || user.name == selected;
    }
    if (!listed)
        m_defaultResponsible->addItem(selected, selected);
    m_defaultResponsible->setCurrentIndex(m_defaultResponsible->findData(selected));
    updateState();
}

QString RoutingPage::current(const QString &key) const
{
    const auto flag = [](const QCheckBox *box) {
        return box->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    };
    if (key == createUnknownKey)
        return flag(m_createContacts);
    if (key == redirectKey)
        return flag(m_redirect);
    if (key == returnTimeoutKey)
        return QString::number(m_returnTimeout->value());
    if (key == callerNameKey)
        return flag(m_callerName);
    if (key == hangupBlacklistedKey)
        return flag(m_hangupBlacklisted);
    if (key == missedCallTasksKey)
        return flag(m_missedCallTasks);
    if (key == defaultResponsibleKey)
        return m_defaultResponsible->currentData().toString();
    if (key == defaultRegionKey)
        return m_region->text().trimmed().toUpper();
    if (key == crmContactUrlKey)
        return m_crmUrl->text().trimmed();
    return QString();
}

QJsonObject RoutingPage::changes() const
{
    QJsonObject changed;
    if (!m_loaded)
        return changed;
    for (auto it = m_controls.cbegin(); it != m_controls.cend(); ++it) {
        if (!m_rows.value(it.key(), it.value())->isVisibleTo(this))
            continue;
        const QString now = current(it.key());
        if (now == text(m_snapshot.values.value(it.key())))
            continue;
        if (qobject_cast<QCheckBox *>(it.value()))
            changed.insert(it.key(), now == u"true");
        else if (it.value() == m_returnTimeout)
            changed.insert(it.key(), m_returnTimeout->value());
        else
            changed.insert(it.key(), now);
    }
    return changed;
}

void RoutingPage::remindUnsaved()
{
    m_status->setError(tr("These changes are not saved yet: save them on the relay or revert "
                          "them."));
}

bool RoutingPage::hasChanges() const
{
    return !changes().isEmpty();
}

void RoutingPage::updateState()
{
    m_returnTimeout->setEnabled(m_redirect->isChecked());
    const bool changed = hasChanges();
    m_save->setEnabled(changed);
    m_revert->setEnabled(changed);
    if (changed && m_status->state() == StatusLine::State::Ok)
        m_status->clear();
}

void RoutingPage::save()
{
    const QJsonObject changed = changes();
    if (changed.isEmpty())
        return;
    m_save->setEnabled(false);
    m_revert->setEnabled(false);
    m_status->setBusy(tr("Saving…"));
    m_relay->putSettings(changed, this, [this](RelayResult<RelaySettingsSnapshot> snapshot) {
        if (!snapshot) {
            updateState();
            m_status->setError(snapshot.error().message);
            return;
        }
        display(snapshot.value());
        m_status->setOk(tr("Saved. The relay uses the new settings from the next call on."));
    });
}

} // namespace CallBridge
