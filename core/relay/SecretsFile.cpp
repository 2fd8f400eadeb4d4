// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/SecretsFile.h"

#include "core/relay/RelayConfigLogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace CallBridge {

namespace {

constexpr qint64 maxFileBytes = 64 * 1024;

bool isValidValue(const QByteArray &value)
{
    for (const char c : value) {
        if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
            return false;
    }
    return true;
}

} // namespace

SecretsFile::SecretsFile(QString path) : m_path(std::move(path)) { }

bool SecretsFile::exists() const
{
    return QFileInfo::exists(m_path);
}

Result<ZadarmaCredentials> SecretsFile::read() const
{
    const QFileInfo info(m_path);
    if (!info.exists())
        return ZadarmaCredentials {};
    if (!info.isFile())
        return fail(QStringLiteral("the secrets file %1 is not a regular file").arg(m_path));
    constexpr QFile::Permissions groupOrOther = QFile::ReadGroup | QFile::WriteGroup
            | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    if (info.permissions() & groupOrOther)
        return fail(QStringLiteral("the secrets file %1 may be read or changed by other users; "
                                   "restrict it with: chmod 600 %1")
                            .arg(m_path));

    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the secrets file %1: %2")
                            .arg(m_path, file.errorString()));
    if (file.size() > maxFileBytes)
        return fail(QStringLiteral("the secrets file %1 is larger than %2 bytes; it should hold "
                                   "two lines")
                            .arg(m_path)
                            .arg(maxFileBytes));

    ZadarmaCredentials credentials;
    int lineNumber = 0;
    for (const QByteArray &rawLine : file.readAll().split('\n')) {
        ++lineNumber;
        const QByteArray line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype equals = line.indexOf('=');
        // The message names the line, never its content: it may be a secret.
        const QString where = QStringLiteral("%1:%2").arg(m_path).arg(lineNumber);
        if (equals <= 0)
            return fail(
                    QStringLiteral("%1: expected zadarma_key=… or zadarma_secret=…").arg(where));
        const QByteArray name = line.left(equals).trimmed();
        const QByteArray value = line.mid(equals + 1).trimmed();
        QByteArray *target = nullptr;
        if (name == QByteArrayView(keyName.data(), keyName.size()))
            target = &credentials.key;
        else if (name == QByteArrayView(secretName.data(), secretName.size()))
            target = &credentials.secret;
        else
            return fail(QStringLiteral("%1: unknown name \"%2\"; the file holds zadarma_key and "
                                       "zadarma_secret")
                                .arg(where, QString::fromUtf8(name.left(40))));
        if (!target->isEmpty())
            return fail(
                    QStringLiteral("%1: %2 is given twice").arg(where, QString::fromUtf8(name)));
        if (!isValidValue(value))
            return fail(QStringLiteral("%1: the value of %2 contains spaces or control characters")
                                .arg(where, QString::fromUtf8(name)));
        *target = value;
    }
    return credentials;
}

Result<void> SecretsFile::write(const ZadarmaCredentials &credentials) const
{
    if (!isValidValue(credentials.key) || !isValidValue(credentials.secret))
        return fail(QStringLiteral("the Zadarma key and secret may not contain spaces or control "
                                   "characters"));
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(QStringLiteral("cannot create the directory %1").arg(info.absolutePath()));

    QSaveFile file(m_path);
    // QSaveFile writes a temporary file and renames it; its permissions become the file's. Set
    // them right after opening, while the temporary file is still empty.
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write the secrets file %1: %2")
                            .arg(m_path, file.errorString()));
    if (!file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)) {
        file.cancelWriting();
        return fail(QStringLiteral("cannot restrict the permissions of %1 to 0600: %2")
                            .arg(m_path, file.errorString()));
    }
    QByteArray content = "# CallBridge relay: Zadarma API credentials. Keep this file 0600.\n";
    if (!credentials.key.isEmpty())
        content += keyName.toString().toUtf8() + '=' + credentials.key + '\n';
    if (!credentials.secret.isEmpty())
        content += secretName.toString().toUtf8() + '=' + credentials.secret + '\n';
    if (file.write(content) != content.size() || !file.commit())
        return fail(QStringLiteral("cannot write the secrets file %1: %2")
                            .arg(m_path, file.errorString()));
    qCInfo(lcRelayConfig).noquote() << "Zadarma credentials written to" << m_path;
    return {};
}

Result<ZadarmaCredentials> SecretsFile::resolve(const QProcessEnvironment &environment) const
{
    auto credentials = read();
    if (!credentials)
        return credentials;
    const QByteArray key = environment.value(keyVariable.toString()).trimmed().toUtf8();
    const QByteArray secret = environment.value(secretVariable.toString()).trimmed().toUtf8();
    if (!key.isEmpty())
        credentials->key = key;
    if (!secret.isEmpty())
        credentials->secret = secret;
    return credentials;
}

} // namespace CallBridge
