// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/AccessToken.h"

#include <QCryptographicHash>
#include <QSet>
#include <QTest>

using namespace CallBridge;

class TestAccessToken : public QObject
{
    Q_OBJECT

private slots:
    void generatedTokensAreWellFormedAndDistinct();
    void hashIsSha256OfTheToken();
    void matches();
    void wellFormed_data();
    void wellFormed();
};

void TestAccessToken::generatedTokensAreWellFormedAndDistinct()
{
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i) {
        const QString token = AccessToken::generate();
        QVERIFY2(AccessToken::isWellFormed(token), qPrintable(token));
        QCOMPARE(token.size(), AccessToken::length);
        QVERIFY(!token.contains(u'='));
        seen.insert(token);
    }
    QCOMPARE(seen.size(), 1000);
    const QString token = AccessToken::generate();
    const QByteArray bytes
            = QByteArray::fromBase64(token.mid(4).toLatin1(), QByteArray::Base64UrlEncoding);
    QCOMPARE(bytes.size(), AccessToken::randomBytes);
}

void TestAccessToken::hashIsSha256OfTheToken()
{
    const QString token = QStringLiteral("cbt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    const QByteArray hash = AccessToken::hash(token);
    QCOMPARE(hash.size(), 32);
    QCOMPARE(hash, QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256));
    QVERIFY(AccessToken::hash(AccessToken::generate()) != hash);
}

void TestAccessToken::matches()
{
    const QString token = AccessToken::generate();
    const QByteArray stored = AccessToken::hash(token);
    QVERIFY(AccessToken::matches(token, stored));
    QVERIFY(!AccessToken::matches(AccessToken::generate(), stored));
    QVERIFY(!AccessToken::matches(token, QByteArray()));
    QVERIFY(!AccessToken::matches(token, stored.left(31)));
}

void TestAccessToken::wellFormed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("wellFormed");
    const QString body = QStringLiteral("abcdefghijklmnopqrstuvwxyz-_0123456789ABCDEFG"); // 45
    QTest::newRow("good") << QStringLiteral("cbt_") + body.left(43) << true;
    QTest::newRow("short") << QStringLiteral("cbt_") + body.left(42) << false;
    QTest::newRow("long") << QStringLiteral("cbt_") + body.left(44) << false;
    QTest::newRow("no prefix") << body.left(47) << false;
    QTest::newRow("padding") << QStringLiteral("cbt_") + body.left(42) + u'=' << false;
    QTest::newRow("standard base64") << QStringLiteral("cbt_") + body.left(42) + u'+' << false;
    QTest::newRow("empty") << QString() << false;
}

void TestAccessToken::wellFormed()
{
    QFETCH(QString, text);
    QFETCH(bool, wellFormed);
    QCOMPARE(AccessToken::isWellFormed(text), wellFormed);
}

QTEST_GUILESS_MAIN(TestAccessToken)
#include "TestAccessToken.moc"
