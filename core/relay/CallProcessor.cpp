// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/CallProcessor.h"

#include "core/common/Clock.h"
#include "core/relay/RelayJson.h"
#include "core/relay/RoutingDirectory.h"
#include "core/store/Store.h"
#include "core/webhook/FormBodyParser.h"
#include "core/webhook/WebhookParser.h"
#include "core/zadarma/ZadarmaTime.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCallProcessor, "callbridge.core.relay.calls")

namespace CallBridge {

namespace {

bool isClosed(const Call &call)
{
    const bool over = call.state == CallState::Ended || call.state == CallState::Missed;
    return over && (!call.isRecorded || call.recordingReady);
}

QString feedTypeFor(CallTransition transition)
{
    switch (transition) {
    case CallTransition::Started:
    case CallTransition::ExtensionRang:
        return QStringLiteral("call.ringing");
    case CallTransition::Answered:
        return QStringLiteral("call.answered");
    case CallTransition::Ended:
        return QStringLiteral("call.ended");
    case CallTransition::Missed:
        return QStringLiteral("call.missed");
    case CallTransition::RecordingReady:
        return QStringLiteral("call.recording_ready");
    }
    return QStringLiteral("call.updated");
}

} // namespace

QString clientNumberOf(const Call &call)
{
    switch (call.direction) {
    case CallDirection::Inbound:
        return call.callerId;
    case CallDirection::Outbound:
    case CallDirection::Callback:
        return call.destination;
    case CallDirection::Unknown:
        break;
    }
    return {};
}

CallProcessor::CallProcessor(Store *store, RoutingDirectory *directory, Clock *clock)
    : m_store(store), m_directory(directory), m_clock(clock)
{
    reserveMemory();
}

void CallProcessor::reserveMemory()
{
    // Closed calls plus the ones still running on a busy PBX; see CallAggregator::reserve().
    constexpr qsizetype expected = maxClosedCallsInMemory + 5'000;
    m_aggregator.reserve(expected);
    m_inMemory.reserve(expected);
    m_contactOfCall.reserve(expected);
}

Result<void> CallProcessor::loadCall(const QString &pbxCallId, qint64 beforeSeq)
{
    auto events = m_store->eventsForCall(pbxCallId);
    if (!events)
        return fail(events.error());
    for (const EventRecord &stored : events.value()) {
        if (stored.seq >= beforeSeq)
            continue;
        auto fields = parseUrlEncodedForm(stored.rawForm);
        auto event = fields ? parseWebhookEvent(fields.value())
                            : WebhookEventResult(fail(fields.error()));
        if (!event) {
            qCWarning(lcCallProcessor) << "stored event" << stored.seq
                                       << "cannot be read back:" << event.error().message;
            continue;
        }
        (void)m_aggregator.apply(event.value());
    }
    return {};
}

Result<void> CallProcessor::process(const WebhookEvent &event, qint64 seq, ProcessingOutput &output)
{
    if (!event.isCallEvent() || event.pbxCallId.isEmpty())
        return {};
    if (!m_inMemory.contains(event.pbxCallId)) {
        if (auto loaded = loadCall(event.pbxCallId, seq); !loaded)
            return loaded;
        m_inMemory.insert(event.pbxCallId);
    }
    const CallUpdate update = m_aggregator.apply(event);
    if (!update.changed && update.transitions.isEmpty())
        return {};
    const Call &call = update.call;

    const QString clientNumber = m_directory->canonicalNumber(clientNumberOf(call));
    auto contact = contactFor(clientNumber, call, update.transitions, output);
    if (!contact)
        return fail(contact.error());

    CallRecord record = toRecord(call, contact.value() ? contact.value()->id : 0, clientNumber);
    if (auto saved = m_store->saveCall(record); !saved)
        return saved;

    const QJsonObject payload = callPayload(record, contact.value());
    const QList<qint64> audience = callAudience(record, contact.value());
    QStringList types;
    for (CallTransition transition : update.transitions) {
        const QString type = feedTypeFor(transition);
        if (!types.contains(type))
            types.append(type);
    }
    if (types.isEmpty())
        types.append(QStringLiteral("call.updated"));
    for (const QString &type : std::as_const(types)) {
        if (auto appended = appendFeed(type, payload, audience, output); !appended)
            return appended;
    }

    if (m_crmConnected && !m_directory->isBlacklisted(clientNumber)) {
        const qint64 contactId = contact.value() ? contact.value()->id : 0;
        if (update.transitions.contains(CallTransition::Started) && !clientNumber.isEmpty()) {
            if (auto queued = queueCrmWrite(QStringLiteral("sync_contact"), call.pbxCallId,
                                            contactId, 0, output);
                !queued)
                return queued;
        }
        if (update.transitions.contains(CallTransition::Ended)
            || update.transitions.contains(CallTransition::Missed)) {
            if (auto queued
                = queueCrmWrite(QStringLiteral("push_call"), call.pbxCallId, contactId, 0, output);
                !queued)
                return queued;
        }
    }

    if (update.transitions.contains(CallTransition::Missed)
        && m_directory->policy().createMissedCallTasks
        && !m_directory->isBlacklisted(clientNumber)) {
        if (auto created = createMissedCallTask(record, contact.value(), output); !created)
            return created;
    }
    noteClosed(call);
    return {};
}

Result<void> CallProcessor::queueCrmWrite(const QString &operation, const QString &pbxCallId,
                                          qint64 contactId, qint64 taskId, ProcessingOutput &output)
{
    CrmOutboxItem item;
    item.operation = operation;
    item.key = operation + u':' + pbxCallId;
    item.pbxCallId = pbxCallId;
    item.contactId = contactId;
    item.taskId = taskId;
    item.createdAt = m_clock->now();
    auto queued = m_store->enqueueCrmWrite(item);
    if (!queued)
        return fail(queued.error());
    output.crmWritesQueued = output.crmWritesQueued || queued.value();
    return {};
}

Result<void> CallProcessor::contactRefreshed(const ContactRecord &contact, const QString &pbxCallId,
                                             ProcessingOutput &output)
{
    m_directory->setContact(contact);
    QList<qint64> audience;
    if (const qint64 responsible = m_directory->responsibleOrDefault(contact.responsibleUserId))
        audience.append(responsible);
    if (auto appended = appendFeed(QStringLiteral("contact.updated"),
                                   { { QStringLiteral("contact"), toJson(contact, *m_directory) } },
                                   audience, output);
        !appended)
        return appended;
    if (pbxCallId.isEmpty())
        return {};
    auto stored = m_store->call(pbxCallId);
    if (!stored)
        return fail(stored.error());
    if (!stored.value())
        return {};
    CallRecord call = *stored.value();
    if (call.contactId != contact.id) {
        // The call was not linked yet (the number was unknown): from now on it is.
        call.contactId = contact.id;
        call.updatedAt = m_clock->now();
        if (auto saved = m_store->saveCall(call); !saved)
            return saved;
        m_contactOfCall.insert(call.pbxCallId, contact.id);
    }
    return appendFeed(QStringLiteral("call.updated"), callPayload(call, contact),
                      callAudience(call, contact), output);
}

Result<void> CallProcessor::processBackfilled(CallRecord record, ProcessingOutput &output)
{
    Call call;
    call.pbxCallId = record.pbxCallId;
    call.direction = record.direction == toText(CallDirection::Inbound) ? CallDirection::Inbound
                                                                        : CallDirection::Outbound;
    call.callerId = record.callerId;
    call.destination = record.clientNumber;
    const QList<CallTransition> transitions { CallTransition::Started };
    auto contact = contactFor(record.clientNumber, call, transitions, output);
    if (!contact)
        return fail(contact.error());
    record.contactId = contact.value() ? contact.value()->id : 0;
    record.updatedAt = m_clock->now();
    if (auto saved = m_store->saveCall(record); !saved)
        return saved;

    if (m_crmConnected) {
        if (auto queued = queueCrmWrite(QStringLiteral("push_call"), record.pbxCallId,
                                        record.contactId, 0, output);
            !queued)
            return queued;
    }
    const bool missed = record.state == toText(CallState::Missed);
    QJsonObject payload = callPayload(record, contact.value());
    payload.insert(QStringLiteral("backfilled"), true);
    if (auto appended
        = appendFeed(missed ? QStringLiteral("call.missed") : QStringLiteral("call.ended"), payload,
                     callAudience(record, contact.value()), output);
        !appended)
        return appended;
    if (missed && m_directory->policy().createMissedCallTasks)
        return createMissedCallTask(record, contact.value(), output);
    return {};
}

Result<std::optional<ContactRecord>>
CallProcessor::contactFor(const QString &clientNumber, const Call &call,
                          const QList<CallTransition> &transitions, ProcessingOutput &output)
{
    // A call keeps the contact it was first linked to, even if the number is later edited.
    if (const qint64 linked = m_contactOfCall.value(call.pbxCallId); linked != 0) {
        auto known = m_store->contact(linked);
        if (!known || known.value())
            return known;
    }
    if (clientNumber.isEmpty() || m_directory->isBlacklisted(clientNumber))
        return std::optional<ContactRecord>();
    if (const auto route = m_directory->contactForNumber(clientNumber)) {
        auto known = m_store->contact(route->contactId);
        if (!known)
            return known;
        if (known.value()) {
            m_contactOfCall.insert(call.pbxCallId, known.value()->id);
            return known;
        }
    }
    const PhoneNumber number = m_directory->normalizer().normalize(clientNumber);
    const bool createNew = call.direction == CallDirection::Inbound
            && transitions.contains(CallTransition::Started)
            && m_directory->policy().createUnknownContacts
            && number.kind == PhoneNumber::Kind::E164;
    if (!createNew)
        return std::optional<ContactRecord>();
    // The directory may not have caught up with a contact another process (the operator's
    // import) just stored: the store, not the directory, decides that the number is new.
    auto stored = m_store->contactByPhone(clientNumber);
    if (!stored)
        return stored;
    if (stored.value()) {
        m_directory->setContact(*stored.value());
        m_contactOfCall.insert(call.pbxCallId, stored.value()->id);
        return stored;
    }

    const QDateTime now = m_clock->now();
    ContactRecord contact;
    contact.name = m_directory->normalizer().formatForDisplay(number);
    contact.phones = { clientNumber };
    contact.responsibleUserId = m_directory->responsibleOrDefault(0);
    contact.source = QStringLiteral("auto");
    contact.createdAt = now;
    contact.updatedAt = now;
    auto id = m_store->createContact(contact);
    if (!id)
        return fail(id.error());
    contact.id = id.value();
    // Later events of this batch must find it before the batch is committed.
    m_directory->setContact(contact);
    m_contactOfCall.insert(call.pbxCallId, contact.id);

    LeadRecord lead;
    lead.contactId = contact.id;
    lead.pbxCallId = call.pbxCallId;
    lead.responsibleUserId = contact.responsibleUserId;
    lead.createdAt = now;
    if (auto leadId = m_store->createLead(lead); !leadId)
        return fail(leadId.error());

    QList<qint64> audience;
    if (contact.responsibleUserId != 0)
        audience.append(contact.responsibleUserId);
    if (auto appended = appendFeed(QStringLiteral("contact.updated"),
                                   { { QStringLiteral("contact"), toJson(contact, *m_directory) },
                                     { QStringLiteral("created"), true } },
                                   audience, output);
        !appended)
        return fail(appended.error());
    return std::optional<ContactRecord>(contact);
}

CallRecord CallProcessor::toRecord(const Call &call, qint64 contactId,
                                   const QString &clientNumber) const
{
    CallRecord record;
    record.pbxCallId = call.pbxCallId;
    record.direction = toText(call.direction);
    record.state = toText(call.state);
    record.callStart = call.callStart;
    // Parsing the text costs microseconds, and every event of a call carries the same one.
    if (m_startedAtOffset != m_directory->accountUtcOffsetSeconds()) {
        m_startedAt.clear();
        m_startedAtOffset = m_directory->accountUtcOffsetSeconds();
    }
    auto cached = m_startedAt.constFind(call.callStart);
    if (cached == m_startedAt.cend()) {
        if (m_startedAt.size() >= 10'000)
            m_startedAt.clear();
        cached = m_startedAt.insert(
                call.callStart,
                zadarmaTimeToUtc(call.callStart, m_directory->accountUtcOffsetSeconds()));
    }
    record.startedAt = *cached;
    if (!record.startedAt.isValid())
        record.startedAt = m_clock->now();
    record.clientNumber = clientNumber;
    record.callerId = call.callerId;
    record.calledDid = call.calledDid;
    record.ringingExtensions = call.ringingExtensions;
    record.answeredBy = call.answeredBy;
    record.extension = !call.answeredBy.isEmpty() ? call.answeredBy
            : !call.internal.isEmpty()            ? call.internal
            : !call.ringingExtensions.isEmpty()   ? call.ringingExtensions.constLast()
                                                  : QString();
    record.durationSeconds = call.duration.value_or(0);
    record.disposition = call.dispositionText;
    record.statusCode = call.statusCode.value_or(0);
    record.isRecorded = call.isRecorded;
    record.recordingId = call.recordingId;
    record.recordingReady = call.recordingReady;
    record.contactId = contactId;
    record.updatedAt = m_clock->now();
    return record;
}

QJsonObject CallProcessor::callPayload(const CallRecord &call,
                                       const std::optional<ContactRecord> &contact) const
{
    return { { QStringLiteral("call"), toJson(call) },
             { QStringLiteral("contact"),
               contact ? QJsonValue(toJson(*contact, *m_directory))
                       : QJsonValue(QJsonValue::Null) } };
}

QList<qint64> CallProcessor::callAudience(const CallRecord &call,
                                          const std::optional<ContactRecord> &contact) const
{
    const qint64 responsibleUserId
            = m_directory->responsibleOrDefault(contact ? contact->responsibleUserId : 0);
    QList<qint64> audience;
    auto add = [&audience](qint64 id) {
        if (id != 0 && !audience.contains(id))
            audience.append(id);
    };
    add(responsibleUserId);
    QStringList extensions = call.ringingExtensions;
    extensions << call.answeredBy << call.extension;
    for (const QString &extension : std::as_const(extensions)) {
        if (const auto user = m_directory->userByExtension(extension))
            add(user->id);
    }
    return audience;
}

Result<void> CallProcessor::createMissedCallTask(const CallRecord &call,
                                                 const std::optional<ContactRecord> &contact,
                                                 ProcessingOutput &output)
{
    const QDateTime now = m_clock->now();
    TaskRecord task;
    task.kind = QStringLiteral("missed_call");
    const QString who = contact ? contact->name
                                : m_directory->normalizer().formatForDisplay(call.clientNumber);
    task.title
            = QStringLiteral("Call back %1 (missed call)").arg(who.isEmpty() ? call.callerId : who);
    task.contactId = contact ? contact->id : 0;
    task.pbxCallId = call.pbxCallId;
    task.assigneeUserId
            = m_directory->responsibleOrDefault(contact ? contact->responsibleUserId : 0);
    task.dueAt = now;
    task.createdAt = now;
    task.updatedAt = now;
    auto id = m_store->createTask(task);
    if (!id)
        return fail(id.error());
    task.id = id.value();
    if (m_crmConnected) {
        if (auto queued = queueCrmWrite(QStringLiteral("create_task"), call.pbxCallId,
                                        task.contactId, task.id, output);
            !queued)
            return queued;
    }
    QList<qint64> audience;
    if (task.assigneeUserId != 0)
        audience.append(task.assigneeUserId);
    QJsonObject payload { { QStringLiteral("task"), toJson(task) } };
    if (contact)
        payload.insert(QStringLiteral("contact"), toJson(*contact, *m_directory));
    return appendFeed(QStringLiteral("task.created"), payload, audience, output);
}

Result<void> CallProcessor::appendFeed(const QString &type, const QJsonObject &payload,
                                       QList<qint64> audience, ProcessingOutput &output)
{
    FeedItem item;
    item.createdAt = m_clock->now();
    item.type = type;
    item.payload = payload;
    item.audience = std::move(audience);
    serialisePayload(item);
    auto seq = m_store->appendFeed(item);
    if (!seq)
        return fail(seq.error());
    item.seq = seq.value();
    output.feed.append(std::move(item));
    return {};
}

void CallProcessor::noteClosed(const Call &call)
{
    if (!isClosed(call))
        return;
    m_closedOrder.push_back(call.pbxCallId);
    while (qsizetype(m_closedOrder.size()) > maxClosedCallsInMemory) {
        const QString oldest = m_closedOrder.front();
        m_closedOrder.pop_front();
        m_aggregator.forget(oldest);
        m_inMemory.remove(oldest);
        m_contactOfCall.remove(oldest);
    }
}

void CallProcessor::forgetCalls()
{
    m_aggregator = CallAggregator();
    m_inMemory.clear();
    reserveMemory();
    m_closedOrder.clear();
    m_contactOfCall.clear();
}

void CallProcessor::resetMemory()
{
    forgetCalls();
    m_startedAt.clear();
    // Contacts of the rolled-back batch are in the directory but not in the store.
    if (auto reloaded = m_directory->load(*m_store); !reloaded)
        qCWarning(lcCallProcessor).noquote()
                << "could not reload the directory after a failed write:"
                << reloaded.error().message;
}

} // namespace CallBridge
