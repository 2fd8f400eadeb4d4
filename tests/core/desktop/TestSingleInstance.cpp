// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/desktop/SingleInstance.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace CallBridge;
using namespace Qt::StringLiterals;

class TestSingleInstance : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void firstClaimsSecondDoesNot();
    void forwardsArguments_data();
    void forwardsArguments();
    void forwardsTwice();
    void takesOverStaleSocket();
    void socketIsOnlyTheUsers();
    void freedWhenDestroyed();
    void forwardWithoutInstanceFails();
    void forwardTimesOut();
    void dropsBrokenMessages();
    void defaultNameInRuntimeDir();

private:
    QString m_name;
};

void TestSingleInstance::init()
{
    static int counter = 0;
    m_name = u"callbridge-test-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(++counter);
}

void TestSingleInstance::cleanup()
{
    QLocalServer::removeServer(m_name);
    QFile::remove(QDir::temp().filePath(m_name + u".lock"_s));
}

void TestSingleInstance::firstClaimsSecondDoesNot()
{
    SingleInstance first(m_name);
    SingleInstance second(m_name);
    const Result<bool> claimed = first.claim();
    QVERIFY(claimed.hasValue());
    QCOMPARE(claimed.value(), true);
    QCOMPARE(first.claim().valueOr(false), true); // asking again changes nothing

    const Result<bool> other = second.claim();
    QVERIFY(other.hasValue());
    QCOMPARE(other.value(), false);
}

void TestSingleInstance::forwardsArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("tel link") << QStringList { u"/usr/bin/callbridge"_s, u"tel:+34911234567"_s };
    QTest::newRow("nothing") << QStringList();
    QTest::newRow("empty and unicode")
            << QStringList { QString(), u"Zoë Ñúñez"_s, u"Иван"_s, u"line\nbreak \"quoted\""_s };
    QTest::newRow("long") << QStringList(200, QString(300, u'x'));
}

void TestSingleInstance::forwardsArguments()
{
    QFETCH(QStringList, arguments);

    SingleInstance running(m_name);
    QCOMPARE(running.claim().valueOr(false), true);
    QSignalSpy received(&running, &SingleInstance::argumentsReceived);

    SingleInstance second(m_name);
    QCOMPARE(second.claim().valueOr(true), false);
    const Result<void> forwarded = second.forward(arguments);
    QVERIFY2(forwarded.hasValue(), qPrintable(forwarded.error().message));
    // The acknowledgement comes after the running instance took them.
    QCOMPARE(received.count(), 1);
    QCOMPARE(received.at(0).at(0).toStringList(), arguments);
}

void TestSingleInstance::forwardsTwice()
{
    SingleInstance running(m_name);
    QCOMPARE(running.claim().valueOr(false), true);
    QSignalSpy received(&running, &SingleInstance::argumentsReceived);

    QVERIFY(SingleInstance(m_name).forward({ u"tel:101"_s }).hasValue());
    QVERIFY(SingleInstance(m_name).forward({ u"tel:102"_s }).hasValue());
    QCOMPARE(received.count(), 2);
    QCOMPARE(received.at(1).at(0).toStringList(), QStringList { u"tel:102"_s });
}

void TestSingleInstance::takesOverStaleSocket()
{
    // What a crash leaves behind: the socket file, bound once, with nobody listening.
    const QByteArray path = QDir::temp().filePath(m_name).toLocal8Bit();
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    QVERIFY(size_t(path.size()) < sizeof(address.sun_path));
    std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    QCOMPARE(::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)), 0);
    ::close(fd);
    QVERIFY(QFile::exists(QString::fromLocal8Bit(path)));
    QLocalSocket probe;
    probe.connectToServer(m_name);
    QVERIFY(!probe.waitForConnected(500));

    SingleInstance instance(m_name);
    const Result<bool> claimed = instance.claim();
    QVERIFY2(claimed.hasValue(),
             qPrintable(claimed.hasValue() ? QString() : claimed.error().message));
    QCOMPARE(claimed.value(), true);

    QSignalSpy received(&instance, &SingleInstance::argumentsReceived);
    QVERIFY(SingleInstance(m_name).forward({ u"tel:101"_s }).hasValue());
    QCOMPARE(received.count(), 1);
}

void TestSingleInstance::socketIsOnlyTheUsers()
{
    SingleInstance instance(m_name);
    QCOMPARE(instance.claim().valueOr(false), true);
    const QFile::Permissions permissions = QFile::permissions(QDir::temp().filePath(m_name));
    QVERIFY(permissions & QFile::WriteOwner);
    QCOMPARE(permissions
                     & (QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
                        | QFile::WriteOther | QFile::ExeOther),
             QFile::Permissions());
}

void TestSingleInstance::freedWhenDestroyed()
{
    {
        SingleInstance first(m_name);
        QCOMPARE(first.claim().valueOr(false), true);
    }
    SingleInstance next(m_name);
    QCOMPARE(next.claim().valueOr(false), true);
}

void TestSingleInstance::forwardWithoutInstanceFails()
{
    const Result<void> forwarded = SingleInstance(m_name).forward({ u"tel:101"_s });
    QVERIFY(!forwarded.hasValue());
    QVERIFY2(forwarded.error().message.contains(u"running CallBridge"_s),
             qPrintable(forwarded.error().message));
}

void TestSingleInstance::forwardTimesOut()
{
    // Something listens but never answers (a hung instance).
    QLocalServer silent;
    QVERIFY(silent.listen(m_name));
    QElapsedTimer elapsed;
    elapsed.start();
    const Result<void> forwarded = SingleInstance(m_name).forward({ u"tel:101"_s }, 200);
    QVERIFY(!forwarded.hasValue());
    QVERIFY(elapsed.elapsed() >= 190);
    QVERIFY2(forwarded.error().message.contains(u"did not answer within 0.2 s"_s),
             qPrintable(forwarded.error().message));
}

void TestSingleInstance::dropsBrokenMessages()
{
    SingleInstance running(m_name);
    QCOMPARE(running.claim().valueOr(false), true);
    QSignalSpy received(&running, &SingleInstance::argumentsReceived);

    const auto sendRaw = [this](const QByteArray &bytes) {
        QLocalSocket socket;
        socket.connectToServer(m_name);
        QVERIFY(socket.waitForConnected(1000));
        socket.write(bytes);
        QSignalSpy closed(&socket, &QLocalSocket::disconnected);
        QVERIFY(closed.wait(2000));
    };
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"too large|bytes"_s));
    QByteArray huge(4, Qt::Uninitialized);
    qToBigEndian(quint32(64 * 1024 * 1024), huge.data());
    sendRaw(huge);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"not a list"_s));
    const QByteArray json = "{\"not\":\"a list\"}";
    QByteArray object(4, Qt::Uninitialized);
    qToBigEndian(quint32(json.size()), object.data());
    sendRaw(object + json);

    QCOMPARE(received.count(), 0);
    QVERIFY(SingleInstance(m_name).forward({ u"tel:101"_s }).hasValue());
    QCOMPARE(received.count(), 1);
}

void TestSingleInstance::defaultNameInRuntimeDir()
{
    QTemporaryDir runtime;
    const QByteArray saved = qgetenv("XDG_RUNTIME_DIR");
    qputenv("XDG_RUNTIME_DIR", runtime.path().toLocal8Bit());
    const QString name = SingleInstance::defaultName();
    qputenv("XDG_RUNTIME_DIR", saved);
    QCOMPARE(name, runtime.filePath(u"callbridge.socket"_s));

    // A full path works as a name as well.
    SingleInstance instance(name);
    QCOMPARE(instance.claim().valueOr(false), true);
    QSignalSpy received(&instance, &SingleInstance::argumentsReceived);
    QVERIFY(SingleInstance(name).forward({ u"tel:101"_s }).hasValue());
    QCOMPARE(received.count(), 1);
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "TestSingleInstance.moc"
