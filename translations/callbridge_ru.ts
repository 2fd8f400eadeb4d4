<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>CallBridge::Banner</name>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>CallBridge::BlacklistPage</name>
    <message>
        <source>Blacklist</source>
        <translation>Чёрный список</translation>
    </message>
    <message>
        <source>No numbers on the blacklist.</source>
        <translation>В чёрном списке нет номеров.</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Удалить…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Add to blacklist</source>
        <translation>Добавить в чёрный список</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Добавлен</translation>
    </message>
    <message>
        <source>Add a number</source>
        <translation>Добавить номер</translation>
    </message>
    <message>
        <source>+48 600 100 200</source>
        <translation>+48 600 100 200</translation>
    </message>
    <message>
        <source>Optional, for the other admins</source>
        <translation>Необязательно, для других администраторов</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>Номер:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <source>Loading the blacklist…</source>
        <translation>Загрузка чёрного списка…</translation>
    </message>
    <message>
        <source>Could not load the blacklist: %1</source>
        <translation>Не удалось загрузить чёрный список: %1</translation>
    </message>
    <message>
        <source>Enter the number with its country code.</source>
        <translation>Введите номер с кодом страны.</translation>
    </message>
    <message>
        <source>Adding %1…</source>
        <translation>Добавление %1…</translation>
    </message>
    <message>
        <source>%1 is on the blacklist.</source>
        <translation>%1 добавлен в чёрный список.</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>Удалить %1?</translation>
    </message>
    <message>
        <source>Take %1 off the blacklist?</source>
        <translation>Убрать %1 из чёрного списка?</translation>
    </message>
    <message>
        <source>Calls from this number will ring again.</source>
        <translation>Звонки с этого номера снова будут поступать.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>Удаление %1…</translation>
    </message>
    <message>
        <source>Could not remove %1: %2</source>
        <translation>Не удалось удалить %1: %2</translation>
    </message>
    <message>
        <source>%1 was taken off the blacklist.</source>
        <translation>%1 удалён из чёрного списка.</translation>
    </message>
    <message>
        <source>Callers the relay hangs up on, as long as hanging up on blacklisted callers is turned on in the routing settings.</source>
        <translation>Номера, звонки с которых сервер сбрасывает, если в настройках маршрутизации включён сброс звонков из чёрного списка.</translation>
    </message>
</context>
<context>
    <name>CallBridge::CallHistoryModel</name>
    <message>
        <source>Unknown number</source>
        <translation>Неизвестный номер</translation>
    </message>
    <message>
        <source>Rang: %1</source>
        <translation>Вызывались: %1</translation>
    </message>
    <message>
        <source>Recorded: select the call to play it</source>
        <translation>Записан: выберите звонок, чтобы прослушать</translation>
    </message>
    <message>
        <source>Recorded; the recording is not ready yet</source>
        <translation>Записан; запись ещё не готова</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контакт</translation>
    </message>
    <message>
        <source>Ext.</source>
        <translation>Внутр.</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Запись</translation>
    </message>
</context>
<context>
    <name>CallBridge::CallPopup</name>
    <message>
        <source>Open in CRM</source>
        <translation>Открыть в CRM</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Перезвонить</translation>
    </message>
    <message>
        <source>Create contact</source>
        <translation>Создать контакт</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Скрыть</translation>
    </message>
    <message>
        <source>Outgoing call — ringing</source>
        <translation>Исходящий — идёт вызов</translation>
    </message>
    <message>
        <source>Incoming call — ringing</source>
        <translation>Входящий — идёт вызов</translation>
    </message>
    <message>
        <source>Call — ringing</source>
        <translation>Звонок — идёт вызов</translation>
    </message>
    <message>
        <source>Outgoing call — answered</source>
        <translation>Исходящий — ответили</translation>
    </message>
    <message>
        <source>Ended, %1</source>
        <translation>Завершён, %1</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Завершён</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Без ответа</translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation>Пропущенный звонок</translation>
    </message>
    <message>
        <source>Outgoing call</source>
        <translation>Исходящий звонок</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Входящий звонок</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Принят</translation>
    </message>
    <message>
        <source>Answered by you</source>
        <translation>Вы ответили</translation>
    </message>
    <message>
        <source>Answered by extension %1</source>
        <translation>Ответили на внутр. %1</translation>
    </message>
    <message>
        <source>Answered by %1 (%2)</source>
        <translation>Ответил(а) %1 (%2)</translation>
    </message>
    <message>
        <source>Hidden number</source>
        <translation>Скрытый номер</translation>
    </message>
    <message>
        <source>Responsible: %1</source>
        <translation>Ответственный: %1</translation>
    </message>
    <message>
        <source>Responsible: %1 (%2)</source>
        <translation>Ответственный: %1 (%2)</translation>
    </message>
    <message>
        <source>New caller</source>
        <translation>Новый абонент</translation>
    </message>
    <message>
        <source>Last call: …</source>
        <translation>Последний звонок: …</translation>
    </message>
</context>
<context>
    <name>CallBridge::ConnectionPage</name>
    <message>
        <source>Connection &amp; alerts</source>
        <translation>Связь и оповещения</translation>
    </message>
    <message>
        <source>How this computer reaches the CallBridge relay, and how calls get your attention.</source>
        <translation>Как этот компьютер подключается к серверу CallBridge и как вас оповещают о звонках.</translation>
    </message>
    <message>
        <source>Play a ring sound when a call comes in</source>
        <translation>Воспроизводить звук при входящем звонке</translation>
    </message>
    <message>
        <source>Start CallBridge when I log in</source>
        <translation>Запускать CallBridge при входе в систему</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <source>Relay address:</source>
        <translation>Адрес сервера:</translation>
    </message>
    <message>
        <source>Paste a new token here</source>
        <translation>Вставьте сюда новый токен</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Токен доступа:</translation>
    </message>
    <message>
        <source>Signed in as:</source>
        <translation>Вы вошли как:</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Звонки</translation>
    </message>
    <message>
        <source>When a call rings</source>
        <translation>При поступлении звонка</translation>
    </message>
    <message>
        <source>When I answer a call</source>
        <translation>Когда я отвечаю на звонок</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Никогда</translation>
    </message>
    <message>
        <source>Show a pop-up:</source>
        <translation>Показывать окно:</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Общие</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Язык:</translation>
    </message>
    <message>
        <source>A new language takes effect when CallBridge restarts.</source>
        <translation>Новый язык вступит в силу после перезапуска CallBridge.</translation>
    </message>
    <message>
        <source>Enter the relay&apos;s address, such as https://relay.example.com.</source>
        <translation>Введите адрес сервера, например https://relay.example.com.</translation>
    </message>
    <message>
        <source>Not connected to the relay yet</source>
        <translation>Подключение к серверу ещё не установлено</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>администратор</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>оператор</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2, extension %3)</source>
        <translation>%1 (%2, внутренний номер %3)</translation>
    </message>
    <message>
        <source>A token is stored in the system keychain. Paste a new one only to replace it.</source>
        <translation>Токен хранится в системной связке ключей. Вставляйте новый, только чтобы заменить его.</translation>
    </message>
    <message>
        <source>No token yet. Paste the one your administrator gave you; it is kept in the system keychain, never in a file.</source>
        <translation>Токена пока нет. Вставьте токен, полученный от администратора; он хранится в системной связке ключей, а не в файле.</translation>
    </message>
    <message>
        <source>Saving the token in the system keychain…</source>
        <translation>Сохранение токена в системной связке ключей…</translation>
    </message>
    <message numerus="yes">
        <source>%n pop-up(s) at once</source>
        <translation>
            <numerusform>%n окна одновременно</numerusform>
            <numerusform>%n окон одновременно</numerusform>
            <numerusform>%n окон одновременно</numerusform>
        </translation>
    </message>
    <message>
        <source>Show at most:</source>
        <translation>Показывать не больше:</translation>
    </message>
    <message numerus="yes">
        <source>every %n minute(s)</source>
        <translation>
            <numerusform>каждую %n минуту</numerusform>
            <numerusform>каждые %n минуты</numerusform>
            <numerusform>каждые %n минут</numerusform>
        </translation>
    </message>
    <message>
        <source>Remind me of missed calls:</source>
        <translation>Напоминать о пропущенных:</translation>
    </message>
</context>
<context>
    <name>CallBridge::ContactCardView</name>
    <message>
        <source>Edit</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <source>Recent calls</source>
        <translation>Последние звонки</translation>
    </message>
    <message>
        <source>Unnamed contact</source>
        <translation>Контакт без имени</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Позвонить</translation>
    </message>
    <message>
        <source>Ring your phone first, then %1</source>
        <translation>Сначала зазвонит ваш телефон, затем %1</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>No phone number</source>
        <translation>Нет номера телефона</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>%1 (ext. %2)</source>
        <translation>%1 (внутр. %2)</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>No calls with this contact yet.</source>
        <translation>С этим контактом ещё не было звонков.</translation>
    </message>
</context>
<context>
    <name>CallBridge::ContactEditor</name>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>First and last name</source>
        <translation>Имя и фамилия</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>Company (optional)</source>
        <translation>Компания (необязательно)</translation>
    </message>
    <message>
        <source>C&amp;ompany:</source>
        <translation>&amp;Компания:</translation>
    </message>
    <message>
        <source>Add another number</source>
        <translation>Добавить ещё номер</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Телефон:</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Эл. почта:</translation>
    </message>
    <message>
        <source>Anything the next person on the phone should know</source>
        <translation>Всё, что стоит знать следующему оператору</translation>
    </message>
    <message>
        <source>No&amp;tes:</source>
        <translation>&amp;Заметки:</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Новый контакт</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>Изменить контакт</translation>
    </message>
    <message>
        <source>+48 600 100 200</source>
        <translation>+48 600 100 200</translation>
    </message>
    <message>
        <source>Remove this number</source>
        <translation>Удалить этот номер</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
</context>
<context>
    <name>CallBridge::ContactListModel</name>
    <message>
        <source>Unnamed contact</source>
        <translation>Контакт без имени</translation>
    </message>
    <message>
        <source>New caller, added from a call</source>
        <translation>Новый абонент, добавлен из звонка</translation>
    </message>
</context>
<context>
    <name>CallBridge::ContactsPage</name>
    <message>
        <source>New contact</source>
        <translation>Новый контакт</translation>
    </message>
    <message>
        <source>Search by name, company or any part of a number</source>
        <translation>Поиск по имени, компании или части номера</translation>
    </message>
    <message>
        <source>No contact selected</source>
        <translation>Контакт не выбран</translation>
    </message>
    <message>
        <source>Pick a contact to see their card and call them, or create a new one.</source>
        <translation>Выберите контакт, чтобы открыть его карточку и позвонить, или создайте новый.</translation>
    </message>
    <message>
        <source>Could not search the contacts: %1</source>
        <translation>Не удалось выполнить поиск контактов: %1</translation>
    </message>
    <message>
        <source>%1 has no phone number to call.</source>
        <translation>У контакта %1 нет номера телефона для звонка.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Could not load the calls: %1</source>
        <translation>Не удалось загрузить звонки: %1</translation>
    </message>
    <message>
        <source>%1 was added to the contacts.</source>
        <translation>Контакт %1 добавлен.</translation>
    </message>
    <message>
        <source>Changes to %1 were saved.</source>
        <translation>Изменения контакта %1 сохранены.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message>
        <source>No contacts match “%1”.</source>
        <translation>Нет контактов, соответствующих «%1».</translation>
    </message>
    <message>
        <source>No contacts yet.</source>
        <translation>Контактов пока нет.</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n контакт</numerusform>
            <numerusform>%n контакта</numerusform>
            <numerusform>%n контактов</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallBridge::DesktopApp</name>
    <message>
        <source>Missed call to return</source>
        <translation>Пропущенный звонок: нужно перезвонить</translation>
    </message>
    <message>
        <source>The relay did not accept this token: %1</source>
        <translation>Сервер не принял этот токен: %1</translation>
    </message>
    <message>
        <source>Enter the relay&apos;s address, your user name and the token your administrator gave you.</source>
        <translation>Введите адрес сервера, имя пользователя и токен, полученный от администратора.</translation>
    </message>
    <message>
        <source>No token for %1 in the keychain yet. Enter the token your administrator gave you.</source>
        <translation>В связке ключей ещё нет токена для %1. Введите токен, полученный от администратора.</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Подключено</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>Нет подключения: %1</translation>
    </message>
    <message>
        <source>Call not placed</source>
        <translation>Звонок не выполнен</translation>
    </message>
    <message>
        <source>Calling %1</source>
        <translation>Вызов %1</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Напоминание</translation>
    </message>
    <message>
        <source>Last call: missed</source>
        <translation>Последний звонок: пропущен</translation>
    </message>
    <message>
        <source>Last call: answered</source>
        <translation>Последний звонок: принят</translation>
    </message>
    <message>
        <source>Last call: missed today at %1</source>
        <translation>Последний звонок: пропущен сегодня в %1</translation>
    </message>
    <message>
        <source>Last call: answered today at %1</source>
        <translation>Последний звонок: принят сегодня в %1</translation>
    </message>
    <message>
        <source>Last call: missed yesterday at %1</source>
        <translation>Последний звонок: пропущен вчера в %1</translation>
    </message>
    <message>
        <source>Last call: answered yesterday at %1</source>
        <translation>Последний звонок: принят вчера в %1</translation>
    </message>
    <message>
        <source>Last call: missed on %1 at %2</source>
        <translation>Последний звонок: пропущен %1 в %2</translation>
    </message>
    <message>
        <source>Last call: answered on %1 at %2</source>
        <translation>Последний звонок: принят %1 в %2</translation>
    </message>
    <message>
        <source>First call from this contact</source>
        <translation>Первый звонок от этого контакта</translation>
    </message>
</context>
<context>
    <name>CallBridge::HistoryPage</name>
    <message>
        <source>Any</source>
        <translation>Любая</translation>
    </message>
    <message>
        <source>Load more</source>
        <translation>Загрузить ещё</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Перезвонить</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Пропущенные</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Входящие</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Исходящие</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>All calls</source>
        <translation>Все звонки</translation>
    </message>
    <message>
        <source>Your calls</source>
        <translation>Ваши звонки</translation>
    </message>
    <message>
        <source>As an administrator you see every call of the PBX.</source>
        <translation>Как администратор, вы видите все звонки АТС.</translation>
    </message>
    <message>
        <source>Calls of your extension and of the contacts you look after.</source>
        <translation>Звонки вашего внутреннего номера и контактов, за которые вы отвечаете.</translation>
    </message>
    <message>
        <source>Could not load the calls: %1</source>
        <translation>Не удалось загрузить звонки: %1</translation>
    </message>
    <message>
        <source>No call selected</source>
        <translation>Звонок не выбран</translation>
    </message>
    <message>
        <source>Select a call to see it here and play its recording.</source>
        <translation>Выберите звонок, чтобы увидеть его здесь и прослушать запись.</translation>
    </message>
    <message>
        <source>Unknown number</source>
        <translation>Неизвестный номер</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>ext. %1</source>
        <translation>внутр. %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>No calls yet.</source>
        <translation>Звонков пока нет.</translation>
    </message>
    <message>
        <source>No calls match these filters.</source>
        <translation>Нет звонков, соответствующих этим фильтрам.</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n звонок</numerusform>
            <numerusform>%n звонка</numerusform>
            <numerusform>%n звонков</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The latest %n call(s); older ones follow with “Load more”.</source>
        <translation>
            <numerusform>Последний %n звонок; более ранние — по кнопке «Загрузить ещё».</numerusform>
            <numerusform>Последние %n звонка; более ранние — по кнопке «Загрузить ещё».</numerusform>
            <numerusform>Последние %n звонков; более ранние — по кнопке «Загрузить ещё».</numerusform>
        </translation>
    </message>
    <message>
        <source>Yesterday 23:59</source>
        <translation>ср 28 сент. 23:59</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Missed (busy)</source>
        <translation>Пропущен (занято)</translation>
    </message>
</context>
<context>
    <name>CallBridge::MainWindow</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>CallBridge</source>
        <translation>CallBridge</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Контакты</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Напоминания</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Close window</source>
        <translation>&amp;Закрыть окно</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Переход</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Контакты</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;История</translation>
    </message>
    <message>
        <source>&amp;Reminders</source>
        <translation>&amp;Напоминания</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Нет подключения</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Вход не выполнен</translation>
    </message>
    <message>
        <source>ext. %1</source>
        <translation>внутр. %1</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>администратор</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Вы вошли как %1</translation>
    </message>
</context>
<context>
    <name>CallBridge::PopupStack</name>
    <message>
        <source>Dismiss all (%1)</source>
        <translation>Скрыть все (%1)</translation>
    </message>
</context>
<context>
    <name>CallBridge::RecordingPlayer</name>
    <message>
        <source>Save…</source>
        <translation>Сохранить…</translation>
    </message>
    <message>
        <source>The recording cannot be played: %1</source>
        <translation>Не удаётся воспроизвести запись: %1</translation>
    </message>
    <message>
        <source>No recording for this call</source>
        <translation>У этого звонка нет записи</translation>
    </message>
    <message>
        <source>The recording is not ready yet; it appears here when it is.</source>
        <translation>Запись ещё не готова; она появится здесь, когда будет готова.</translation>
    </message>
    <message>
        <source>Select a call to play its recording.</source>
        <translation>Выберите звонок, чтобы прослушать запись.</translation>
    </message>
    <message>
        <source>Downloading the recording…</source>
        <translation>Загрузка записи…</translation>
    </message>
    <message>
        <source>Cannot keep the recording in a temporary file: %1</source>
        <translation>Не удаётся сохранить запись во временный файл: %1</translation>
    </message>
    <message>
        <source>Could not get the recording: %1</source>
        <translation>Не удалось получить запись: %1</translation>
    </message>
    <message>
        <source>Save recording</source>
        <translation>Сохранить запись</translation>
    </message>
    <message>
        <source>Audio (*.mp3 *.wav *.ogg);;All files (*)</source>
        <translation>Аудио (*.mp3 *.wav *.ogg);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Could not save the recording to %1.</source>
        <translation>Не удалось сохранить запись в %1.</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Сохранено в %1</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Воспроизвести</translation>
    </message>
</context>
<context>
    <name>CallBridge::ReminderItem</name>
    <message>
        <source>Call back</source>
        <translation>Перезвонить</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Ring your phone, then the caller; the reminder is done once the call is placed</source>
        <translation>Сначала зазвонит ваш телефон, затем будет вызван абонент; напоминание выполнится, как только звонок состоится</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Отложить</translation>
    </message>
    <message>
        <source>For 15 minutes</source>
        <translation>На 15 минут</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>На 1 час</translation>
    </message>
    <message>
        <source>Until tomorrow morning</source>
        <translation>До завтрашнего утра</translation>
    </message>
    <message>
        <source>Looking up the caller…</source>
        <translation>Поиск абонента…</translation>
    </message>
    <message>
        <source>Call back a missed call</source>
        <translation>Перезвонить по пропущенному звонку</translation>
    </message>
    <message>
        <source>Call back %1</source>
        <translation>Перезвонить: %1</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Напоминание</translation>
    </message>
    <message>
        <source>Missed at %1</source>
        <translation>Пропущен в %1</translation>
    </message>
    <message>
        <source>Missed yesterday at %1</source>
        <translation>Пропущен вчера в %1</translation>
    </message>
    <message>
        <source>Missed on %1 at %2</source>
        <translation>Пропущен %1 в %2</translation>
    </message>
    <message>
        <source>snoozed until %1</source>
        <translation>отложено до %1</translation>
    </message>
    <message>
        <source>snoozed until tomorrow at %1</source>
        <translation>отложено до завтра, %1</translation>
    </message>
    <message>
        <source>snoozed until %1 at %2</source>
        <translation>отложено до %1, %2</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>только что</translation>
    </message>
    <message numerus="yes">
        <source>waiting %n min</source>
        <translation>
            <numerusform>ждёт %n мин</numerusform>
            <numerusform>ждёт %n мин</numerusform>
            <numerusform>ждёт %n мин</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>waiting %n h</source>
        <translation>
            <numerusform>ждёт %n ч</numerusform>
            <numerusform>ждёт %n ч</numerusform>
            <numerusform>ждёт %n ч</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallBridge::RemindersPage</name>
    <message>
        <source>Reminders</source>
        <translation>Напоминания</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>All caught up</source>
        <translation>Всё сделано</translation>
    </message>
    <message>
        <source>Missed calls you should return show up here, and the tray reminds you of them until they are done.</source>
        <translation>Здесь появляются пропущенные звонки, на которые нужно перезвонить; значок в трее напоминает о них, пока они не выполнены.</translation>
    </message>
    <message>
        <source>Could not load the reminders: %1</source>
        <translation>Не удалось загрузить напоминания: %1</translation>
    </message>
    <message>
        <source>This reminder has no number to call back.</source>
        <translation>В этом напоминании нет номера для обратного звонка.</translation>
    </message>
    <message>
        <source>The missed call has no number to call back.</source>
        <translation>У пропущенного звонка нет номера для обратного звонка.</translation>
    </message>
    <message>
        <source>Could not find the number to call back: %1</source>
        <translation>Не удалось найти номер для обратного звонка: %1</translation>
    </message>
    <message>
        <source>%1. The reminder is done.</source>
        <translation>%1. Напоминание выполнено.</translation>
    </message>
    <message>
        <source>The call was placed, but the reminder could not be marked done: %1</source>
        <translation>Звонок выполнен, но не удалось отметить напоминание как выполненное: %1</translation>
    </message>
    <message>
        <source>Could not mark the reminder done: %1</source>
        <translation>Не удалось отметить напоминание как выполненное: %1</translation>
    </message>
    <message>
        <source>Could not snooze the reminder: %1</source>
        <translation>Не удалось отложить напоминание: %1</translation>
    </message>
    <message>
        <source>Snoozed until %1; you will be reminded then.</source>
        <translation>Отложено до %1; тогда вы получите напоминание.</translation>
    </message>
    <message>
        <source>Missed calls waiting for you to call back.</source>
        <translation>Пропущенные звонки, на которые нужно перезвонить.</translation>
    </message>
    <message numerus="yes">
        <source>%n missed call(s) waiting for you to call back.</source>
        <translation>
            <numerusform>%n пропущенный звонок ждёт, когда вы перезвоните.</numerusform>
            <numerusform>%n пропущенных звонка ждут, когда вы перезвоните.</numerusform>
            <numerusform>%n пропущенных звонков ждут, когда вы перезвоните.</numerusform>
        </translation>
    </message>
    <message>
        <source>Snoozed until tomorrow at %1; you will be reminded then.</source>
        <translation>Отложено до завтра, %1; тогда вы получите напоминание.</translation>
    </message>
    <message>
        <source>Snoozed until %1 at %2; you will be reminded then.</source>
        <translation>Отложено до %1, %2; тогда вы получите напоминание.</translation>
    </message>
</context>
<context>
    <name>CallBridge::RoutingPage</name>
    <message>
        <source>Routing &amp; automation</source>
        <translation>Маршрутизация</translation>
    </message>
    <message>
        <source>What the relay does on its own when calls come in. These settings apply to everyone.</source>
        <translation>Что сервер делает сам при поступлении звонков. Эти настройки действуют для всех.</translation>
    </message>
    <message>
        <source>Make every unknown caller a contact and a lead</source>
        <translation>Создавать контакт и лид для каждого неизвестного абонента</translation>
    </message>
    <message>
        <source>Ring a known caller&apos;s responsible agent first</source>
        <translation>Сначала вызывать ответственного оператора известного абонента</translation>
    </message>
    <message>
        <source>Show a known caller&apos;s name on the agent&apos;s phone</source>
        <translation>Показывать имя известного абонента на телефоне оператора</translation>
    </message>
    <message>
        <source>Hang up on callers on the blacklist</source>
        <translation>Сбрасывать звонки из чёрного списка</translation>
    </message>
    <message>
        <source>Turn a missed call into a reminder for the responsible agent</source>
        <translation>Создавать из пропущенного звонка напоминание для ответственного оператора</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Incoming calls</source>
        <translation>Входящие звонки</translation>
    </message>
    <message>
        <source>Missed calls and ownership</source>
        <translation>Пропущенные звонки и ответственные</translation>
    </message>
    <message>
        <source>Takes the calls, contacts and reminders that have no responsible agent.</source>
        <translation>Получает звонки, контакты и напоминания, у которых нет ответственного оператора.</translation>
    </message>
    <message>
        <source>Default responsible:</source>
        <translation>Ответственный по умолчанию:</translation>
    </message>
    <message>
        <source>Numbers and CRM</source>
        <translation>Номера и CRM</translation>
    </message>
    <message>
        <source>for numbers written without a country code (ES, PL, US…)</source>
        <translation>для номеров без кода страны (ES, PL, US…)</translation>
    </message>
    <message>
        <source>Default region:</source>
        <translation>Регион по умолчанию:</translation>
    </message>
    <message>
        <source>Contact page in the CRM:</source>
        <translation>Страница контакта в CRM:</translation>
    </message>
    <message>
        <source>Loading the relay&apos;s settings…</source>
        <translation>Загрузка настроек сервера…</translation>
    </message>
    <message>
        <source>Could not load the relay&apos;s settings: %1</source>
        <translation>Не удалось загрузить настройки сервера: %1</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Никто</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>These changes are not saved yet: save them on the relay or revert them.</source>
        <translation>Эти изменения ещё не сохранены: сохраните их на сервере или отмените.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <source>Saved. The relay uses the new settings from the next call on.</source>
        <translation>Сохранено. Сервер применит новые настройки начиная со следующего звонка.</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n секунду</numerusform>
            <numerusform>%n секунды</numerusform>
            <numerusform>%n секунд</numerusform>
        </translation>
    </message>
    <message>
        <source>Back to the PBX&apos;s own routing if nobody answers within:</source>
        <translation>Вернуть звонок в маршрутизацию АТС, если никто не ответит за:</translation>
    </message>
</context>
<context>
    <name>CallBridge::SettingsDialog</name>
    <message>
        <source>CallBridge Settings</source>
        <translation>Настройки CallBridge</translation>
    </message>
    <message>
        <source>ADMINISTRATION</source>
        <translation>АДМИНИСТРИРОВАНИЕ</translation>
    </message>
    <message>
        <source>Only an administrator can change the telephony settings. Connect to the relay with an administrator&apos;s token to open them.</source>
        <translation>Изменять настройки телефонии может только администратор. Подключитесь к серверу с токеном администратора, чтобы открыть их.</translation>
    </message>
    <message>
        <source>Only an administrator can change the telephony settings.</source>
        <translation>Изменять настройки телефонии может только администратор.</translation>
    </message>
</context>
<context>
    <name>CallBridge::SoundFilePlayer</name>
    <message numerus="yes">
        <source>The sound output cannot play this recording (%1 Hz, %n channel(s)).</source>
        <translation>
            <numerusform>Звуковой выход не может воспроизвести эту запись (%1 Гц, %n канал).</numerusform>
            <numerusform>Звуковой выход не может воспроизвести эту запись (%1 Гц, %n канала).</numerusform>
            <numerusform>Звуковой выход не может воспроизвести эту запись (%1 Гц, %n каналов).</numerusform>
        </translation>
    </message>
    <message>
        <source>The sound output stopped playing the recording.</source>
        <translation>Звуковой выход перестал воспроизводить запись.</translation>
    </message>
    <message>
        <source>The recording holds no sound.</source>
        <translation>В записи нет звука.</translation>
    </message>
</context>
<context>
    <name>CallBridge::TrayIcon</name>
    <message>
        <source>Open CallBridge</source>
        <translation>Открыть CallBridge</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>Не беспокоить</translation>
    </message>
    <message>
        <source>No call pop-ups and no ring sound</source>
        <translation>Без всплывающих окон и звука звонка</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Настройки…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Нет подключения</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Подключено</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Входящий звонок</translation>
    </message>
    <message>
        <source>1 missed call</source>
        <translation>1 пропущенный звонок</translation>
    </message>
    <message numerus="yes">
        <source>%n missed calls</source>
        <translation>
            <numerusform>%n пропущенный звонок</numerusform>
            <numerusform>%n пропущенных звонка</numerusform>
            <numerusform>%n пропущенных звонков</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, do not disturb</source>
        <translation>%1, не беспокоить</translation>
    </message>
    <message>
        <source>CallBridge: %1</source>
        <translation>CallBridge: %1</translation>
    </message>
    <message>
        <source>%1, extension %2</source>
        <translation>%1, внутренний номер %2</translation>
    </message>
</context>
<context>
    <name>CallBridge::UsersPage</name>
    <message>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>Users &amp; extensions</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <source>Everyone who uses CallBridge, and the PBX extension each one answers. An extension belongs to one user at most.</source>
        <translation>Все, кто пользуется CallBridge, и внутренний номер АТС, на который отвечает каждый из них. Внутренний номер может принадлежать не более чем одному пользователю.</translation>
    </message>
    <message>
        <source>New token…</source>
        <translation>Новый токен…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Удалить…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Имя пользователя</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Отображаемое имя</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Внутр. номер</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>Закреплён за</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Add a user</source>
        <translation>Новый пользователь</translation>
    </message>
    <message>
        <source>e.g. maria</source>
        <translation>например, maria</translation>
    </message>
    <message>
        <source>e.g. María García</source>
        <translation>например, Мария</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Имя пользователя:</translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation>Отображаемое имя:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Роль:</translation>
    </message>
    <message>
        <source>Extension:</source>
        <translation>Внутренний номер:</translation>
    </message>
    <message>
        <source>Loading users and extensions…</source>
        <translation>Загрузка пользователей и внутренних номеров…</translation>
    </message>
    <message>
        <source>Could not list the users: %1</source>
        <translation>Не удалось получить список пользователей: %1</translation>
    </message>
    <message>
        <source>Could not list the PBX&apos;s extensions: %1</source>
        <translation>Не удалось получить список внутренних номеров АТС: %1</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (вы)</translation>
    </message>
    <message>
        <source>free</source>
        <translation>свободен</translation>
    </message>
    <message>
        <source>The PBX&apos;s extensions could not be listed.</source>
        <translation>Не удалось получить список внутренних номеров АТС.</translation>
    </message>
    <message>
        <source>You cannot remove yourself; another administrator can.</source>
        <translation>Вы не можете удалить себя; это может сделать другой администратор.</translation>
    </message>
    <message>
        <source>Taking the extension from %1…</source>
        <translation>Открепление внутреннего номера от пользователя %1…</translation>
    </message>
    <message>
        <source>Giving extension %1 to %2…</source>
        <translation>Назначение внутреннего номера %1 пользователю %2…</translation>
    </message>
    <message>
        <source>Could not take the extension from %1: %2</source>
        <translation>Не удалось открепить внутренний номер от пользователя %1: %2</translation>
    </message>
    <message>
        <source>Could not give extension %1 to %2: %3</source>
        <translation>Не удалось назначить внутренний номер %1 пользователю %2: %3</translation>
    </message>
    <message>
        <source>%1 has no extension now.</source>
        <translation>У пользователя %1 теперь нет внутреннего номера.</translation>
    </message>
    <message>
        <source>%1 now answers extension %2.</source>
        <translation>Внутренний номер %2 теперь закреплён за пользователем %1.</translation>
    </message>
    <message>
        <source>Enter a user name: one word, used to sign in and in logs.</source>
        <translation>Введите имя пользователя: одно слово, которое используется для входа и в журналах.</translation>
    </message>
    <message>
        <source>Adding %1…</source>
        <translation>Добавление пользователя %1…</translation>
    </message>
    <message>
        <source>%1 was added.</source>
        <translation>Пользователь %1 добавлен.</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>Удалить пользователя %1?</translation>
    </message>
    <message>
        <source>Their token stops working at once. Their calls and contacts stay.</source>
        <translation>Токен пользователя сразу перестанет работать. Его звонки и контакты сохранятся.</translation>
    </message>
    <message>
        <source>Their token stops working at once and extension %1 becomes free. Their calls and contacts stay.</source>
        <translation>Токен пользователя сразу перестанет работать, а внутренний номер %1 освободится. Его звонки и контакты сохранятся.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>Удаление пользователя %1…</translation>
    </message>
    <message>
        <source>Could not remove %1: %2</source>
        <translation>Не удалось удалить пользователя %1: %2</translation>
    </message>
    <message>
        <source>%1 was removed.</source>
        <translation>Пользователь %1 удалён.</translation>
    </message>
    <message>
        <source>New token for %1?</source>
        <translation>Новый токен для %1?</translation>
    </message>
    <message>
        <source>Give %1 a new token?</source>
        <translation>Выдать пользователю %1 новый токен?</translation>
    </message>
    <message>
        <source>The current token stops working at once; CallBridge on their computer will ask for the new one.</source>
        <translation>Текущий токен сразу перестанет работать; CallBridge на компьютере пользователя запросит новый.</translation>
    </message>
    <message>
        <source>New token</source>
        <translation>Новый токен</translation>
    </message>
    <message>
        <source>Making a new token for %1…</source>
        <translation>Создание нового токена для %1…</translation>
    </message>
    <message>
        <source>Could not make a new token for %1: %2</source>
        <translation>Не удалось создать новый токен для %1: %2</translation>
    </message>
    <message>
        <source>%1 has a new token; the old one no longer works.</source>
        <translation>У пользователя %1 новый токен; старый больше не действует.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy %1&apos;s token now.&lt;/b&gt; It is shown only this once: the relay keeps only a fingerprint of it. %1 pastes it into CallBridge&apos;s settings.</source>
        <translation>&lt;b&gt;Скопируйте токен пользователя %1 сейчас.&lt;/b&gt; Он показывается только один раз: сервер хранит лишь его отпечаток. Пользователь %1 должен вставить его в настройки CallBridge.</translation>
    </message>
</context>
<context>
    <name>CallBridge::ZadarmaAccountPage</name>
    <message>
        <source>Zadarma account</source>
        <translation>Аккаунт Zadarma</translation>
    </message>
    <message>
        <source>The relay talks to Zadarma with your account&apos;s API key and secret. They are kept on the relay only.</source>
        <translation>Сервер обращается к Zadarma с помощью ключа и секрета API вашего аккаунта. Они хранятся только на сервере.</translation>
    </message>
    <message>
        <source>Save credentials</source>
        <translation>Сохранить ключи</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Проверить связь</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>API key and secret</source>
        <translation>Ключ и секрет API</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Ключ:</translation>
    </message>
    <message>
        <source>Secret:</source>
        <translation>Секрет:</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Подключение</translation>
    </message>
    <message>
        <source>Asks Zadarma for the balance with the stored key and secret and measures how long the answer takes.</source>
        <translation>Запрашивает баланс в Zadarma с сохранёнными ключом и секретом и измеряет время ответа.</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Баланс</translation>
    </message>
    <message>
        <source>Asking the relay whether it has a key and secret…</source>
        <translation>Проверка наличия ключа и секрета на сервере…</translation>
    </message>
    <message>
        <source>Could not ask the relay: %1</source>
        <translation>Не удалось получить ответ от сервера: %1</translation>
    </message>
    <message>
        <source>The relay has a key and secret. Enter both again only to replace them.</source>
        <translation>На сервере уже есть ключ и секрет. Вводите их заново, только чтобы заменить.</translation>
    </message>
    <message>
        <source>•••• stored on the relay</source>
        <translation>•••• хранится на сервере</translation>
    </message>
    <message>
        <source>The relay has no Zadarma key and secret yet: calls are not routed and recordings cannot be fetched.</source>
        <translation>На сервере ещё нет ключа и секрета Zadarma: звонки не маршрутизируются, а записи нельзя получить.</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Ключ API</translation>
    </message>
    <message>
        <source>API secret</source>
        <translation>Секрет API</translation>
    </message>
    <message>
        <source>Enter both the key and the secret.</source>
        <translation>Введите и ключ, и секрет.</translation>
    </message>
    <message>
        <source>Checking the key and secret with Zadarma…</source>
        <translation>Проверка ключа и секрета в Zadarma…</translation>
    </message>
    <message>
        <source>Saved. Zadarma accepted them.</source>
        <translation>Сохранено. Zadarma их принял.</translation>
    </message>
    <message>
        <source>Asking Zadarma…</source>
        <translation>Запрос к Zadarma…</translation>
    </message>
    <message>
        <source>Zadarma did not confirm the connection.</source>
        <translation>Zadarma не подтвердил подключение.</translation>
    </message>
    <message numerus="yes">
        <source>Connected. Zadarma answered in %n ms.</source>
        <translation>
            <numerusform>Подключено. Zadarma ответил за %n мс.</numerusform>
            <numerusform>Подключено. Zadarma ответил за %n мс.</numerusform>
            <numerusform>Подключено. Zadarma ответил за %n мс.</numerusform>
        </translation>
    </message>
    <message>
        <source>Both are in your Zadarma personal account under Settings → Integrations and API. The relay checks them with Zadarma before it keeps them, and never shows the secret again.</source>
        <translation>Оба указаны в личном кабинете Zadarma в разделе Настройки → Интеграции и API. Сервер проверяет их в Zadarma перед сохранением и больше никогда не показывает секрет.</translation>
    </message>
</context>
<context>
    <name>CallFormat</name>
    <message>
        <source>Today %1</source>
        <translation>Сегодня %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Вчера %1</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>Идёт вызов</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Идёт разговор</translation>
    </message>
    <message>
        <source>Missed (busy)</source>
        <translation>Пропущен (занято)</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Пропущен</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Принят</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Занято</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Нет ответа</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменён</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Сбой</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Входящий</translation>
    </message>
    <message>
        <source>Click-to-call</source>
        <translation>Звонок по клику</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Исходящий</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Звонок</translation>
    </message>
    <message>
        <source>Calling %1…</source>
        <translation>Вызов %1…</translation>
    </message>
    <message>
        <source>Calling %1 — your phone rings first</source>
        <translation>Вызов %1 — сначала зазвонит ваш телефон</translation>
    </message>
    <message>
        <source>Calling %1 — your phone (ext. %2) rings first</source>
        <translation>Вызов %1 — сначала зазвонит ваш телефон (внутр. %2)</translation>
    </message>
    <message>
        <source>Could not call %1: the relay cannot be reached (%2)</source>
        <translation>Не удалось позвонить на %1: сервер недоступен (%2)</translation>
    </message>
    <message>
        <source>Could not call %1: %2</source>
        <translation>Не удалось позвонить на %1: %2</translation>
    </message>
</context>
</TS>
