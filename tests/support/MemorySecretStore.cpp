// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/MemorySecretStore.h"

#include <QCoreApplication>
#include <QMetaObject>

namespace CallBridge::Test {

namespace {

template<typename Callback> void later(QObject *context, Callback callback)
{
    QMetaObject::invokeMethod(context ? context : QCoreApplication::instance(), std::move(callback),
                              Qt::QueuedConnection);
}

} // namespace

void MemorySecretStore::read(const QString &account, QObject *context,
                             std::function<void(Result<std::optional<QString>>)> done)
{
    ++m_calls;
    Result<std::optional<QString>> result = m_failure.isEmpty()
            ? Result<std::optional<QString>>(secret(account))
            : Result<std::optional<QString>>(fail(m_failure));
    later(context, [done = std::move(done), result = std::move(result)] { done(result); });
}

void MemorySecretStore::write(const QString &account, const QString &secret, QObject *context,
                              std::function<void(Result<void>)> done)
{
    ++m_calls;
    Result<void> result;
    if (m_failure.isEmpty())
        m_secrets.insert(account, secret);
    else
        result = fail(m_failure);
    later(context, [done = std::move(done), result] { done(result); });
}

void MemorySecretStore::remove(const QString &account, QObject *context,
                               std::function<void(Result<void>)> done)
{
    ++m_calls;
    Result<void> result;
    if (m_failure.isEmpty())
        m_secrets.remove(account);
    else
        result = fail(m_failure);
    later(context, [done = std::move(done), result] { done(result); });
}

std::optional<QString> MemorySecretStore::secret(const QString &account) const
{
    const auto it = m_secrets.constFind(account);
    if (it == m_secrets.cend())
        return std::nullopt;
    return *it;
}

} // namespace CallBridge::Test
