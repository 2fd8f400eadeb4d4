// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/contacts/ContactsPage.h"

#include "core/client/RelayClient.h"
#include "ui/UiLogging.h"
#include "ui/contacts/ContactCardView.h"
#include "ui/contacts/ContactEditor.h"
#include "ui/contacts/ContactItemDelegate.h"
#include "ui/contacts/ContactListModel.h"
#include "ui/contacts/ContactSearch.h"
#include "ui/main/Banner.h"
#include "ui/main/CallFormat.h"
#include "ui/main/ContactCache.h"
#include "ui/main/EmptyState.h"
#include "ui/main/PageIcons.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace CallBridge {

ContactsPage::ContactsPage(RelayClient *client, ContactCache *cache, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_cache(cache),
      m_search(new ContactSearch(client, this)),
      m_model(new ContactListModel(this)),
      m_searchField(new QLineEdit(this)),
      m_newContact(new QPushButton(tr("New contact"), this)),
      m_banner(new Banner(this)),
      m_list(new QListView(this)),
      m_count(new QLabel(this)),
      m_pane(new QStackedWidget(this)),
      m_card(new ContactCardView(this)),
      m_editor(new ContactEditor(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);

    auto *top = new QHBoxLayout;
    top->setSpacing(8);
    m_searchField->setObjectName(QStringLiteral("contactSearch"));
    m_searchField->setPlaceholderText(tr("Search by name, company or any part of a number"));
    m_searchField->setClearButtonEnabled(true);
    m_searchField->addAction(PageIcons::icon(PageIcons::Glyph::Search, PageIcons::mutedColor()),
                             QLineEdit::LeadingPosition);
    m_searchField->setMinimumHeight(30);
    top->addWidget(m_searchField, 1);
    m_newContact->setObjectName(QStringLiteral("newContact"));
    m_newContact->setIcon(PageIcons::icon(PageIcons::Glyph::Plus, PageIcons::accentColor()));
    m_newContact->setMinimumHeight(30);
    top->addWidget(m_newContact);
    layout->addLayout(top);
    layout->addWidget(m_banner);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(6);
    m_list->setObjectName(QStringLiteral("contactList"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ContactItemDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMinimumWidth(260);
    QPalette selection = m_list->palette();
    selection.setColor(QPalette::Highlight, QColor(0xdd, 0xe7, 0xfd));
    selection.setColor(QPalette::HighlightedText, QColor(0x1f, 0x29, 0x37));
    m_list->setPalette(selection);
    setFocusProxy(m_searchField);
    leftLayout->addWidget(m_list, 1);
    m_count->setStyleSheet(QStringLiteral("color: %1;").arg(PageIcons::mutedColor().name()));
    leftLayout->addWidget(m_count);

    auto *placeholder = new EmptyState(PageIcons::Glyph::Person, m_pane);
    placeholder->setTitle(tr("No contact selected"));
    placeholder->setText(
            tr("Pick a contact to see their card and call them, or create a new one."));
    m_placeholder = placeholder;
    m_pane->addWidget(m_placeholder);
    auto *cardScroll = new QScrollArea(m_pane);
    cardScroll->setWidget(m_card);
    cardScroll->setWidgetResizable(true);
    cardScroll->setFrameShape(QFrame::NoFrame);
    m_pane->addWidget(cardScroll);
    auto *editorScroll = new QScrollArea(m_pane);
    editorScroll->setWidget(m_editor);
    editorScroll->setWidgetResizable(true);
    editorScroll->setFrameShape(QFrame::NoFrame);
    m_pane->addWidget(editorScroll);
    auto *paneFrame = new QFrame(splitter);
    paneFrame->setFrameShape(QFrame::StyledPanel);
    auto *paneLayout = new QVBoxLayout(paneFrame);
    paneLayout->setContentsMargins(1, 1, 1, 1);
    paneLayout->addWidget(m_pane);
    splitter->addWidget(left);
    splitter->addWidget(paneFrame);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 300, 460 });
    layout->addWidget(splitter, 1);

    connect(m_searchField, &QLineEdit::textChanged, m_search, &ContactSearch::setQuery);
    connect(m_searchField, &QLineEdit::returnPressed, m_search, &ContactSearch::searchNow);
    connect(m_search, &ContactSearch::resultsReady, this, &ContactsPage::showResults);
    connect(m_search, &ContactSearch::failed, this,
            [this](const QString &, const QString &message) {
                m_banner->showMessage(Banner::Kind::Error,
                                      tr("Could not search the contacts: %1").arg(message));
            });
    connect(m_search, &ContactSearch::busyChanged, this, [this](bool) { updateCount(); });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid() && !isEditing()
                    && shownContactId() != m_model->contact(current.row()).id)
                    showCard(m_model->contact(current.row()));
            });
    connect(m_list, &QListView::clicked, this, [this](const QModelIndex &index) {
        if (index.isValid()
            && (isEditing() || shownContactId() != m_model->contact(index.row()).id))
            showCard(m_model->contact(index.row()));
    });
    connect(m_list, &QListView::doubleClicked, this, [this](const QModelIndex &index) {
        if (!index.isValid())
            return;
        const ContactCard &contact = m_model->contact(index.row());
        if (contact.phones.isEmpty()) {
            m_banner->showMessage(
                    Banner::Kind::Info,
                    tr("%1 has no phone number to call.").arg(m_model->title(contact)));
            return;
        }
        dial(contact.phones.constFirst());
    });
    connect(m_newContact, &QPushButton::clicked, this, [this] { showNewContact(); });
    connect(m_card, &ContactCardView::callRequested, this, &ContactsPage::dial);
    connect(m_card, &ContactCardView::editRequested, this, [this] {
        m_editor->startEdit(m_card->contact());
        m_pane->setCurrentIndex(2);
    });
    connect(m_editor, &ContactEditor::saveRequested, this, &ContactsPage::save);
    connect(m_editor, &ContactEditor::cancelled, this, &ContactsPage::closeEditor);
    connect(m_cache, &ContactCache::contactKnown, this,
            [this](const ContactCard &contact) { m_model->update(contact); });
    updateCount();
}

void ContactsPage::setNumberFormat(const PhoneNumberNormalizer &normalizer)
{
    m_normalizer = normalizer;
    m_model->setNumberFormat(normalizer);
    m_card->setNumberFormat(normalizer);
    m_editor->setNumberFormat(normalizer);
}

bool ContactsPage::isEditing() const
{
    return m_pane->currentIndex() == 2;
}

qint64 ContactsPage::shownContactId() const
{
    return m_pane->currentIndex() == 1 ? m_card->contact().id : 0;
}

void ContactsPage::dial(const QString &number)
{
    const QString shown = m_normalizer.formatForDisplay(number);
    if (number.trimmed().isEmpty())
        return;
    m_banner->showMessage(Banner::Kind::Busy, CallFormat::placing(shown));
    m_client->clickToCall(
            number, this, [this, number, shown](RelayResult<ClickToCallPlaced> result) {
                if (!result) {
                    qCInfo(lcUiContacts) << "click-to-call refused:" << result.error().message;
                    m_banner->showMessage(Banner::Kind::Error,
                                          CallFormat::refused(shown, result.error()));
                    emit callRefused(number, result.error().message);
                    return;
                }
                m_banner->showMessage(Banner::Kind::Success,
                                      CallFormat::placed(shown, result.value()));
                emit callPlaced(number, result.value());
            });
}

void ContactsPage::showNewContact(const QString &number)
{
    m_list->clearSelection();
    m_editor->startNew(number);
    m_pane->setCurrentIndex(2);
    m_editor->nameField()->setFocus();
}

void ContactsPage::showContact(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0) {
        m_list->setCurrentIndex(m_model->index(row));
        showCard(m_model->contact(row));
        return;
    }
    m_client->contact(id, this, [this](RelayResult<ContactCard> result) {
        if (!result) {
            m_banner->showMessage(Banner::Kind::Error, result.error().message);
            return;
        }
        m_cache->insert(result.value());
        m_model->update(result.value(), true);
        m_list->setCurrentIndex(m_model->index(m_model->rowOf(result->id)));
        showCard(result.value());
    });
}

void ContactsPage::contactChanged(const ContactCard &contact)
{
    m_model->update(contact);
    if (shownContactId() == contact.id)
        m_card->setContact(contact);
}

void ContactsPage::refresh()
{
    m_search->searchNow();
}

void ContactsPage::showResults(const QString &query, const QList<ContactCard> &contacts)
{
    const qint64 selected = shownContactId();
    m_model->setContacts(contacts);
    for (const ContactCard &contact : contacts)
        m_cache->insert(contact);
    const int row = m_model->rowOf(selected);
    if (row >= 0)
        m_list->setCurrentIndex(m_model->index(row));
    updateCount();
    Q_UNUSED(query);
}

void ContactsPage::showCard(const ContactCard &contact)
{
    m_card->setContact(contact);
    m_pane->setCurrentIndex(1);
    loadRecentCalls(contact.id);
}

void ContactsPage::loadRecentCalls(qint64 contactId)
{
    const quint64 generation = ++m_callsGeneration;
    m_card->setRecentCallsMessage(tr("Loading…"));
    CallQuery query;
    query.contactId = contactId;
    query.limit = 5;
    m_client->calls(query, this, [this, generation](RelayResult<CallPage> result) {
        if (generation != m_callsGeneration)
            return;
        if (!result) {
            m_card->setRecentCalls({});
            m_card->setRecentCallsMessage(
                    tr("Could not load the calls: %1").arg(result.error().message));
            return;
        }
        m_card->setRecentCalls(result->calls);
    });
}

void ContactsPage::save()
{
    if (!m_editor->isNew() && !m_editor->hasChanges()) {
        closeEditor();
        return;
    }
    const ContactDraft draft = m_editor->draft();
    m_editor->setBusy(true);
    m_editor->showError(QString());
    const bool created = m_editor->isNew();
    auto done = [this, created](RelayResult<ContactCard> result) {
        m_editor->setBusy(false);
        if (!result) {
            m_editor->showError(result.error().message);
            return;
        }
        const ContactCard &contact = result.value();
        m_cache->insert(contact);
        m_model->update(contact, true);
        updateCount();
        m_list->setCurrentIndex(m_model->index(m_model->rowOf(contact.id)));
        showCard(contact);
        m_banner->showMessage(
                Banner::Kind::Success,
                created ? tr("%1 was added to the contacts.").arg(m_model->title(contact))
                        : tr("Changes to %1 were saved.").arg(m_model->title(contact)));
        emit contactSaved(contact);
    };
    if (created)
        m_client->createContact(draft, this, done);
    else
        m_client->updateContact(m_editor->contactId(), draft, this, done);
}

void ContactsPage::closeEditor()
{
    const QModelIndex current = m_list->currentIndex();
    if (!m_editor->isNew())
        showCard(m_card->contact());
    else if (current.isValid())
        showCard(m_model->contact(current.row()));
    else
        m_pane->setCurrentIndex(0);
}

void ContactsPage::updateCount()
{
    const int count = m_model->rowCount();
    if (m_search->isBusy() && count == 0)
        m_count->setText(tr("Searching…"));
    else if (count == 0 && !m_search->query().isEmpty())
        m_count->setText(tr("No contacts match “%1”.").arg(m_search->query()));
    else if (count == 0)
        m_count->setText(tr("No contacts yet."));
    else
        m_count->setText(tr("%n contact(s)", nullptr, count));
}

} // namespace CallBridge
