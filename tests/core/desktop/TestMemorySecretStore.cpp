// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/MemorySecretStore.h"

#include <QTest>

#include <memory>

using namespace CallBridge;
using namespace Qt::StringLiterals;

// The in-memory stand-in behaves as KeychainSecretStore does, so other tests can trust it.
class TestMemorySecretStore : public QObject
{
    Q_OBJECT

private slots:
    void answersLaterLikeTheKeychain();
    void failsWhenToldTo();
    void noAnswerAfterContextIsGone();
};

void TestMemorySecretStore::answersLaterLikeTheKeychain()
{
    Test::MemorySecretStore store;
    std::optional<Result<void>> written;
    store.write(u"alice"_s, u"token"_s, this,
                [&written](Result<void> result) { written = result; });
    QVERIFY(!written); // never at once
    QTRY_VERIFY(written);
    QVERIFY(written->hasValue());
    QCOMPARE(store.secret(u"alice"_s), std::optional<QString>(u"token"_s));

    std::optional<Result<std::optional<QString>>> read;
    store.read(u"alice"_s, this, [&read](auto result) { read = result; });
    QTRY_VERIFY(read);
    QCOMPARE(read->value(), std::optional<QString>(u"token"_s));

    std::optional<Result<void>> removed;
    store.remove(u"alice"_s, this, [&removed](Result<void> result) { removed = result; });
    QTRY_VERIFY(removed);
    QVERIFY(removed->hasValue());

    read.reset();
    store.read(u"alice"_s, this, [&read](auto result) { read = result; });
    QTRY_VERIFY(read);
    QVERIFY(read->hasValue());
    QCOMPARE(read->value(), std::nullopt);
    QCOMPARE(store.calls(), 4);
}

void TestMemorySecretStore::failsWhenToldTo()
{
    Test::MemorySecretStore store;
    store.setSecret(u"alice"_s, u"token"_s);
    store.setFailure(u"No keychain is available"_s);
    std::optional<Result<std::optional<QString>>> read;
    store.read(u"alice"_s, this, [&read](auto result) { read = result; });
    QTRY_VERIFY(read);
    QVERIFY(!read->hasValue());
    QCOMPARE(read->error().message, u"No keychain is available"_s);

    std::optional<Result<void>> written;
    store.write(u"alice"_s, u"other"_s, this,
                [&written](Result<void> result) { written = result; });
    QTRY_VERIFY(written);
    QVERIFY(!written->hasValue());
    QCOMPARE(store.secret(u"alice"_s), std::optional<QString>(u"token"_s));
}

void TestMemorySecretStore::noAnswerAfterContextIsGone()
{
    Test::MemorySecretStore store;
    auto context = std::make_unique<QObject>();
    bool answered = false;
    store.read(u"alice"_s, context.get(), [&answered](auto) { answered = true; });
    context.reset();
    std::optional<Result<std::optional<QString>>> later;
    store.read(u"alice"_s, this, [&later](auto result) { later = result; });
    QTRY_VERIFY(later);
    QVERIFY(!answered);
}

QTEST_GUILESS_MAIN(TestMemorySecretStore)
#include "TestMemorySecretStore.moc"
