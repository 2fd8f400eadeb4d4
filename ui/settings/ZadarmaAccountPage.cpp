// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/ZadarmaAccountPage.h"

#include "core/client/RelayClient.h"
#include "ui/UiLogging.h"
#include "ui/main/PageIcons.h"
#include "ui/settings/SettingsIcons.h"
#include "ui/settings/StatusLine.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace CallBridge {

namespace {

QString money(const Balance &balance)
{
    return QStringLiteral("%1 %2").arg(QLocale().toString(balance.balance, 'f', 2),
                                       balance.currency);
}

QHBoxLayout *buttonRow(QPushButton *button, StatusLine *status)
{
    auto *row = new QHBoxLayout;
    row->setSpacing(10);
    button->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    row->addWidget(button, 0, Qt::AlignTop);
    row->addWidget(status, 1);
    row->addStretch(); // keeps the button on the left while the status line is hidden
    return row;
}

} // namespace

ZadarmaAccountPage::ZadarmaAccountPage(RelayClient *relay, QWidget *parent)
    : SettingsPage(tr("Zadarma account"),
                   tr("The relay talks to Zadarma with your account's API key and secret. They "
                      "are kept on the relay only."),
                   parent),
      m_relay(relay),
      m_configuredIcon(new QLabel(this)),
      m_configured(new QLabel(this)),
      m_key(new QLineEdit(this)),
      m_secret(new QLineEdit(this)),
      m_save(new QPushButton(tr("Save credentials"), this)),
      m_saveStatus(new StatusLine(this)),
      m_test(new QPushButton(tr("Test connection"), this)),
      m_testStatus(new StatusLine(this)),
      m_balance(new QLabel(this)),
      m_refreshBalance(new QPushButton(tr("Refresh"), this)),
      m_balanceStatus(new StatusLine(this))
{
    auto *credentials = new QGroupBox(tr("API key and secret"), this);
    auto *credentialsLayout = new QVBoxLayout(credentials);
    credentialsLayout->setSpacing(8);
    auto *stateRow = new QHBoxLayout;
    stateRow->setSpacing(6);
    m_configuredIcon->setFixedSize(16, 16);
    stateRow->addWidget(m_configuredIcon, 0, Qt::AlignTop);
    m_configured->setObjectName(QStringLiteral("credentialsState"));
    m_configured->setWordWrap(true);
    stateRow->addWidget(m_configured, 1);
    credentialsLayout->addLayout(stateRow);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setHorizontalSpacing(12);
    m_key->setObjectName(QStringLiteral("zadarmaKey"));
    m_key->setClearButtonEnabled(true);
    form->addRow(tr("Key:"), m_key);
    m_secret->setObjectName(QStringLiteral("zadarmaSecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setClearButtonEnabled(true);
    form->addRow(tr("Secret:"), m_secret);
    credentialsLayout->addLayout(form);
    credentialsLayout->addWidget(
            hint(tr("Both are in your Zadarma personal account under Settings → Integrations and "
                    "API. The "
                    "relay checks them with Zadarma before it keeps them, and never shows the "
                    "secret again."),
                 credentials));
    m_save->setObjectName(QStringLiteral("saveCredentials"));
    m_saveStatus->setObjectName(QStringLiteral("credentialsStatus"));
    credentialsLayout->addLayout(buttonRow(m_save, m_saveStatus));
    body()->addWidget(credentials);

    auto *connection = new QGroupBox(tr("Connection"), this);
    auto *connectionLayout = new QVBoxLayout(connection);
    connectionLayout->addWidget(
            hint(tr("Asks Zadarma for the balance with the stored key and secret and measures how "
                    "long the answer takes."),
                 connection));
    m_test->setObjectName(QStringLiteral("testConnection"));
    m_testStatus->setObjectName(QStringLiteral("testStatus"));
    connectionLayout->addLayout(buttonRow(m_test, m_testStatus));
    body()->addWidget(connection);

    auto *balance = new QGroupBox(tr("Balance"), this);
    auto *balanceLayout = new QHBoxLayout(balance);
    balanceLayout->setSpacing(10);
    m_balance->setObjectName(QStringLiteral("balance"));
    QFont big = m_balance->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_balance->setFont(big);
    m_balance->setText(QStringLiteral("—"));
    m_balance->setTextInteractionFlags(Qt::TextSelectableByMouse);
    balanceLayout->addWidget(m_balance);
    m_refreshBalance->setObjectName(QStringLiteral("refreshBalance"));
    m_refreshBalance->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    balanceLayout->addWidget(m_refreshBalance);
    m_balanceStatus->setObjectName(QStringLiteral("balanceStatus"));
    balanceLayout->addWidget(m_balanceStatus, 1);
    body()->addWidget(balance);
    body()->addStretch(1);

    connect(m_save, &QPushButton::clicked, this, &ZadarmaAccountPage::saveCredentials);
    connect(m_secret, &QLineEdit::returnPressed, this, &ZadarmaAccountPage::saveCredentials);
    connect(m_test, &QPushButton::clicked, this, &ZadarmaAccountPage::testConnection);
    connect(m_refreshBalance, &QPushButton::clicked, this, &ZadarmaAccountPage::refreshBalance);
    setConfigured(false);
    // Nothing to say until the relay was asked (it never is for a locked page).
    m_configuredIcon->setVisible(false);
    m_configured->setVisible(false);
}

void ZadarmaAccountPage::reload()
{
    if (!m_configured->isVisibleTo(this)) {
        m_configured->setText(tr("Asking the relay whether it has a key and secret…"));
        m_configuredIcon->clear();
        m_configured->setVisible(true);
        m_configuredIcon->setVisible(true);
    }
    m_relay->credentialsConfigured(this, [this](RelayResult<bool> configured) {
        if (!configured) {
            m_saveStatus->setError(
                    tr("Could not ask the relay: %1").arg(configured.error().message));
            return;
        }
        setConfigured(configured.value());
        if (configured.value())
            refreshBalance();
    });
}

void ZadarmaAccountPage::setConfigured(bool configured)
{
    const qreal ratio = devicePixelRatioF();
    if (configured) {
        m_configuredIcon->setPixmap(
                SettingsIcons::glyph(SettingsIcons::Glyph::Check, PageIcons::okColor(), 16, ratio));
        m_configured->setText(tr("The relay has a key and secret. Enter both again only to "
                                 "replace them."));
        m_key->setPlaceholderText(tr("•••• stored on the relay"));
        m_secret->setPlaceholderText(tr("•••• stored on the relay"));
    } else {
        m_configuredIcon->setPixmap(SettingsIcons::glyph(SettingsIcons::Glyph::Warning,
                                                         QColor(0xd9, 0x8c, 0x1a), 16, ratio));
        m_configured->setText(tr("The relay has no Zadarma key and secret yet: calls are not "
                                 "routed and recordings cannot be fetched."));
        m_key->setPlaceholderText(tr("API key"));
        m_secret->setPlaceholderText(tr("API secret"));
    }
    m_test->setEnabled(configured);
    m_refreshBalance->setEnabled(configured);
}

void ZadarmaAccountPage::showBalance(const Balance &balance)
{
    m_balance->setText(money(balance));
}

void ZadarmaAccountPage::saveCredentials()
{
    const QString key = m_key->text().trimmed();
    const QString secret = m_secret->text().trimmed();
    if (key.isEmpty() || secret.isEmpty()) {
        m_saveStatus->setError(tr("Enter both the key and the secret."));
        (key.isEmpty() ? m_key : m_secret)->setFocus();
        return;
    }
    m_save->setEnabled(false);
    m_saveStatus->setBusy(tr("Checking the key and secret with Zadarma…"));
    m_relay->setCredentials(key, secret, this, [this](RelayResult<Balance> balance) {
        m_save->setEnabled(true);
        if (!balance) {
            m_saveStatus->setError(balance.error().message);
            return;
        }
        qCInfo(lcUiSettings) << "Zadarma credentials replaced";
        m_key->clear();
        m_secret->clear();
        setConfigured(true);
        showBalance(balance.value());
        m_balanceStatus->clear();
        m_saveStatus->setOk(tr("Saved. Zadarma accepted them."));
    });
}

void ZadarmaAccountPage::testConnection()
{
    m_test->setEnabled(false);
    m_testStatus->setBusy(tr("Asking Zadarma…"));
    m_relay->testConnection(this, [this](RelayResult<ConnectionTest> test) {
        m_test->setEnabled(true);
        if (!test) {
            m_testStatus->setError(test.error().message);
            return;
        }
        if (!test->ok) {
            m_testStatus->setError(tr("Zadarma did not confirm the connection."));
            return;
        }
        showBalance(test->balance);
        m_testStatus->setOk(
                tr("Connected. Zadarma answered in %n ms.", nullptr, test->roundTripMs));
    });
}

void ZadarmaAccountPage::refreshBalance()
{
    m_refreshBalance->setEnabled(false);
    m_balanceStatus->setBusy(tr("Asking Zadarma…"));
    m_relay->balance(this, [this](RelayResult<Balance> balance) {
        m_refreshBalance->setEnabled(true);
        if (!balance) {
            m_balanceStatus->setError(balance.error().message);
            return;
        }
        showBalance(balance.value());
        m_balanceStatus->clear();
    });
}

} // namespace CallBridge
