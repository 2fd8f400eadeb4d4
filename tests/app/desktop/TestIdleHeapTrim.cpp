// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/desktop/IdleHeapTrim.h"

#include <QSignalSpy>
#include <QTest>
#include <QWidget>

#include <memory>
#include <vector>

using namespace CallBridge;
using namespace std::chrono_literals;

class TestIdleHeapTrim : public QObject
{
    Q_OBJECT

private slots:
    void trimsOnceAfterTheLastWindowHid();
    void childWidgetsDoNotCount();
    void freedHeapGoesBack();
};

void TestIdleHeapTrim::trimsOnceAfterTheLastWindowHid()
{
    IdleHeapTrim trim(100ms);
    QSignalSpy trimmed(&trim, &IdleHeapTrim::trimmed);
    QWidget window;
    QWidget popup(nullptr, Qt::Tool);
    window.show();
    popup.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(trimmed.count(), 0);

    window.hide();
    popup.hide(); // the delay counts from this one
    QVERIFY(trimmed.wait(2000));
    QTest::qWait(200);
    QCOMPARE(trimmed.count(), 1);
}

void TestIdleHeapTrim::childWidgetsDoNotCount()
{
    IdleHeapTrim trim(50ms);
    QSignalSpy trimmed(&trim, &IdleHeapTrim::trimmed);
    QWidget window;
    auto *child = new QWidget(&window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    child->hide();
    QVERIFY(!trimmed.wait(300));
}

// What the app freed in the middle of the heap, which free() itself keeps, is given back.
void TestIdleHeapTrim::freedHeapGoesBack()
{
#ifdef __GLIBC__
    std::vector<std::unique_ptr<char[]>> blocks;
    for (int i = 0; i < 2048; ++i) {
        blocks.push_back(std::make_unique<char[]>(4096));
        blocks.back()[0] = char(i); // touched, so resident
    }
    blocks.erase(blocks.begin(), blocks.end() - 1); // the last one keeps the heap's top in use
    QVERIFY(IdleHeapTrim::trim());
#else
    QVERIFY(!IdleHeapTrim::trim());
#endif
}

QTEST_MAIN(TestIdleHeapTrim)
#include "TestIdleHeapTrim.moc"
