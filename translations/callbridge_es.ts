<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>CallBridge::Banner</name>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>CallBridge::BlacklistPage</name>
    <message>
        <source>Blacklist</source>
        <translation>Lista negra</translation>
    </message>
    <message>
        <source>No numbers on the blacklist.</source>
        <translation>No hay números en la lista negra.</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Quitar…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Add to blacklist</source>
        <translation>Añadir a la lista negra</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Añadido</translation>
    </message>
    <message>
        <source>Add a number</source>
        <translation>Añadir un número</translation>
    </message>
    <message>
        <source>+48 600 100 200</source>
        <translation>+48 600 100 200</translation>
    </message>
    <message>
        <source>Optional, for the other admins</source>
        <translation>Opcional, para los demás administradores</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>Número:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <source>Loading the blacklist…</source>
        <translation>Cargando la lista negra…</translation>
    </message>
    <message>
        <source>Could not load the blacklist: %1</source>
        <translation>No se pudo cargar la lista negra: %1</translation>
    </message>
    <message>
        <source>Enter the number with its country code.</source>
        <translation>Introduce el número con el prefijo del país.</translation>
    </message>
    <message>
        <source>Adding %1…</source>
        <translation>Añadiendo %1…</translation>
    </message>
    <message>
        <source>%1 is on the blacklist.</source>
        <translation>%1 está ahora en la lista negra.</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>¿Quitar %1?</translation>
    </message>
    <message>
        <source>Take %1 off the blacklist?</source>
        <translation>¿Quitar %1 de la lista negra?</translation>
    </message>
    <message>
        <source>Calls from this number will ring again.</source>
        <translation>Las llamadas de este número volverán a entrar.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>Quitando %1…</translation>
    </message>
    <message>
        <source>Could not remove %1: %2</source>
        <translation>No se pudo quitar %1: %2</translation>
    </message>
    <message>
        <source>%1 was taken off the blacklist.</source>
        <translation>%1 se ha quitado de la lista negra.</translation>
    </message>
    <message>
        <source>Callers the relay hangs up on, as long as hanging up on blacklisted callers is turned on in the routing settings.</source>
        <translation>Números a los que el servidor cuelga, siempre que colgar las llamadas de la lista negra esté activado en los ajustes de enrutamiento.</translation>
    </message>
</context>
<context>
    <name>CallBridge::CallHistoryModel</name>
    <message>
        <source>Unknown number</source>
        <translation>Número desconocido</translation>
    </message>
    <message>
        <source>Rang: %1</source>
        <translation>Sonó en: %1</translation>
    </message>
    <message>
        <source>Recorded: select the call to play it</source>
        <translation>Grabada: selecciona la llamada para reproducirla</translation>
    </message>
    <message>
        <source>Recorded; the recording is not ready yet</source>
        <translation>Grabada; la grabación aún no está lista</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Ext.</source>
        <translation>Ext.</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Grabación</translation>
    </message>
</context>
<context>
    <name>CallBridge::CallPopup</name>
    <message>
        <source>Open in CRM</source>
        <translation>Abrir en el CRM</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Devolver llamada</translation>
    </message>
    <message>
        <source>Create contact</source>
        <translation>Crear contacto</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Outgoing call — ringing</source>
        <translation>Llamada saliente — sonando</translation>
    </message>
    <message>
        <source>Incoming call — ringing</source>
        <translation>Llamada entrante — sonando</translation>
    </message>
    <message>
        <source>Call — ringing</source>
        <translation>Llamada — sonando</translation>
    </message>
    <message>
        <source>Outgoing call — answered</source>
        <translation>Saliente — contestada</translation>
    </message>
    <message>
        <source>Ended, %1</source>
        <translation>Finalizada, %1</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Sin respuesta</translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation>Llamada perdida</translation>
    </message>
    <message>
        <source>Outgoing call</source>
        <translation>Llamada saliente</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Llamada entrante</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Contestada</translation>
    </message>
    <message>
        <source>Answered by you</source>
        <translation>Contestada por ti</translation>
    </message>
    <message>
        <source>Answered by extension %1</source>
        <translation>Contestada por la ext. %1</translation>
    </message>
    <message>
        <source>Answered by %1 (%2)</source>
        <translation>Contestada por %1 (%2)</translation>
    </message>
    <message>
        <source>Hidden number</source>
        <translation>Número oculto</translation>
    </message>
    <message>
        <source>Responsible: %1</source>
        <translation>Responsable: %1</translation>
    </message>
    <message>
        <source>Responsible: %1 (%2)</source>
        <translation>Responsable: %1 (%2)</translation>
    </message>
    <message>
        <source>New caller</source>
        <translation>Llamante nuevo</translation>
    </message>
    <message>
        <source>Last call: …</source>
        <translation>Última llamada: …</translation>
    </message>
</context>
<context>
    <name>CallBridge::ConnectionPage</name>
    <message>
        <source>Connection &amp; alerts</source>
        <translation>Conexión y avisos</translation>
    </message>
    <message>
        <source>How this computer reaches the CallBridge relay, and how calls get your attention.</source>
        <translation>Cómo se conecta este equipo al servidor de CallBridge y cómo te avisan las llamadas.</translation>
    </message>
    <message>
        <source>Play a ring sound when a call comes in</source>
        <translation>Reproducir un tono cuando entra una llamada</translation>
    </message>
    <message>
        <source>Start CallBridge when I log in</source>
        <translation>Iniciar CallBridge al iniciar sesión</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Relay address:</source>
        <translation>Dirección del servidor:</translation>
    </message>
    <message>
        <source>Paste a new token here</source>
        <translation>Pega aquí un token nuevo</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Token de acceso:</translation>
    </message>
    <message>
        <source>Signed in as:</source>
        <translation>Sesión iniciada como:</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>When a call rings</source>
        <translation>Cuando suena una llamada</translation>
    </message>
    <message>
        <source>When I answer a call</source>
        <translation>Cuando contesto una llamada</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>Show a pop-up:</source>
        <translation>Mostrar ventana emergente:</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>A new language takes effect when CallBridge restarts.</source>
        <translation>El nuevo idioma se aplica al reiniciar CallBridge.</translation>
    </message>
    <message>
        <source>Enter the relay&apos;s address, such as https://relay.example.com.</source>
        <translation>Introduce la dirección del servidor, por ejemplo https://relay.example.com.</translation>
    </message>
    <message>
        <source>Not connected to the relay yet</source>
        <translation>Aún sin conexión con el servidor</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>agente</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2, extension %3)</source>
        <translation>%1 (%2, extensión %3)</translation>
    </message>
    <message>
        <source>A token is stored in the system keychain. Paste a new one only to replace it.</source>
        <translation>Hay un token guardado en el llavero del sistema. Pega uno nuevo solo si quieres reemplazarlo.</translation>
    </message>
    <message>
        <source>No token yet. Paste the one your administrator gave you; it is kept in the system keychain, never in a file.</source>
        <translation>Aún no hay token. Pega el que te dio tu administrador; se guarda en el llavero del sistema, nunca en un archivo.</translation>
    </message>
    <message>
        <source>Saving the token in the system keychain…</source>
        <translation>Guardando el token en el llavero del sistema…</translation>
    </message>
    <message numerus="yes">
        <source>%n pop-up(s) at once</source>
        <translation>
            <numerusform>%n ventana a la vez</numerusform>
            <numerusform>%n ventanas a la vez</numerusform>
        </translation>
    </message>
    <message>
        <source>Show at most:</source>
        <translation>Mostrar como máximo:</translation>
    </message>
    <message numerus="yes">
        <source>every %n minute(s)</source>
        <translation>
            <numerusform>cada %n minuto</numerusform>
            <numerusform>cada %n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>Remind me of missed calls:</source>
        <translation>Recordarme las llamadas perdidas:</translation>
    </message>
</context>
<context>
    <name>CallBridge::ContactCardView</name>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Recent calls</source>
        <translation>Llamadas recientes</translation>
    </message>
    <message>
        <source>Unnamed contact</source>
        <translation>Contacto sin nombre</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamar</translation>
    </message>
    <message>
        <source>Ring your phone first, then %1</source>
        <translation>Primero suena tu teléfono y después %1</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>No phone number</source>
        <translation>Sin número de teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>%1 (ext. %2)</source>
        <translation>%1 (ext. %2)</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>No calls with this contact yet.</source>
        <translation>Aún no hay llamadas con este contacto.</translation>
    </message>
</context>
<context>
    <name>CallBridge::ContactEditor</name>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>First and last name</source>
        <translation>Nombre y apellidos</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>Company (optional)</source>
        <translation>Empresa (opcional)</translation>
    </message>
    <message>
        <source>C&amp;ompany:</source>
        <translation>&amp;Empresa:</translation>
    </message>
    <message>
        <source>Add another number</source>
        <translation>Añadir otro número</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nombre@example.com</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Correo electrónico:</translation>
    </message>
    <message>
        <source>Anything the next person on the phone should know</source>
        <translation>Todo lo que deba saber el próximo agente que atienda</translation>
    </message>
    <message>
        <source>No&amp;tes:</source>
        <translation>Not&amp;as:</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nuevo contacto</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>Editar contacto</translation>
    </message>
    <message>
        <source>+48 600 100 200</source>
        <translation>+48 600 100 200</translation>
    </message>
    <message>
        <source>Remove this number</source>
        <translation>Quitar este número</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
</context>
<context>
    <name>CallBridge::ContactListModel</name>
    <message>
        <source>Unnamed contact</source>
        <translation>Contacto sin nombre</translation>
    </message>
    <message>
        <source>New caller, added from a call</source>
        <translation>Llamante nuevo, añadido desde una llamada</translation>
    </message>
</context>
<context>
    <name>CallBridge::ContactsPage</name>
    <message>
        <source>New contact</source>
        <translation>Nuevo contacto</translation>
    </message>
    <message>
        <source>Search by name, company or any part of a number</source>
        <translation>Buscar por nombre, empresa o cualquier parte de un número</translation>
    </message>
    <message>
        <source>No contact selected</source>
        <translation>Ningún contacto seleccionado</translation>
    </message>
    <message>
        <source>Pick a contact to see their card and call them, or create a new one.</source>
        <translation>Elige un contacto para ver su ficha y llamarle, o crea uno nuevo.</translation>
    </message>
    <message>
        <source>Could not search the contacts: %1</source>
        <translation>No se pudieron buscar los contactos: %1</translation>
    </message>
    <message>
        <source>%1 has no phone number to call.</source>
        <translation>%1 no tiene ningún número de teléfono al que llamar.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Could not load the calls: %1</source>
        <translation>No se pudieron cargar las llamadas: %1</translation>
    </message>
    <message>
        <source>%1 was added to the contacts.</source>
        <translation>%1 se ha añadido a los contactos.</translation>
    </message>
    <message>
        <source>Changes to %1 were saved.</source>
        <translation>Se han guardado los cambios de %1.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>No contacts match “%1”.</source>
        <translation>Ningún contacto coincide con «%1».</translation>
    </message>
    <message>
        <source>No contacts yet.</source>
        <translation>Aún no hay contactos.</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n contacto</numerusform>
            <numerusform>%n contactos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallBridge::DesktopApp</name>
    <message>
        <source>Missed call to return</source>
        <translation>Llamada perdida pendiente de devolver</translation>
    </message>
    <message>
        <source>The relay did not accept this token: %1</source>
        <translation>El servidor no ha aceptado este token: %1</translation>
    </message>
    <message>
        <source>Enter the relay&apos;s address, your user name and the token your administrator gave you.</source>
        <translation>Introduce la dirección del servidor, tu nombre de usuario y el token que te dio tu administrador.</translation>
    </message>
    <message>
        <source>No token for %1 in the keychain yet. Enter the token your administrator gave you.</source>
        <translation>Aún no hay ningún token para %1 en el llavero. Introduce el token que te dio tu administrador.</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>Sin conexión: %1</translation>
    </message>
    <message>
        <source>Call not placed</source>
        <translation>No se ha realizado la llamada</translation>
    </message>
    <message>
        <source>Calling %1</source>
        <translation>Llamando a %1</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Recordatorio</translation>
    </message>
    <message>
        <source>Last call: missed</source>
        <translation>Última llamada: perdida</translation>
    </message>
    <message>
        <source>Last call: answered</source>
        <translation>Última llamada: contestada</translation>
    </message>
    <message>
        <source>Last call: missed today at %1</source>
        <translation>Última llamada: perdida hoy a las %1</translation>
    </message>
    <message>
        <source>Last call: answered today at %1</source>
        <translation>Última llamada: contestada hoy a las %1</translation>
    </message>
    <message>
        <source>Last call: missed yesterday at %1</source>
        <translation>Última llamada: perdida ayer a las %1</translation>
    </message>
    <message>
        <source>Last call: answered yesterday at %1</source>
        <translation>Última llamada: contestada ayer a las %1</translation>
    </message>
    <message>
        <source>Last call: missed on %1 at %2</source>
        <translation>Última llamada: perdida el %1 a las %2</translation>
    </message>
    <message>
        <source>Last call: answered on %1 at %2</source>
        <translation>Última llamada: contestada el %1 a las %2</translation>
    </message>
    <message>
        <source>First call from this contact</source>
        <translation>Primera llamada de este contacto</translation>
    </message>
</context>
<context>
    <name>CallBridge::HistoryPage</name>
    <message>
        <source>Any</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <source>Load more</source>
        <translation>Cargar más</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Devolver llamada</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Perdidas</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Entrantes</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Salientes</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>All calls</source>
        <translation>Todas las llamadas</translation>
    </message>
    <message>
        <source>Your calls</source>
        <translation>Tus llamadas</translation>
    </message>
    <message>
        <source>As an administrator you see every call of the PBX.</source>
        <translation>Como administrador, ves todas las llamadas de la centralita.</translation>
    </message>
    <message>
        <source>Calls of your extension and of the contacts you look after.</source>
        <translation>Llamadas de tu extensión y de los contactos de los que eres responsable.</translation>
    </message>
    <message>
        <source>Could not load the calls: %1</source>
        <translation>No se pudieron cargar las llamadas: %1</translation>
    </message>
    <message>
        <source>No call selected</source>
        <translation>Ninguna llamada seleccionada</translation>
    </message>
    <message>
        <source>Select a call to see it here and play its recording.</source>
        <translation>Selecciona una llamada para verla aquí y reproducir su grabación.</translation>
    </message>
    <message>
        <source>Unknown number</source>
        <translation>Número desconocido</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>ext. %1</source>
        <translation>ext. %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>No calls yet.</source>
        <translation>Aún no hay llamadas.</translation>
    </message>
    <message>
        <source>No calls match these filters.</source>
        <translation>Ninguna llamada coincide con estos filtros.</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n llamada</numerusform>
            <numerusform>%n llamadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The latest %n call(s); older ones follow with “Load more”.</source>
        <translation>
            <numerusform>%n llamada más reciente; las anteriores, con «Cargar más».</numerusform>
            <numerusform>%n llamadas más recientes; las anteriores, con «Cargar más».</numerusform>
        </translation>
    </message>
    <message>
        <source>Yesterday 23:59</source>
        <translation>mié 28 sept 23:59</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Missed (busy)</source>
        <translation>Perdida (ocupado)</translation>
    </message>
</context>
<context>
    <name>CallBridge::MainWindow</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>Con&amp;figuración…</translation>
    </message>
    <message>
        <source>CallBridge</source>
        <translation>CallBridge</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Recordatorios</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Close window</source>
        <translation>&amp;Cerrar ventana</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Contactos</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Historial</translation>
    </message>
    <message>
        <source>&amp;Reminders</source>
        <translation>&amp;Recordatorios</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sesión no iniciada</translation>
    </message>
    <message>
        <source>ext. %1</source>
        <translation>ext. %1</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Sesión iniciada como %1</translation>
    </message>
</context>
<context>
    <name>CallBridge::PopupStack</name>
    <message>
        <source>Dismiss all (%1)</source>
        <translation>Descartar todas (%1)</translation>
    </message>
</context>
<context>
    <name>CallBridge::RecordingPlayer</name>
    <message>
        <source>Save…</source>
        <translation>Guardar…</translation>
    </message>
    <message>
        <source>The recording cannot be played: %1</source>
        <translation>No se puede reproducir la grabación: %1</translation>
    </message>
    <message>
        <source>No recording for this call</source>
        <translation>Esta llamada no tiene grabación</translation>
    </message>
    <message>
        <source>The recording is not ready yet; it appears here when it is.</source>
        <translation>La grabación aún no está lista; aparecerá aquí cuando lo esté.</translation>
    </message>
    <message>
        <source>Select a call to play its recording.</source>
        <translation>Selecciona una llamada para reproducir su grabación.</translation>
    </message>
    <message>
        <source>Downloading the recording…</source>
        <translation>Descargando la grabación…</translation>
    </message>
    <message>
        <source>Cannot keep the recording in a temporary file: %1</source>
        <translation>No se puede guardar la grabación en un archivo temporal: %1</translation>
    </message>
    <message>
        <source>Could not get the recording: %1</source>
        <translation>No se pudo obtener la grabación: %1</translation>
    </message>
    <message>
        <source>Save recording</source>
        <translation>Guardar grabación</translation>
    </message>
    <message>
        <source>Audio (*.mp3 *.wav *.ogg);;All files (*)</source>
        <translation>Audio (*.mp3 *.wav *.ogg);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Could not save the recording to %1.</source>
        <translation>No se pudo guardar la grabación en %1.</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Guardada en %1</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
</context>
<context>
    <name>CallBridge::ReminderItem</name>
    <message>
        <source>Call back</source>
        <translation>Devolver llamada</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Ring your phone, then the caller; the reminder is done once the call is placed</source>
        <translation>Primero suena tu teléfono y después el número que llamó; el recordatorio se completa al realizar la llamada</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Posponer</translation>
    </message>
    <message>
        <source>For 15 minutes</source>
        <translation>15 minutos</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>1 hora</translation>
    </message>
    <message>
        <source>Until tomorrow morning</source>
        <translation>Hasta mañana por la mañana</translation>
    </message>
    <message>
        <source>Looking up the caller…</source>
        <translation>Buscando quién llamó…</translation>
    </message>
    <message>
        <source>Call back a missed call</source>
        <translation>Devolver una llamada perdida</translation>
    </message>
    <message>
        <source>Call back %1</source>
        <translation>Devolver la llamada a %1</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Recordatorio</translation>
    </message>
    <message>
        <source>Missed at %1</source>
        <translation>Perdida a las %1</translation>
    </message>
    <message>
        <source>Missed yesterday at %1</source>
        <translation>Perdida ayer a las %1</translation>
    </message>
    <message>
        <source>Missed on %1 at %2</source>
        <translation>Perdida el %1 a las %2</translation>
    </message>
    <message>
        <source>snoozed until %1</source>
        <translation>pospuesta hasta las %1</translation>
    </message>
    <message>
        <source>snoozed until tomorrow at %1</source>
        <translation>pospuesta hasta mañana a las %1</translation>
    </message>
    <message>
        <source>snoozed until %1 at %2</source>
        <translation>pospuesta hasta el %1 a las %2</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>hace un momento</translation>
    </message>
    <message numerus="yes">
        <source>waiting %n min</source>
        <translation>
            <numerusform>esperando %n min</numerusform>
            <numerusform>esperando %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>waiting %n h</source>
        <translation>
            <numerusform>esperando %n h</numerusform>
            <numerusform>esperando %n h</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallBridge::RemindersPage</name>
    <message>
        <source>Reminders</source>
        <translation>Recordatorios</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>All caught up</source>
        <translation>Todo al día</translation>
    </message>
    <message>
        <source>Missed calls you should return show up here, and the tray reminds you of them until they are done.</source>
        <translation>Aquí aparecen las llamadas perdidas que debes devolver, y el icono de la bandeja te las recuerda hasta que las completes.</translation>
    </message>
    <message>
        <source>Could not load the reminders: %1</source>
        <translation>No se pudieron cargar los recordatorios: %1</translation>
    </message>
    <message>
        <source>This reminder has no number to call back.</source>
        <translation>Este recordatorio no tiene ningún número al que llamar.</translation>
    </message>
    <message>
        <source>The missed call has no number to call back.</source>
        <translation>La llamada perdida no tiene ningún número al que devolver la llamada.</translation>
    </message>
    <message>
        <source>Could not find the number to call back: %1</source>
        <translation>No se encontró el número al que devolver la llamada: %1</translation>
    </message>
    <message>
        <source>%1. The reminder is done.</source>
        <translation>%1. Recordatorio completado.</translation>
    </message>
    <message>
        <source>The call was placed, but the reminder could not be marked done: %1</source>
        <translation>La llamada se ha realizado, pero no se pudo marcar el recordatorio como hecho: %1</translation>
    </message>
    <message>
        <source>Could not mark the reminder done: %1</source>
        <translation>No se pudo marcar el recordatorio como hecho: %1</translation>
    </message>
    <message>
        <source>Could not snooze the reminder: %1</source>
        <translation>No se pudo posponer el recordatorio: %1</translation>
    </message>
    <message>
        <source>Snoozed until %1; you will be reminded then.</source>
        <translation>Pospuesto hasta las %1; te lo recordaremos entonces.</translation>
    </message>
    <message>
        <source>Missed calls waiting for you to call back.</source>
        <translation>Llamadas perdidas pendientes de devolver.</translation>
    </message>
    <message numerus="yes">
        <source>%n missed call(s) waiting for you to call back.</source>
        <translation>
            <numerusform>%n llamada perdida pendiente de devolver.</numerusform>
            <numerusform>%n llamadas perdidas pendientes de devolver.</numerusform>
        </translation>
    </message>
    <message>
        <source>Snoozed until tomorrow at %1; you will be reminded then.</source>
        <translation>Pospuesto hasta mañana a las %1; te lo recordaremos entonces.</translation>
    </message>
    <message>
        <source>Snoozed until %1 at %2; you will be reminded then.</source>
        <translation>Pospuesto hasta el %1 a las %2; te lo recordaremos entonces.</translation>
    </message>
</context>
<context>
    <name>CallBridge::RoutingPage</name>
    <message>
        <source>Routing &amp; automation</source>
        <translation>Enrutamiento</translation>
    </message>
    <message>
        <source>What the relay does on its own when calls come in. These settings apply to everyone.</source>
        <translation>Lo que hace el servidor por sí solo cuando entran llamadas. Esta configuración se aplica a todos.</translation>
    </message>
    <message>
        <source>Make every unknown caller a contact and a lead</source>
        <translation>Crear un contacto y un cliente potencial por cada número desconocido</translation>
    </message>
    <message>
        <source>Ring a known caller&apos;s responsible agent first</source>
        <translation>Llamar primero al agente responsable si el número es conocido</translation>
    </message>
    <message>
        <source>Show a known caller&apos;s name on the agent&apos;s phone</source>
        <translation>Mostrar en el teléfono del agente el nombre de quien llama, si es conocido</translation>
    </message>
    <message>
        <source>Hang up on callers on the blacklist</source>
        <translation>Colgar las llamadas de la lista negra</translation>
    </message>
    <message>
        <source>Turn a missed call into a reminder for the responsible agent</source>
        <translation>Convertir cada llamada perdida en un recordatorio para el agente responsable</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Revertir</translation>
    </message>
    <message>
        <source>Incoming calls</source>
        <translation>Llamadas entrantes</translation>
    </message>
    <message>
        <source>Missed calls and ownership</source>
        <translation>Llamadas perdidas y responsables</translation>
    </message>
    <message>
        <source>Takes the calls, contacts and reminders that have no responsible agent.</source>
        <translation>Se encarga de las llamadas, los contactos y los recordatorios que no tienen agente responsable.</translation>
    </message>
    <message>
        <source>Default responsible:</source>
        <translation>Responsable predeterminado:</translation>
    </message>
    <message>
        <source>Numbers and CRM</source>
        <translation>Números y CRM</translation>
    </message>
    <message>
        <source>for numbers written without a country code (ES, PL, US…)</source>
        <translation>para números escritos sin prefijo de país (ES, PL, US…)</translation>
    </message>
    <message>
        <source>Default region:</source>
        <translation>Región predeterminada:</translation>
    </message>
    <message>
        <source>Contact page in the CRM:</source>
        <translation>Página del contacto en el CRM:</translation>
    </message>
    <message>
        <source>Loading the relay&apos;s settings…</source>
        <translation>Cargando la configuración del servidor…</translation>
    </message>
    <message>
        <source>Could not load the relay&apos;s settings: %1</source>
        <translation>No se pudo cargar la configuración del servidor: %1</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Nadie</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>These changes are not saved yet: save them on the relay or revert them.</source>
        <translation>Estos cambios aún no se han guardado: guárdalos en el servidor o reviértelos.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved. The relay uses the new settings from the next call on.</source>
        <translation>Guardado. El servidor aplicará la nueva configuración a partir de la próxima llamada.</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n segundo</numerusform>
            <numerusform>%n segundos</numerusform>
        </translation>
    </message>
    <message>
        <source>Back to the PBX&apos;s own routing if nobody answers within:</source>
        <translation>Volver al enrutamiento de la centralita si nadie contesta en:</translation>
    </message>
</context>
<context>
    <name>CallBridge::SettingsDialog</name>
    <message>
        <source>CallBridge Settings</source>
        <translation>Configuración de CallBridge</translation>
    </message>
    <message>
        <source>ADMINISTRATION</source>
        <translation>ADMINISTRACIÓN</translation>
    </message>
    <message>
        <source>Only an administrator can change the telephony settings. Connect to the relay with an administrator&apos;s token to open them.</source>
        <translation>Solo un administrador puede cambiar la configuración de telefonía. Conéctate al servidor con un token de administrador para abrirla.</translation>
    </message>
    <message>
        <source>Only an administrator can change the telephony settings.</source>
        <translation>Solo un administrador puede cambiar la configuración de telefonía.</translation>
    </message>
</context>
<context>
    <name>CallBridge::SoundFilePlayer</name>
    <message numerus="yes">
        <source>The sound output cannot play this recording (%1 Hz, %n channel(s)).</source>
        <translation>
            <numerusform>La salida de sonido no puede reproducir esta grabación (%1 Hz, %n canal).</numerusform>
            <numerusform>La salida de sonido no puede reproducir esta grabación (%1 Hz, %n canales).</numerusform>
        </translation>
    </message>
    <message>
        <source>The sound output stopped playing the recording.</source>
        <translation>La salida de sonido dejó de reproducir la grabación.</translation>
    </message>
    <message>
        <source>The recording holds no sound.</source>
        <translation>La grabación no contiene sonido.</translation>
    </message>
</context>
<context>
    <name>CallBridge::TrayIcon</name>
    <message>
        <source>Open CallBridge</source>
        <translation>Abrir CallBridge</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>No molestar</translation>
    </message>
    <message>
        <source>No call pop-ups and no ring sound</source>
        <translation>Sin ventanas emergentes de llamada ni tono</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Configuración…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Llamada entrante</translation>
    </message>
    <message>
        <source>1 missed call</source>
        <translation>1 llamada perdida</translation>
    </message>
    <message numerus="yes">
        <source>%n missed calls</source>
        <translation>
            <numerusform>%n llamada perdida</numerusform>
            <numerusform>%n llamadas perdidas</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, do not disturb</source>
        <translation>%1, no molestar</translation>
    </message>
    <message>
        <source>CallBridge: %1</source>
        <translation>CallBridge: %1</translation>
    </message>
    <message>
        <source>%1, extension %2</source>
        <translation>%1, extensión %2</translation>
    </message>
</context>
<context>
    <name>CallBridge::UsersPage</name>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Users &amp; extensions</source>
        <translation>Usuarios y extensiones</translation>
    </message>
    <message>
        <source>Everyone who uses CallBridge, and the PBX extension each one answers. An extension belongs to one user at most.</source>
        <translation>Todas las personas que usan CallBridge y la extensión de la centralita que atiende cada una. Una extensión pertenece como máximo a un usuario.</translation>
    </message>
    <message>
        <source>New token…</source>
        <translation>Nuevo token…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Añadir usuario</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nombre visible</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Extensión</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>Asignada a</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Add a user</source>
        <translation>Añadir un usuario</translation>
    </message>
    <message>
        <source>e.g. maria</source>
        <translation>p. ej., maria</translation>
    </message>
    <message>
        <source>e.g. María García</source>
        <translation>p. ej., María García</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Nombre de usuario:</translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation>Nombre visible:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rol:</translation>
    </message>
    <message>
        <source>Extension:</source>
        <translation>Extensión:</translation>
    </message>
    <message>
        <source>Loading users and extensions…</source>
        <translation>Cargando usuarios y extensiones…</translation>
    </message>
    <message>
        <source>Could not list the users: %1</source>
        <translation>No se pudo obtener la lista de usuarios: %1</translation>
    </message>
    <message>
        <source>Could not list the PBX&apos;s extensions: %1</source>
        <translation>No se pudo obtener la lista de extensiones de la centralita: %1</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (tú)</translation>
    </message>
    <message>
        <source>free</source>
        <translation>libre</translation>
    </message>
    <message>
        <source>The PBX&apos;s extensions could not be listed.</source>
        <translation>No se pudo obtener la lista de extensiones de la centralita.</translation>
    </message>
    <message>
        <source>You cannot remove yourself; another administrator can.</source>
        <translation>No puedes eliminarte a ti mismo; puede hacerlo otro administrador.</translation>
    </message>
    <message>
        <source>Taking the extension from %1…</source>
        <translation>Quitando la extensión a %1…</translation>
    </message>
    <message>
        <source>Giving extension %1 to %2…</source>
        <translation>Asignando la extensión %1 a %2…</translation>
    </message>
    <message>
        <source>Could not take the extension from %1: %2</source>
        <translation>No se pudo quitar la extensión a %1: %2</translation>
    </message>
    <message>
        <source>Could not give extension %1 to %2: %3</source>
        <translation>No se pudo asignar la extensión %1 a %2: %3</translation>
    </message>
    <message>
        <source>%1 has no extension now.</source>
        <translation>%1 ya no tiene extensión.</translation>
    </message>
    <message>
        <source>%1 now answers extension %2.</source>
        <translation>%1 atiende ahora la extensión %2.</translation>
    </message>
    <message>
        <source>Enter a user name: one word, used to sign in and in logs.</source>
        <translation>Introduce un nombre de usuario: una sola palabra, que se usa para iniciar sesión y en los registros.</translation>
    </message>
    <message>
        <source>Adding %1…</source>
        <translation>Añadiendo a %1…</translation>
    </message>
    <message>
        <source>%1 was added.</source>
        <translation>Se ha añadido a %1.</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>¿Eliminar a %1?</translation>
    </message>
    <message>
        <source>Their token stops working at once. Their calls and contacts stay.</source>
        <translation>Su token dejará de funcionar de inmediato. Sus llamadas y contactos se conservan.</translation>
    </message>
    <message>
        <source>Their token stops working at once and extension %1 becomes free. Their calls and contacts stay.</source>
        <translation>Su token dejará de funcionar de inmediato y la extensión %1 quedará libre. Sus llamadas y contactos se conservan.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>Eliminando a %1…</translation>
    </message>
    <message>
        <source>Could not remove %1: %2</source>
        <translation>No se pudo eliminar a %1: %2</translation>
    </message>
    <message>
        <source>%1 was removed.</source>
        <translation>Se ha eliminado a %1.</translation>
    </message>
    <message>
        <source>New token for %1?</source>
        <translation>¿Nuevo token para %1?</translation>
    </message>
    <message>
        <source>Give %1 a new token?</source>
        <translation>¿Dar a %1 un token nuevo?</translation>
    </message>
    <message>
        <source>The current token stops working at once; CallBridge on their computer will ask for the new one.</source>
        <translation>El token actual dejará de funcionar de inmediato; CallBridge pedirá el nuevo en su equipo.</translation>
    </message>
    <message>
        <source>New token</source>
        <translation>Nuevo token</translation>
    </message>
    <message>
        <source>Making a new token for %1…</source>
        <translation>Generando un token nuevo para %1…</translation>
    </message>
    <message>
        <source>Could not make a new token for %1: %2</source>
        <translation>No se pudo generar un token nuevo para %1: %2</translation>
    </message>
    <message>
        <source>%1 has a new token; the old one no longer works.</source>
        <translation>%1 tiene un token nuevo; el anterior ya no funciona.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy %1&apos;s token now.&lt;/b&gt; It is shown only this once: the relay keeps only a fingerprint of it. %1 pastes it into CallBridge&apos;s settings.</source>
        <translation>&lt;b&gt;Copia ahora el token de %1.&lt;/b&gt; Solo se muestra esta vez: el servidor guarda únicamente su huella. %1 debe pegarlo en la configuración de CallBridge.</translation>
    </message>
</context>
<context>
    <name>CallBridge::ZadarmaAccountPage</name>
    <message>
        <source>Zadarma account</source>
        <translation>Cuenta de Zadarma</translation>
    </message>
    <message>
        <source>The relay talks to Zadarma with your account&apos;s API key and secret. They are kept on the relay only.</source>
        <translation>El servidor se comunica con Zadarma mediante la clave y el secreto de API de tu cuenta. Solo se guardan en el servidor.</translation>
    </message>
    <message>
        <source>Save credentials</source>
        <translation>Guardar credenciales</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>API key and secret</source>
        <translation>Clave y secreto de API</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Clave:</translation>
    </message>
    <message>
        <source>Secret:</source>
        <translation>Secreto:</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>Asks Zadarma for the balance with the stored key and secret and measures how long the answer takes.</source>
        <translation>Consulta el saldo a Zadarma con la clave y el secreto guardados y mide cuánto tarda la respuesta.</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Asking the relay whether it has a key and secret…</source>
        <translation>Consultando al servidor si tiene clave y secreto…</translation>
    </message>
    <message>
        <source>Could not ask the relay: %1</source>
        <translation>No se pudo consultar al servidor: %1</translation>
    </message>
    <message>
        <source>The relay has a key and secret. Enter both again only to replace them.</source>
        <translation>El servidor ya tiene clave y secreto. Vuelve a introducir ambos solo si quieres reemplazarlos.</translation>
    </message>
    <message>
        <source>•••• stored on the relay</source>
        <translation>•••• guardado en el servidor</translation>
    </message>
    <message>
        <source>The relay has no Zadarma key and secret yet: calls are not routed and recordings cannot be fetched.</source>
        <translation>El servidor aún no tiene clave ni secreto de Zadarma: las llamadas no se enrutan y no se pueden obtener las grabaciones.</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <source>API secret</source>
        <translation>Secreto de API</translation>
    </message>
    <message>
        <source>Enter both the key and the secret.</source>
        <translation>Introduce la clave y el secreto.</translation>
    </message>
    <message>
        <source>Checking the key and secret with Zadarma…</source>
        <translation>Comprobando la clave y el secreto con Zadarma…</translation>
    </message>
    <message>
        <source>Saved. Zadarma accepted them.</source>
        <translation>Guardado. Zadarma los ha aceptado.</translation>
    </message>
    <message>
        <source>Asking Zadarma…</source>
        <translation>Consultando a Zadarma…</translation>
    </message>
    <message>
        <source>Zadarma did not confirm the connection.</source>
        <translation>Zadarma no ha confirmado la conexión.</translation>
    </message>
    <message numerus="yes">
        <source>Connected. Zadarma answered in %n ms.</source>
        <translation>
            <numerusform>Conectado. Zadarma respondió en %n ms.</numerusform>
            <numerusform>Conectado. Zadarma respondió en %n ms.</numerusform>
        </translation>
    </message>
    <message>
        <source>Both are in your Zadarma personal account under Settings → Integrations and API. The relay checks them with Zadarma before it keeps them, and never shows the secret again.</source>
        <translation>Ambos están en tu área personal de Zadarma, en Configuración → Integraciones y API. El servidor los comprueba con Zadarma antes de guardarlos y nunca vuelve a mostrar el secreto.</translation>
    </message>
</context>
<context>
    <name>CallFormat</name>
    <message>
        <source>Today %1</source>
        <translation>Hoy %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Ayer %1</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>Sonando</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Missed (busy)</source>
        <translation>Perdida (ocupado)</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Perdida</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Contestada</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Ocupado</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Sin respuesta</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Entrante</translation>
    </message>
    <message>
        <source>Click-to-call</source>
        <translation>Clic para llamar</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Saliente</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Calling %1…</source>
        <translation>Llamando a %1…</translation>
    </message>
    <message>
        <source>Calling %1 — your phone rings first</source>
        <translation>Llamando a %1 — primero suena tu teléfono</translation>
    </message>
    <message>
        <source>Calling %1 — your phone (ext. %2) rings first</source>
        <translation>Llamando a %1 — primero suena tu teléfono (ext. %2)</translation>
    </message>
    <message>
        <source>Could not call %1: the relay cannot be reached (%2)</source>
        <translation>No se pudo llamar a %1: no se puede contactar con el servidor (%2)</translation>
    </message>
    <message>
        <source>Could not call %1: %2</source>
        <translation>No se pudo llamar a %1: %2</translation>
    </message>
</context>
</TS>
