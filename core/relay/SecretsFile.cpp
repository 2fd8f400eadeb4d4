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
    auto values = readValues();
    if (!values)
        return fail(values.error());
    ZadarmaCredentials credentials;
    credentials.key = values->value(keyName.toString().toUtf8());
    credentials.secret = values->value(secretName.toString().toUtf8());
    return credentials;
}

Result<QHash<QByteArray, QByteArray>> SecretsFile::readValues() const
{
    const QFileInfo info(m_path);
    if (!info.exists())
        return QHash<QByteArray, QByteArray>();
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
                                   "a few lines")
                            .arg(m_path)
                            .arg(maxFileBytes));
    QHash<QByteArray, QByteArray> values;
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
        const bool crmSecret
                = name.startsWith(crmSecretPrefix.data()) && name.size() > crmSecretPrefix.size();
        if (name != QByteArrayView(keyName.data(), keyName.size())
            && name != QByteArrayView(secretName.data(), secretName.size()) && !crmSecret)
            return fail(QStringLiteral("%1: unknown name \"%2\"; the file holds zadarma_key, "
                                       "zadarma_secret and crm_secret_NAME lines")
                                .arg(where, QString::fromUtf8(name.left(40))));
        if (values.contains(name))
            return fail(
                    QStringLiteral("%1: %2 is given twice").arg(where, QString::fromUtf8(name)));
        if (!isValidValue(value))
            return fail(QStringLiteral("%1: the value of %2 contains spaces or control characters")
                                .arg(where, QString::fromUtf8(name)));
        values.insert(name, value);
    }
    return values;
}

Result<QHash<QString, QString>>
SecretsFile::crmSecrets(const QProcessEnvironment &environment) const
{
    auto values = readValues();
    if (!values)
        return fail(values.error());
    QHash<QString, QString> secrets;
    for (auto it = values->cbegin(); it != values->cend(); ++it) {
        if (it.key().startsWith(crmSecretPrefix.data()))
            secrets.insert(QString::fromUtf8(it.key().mid(crmSecretPrefix.size())),
                           QString::fromUtf8(it.value()));
    }
    const QString prefix = crmSecretVariablePrefix.toString();
    for (const QString &variable : environment.keys()) {
        if (variable.startsWith(prefix) && variable.size() > prefix.size())
            secrets.insert(variable.mid(prefix.size()).toLower(),
                           environment.value(variable).trimmed());
    }
    return secrets;
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
    // The CRM connector's secrets stay; an unreadable old file has nothing worth keeping.
    const QHash<QByteArray, QByteArray> kept = readValues().valueOr({});
    QByteArray content = "# CallBridge relay: Zadarma API credentials. Keep this file 0600.\n";
    for (auto it = kept.cbegin(); it != kept.cend(); ++it) {
        if (it.key().startsWith(crmSecretPrefix.data()))
            content += it.key() + '=' + it.value() + '\n';
    }
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
