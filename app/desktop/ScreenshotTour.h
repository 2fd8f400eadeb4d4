// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDir>
#include <QObject>

#include <functional>

class QWidget;

namespace CallBridge {

class DesktopApp;

// `callbridge --screenshot-tour DIR`: once the app is signed in and live, shows the tray menu, a
// pop-up for the latest call, each page of the main window and the settings dialog, and saves a
// PNG of each (README pictures, and a check that every part renders with real data). Ends with
// every window closed back to the tray.
class ScreenshotTour : public QObject
{
    Q_OBJECT

public:
    ScreenshotTour(DesktopApp *app, const QString &directory, QObject *parent = nullptr);

    // A recorded call was found and its recording played (checked at the history picture).
    bool playedRecording() const { return m_playedRecording; }

signals:
    void finished(bool ok);

private:
    using Step = std::function<void()>;
    void begin();
    void next();
    void then(int delayMs, Step step);
    void save(const QString &name, QWidget *widget);
    void saveScreen(const QString &name, const QRect &area);

    DesktopApp *m_app;
    QDir m_directory;
    QList<std::pair<int, Step>> m_steps;
    bool m_ok = true;
    bool m_started = false;
    bool m_recordingStarted = false;
    bool m_playedRecording = false;
};

} // namespace CallBridge
