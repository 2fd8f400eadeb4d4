// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/keychain/KeychainSecretStore.h"

#include <QCoreApplication>
#include <QTest>

#include <memory>

using namespace CallBridge;
using namespace Qt::StringLiterals;

// Against the session's real keychain: scripts/test runs the tests in a private D-Bus session with
// an unlocked gnome-keyring. Without a session bus there is no keychain, which must say so.
class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void writeReadOverwriteRemove();
    void readsNothingStored();
    void keepsAccountsApart();
    void noAnswerAfterContextIsGone();
    void withoutKeychainSaysSo();

private:
    Result<std::optional<QString>> read(const QString &account);
    Result<void> write(const QString &account, const QString &secret);
    Result<void> remove(const QString &account);

    bool m_haveBus = false;
    QString m_service;
    std::unique_ptr<KeychainSecretStore> m_store;
};

namespace {

template<typename R> QByteArray messageOf(const R &result)
{
    return result.hasValue() ? QByteArray() : result.error().message.toUtf8();
}

// Waits for one asynchronous answer; a keychain that never answers fails the test.
template<typename T> std::optional<T> await(std::function<void(std::function<void(T)>)> call)
{
    std::optional<T> answer;
    call([&answer](T result) { answer.emplace(std::move(result)); });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 10000))
        return std::nullopt;
    return answer;
}

} // namespace

void TestKeychainSecretStore::initTestCase()
{
    m_haveBus = !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
    m_service = u"CallBridge-test-%1"_s.arg(QCoreApplication::applicationPid());
    m_store = std::make_unique<KeychainSecretStore>(m_service);
}

void TestKeychainSecretStore::cleanupTestCase()
{
    if (!m_haveBus)
        return;
    for (const QString &account : { u"alice"_s, u"bob"_s, u"carol"_s })
        (void)remove(account);
}

Result<std::optional<QString>> TestKeychainSecretStore::read(const QString &account)
{
    using Answer = Result<std::optional<QString>>;
    const std::optional<Answer> answer = await<Answer>([&](std::function<void(Answer)> done) {
        m_store->read(account, this, std::move(done));
    });
    if (!answer)
        return fail(u"The keychain did not answer a read"_s);
    return *answer;
}

Result<void> TestKeychainSecretStore::write(const QString &account, const QString &secret)
{
    const std::optional<Result<void>> answer
            = await<Result<void>>([&](std::function<void(Result<void>)> done) {
                  m_store->write(account, secret, this, std::move(done));
              });
    if (!answer)
        return fail(u"The keychain did not answer a write"_s);
    return *answer;
}

Result<void> TestKeychainSecretStore::remove(const QString &account)
{
    const std::optional<Result<void>> answer
            = await<Result<void>>([&](std::function<void(Result<void>)> done) {
                  m_store->remove(account, this, std::move(done));
              });
    if (!answer)
        return fail(u"The keychain did not answer a removal"_s);
    return *answer;
}

#define REQUIRE_KEYCHAIN() \
    if (!m_haveBus) \
        QSKIP("No D-Bus session bus; withoutKeychainSaysSo() covers this case");

void TestKeychainSecretStore::writeReadOverwriteRemove()
{
    REQUIRE_KEYCHAIN();
    const QString token = u"cbt_1_Zq8yYl0pVh3mX2sN4kA7fR9eT6wB5cD1"_s;
    const Result<void> written = write(u"alice"_s, token);
    QVERIFY2(written.hasValue(), messageOf(written).constData());

    Result<std::optional<QString>> stored = read(u"alice"_s);
    QVERIFY2(stored.hasValue(), messageOf(stored).constData());
    QCOMPARE(stored.value(), std::optional<QString>(token));

    QVERIFY(write(u"alice"_s, u"cbt_2_ünïcødé"_s).hasValue());
    stored = read(u"alice"_s);
    QVERIFY(stored.hasValue());
    QCOMPARE(stored.value(), std::optional<QString>(u"cbt_2_ünïcødé"_s));

    QVERIFY(remove(u"alice"_s).hasValue());
    stored = read(u"alice"_s);
    QVERIFY2(stored.hasValue(), messageOf(stored).constData());
    QCOMPARE(stored.value(), std::nullopt);
    // Removing what is not there is no error: the outcome is the one asked for.
    const Result<void> again = remove(u"alice"_s);
    QVERIFY2(again.hasValue(), messageOf(again).constData());
}

void TestKeychainSecretStore::readsNothingStored()
{
    REQUIRE_KEYCHAIN();
    const Result<std::optional<QString>> stored = read(u"nobody"_s);
    QVERIFY2(stored.hasValue(), messageOf(stored).constData());
    QCOMPARE(stored.value(), std::nullopt);
}

void TestKeychainSecretStore::keepsAccountsApart()
{
    REQUIRE_KEYCHAIN();
    QVERIFY(write(u"bob"_s, u"bob's"_s).hasValue());
    QVERIFY(write(u"carol"_s, u"carol's"_s).hasValue());
    QCOMPARE(read(u"bob"_s).value(), std::optional<QString>(u"bob's"_s));
    QCOMPARE(read(u"carol"_s).value(), std::optional<QString>(u"carol's"_s));

    // Another service (another app) does not see them.
    KeychainSecretStore other(m_service + u"-other"_s);
    std::optional<Result<std::optional<QString>>> answer;
    other.read(u"bob"_s, this, [&answer](Result<std::optional<QString>> result) {
        answer.emplace(std::move(result));
    });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10000);
    QVERIFY(answer->hasValue());
    QCOMPARE(answer->value(), std::nullopt);
}

void TestKeychainSecretStore::noAnswerAfterContextIsGone()
{
    auto context = std::make_unique<QObject>();
    bool answered = false;
    m_store->read(u"bob"_s, context.get(), [&answered](auto) { answered = true; });
    context.reset();
    // Another request behind it shows the first one has run its course.
    QVERIFY(read(u"bob"_s).hasValue() || !m_haveBus);
    QVERIFY(!answered);
}

void TestKeychainSecretStore::withoutKeychainSaysSo()
{
    if (m_haveBus)
        QSKIP("A D-Bus session bus is there; the keychain tests above cover it");
    const Result<void> written = write(u"alice"_s, u"secret"_s);
    QVERIFY(!written.hasValue());
    QVERIFY2(written.error().message.startsWith(u"No keychain is available"_s),
             messageOf(written).constData());
    QVERIFY(written.error().message.contains(u"GNOME Keyring or KWallet"_s));

    const Result<std::optional<QString>> stored = read(u"alice"_s);
    QVERIFY(!stored.hasValue());
    QVERIFY2(stored.error().message.startsWith(u"No keychain is available"_s),
             messageOf(stored).constData());
    QVERIFY(!remove(u"alice"_s).hasValue());
}

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "TestKeychainSecretStore.moc"
