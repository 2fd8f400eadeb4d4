// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/TestData.h"

#include <QDir>
#include <QFile>

namespace CallBridge::Test {

QString dataPath(const QString &relativePath)
{
    QString root = qEnvironmentVariable("CALLBRIDGE_TEST_DATA");
    if (root.isEmpty())
        root = QStringLiteral(CALLBRIDGE_SOURCE_DIR "/tests/data");
    return QDir(root).filePath(relativePath);
}

QByteArray readData(const QString &relativePath)
{
    QFile file(dataPath(relativePath));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("test fixture %s cannot be read: %s", qPrintable(file.fileName()),
               qPrintable(file.errorString()));
    return file.readAll();
}

} // namespace CallBridge::Test
