// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QFrame;
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
