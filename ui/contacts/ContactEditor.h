// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/client/ClientTypes.h"
#include "core/phone/PhoneNumberNormalizer.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QVBoxLayout;

namespace CallBridge {

// The form for a new contact or changes to one. It does not save: saveRequested() asks the page
// to, and showError() puts the relay's answer under the form's title, marking the field it names.
class ContactEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ContactEditor(QWidget *parent = nullptr);

    void setNumberFormat(const PhoneNumberNormalizer &normalizer) { m_normalizer = normalizer; }
    void startNew(const QString &number = QString());
    void startEdit(const ContactCard &contact);

    bool isNew() const { return m_original.id == 0; }
    qint64 contactId() const { return m_original.id; }
    // A new contact: every field filled in; an edit: only what changed.
    ContactDraft draft() const;
    bool hasChanges() const;

    void setBusy(bool busy);
    void showError(const QString &message);
    QString errorText() const;

    QLineEdit *nameField() const { return m_name; }
    QLineEdit *companyField() const { return m_company; }
    QList<QLineEdit *> phoneFields() const { return m_phones; }
    QLineEdit *emailField() const { return m_email; }
    QPlainTextEdit *notesField() const { return m_notes; }
    QPushButton *saveButton() const { return m_save; }

public slots:
    QLineEdit *addPhoneField(const QString &number = QString());

signals:
    void saveRequested();
    void cancelled();

private:
    void reset(const ContactCard &contact);
    QStringList phones() const;
    void markInvalid(QWidget *field, bool invalid);

    PhoneNumberNormalizer m_normalizer;
    ContactCard m_original;
    QLabel *m_title;
    QLabel *m_error;
    QLineEdit *m_name;
    QLineEdit *m_company;
    QVBoxLayout *m_phoneRows;
    QList<QLineEdit *> m_phones;
    QLineEdit *m_email;
    QPlainTextEdit *m_notes;
    QPushButton *m_save;
    QPushButton *m_cancel;
};

} // namespace CallBridge
