<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CallBridge::ConnectionPage</name>
    <message numerus="yes">
        <source>%n pop-up(s) at once</source>
        <translation>
            <numerusform>%n pop-up at once</numerusform>
            <numerusform>%n pop-ups at once</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n minute(s)</source>
        <translation>
            <numerusform>every %n minute</numerusform>
            <numerusform>every %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallBridge::ContactsPage</name>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n contact</numerusform>
            <numerusform>%n contacts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallBridge::HistoryPage</name>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n call</numerusform>
            <numerusform>%n calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The latest %n call(s); older ones follow with “Load more”.</source>
        <translation>
            <numerusform>The latest %n call; older ones follow with “Load more”.</numerusform>
            <numerusform>The latest %n calls; older ones follow with “Load more”.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallBridge::ReminderItem</name>
    <message numerus="yes">
        <source>waiting %n min</source>
        <translation>
            <numerusform>waiting %n min</numerusform>
            <numerusform>waiting %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>waiting %n h</source>
        <translation>
            <numerusform>waiting %n h</numerusform>
            <numerusform>waiting %n h</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallBridge::RemindersPage</name>
    <message numerus="yes">
        <source>%n missed call(s) waiting for you to call back.</source>
        <translation>
            <numerusform>%n missed call waiting for you to call back.</numerusform>
            <numerusform>%n missed calls waiting for you to call back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallBridge::RoutingPage</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallBridge::SoundFilePlayer</name>
    <message numerus="yes">
        <source>The sound output cannot play this recording (%1 Hz, %n channel(s)).</source>
        <translation>
            <numerusform>The sound output cannot play this recording (%1 Hz, %n channel).</numerusform>
            <numerusform>The sound output cannot play this recording (%1 Hz, %n channels).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallBridge::TrayIcon</name>
    <message numerus="yes">
        <source>%n missed calls</source>
        <translation>
            <numerusform>%n missed call</numerusform>
            <numerusform>%n missed calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallBridge::ZadarmaAccountPage</name>
    <message numerus="yes">
        <source>Connected. Zadarma answered in %n ms.</source>
        <translation>
            <numerusform>Connected. Zadarma answered in %n ms.</numerusform>
            <numerusform>Connected. Zadarma answered in %n ms.</numerusform>
        </translation>
    </message>
</context>
</TS>
