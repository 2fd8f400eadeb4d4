// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/relay/CrmSync.h"

#include "core/common/Clock.h"
#include "core/crm/CrmClient.h"
#include "core/crm/CrmContact.h"
#include "core/relay/CallProcessor.h"
#include "core/relay/RoutingDirectory.h"
#include "core/store/Store.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>

#include <algorithm>
#include <memory>

Q_LOGGING_CATEGORY(lcCrmSync, "callbridge.core.relay.crm")

namespace CallBridge {

namespace {

constexpr int pendingWindow = 500;
constexpr qint64 storageRetryMs = 5'000;
// How often a relay that does not send the outbox checks whether the one that does is gone.
constexpr qint64 roleCheckMs = 5'000;
constexpr int doneItemsKeptDays = 30;

const QString syncContactOperation = QStringLiteral("sync_contact");
const QString pushCall = QStringLiteral("push_call");
const QString createTask = QStringLiteral("create_task");
const QString createLead = QStringLiteral("create_lead");

std::optional<CrmOperation> operationOf(const QString &name)
{
    if (name == pushCall)
        return CrmOperation::PushCall;
    if (name == createTask)
        return CrmOperation::CreateTask;
    if (name == createLead)
        return CrmOperation::CreateLead;
    return std::nullopt;
}

// 1 s, 2 s, 4 s … up to 15 minutes, each ±20 % so that a recovering CRM is not hit in step.
qint64 retryDelayMs(int attempts, const CrmSync::Pacing &pacing)
{
    const int doublings = std::clamp(attempts - 1, 0, 20);
    const qint64 base = std::min(pacing.longestRetryMs, pacing.firstRetryMs << doublings);
    return qint64(double(base) * (0.8 + 0.4 * QRandomGenerator::global()->generateDouble()));
}

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

void addContact(CrmVariables &variables, const ContactRecord &contact, const QString &crmId)
{
    const QString name = contact.name.trimmed();
    const qsizetype split = name.lastIndexOf(u' ');
    variables.insert(QStringLiteral("contact.id"), crmId);
    variables.insert(QStringLiteral("contact.name"), name);
    variables.insert(QStringLiteral("contact.first_name"),
                     split > 0 ? name.left(split) : QString());
    variables.insert(QStringLiteral("contact.last_name"), split > 0 ? name.mid(split + 1) : name);
    variables.insert(QStringLiteral("contact.phone"), contact.phones.value(0));
    variables.insert(QStringLiteral("contact.email"), contact.email);
    variables.insert(QStringLiteral("contact.company"), contact.company);
}

} // namespace

CrmSync::CrmSync(Store *store, CallProcessor *processor, RoutingDirectory *directory,
                 CrmClient *client, Clock *clock, QObject *parent)
    : QObject(parent),
      m_store(store),
      m_processor(processor),
      m_directory(directory),
      m_client(client),
      m_clock(clock)
{
    m_wakeUp.setSingleShot(true);
    connect(&m_wakeUp, &QTimer::timeout, this, &CrmSync::schedule);
    connect(&m_prune, &QTimer::timeout, this, &CrmSync::prune);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        if (m_refreshAfter < 0) { // a pass still running goes on instead
            m_refreshAfter = 0;
            queueRefreshes();
        }
    });
}

void CrmSync::setRefreshInterval(std::chrono::milliseconds interval)
{
    if (interval.count() <= 0) {
        m_refresh.stop();
        return;
    }
    if (!m_refresh.isActive() || m_refresh.intervalAsDuration() != interval)
        m_refresh.start(interval);
}

void CrmSync::queueRefreshes()
{
    constexpr int page = 500;
    if (!m_running || m_refreshAfter < 0)
        return;
    auto contacts = m_store->crmLinkedContacts(m_refreshAfter, page);
    if (!contacts) {
        qCWarning(lcCrmSync).noquote() << contacts.error().message;
        m_refreshAfter = -1;
        return;
    }
    if (contacts->isEmpty()) {
        m_refreshAfter = -1;
        return;
    }
    const QList<qint64> ids = contacts.value();
    writeLocally(
            [this, ids](ProcessingOutput &) -> Result<void> {
                for (qint64 id : ids) {
                    CrmOutboxItem item;
                    item.operation = syncContactOperation;
                    item.key = QStringLiteral("sync_contact:contact:%1").arg(id);
                    item.contactId = id;
                    item.createdAt = m_clock->now();
                    if (auto queued = m_store->requeueCrmWrite(item); !queued)
                        return fail(queued.error());
                }
                return {};
            },
            [this, last = ids.constLast()](Result<void> written) {
                if (!written) {
                    qCWarning(lcCrmSync).noquote()
                            << "could not queue the CRM refresh:" << written.error().message;
                    m_refreshAfter = -1;
                    return;
                }
                m_refreshAfter = last;
                poke();
                // The next page on a later turn: webhooks go first.
                QTimer::singleShot(0, this, &CrmSync::queueRefreshes);
            });
}

CrmSync::~CrmSync() = default;

void CrmSync::start()
{
    m_running = true;
    prune();
    m_prune.start(std::chrono::hours(24));
    poke();
}

void CrmSync::prune()
{
    if (!holdsTheOutbox())
        return;
    auto pruned = m_store->pruneCrmWrites(m_clock->now().addDays(-doneItemsKeptDays));
    if (!pruned)
        qCWarning(lcCrmSync).noquote() << pruned.error().message;
    else if (pruned.value() > 0)
        qCInfo(lcCrmSync) << "removed" << pruned.value() << "CRM writes done more than"
                          << doneItemsKeptDays << "days ago";
}

void CrmSync::stop()
{
    m_running = false;
    m_wakeUp.stop();
    m_refresh.stop();
    m_prune.stop();
    m_refreshAfter = -1;
}

void CrmSync::poke()
{
    // Coalesced: a busy relay commits hundreds of batches a second.
    if (m_running && (!m_wakeUp.isActive() || m_wakeUp.remainingTime() > 0))
        m_wakeUp.start(0);
}

bool CrmSync::holdsTheOutbox()
{
    // Relays sharing a PostgreSQL store would send every item twice; one sends, the others
    // wait to take over should it go away.
    auto held = m_store->holdRole(QStringLiteral("crm"));
    if (!held)
        qCWarning(lcCrmSync).noquote() << held.error().message;
    if (held && held.value())
        return true;
    if (m_running && !m_wakeUp.isActive())
        m_wakeUp.start(int(roleCheckMs));
    return false;
}

void CrmSync::schedule()
{
    if (!m_running || !holdsTheOutbox())
        return;
    auto pending = m_store->pendingCrmWrites(pendingWindow);
    if (!pending) {
        qCWarning(lcCrmSync).noquote() << pending.error().message;
        m_wakeUp.start(int(storageRetryMs));
        return;
    }
    const QDateTime now = m_clock->now();
    QSet<QString> waiting = m_callsInFlight; // calls whose next item must wait its turn
    QDateTime nextDue;
    for (const CrmOutboxItem &item : std::as_const(pending.value())) {
        if (int(m_inFlight.size()) >= maxInFlight)
            break;
        if (m_inFlight.contains(item.id))
            continue;
        const bool ordered = !item.pbxCallId.isEmpty();
        if (ordered && waiting.contains(item.pbxCallId))
            continue;
        if (ordered)
            waiting.insert(item.pbxCallId);
        if (item.nextAttemptAt.isValid() && item.nextAttemptAt > now) {
            if (!nextDue.isValid() || item.nextAttemptAt < nextDue)
                nextDue = item.nextAttemptAt;
            continue;
        }
        begin(item);
    }
    if (nextDue.isValid() && !m_wakeUp.isActive())
        m_wakeUp.start(int(std::clamp<qint64>(now.msecsTo(nextDue), 0, m_pacing.longestRetryMs)));
}

void CrmSync::begin(CrmOutboxItem item)
{
    m_inFlight.insert(item.id);
    if (!item.pbxCallId.isEmpty())
        m_callsInFlight.insert(item.pbxCallId);
    // On disk before the request leaves: after a crash, attempts > 1 says that it may have
    // reached the CRM, and the next run asks the CRM before sending it again.
    ++item.attempts;
    item.updatedAt = m_clock->now();
    saveItem(item, [this, item] {
        if (m_running)
            run(item);
        else
            release(item);
    });
}

void CrmSync::run(const CrmOutboxItem &item)
{
    if (item.operation == syncContactOperation) {
        syncContact(item);
        return;
    }
    if (const auto operation = operationOf(item.operation)) {
        writeItem(item, *operation);
        return;
    }
    CrmOutboxItem failed = item;
    failed.state = QStringLiteral("failed");
    failed.lastError = QStringLiteral("unknown operation \"%1\"").arg(item.operation);
    retryOrFail(failed, CrmError { failed.lastError });
}

QString CrmSync::phoneOf(const CrmOutboxItem &item) const
{
    if (!item.pbxCallId.isEmpty()) {
        auto call = m_store->call(item.pbxCallId);
        if (call && call.value() && !call.value()->clientNumber.isEmpty())
            return call.value()->clientNumber;
    }
    if (item.contactId != 0) {
        auto contact = m_store->contact(item.contactId);
        if (contact && contact.value() && !contact.value()->phones.isEmpty())
            return contact.value()->phones.constFirst();
    }
    return {};
}

void CrmSync::syncContact(const CrmOutboxItem &item)
{
    const QString phone = phoneOf(item);
    if (!phone.startsWith(u'+')) { // an extension or a withheld number: nothing to look up
        succeed(item, {});
        return;
    }
    CrmVariables extra;
    const PhoneNumber number = m_directory->normalizer().normalize(phone);
    extra.insert(QStringLiteral("phone.national"),
                 m_directory->normalizer().formatForDisplay(number));
    QPointer<CrmSync> self(this);
    m_client->lookup(
            phone,
            [self, item](CrmResult<std::optional<CrmContact>> found) {
                if (!self)
                    return;
                if (!found) {
                    self->retryOrFail(item, found.error());
                    return;
                }
                if (found.value()) {
                    self->mirror(item, *found.value());
                    return;
                }
                // Not in the CRM: a caller the relay made a contact for goes there too.
                auto local = item.contactId != 0
                        ? self->m_store->contact(item.contactId)
                        : Result<std::optional<ContactRecord>>(std::optional<ContactRecord>());
                const bool create = local && local.value() && local.value()->source == u"auto"
                        && self->m_directory->policy().createUnknownContacts
                        && self->m_client->supports(CrmOperation::CreateContact);
                if (create)
                    self->createInCrm(item, *local.value());
                else
                    self->succeed(item, {});
            },
            extra);
}

qint64 CrmSync::responsibleFor(const QString &crmResponsible) const
{
    const QString wanted = crmResponsible.trimmed();
    if (wanted.isEmpty())
        return 0;
    for (const UserRecord &user : m_directory->users()) {
        if (user.name.compare(wanted, Qt::CaseInsensitive) == 0
            || user.displayName.compare(wanted, Qt::CaseInsensitive) == 0
            || (!user.extension.isEmpty() && user.extension == wanted))
            return user.id;
    }
    return 0;
}

void CrmSync::mirror(const CrmOutboxItem &item, const CrmContact &crmContact)
{
    const QString phone = phoneOf(item);
    auto write = [this, item, crmContact, phone](ProcessingOutput &output) -> Result<void> {
        // The local mirror: the call's contact, else the one already linked to this record,
        // else the number's, else a new one.
        std::optional<ContactRecord> local;
        qint64 localId = item.contactId;
        if (localId == 0) {
            auto linked = m_store->contactForCrmId(crmContact.id);
            if (!linked)
                return fail(linked.error());
            localId = linked.value().value_or(0);
        }
        if (localId == 0) {
            if (const auto route = m_directory->contactForNumber(phone))
                localId = route->contactId;
        }
        if (localId != 0) {
            auto stored = m_store->contact(localId);
            if (!stored)
                return fail(stored.error());
            local = stored.value();
        }
        const bool isNew = !local.has_value();
        ContactRecord contact = local.value_or(ContactRecord {});
        if (!crmContact.name.trimmed().isEmpty())
            contact.name = crmContact.name.trimmed();
        if (contact.name.isEmpty())
            contact.name = m_directory->normalizer().formatForDisplay(phone);
        if (!crmContact.company.isEmpty())
            contact.company = crmContact.company;
        if (!crmContact.email.isEmpty())
            contact.email = crmContact.email;
        if (!crmContact.url.isEmpty())
            contact.externalUrl = crmContact.url;
        if (const qint64 responsible = responsibleFor(crmContact.responsible))
            contact.responsibleUserId = responsible;
        QStringList phones = contact.phones;
        QStringList crmPhones = crmContact.phones;
        crmPhones.prepend(phone);
        for (const QString &raw : std::as_const(crmPhones)) {
            const QString canonical = m_directory->canonicalNumber(raw);
            if (canonical.isEmpty() || phones.contains(canonical))
                continue;
            // A number another contact holds stays with it; the CRM may hold duplicates.
            const auto owner = m_directory->contactForNumber(canonical);
            if (owner && owner->contactId != contact.id)
                continue;
            phones.append(canonical);
        }
        contact.phones = phones;
        contact.source = QStringLiteral("crm");
        CrmOutboxItem done = item;
        done.state = QStringLiteral("done");
        done.crmId = crmContact.id;
        done.contactId = contact.id;
        done.lastError.clear();
        done.updatedAt = m_clock->now();
        const bool unchanged = !isNew && contact.name == local->name
                && contact.company == local->company && contact.email == local->email
                && contact.externalUrl == local->externalUrl
                && contact.responsibleUserId == local->responsibleUserId
                && contact.phones == local->phones && contact.source == local->source;
        if (unchanged) {
            auto linked = m_store->contactCrmId(contact.id);
            if (!linked)
                return fail(linked.error());
            // A refresh that found nothing new streams nothing (its ringing call has it).
            if (linked.value() == crmContact.id)
                return m_store->updateCrmWrite(done);
        }
        contact.updatedAt = m_clock->now();
        if (isNew) {
            contact.createdAt = contact.updatedAt;
            auto id = m_store->createContact(contact);
            if (!id)
                return fail(id.error());
            contact.id = id.value();
        } else if (auto updated = m_store->updateContact(contact); !updated) {
            return updated;
        }
        if (auto linked = m_store->setContactCrmId(contact.id, crmContact.id); !linked)
            return linked;
        done.contactId = contact.id;
        if (auto marked = m_store->updateCrmWrite(done); !marked)
            return marked;
        return m_processor->contactRefreshed(contact, item.pbxCallId, output);
    };
    applyAnswer(item, write);
}

void CrmSync::createInCrm(const CrmOutboxItem &item, const ContactRecord &local)
{
    auto variables = variablesFor(item);
    if (!variables) {
        failStorage(item, variables.error());
        return;
    }
    QPointer<CrmSync> self(this);
    m_client->createContact(variables.value(), [self, item, local](CrmResult<QString> created) {
        if (!self)
            return;
        // A create that may have gone through is found by the next attempt's look-up.
        if (!created) {
            self->retryOrFail(item, created.error());
            return;
        }
        const QString crmId = created.value();
        CrmVariables link;
        addContact(link, local, crmId);
        const QString url = self->m_client->contactUrl(link);
        auto write = [self, item, local, crmId, url](ProcessingOutput &output) -> Result<void> {
            ContactRecord contact = local;
            if (!url.isEmpty()) {
                contact.externalUrl = url;
                contact.updatedAt = self->m_clock->now();
                if (auto updated = self->m_store->updateContact(contact); !updated)
                    return updated;
            }
            if (auto linked = self->m_store->setContactCrmId(contact.id, crmId); !linked)
                return linked;
            if (self->m_client->supports(CrmOperation::CreateLead)) {
                CrmOutboxItem lead;
                lead.operation = createLead;
                lead.key = createLead + u':'
                        + (item.pbxCallId.isEmpty() ? QString::number(contact.id) : item.pbxCallId);
                lead.pbxCallId = item.pbxCallId;
                lead.contactId = contact.id;
                lead.createdAt = self->m_clock->now();
                if (auto queued = self->m_store->enqueueCrmWrite(lead); !queued)
                    return fail(queued.error());
            }
            CrmOutboxItem done = item;
            done.state = QStringLiteral("done");
            done.crmId = crmId;
            done.lastError.clear();
            done.updatedAt = self->m_clock->now();
            if (auto marked = self->m_store->updateCrmWrite(done); !marked)
                return marked;
            return self->m_processor->contactRefreshed(contact, item.pbxCallId, output);
        };
        self->applyAnswer(item, write);
    });
}

Result<CrmVariables> CrmSync::variablesFor(const CrmOutboxItem &item) const
{
    CrmVariables variables;
    std::optional<CallRecord> call;
    if (!item.pbxCallId.isEmpty()) {
        auto stored = m_store->call(item.pbxCallId);
        if (!stored)
            return fail(stored.error());
        call = stored.value();
    }
    qint64 contactId = item.contactId;
    if (contactId == 0 && call)
        contactId = call->contactId;
    if (contactId != 0) {
        auto contact = m_store->contact(contactId);
        if (!contact)
            return fail(contact.error());
        auto crmId = m_store->contactCrmId(contactId);
        if (!crmId)
            return fail(crmId.error());
        if (contact.value())
            addContact(variables, *contact.value(), crmId.value());
    }
    if (call) {
        const QDateTime ended = call->startedAt.isValid()
                ? call->startedAt.addSecs(call->durationSeconds)
                : QDateTime();
        variables.insert(QStringLiteral("call.pbx_call_id"), call->pbxCallId);
        variables.insert(QStringLiteral("call.direction"), call->direction);
        variables.insert(QStringLiteral("call.client_number"), call->clientNumber);
        variables.insert(QStringLiteral("call.our_number"), call->calledDid);
        variables.insert(QStringLiteral("call.started_at"), isoTime(call->startedAt));
        variables.insert(QStringLiteral("call.ended_at"), isoTime(ended));
        variables.insert(QStringLiteral("call.duration_seconds"), call->durationSeconds);
        variables.insert(QStringLiteral("call.disposition"),
                         call->disposition.isEmpty() ? call->state : call->disposition);
        variables.insert(QStringLiteral("call.recording_url"), QString());
        variables.insert(QStringLiteral("call.agent_extension"), call->extension);
        if (const auto agent = m_directory->userByExtension(
                    call->answeredBy.isEmpty() ? call->extension : call->answeredBy)) {
            variables.insert(QStringLiteral("agent.name"),
                             agent->displayName.isEmpty() ? agent->name : agent->displayName);
            variables.insert(QStringLiteral("agent.extension"), agent->extension);
        }
    }
    if (item.taskId != 0) {
        auto task = m_store->task(item.taskId);
        if (!task)
            return fail(task.error());
        if (task.value()) {
            variables.insert(QStringLiteral("task.title"), task.value()->title);
            variables.insert(QStringLiteral("task.due_at"), isoTime(task.value()->dueAt));
            // The call's id makes the task findable: a retry asks for it (the mapping's find).
            variables.insert(QStringLiteral("task.description"),
                             QStringLiteral("%1 (Zadarma call %2)")
                                     .arg(task.value()->title, task.value()->pbxCallId));
            if (const auto assignee = m_directory->user(task.value()->assigneeUserId)) {
                variables.insert(QStringLiteral("agent.name"),
                                 assignee->displayName.isEmpty() ? assignee->name
                                                                 : assignee->displayName);
                variables.insert(QStringLiteral("agent.extension"), assignee->extension);
            }
        }
    }
    return variables;
}

void CrmSync::writeItem(const CrmOutboxItem &item, CrmOperation operation)
{
    if (!m_client->supports(operation)) { // the mapping leaves it out: nothing to send
        succeed(item, {});
        return;
    }
    auto variables = variablesFor(item);
    if (!variables) {
        failStorage(item, variables.error());
        return;
    }
    QPointer<CrmSync> self(this);
    auto send = [self, item, operation, variables = variables.value()] {
        self->m_client->write(operation, variables, [self, item](CrmResult<QString> written) {
            if (!self)
                return;
            if (written)
                self->succeed(item, written.value());
            else
                self->retryOrFail(item, written.error());
        });
    };
    if (item.attempts <= 1 || !m_client->canFind(operation)) {
        send();
        return;
    }
    m_client->findExisting(operation, variables.value(),
                           [self, item, send](CrmResult<std::optional<QString>> found) {
                               if (!self)
                                   return;
                               if (!found)
                                   self->retryOrFail(item, found.error());
                               else if (found.value())
                                   self->succeed(item, *found.value());
                               else
                                   send();
                           });
}

void CrmSync::succeed(CrmOutboxItem item, const QString &crmId)
{
    item.state = QStringLiteral("done");
    item.crmId = crmId;
    item.lastError.clear();
    item.updatedAt = m_clock->now();
    saveItem(item, [this, item] { finish(item, QStringLiteral("done")); });
}

void CrmSync::retryOrFail(CrmOutboxItem item, const CrmError &error)
{
    const QString operation = item.operation;
    item.lastError = error.message;
    item.updatedAt = m_clock->now();
    if (error.retryable) {
        const qint64 delay = error.retryAfterMs > 0
                ? std::min<qint64>(error.retryAfterMs, m_pacing.longestRetryMs)
                : retryDelayMs(item.attempts, m_pacing);
        item.nextAttemptAt = item.updatedAt.addMSecs(delay);
        qCInfo(lcCrmSync).noquote()
                << operation << "for" << item.key << "will be retried in"
                << QString::number(double(delay) / 1000.0, 'f', 1) << "s:" << error.message;
    } else {
        item.state = QStringLiteral("failed");
        qCWarning(lcCrmSync).noquote() << operation << "for" << item.key
                                       << "failed and will not be retried:" << error.message;
    }
    const QString outcome = error.retryable ? QStringLiteral("retry") : QStringLiteral("failed");
    saveItem(item, [this, item, outcome] { finish(item, outcome); });
}

void CrmSync::failStorage(const CrmOutboxItem &item, const Error &error)
{
    // The item stays pending as it is on disk; the store is tried again a little later.
    qCWarning(lcCrmSync).noquote()
            << item.operation << "for" << item.key << "could not be recorded:" << error.message;
    emit attempted(item.operation, QStringLiteral("retry"));
    m_inFlight.remove(item.id);
    m_callsInFlight.remove(item.pbxCallId);
    if (m_running && !m_wakeUp.isActive())
        m_wakeUp.start(int(storageRetryMs));
}

void CrmSync::applyAnswer(const CrmOutboxItem &item,
                          const std::function<Result<void>(ProcessingOutput &)> &write)
{
    // What the CRM said may not fit the store (a number another contact holds after all, a
    // full disk): the item is tried again later, with the same growing pause as a CRM that is
    // down, rather than at once and forever.
    writeLocally(write, [this, item](Result<void> written) {
        if (written)
            finish(item, QStringLiteral("done"));
        else
            retryOrFail(item,
                        CrmError { QStringLiteral("could not store the CRM's answer: %1")
                                           .arg(written.error().message),
                                   true });
    });
}

void CrmSync::saveItem(const CrmOutboxItem &item, std::function<void()> then)
{
    writeLocally([this, item](ProcessingOutput &) { return m_store->updateCrmWrite(item); },
                 [this, item, then = std::move(then)](Result<void> written) {
                     if (written)
                         then();
                     else
                         failStorage(item, written.error());
                 });
}

void CrmSync::finish(const CrmOutboxItem &item, const QString &outcome)
{
    emit attempted(item.operation, outcome);
    release(item);
}

void CrmSync::release(const CrmOutboxItem &item)
{
    m_inFlight.remove(item.id);
    m_callsInFlight.remove(item.pbxCallId);
    poke();
}

void CrmSync::writeLocally(const std::function<Result<void>(ProcessingOutput &)> &write,
                           std::function<void(Result<void>)> after)
{
    ProcessingOutput output;
    if (auto begun = m_store->beginFlushingLater(); !begun) {
        after(begun);
        return;
    }
    if (auto written = write(output); !written) {
        m_store->rollback();
        // What the write told the directory may be ahead of the store.
        if (auto reloaded = m_directory->load(*m_store); !reloaded)
            qCWarning(lcCrmSync).noquote() << reloaded.error().message;
        after(written);
        return;
    }
    QPointer<CrmSync> self(this);
    auto then = std::make_shared<std::function<void(Result<void>)>>(std::move(after));
    auto onDisk = [self, feed = output.feed, then](Result<void> durable) {
        if (!self)
            return;
        if (durable && !feed.isEmpty())
            emit self->published(feed);
        (*then)(durable);
    };
    // A failed commit has rolled back and calls nothing later: the outcome is told here.
    if (auto committed = m_store->commitFlushingLater(std::move(onDisk)); !committed) {
        if (auto reloaded = m_directory->load(*m_store); !reloaded)
            qCWarning(lcCrmSync).noquote() << reloaded.error().message;
        (*then)(committed);
    }
}

Result<QJsonObject> CrmSync::status() const
{
    auto summary = m_store->crmOutboxSummary();
    if (!summary)
        return fail(summary.error());
    auto errors = m_store->crmWritesWithErrors(10);
    if (!errors)
        return fail(errors.error());
    QJsonArray latest;
    for (const CrmOutboxItem &item : std::as_const(errors.value())) {
        latest.append(QJsonObject {
                { QStringLiteral("id"), item.id },
                { QStringLiteral("operation"), item.operation },
                { QStringLiteral("key"), item.key },
                { QStringLiteral("state"), item.state },
                { QStringLiteral("attempts"), item.attempts },
                { QStringLiteral("error"), item.lastError },
                { QStringLiteral("at"), isoTime(item.updatedAt) },
                { QStringLiteral("next_attempt_at"),
                  item.nextAttemptAt.isValid() ? QJsonValue(isoTime(item.nextAttemptAt))
                                               : QJsonValue(QJsonValue::Null) },
        });
    }
    return QJsonObject {
        { QStringLiteral("connected"), true },
        { QStringLiteral("pending"), summary->pending },
        { QStringLiteral("failed"), summary->failed },
        { QStringLiteral("done"), summary->done },
        { QStringLiteral("in_flight"), inFlight() },
        { QStringLiteral("oldest_pending_at"),
          summary->oldestPendingAt.isValid() ? QJsonValue(isoTime(summary->oldestPendingAt))
                                             : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("latest_errors"), latest },
    };
}

} // namespace CallBridge
