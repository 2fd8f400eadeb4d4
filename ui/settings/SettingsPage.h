// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QFrame;
class QSpinBox;
class QVBoxLayout;

namespace CallBridge {

// One page of the settings dialog: a title, a line on what it is for, and its controls. A locked
// page keeps its controls visible but disabled under a banner that says why.
class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    SettingsPage(const QString &title, const QString &description, QWidget *parent = nullptr);

    QString title() const { return m_title; }
    bool isLocked() const { return m_locked; }
    void setLocked(bool locked, const QString &reason = {});
    // Loads the page's data again (an admin page asks the relay).
    virtual void reload() { }

protected:
    // Where subclasses put their controls.
    QVBoxLayout *body() const { return m_body; }
    // A grey, wrapped line under a control that explains it.
    static QLabel *hint(const QString &text, QWidget *parent);
    // Shows the spin box's value inside a whole translated phrase, such as tr("every %n
    // minute(s)", nullptr, value): the words before and after the number become the prefix and
    // suffix, so that each language can inflect them for the value shown.
    static void showInPhrase(QSpinBox *box, const std::function<QString(int)> &phrase);
    void showEvent(QShowEvent *event) override;

private:
    void reloadWhenShown();

    QString m_title;
    bool m_locked = false;
    bool m_loaded = false;
    QFrame *m_banner;
    QLabel *m_bannerText;
    QWidget *m_content;
    QVBoxLayout *m_body;
};

} // namespace CallBridge
