<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
        <source>Missed %1 · waiting %n min</source>
        <translation>
            <numerusform>Missed %1 · waiting %n min</numerusform>
            <numerusform>Missed %1 · waiting %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Missed %1 · waiting %n h</source>
        <translation>
            <numerusform>Missed %1 · waiting %n h</numerusform>
            <numerusform>Missed %1 · waiting %n h</numerusform>
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
