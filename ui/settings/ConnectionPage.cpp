// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/ConnectionPage.h"

#include "core/desktop/ClientSettings.h"
#include "ui/main/PageIcons.h"
#include "ui/settings/SettingsIcons.h"
#include "ui/settings/StatusLine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace CallBridge {

namespace {

QWidget *withHint(QWidget *control, QLabel *hint, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    layout->addWidget(control);
    layout->addWidget(hint);
    return box;
}

QWidget *inRow(std::initializer_list<QWidget *> widgets, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    for (QWidget *widget : widgets)
        layout->addWidget(widget);
    layout->addStretch(1);
    return row;
}

QFormLayout *formIn(QGroupBox *group)
{
    auto *form = new QFormLayout(group);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(8);
    return form;
}

} // namespace

ConnectionPage::ConnectionPage(ClientSettings *settings, QWidget *parent)
    : SettingsPage(tr("Connection & alerts"),
                   tr("How this computer reaches the CallBridge relay, and how calls get your "
                      "attention."),
                   parent),
      m_settings(settings),
      m_relayUrl(new QLineEdit(this)),
      m_relayUrlStatus(new StatusLine(this)),
      m_token(new QLineEdit(this)),
      m_signedInAs(new QLabel(this)),
      m_tokenIcon(new QLabel(this)),
      m_tokenState(new QLabel(this)),
      m_tokenStatus(new StatusLine(this)),
      m_popupPolicy(new QComboBox(this)),
      m_popupLimit(new QSpinBox(this)),
      m_ringSound(new QCheckBox(tr("Play a ring sound when a call comes in"), this)),
      m_language(new QComboBox(this)),
      m_autostart(new QCheckBox(tr("Start CallBridge when I log in"), this)),
      m_reminderInterval(new QSpinBox(this))
{
    // Relay
    auto *relay = new QGroupBox(tr("Relay"), this);
    auto *relayForm = formIn(relay);
    m_relayUrl->setObjectName(QStringLiteral("relayUrl"));
    m_relayUrl->setPlaceholderText(QStringLiteral("https://relay.example.com"));
    m_relayUrl->setClearButtonEnabled(true);
    m_relayUrlStatus->setObjectName(QStringLiteral("relayUrlStatus"));
    auto *urlBox = new QWidget(relay);
    auto *urlLayout = new QVBoxLayout(urlBox);
    urlLayout->setContentsMargins(0, 0, 0, 0);
    urlLayout->setSpacing(3);
    urlLayout->addWidget(m_relayUrl);
    urlLayout->addWidget(m_relayUrlStatus);
    relayForm->addRow(tr("Relay address:"), urlBox);
    connect(m_relayUrl, &QLineEdit::textEdited, m_relayUrlStatus, &StatusLine::clear);

    m_token->setObjectName(QStringLiteral("token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("Paste a new token here"));
    m_token->setClearButtonEnabled(true);
    m_tokenState->setObjectName(QStringLiteral("tokenState"));
    m_tokenStatus->setObjectName(QStringLiteral("tokenStatus"));
    auto *tokenBox = new QWidget(relay);
    auto *tokenLayout = new QVBoxLayout(tokenBox);
    tokenLayout->setContentsMargins(0, 0, 0, 0);
    tokenLayout->setSpacing(4);
    tokenLayout->addWidget(m_token);
    auto *stateRow = new QHBoxLayout;
    stateRow->setSpacing(6);
    m_tokenIcon->setFixedSize(16, 16);
    stateRow->addWidget(m_tokenIcon, 0, Qt::AlignTop);
    m_tokenState->setWordWrap(true);
    stateRow->addWidget(m_tokenState, 1);
    tokenLayout->addLayout(stateRow);
    tokenLayout->addWidget(m_tokenStatus);
    relayForm->addRow(tr("Access token:"), tokenBox);
    m_signedInAs->setObjectName(QStringLiteral("signedInAs"));
    m_signedInAs->setTextInteractionFlags(Qt::TextSelectableByMouse);
    relayForm->addRow(tr("Signed in as:"), m_signedInAs);
    connect(m_token, &QLineEdit::textEdited, m_tokenStatus, &StatusLine::clear);
    body()->addWidget(relay);

    // Pop-ups and sound
    auto *popups = new QGroupBox(tr("Calls"), this);
    auto *popupForm = formIn(popups);
    m_popupPolicy->setObjectName(QStringLiteral("popupPolicy"));
    m_popupPolicy->addItem(tr("When a call rings"),
                           QVariant::fromValue(ClientSettings::PopupPolicy::OnRing));
    m_popupPolicy->addItem(tr("When I answer a call"),
                           QVariant::fromValue(ClientSettings::PopupPolicy::OnAnswer));
    m_popupPolicy->addItem(tr("Never"), QVariant::fromValue(ClientSettings::PopupPolicy::Never));
    popupForm->addRow(tr("Show a pop-up:"), inRow({ m_popupPolicy }, popups));
    m_popupLimit->setObjectName(QStringLiteral("popupLimit"));
    m_popupLimit->setRange(1, 10);
    showInPhrase(m_popupLimit, [](int n) { return tr("%n pop-up(s) at once", nullptr, n); });
    popupForm->addRow(tr("Show at most:"), inRow({ m_popupLimit }, popups));
    m_ringSound->setObjectName(QStringLiteral("ringSound"));
    popupForm->addRow(QString(), m_ringSound);
    m_reminderInterval->setObjectName(QStringLiteral("reminderInterval"));
    m_reminderInterval->setRange(1, 240);
    showInPhrase(m_reminderInterval, [](int n) { return tr("every %n minute(s)", nullptr, n); });
    popupForm->addRow(tr("Remind me of missed calls:"), inRow({ m_reminderInterval }, popups));
    body()->addWidget(popups);

    // General
    auto *general = new QGroupBox(tr("General"), this);
    auto *generalForm = formIn(general);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System language"), QString());
    // Each language by its own name, so that anyone can find theirs.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Español"), QStringLiteral("es"));
    m_language->addItem(QStringLiteral("Русский"), QStringLiteral("ru"));
    generalForm->addRow(
            tr("Language:"),
            withHint(inRow({ m_language }, general),
                     hint(tr("A new language takes effect when CallBridge restarts."), general),
                     general));
    m_autostart->setObjectName(QStringLiteral("autostart"));
    generalForm->addRow(QString(), m_autostart);
    body()->addWidget(general);
    body()->addStretch(1);

    setTokenStored(false);
    setUser(UserInfo());
    load();
}

void ConnectionPage::load()
{
    m_relayUrl->setText(m_settings->relayUrl().toString());
    m_relayUrlStatus->clear();
    m_popupPolicy->setCurrentIndex(
            m_popupPolicy->findData(QVariant::fromValue(m_settings->popupPolicy())));
    m_popupLimit->setValue(m_settings->popupLimit());
    m_ringSound->setChecked(m_settings->ringSound());
    const int language = m_language->findData(m_settings->language());
    m_language->setCurrentIndex(language < 0 ? 0 : language);
    m_autostart->setChecked(m_settings->autostart());
    m_reminderInterval->setValue(m_settings->reminderIntervalMinutes());
}

bool ConnectionPage::save()
{
    const QUrl url = QUrl::fromUserInput(m_relayUrl->text().trimmed());
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != u"http" && url.scheme() != u"https")) {
        m_relayUrlStatus->setError(
                tr("Enter the relay's address, such as https://relay.example.com."));
        m_relayUrl->setFocus();
        return false;
    }
    m_relayUrlStatus->clear();

    if (url != m_settings->relayUrl())
        m_settings->setRelayUrl(url);
    const auto policy = m_popupPolicy->currentData().value<ClientSettings::PopupPolicy>();
    if (policy != m_settings->popupPolicy())
        m_settings->setPopupPolicy(policy);
    if (m_popupLimit->value() != m_settings->popupLimit())
        m_settings->setPopupLimit(m_popupLimit->value());
    if (m_ringSound->isChecked() != m_settings->ringSound())
        m_settings->setRingSound(m_ringSound->isChecked());
    const QString language = m_language->currentData().toString();
    if (language != m_settings->language())
        m_settings->setLanguage(language);
    if (m_autostart->isChecked() != m_settings->autostart())
        m_settings->setAutostart(m_autostart->isChecked());
    if (m_reminderInterval->value() != m_settings->reminderIntervalMinutes())
        m_settings->setReminderIntervalMinutes(m_reminderInterval->value());
    m_relayUrl->setText(url.toString());
    return true;
}

QString ConnectionPage::enteredToken() const
{
    return m_token->text().trimmed();
}

void ConnectionPage::clearEnteredToken()
{
    m_token->clear();
}

void ConnectionPage::setUser(const UserInfo &user)
{
    if (user.id == 0 && user.name.isEmpty()) {
        m_signedInAs->setText(tr("Not connected to the relay yet"));
        return;
    }
    const QString role = user.isAdmin() ? tr("administrator") : tr("agent");
    m_signedInAs->setText(
            user.extension.isEmpty()
                    ? tr("%1 (%2)").arg(user.shownName(), role)
                    : tr("%1 (%2, extension %3)").arg(user.shownName(), role, user.extension));
}

void ConnectionPage::setTokenStored(bool stored)
{
    m_tokenStatus->clear();
    const qreal ratio = devicePixelRatioF();
    if (stored) {
        m_tokenIcon->setPixmap(
                SettingsIcons::glyph(SettingsIcons::Glyph::Lock, PageIcons::okColor(), 16, ratio));
        m_tokenState->setText(tr("A token is stored in the system keychain. Paste a new one only "
                                 "to replace it."));
    } else {
        m_tokenIcon->setPixmap(SettingsIcons::glyph(SettingsIcons::Glyph::Info,
                                                    QColor(0x34, 0x78, 0xf6), 16, ratio));
        m_tokenState->setText(
                tr("No token yet. Paste the one your administrator gave you; it is kept in "
                   "the system keychain, never in a file."));
    }
}

void ConnectionPage::setTokenSaving()
{
    m_tokenStatus->setBusy(tr("Saving the token in the system keychain…"));
}

void ConnectionPage::showTokenError(const QString &message)
{
    m_tokenStatus->setError(message);
}

} // namespace CallBridge
