// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/client/RelayClient.h"
#include "core/sim/SimCallRunner.h"
#include "tests/support/ResultMessage.h"
#include "tests/support/TestRelay.h"
#include "ui/contacts/ContactCardView.h"
#include "ui/contacts/ContactEditor.h"
#include "ui/contacts/ContactListModel.h"
#include "ui/contacts/ContactSearch.h"
#include "ui/contacts/ContactsPage.h"
#include "ui/main/Banner.h"
#include "ui/main/ContactCache.h"

#include <QLineEdit>
#include <QListView>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace CallBridge;

using Test::why;

class TestContactsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void typingSearchesAfterAPause();
    void onlyTheLatestAnswerIsShown();
    void cardShowsNumbersAndRecentCalls();
    void callButtonRingsTheAgentFirst();
    void doubleClickCalls();
    void refusalShowsTheRelaysMessage();
    void createsAContact();
    void relayValidationIsShownInline();
    void editsAContact();
    void newContactFromAPopup();

private:
    QStringList listedNames() const;
    const SimCallOutcome *lastCallback() const;

    Test::TestRelay m_relay;
    Test::TestRelay::Account m_agent;
    Test::TestRelay::Account m_noExtension;
    QNetworkAccessManager m_network;
    std::unique_ptr<RelayClient> m_client;
    std::unique_ptr<ContactCache> m_cache;
    std::unique_ptr<ContactsPage> m_page;
    qint64 m_kowalska = 0;
};

void TestContactsPage::initTestCase()
{
    const auto started = m_relay.start();
    QVERIFY2(started, why(started).constData());
    auto agent = m_relay.addUser(QStringLiteral("anna"), QStringLiteral("Anna Kowalska"),
                                 QStringLiteral("101"));
    QVERIFY2(agent, why(agent).constData());
    m_agent = agent.value();
    auto other = m_relay.addUser(QStringLiteral("piotr"), QStringLiteral("Piotr"), QString());
    QVERIFY2(other, why(other).constData());
    m_noExtension = other.value();

    const auto kowalska = m_relay.addContact(QStringLiteral("Maria Kowalska"),
                                             QStringLiteral("Kowalski & Synowie"),
                                             QStringLiteral("+48600100200"), m_agent.id);
    QVERIFY2(kowalska, why(kowalska).constData());
    m_kowalska = kowalska.value();
    QVERIFY(m_relay.addContact(QStringLiteral("Jan Nowak"), QStringLiteral("Nowak Logistics"),
                               QStringLiteral("+48221234567"), m_agent.id));
    QVERIFY(m_relay.addContact(QStringLiteral("Lucía García"), QStringLiteral("Hotel Sol"),
                               QStringLiteral("+34911000111"), m_agent.id));
    // A call with Maria that her card lists.
    QVERIFY(m_relay.playCall(Test::TestRelay::inboundCall(QStringLiteral("+48600100200"),
                                                          QStringLiteral("101"),
                                                          SimScenario::Outcome::Answered)));
}

void TestContactsPage::init()
{
    m_client = std::make_unique<RelayClient>(&m_network);
    m_client->setRelayUrl(m_relay.url());
    m_client->setToken(m_agent.token);
    m_cache = std::make_unique<ContactCache>(m_client.get());
    m_page = std::make_unique<ContactsPage>(m_client.get(), m_cache.get());
    m_page->resize(900, 600);
    m_page->show();
}

void TestContactsPage::cleanup()
{
    m_page.reset();
    m_cache.reset();
    m_client.reset();
}

QStringList TestContactsPage::listedNames() const
{
    QStringList names;
    for (const ContactCard &contact : m_page->model()->contacts())
        names << contact.name;
    return names;
}

const SimCallOutcome *TestContactsPage::lastCallback() const
{
    const auto outcomes = const_cast<Test::TestRelay &>(m_relay).calls().outcomes();
    for (auto it = outcomes.crbegin(); it != outcomes.crend(); ++it) {
        if ((*it)->direction == u"callback")
            return *it;
    }
    return nullptr;
}

void TestContactsPage::typingSearchesAfterAPause()
{
    QSignalSpy results(m_page->search(), &ContactSearch::resultsReady);
    QTest::keyClicks(m_page->searchField(), QStringLiteral("kowal"));
    // One request for the whole word, not one per key.
    QVERIFY(results.wait(2000));
    QCOMPARE(results.count(), 1);
    QCOMPARE(results.at(0).at(0).toString(), QStringLiteral("kowal"));
    QCOMPARE(listedNames(), QStringList { QStringLiteral("Maria Kowalska") });
    QCOMPARE(m_page->model()
                     ->data(m_page->model()->index(0), ContactListModel::SubtitleRole)
                     .toString(),
             QStringLiteral("Kowalski & Synowie · +48 600 100 200"));

    // A number as people write it finds its contact.
    m_page->searchField()->setText(QStringLiteral("+48 22 123"));
    QVERIFY(results.wait(2000));
    QCOMPARE(listedNames(), QStringList { QStringLiteral("Jan Nowak") });

    m_page->searchField()->clear();
    QVERIFY(results.wait(2000));
    QCOMPARE(listedNames().size(), 3);
}

void TestContactsPage::onlyTheLatestAnswerIsShown()
{
    ContactSearch *search = m_page->search();
    QSignalSpy results(search, &ContactSearch::resultsReady);
    search->setQuery(QStringLiteral("Kowalska"));
    search->searchNow(); // on its way…
    search->setQuery(QStringLiteral("Nowak")); // …and already stale
    QVERIFY(results.wait(2000));
    QTest::qWait(100); // room for the stale answer, which must not arrive
    QCOMPARE(results.count(), 1);
    QCOMPARE(results.at(0).at(0).toString(), QStringLiteral("Nowak"));
    QCOMPARE(listedNames(), QStringList { QStringLiteral("Jan Nowak") });
}

void TestContactsPage::cardShowsNumbersAndRecentCalls()
{
    QSignalSpy results(m_page->search(), &ContactSearch::resultsReady);
    m_page->searchField()->setText(QStringLiteral("Maria"));
    QVERIFY(results.wait(2000));
    QCOMPARE(m_page->model()->rowCount(), 1);
    m_page->listView()->setCurrentIndex(m_page->model()->index(0));
    QCOMPARE(m_page->shownContactId(), m_kowalska);
    ContactCardView *card = m_page->cardView();
    QCOMPARE(card->callButtons().size(), 1);
    QCOMPARE(card->callButtons().at(0)->property("number").toString(),
             QStringLiteral("+48600100200"));
    QTRY_COMPARE(card->recentCalls()->topLevelItemCount(), 1);
    QCOMPARE(card->recentCalls()->topLevelItem(0)->text(1), QStringLiteral("Incoming"));
}

void TestContactsPage::callButtonRingsTheAgentFirst()
{
    m_page->showContact(m_kowalska);
    QTRY_COMPARE(m_page->shownContactId(), m_kowalska);
    QSignalSpy placed(m_page.get(), &ContactsPage::callPlaced);
    QTest::mouseClick(m_page->cardView()->callButtons().at(0), Qt::LeftButton);
    QCOMPARE(m_page->banner()->kind(), Banner::Kind::Busy);
    QVERIFY(placed.wait(3000));
    QCOMPARE(m_page->banner()->kind(), Banner::Kind::Success);
    QCOMPARE(m_page->banner()->text(),
             QStringLiteral("Calling +48 600 100 200 — your phone (ext. 101) rings first"));

    const SimCallOutcome *callback = lastCallback();
    QVERIFY(callback);
    QCOMPARE(callback->scenario.value(u"from").toString(), QStringLiteral("101"));
    QCOMPARE(callback->scenario.value(u"to").toString(), QStringLiteral("48600100200"));
}

void TestContactsPage::doubleClickCalls()
{
    QSignalSpy results(m_page->search(), &ContactSearch::resultsReady);
    m_page->searchField()->setText(QStringLiteral("García"));
    QVERIFY(results.wait(2000));
    QCOMPARE(m_page->model()->rowCount(), 1);
    QSignalSpy placed(m_page.get(), &ContactsPage::callPlaced);
    QListView *list = m_page->listView();
    const QRect row = list->visualRect(m_page->model()->index(0));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, row.center());
    QVERIFY(placed.wait(3000));
    QCOMPARE(placed.at(0).at(0).toString(), QStringLiteral("+34911000111"));
    QCOMPARE(lastCallback()->scenario.value(u"to").toString(), QStringLiteral("34911000111"));
}

void TestContactsPage::refusalShowsTheRelaysMessage()
{
    m_client->setToken(m_noExtension.token);
    QSignalSpy refused(m_page.get(), &ContactsPage::callRefused);
    m_page->dial(QStringLiteral("+48600100200"));
    QVERIFY(refused.wait(3000));
    QCOMPARE(refused.at(0).at(1).toString(),
             QStringLiteral("You have no PBX extension; ask an administrator."));
    QCOMPARE(m_page->banner()->kind(), Banner::Kind::Error);
    QCOMPARE(m_page->banner()->text(),
             QStringLiteral("Could not call +48 600 100 200: You have no PBX extension; ask an "
                            "administrator."));
}

void TestContactsPage::createsAContact()
{
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("newContact")),
                      Qt::LeftButton);
    QVERIFY(m_page->isEditing());
    ContactEditor *editor = m_page->editor();
    QTest::keyClicks(editor->nameField(), QStringLiteral("Olga Wi"));
    editor->nameField()->insert(QStringLiteral("śniewska")); // keyClicks takes ASCII only
    QTest::keyClicks(editor->companyField(), QStringLiteral("Studio Olga"));
    QTest::keyClicks(editor->phoneFields().at(0), QStringLiteral("+48 501 222 333"));
    QTest::keyClicks(editor->emailField(), QStringLiteral("olga@example.com"));
    QSignalSpy saved(m_page.get(), &ContactsPage::contactSaved);
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY(saved.wait(3000));
    const auto contact = saved.at(0).at(0).value<ContactCard>();
    QCOMPARE(contact.name, QStringLiteral("Olga Wiśniewska"));
    QCOMPARE(contact.phones, QStringList { QStringLiteral("+48501222333") });
    QVERIFY(!m_page->isEditing());
    QCOMPARE(m_page->shownContactId(), contact.id);
    QCOMPARE(m_page->banner()->kind(), Banner::Kind::Success);
    QVERIFY(m_page->model()->rowOf(contact.id) >= 0);

    // The relay has it: a search finds it.
    QSignalSpy results(m_page->search(), &ContactSearch::resultsReady);
    m_page->searchField()->setText(QStringLiteral("Wiśniewska"));
    QVERIFY(results.wait(2000));
    QCOMPARE(listedNames(), QStringList { QStringLiteral("Olga Wiśniewska") });
}

void TestContactsPage::relayValidationIsShownInline()
{
    m_page->showNewContact();
    ContactEditor *editor = m_page->editor();
    QTest::keyClicks(editor->nameField(), QStringLiteral("Broken Number"));
    QTest::keyClicks(editor->phoneFields().at(0), QStringLiteral("call me maybe"));
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!editor->errorText().isEmpty());
    QVERIFY2(editor->errorText().startsWith(u"\"phones\": \"call me maybe\" is not a phone number"),
             qPrintable(editor->errorText()));
    QVERIFY(editor->phoneFields().at(0)->property("invalid").toBool());
    QVERIFY(!editor->nameField()->property("invalid").toBool());
    QVERIFY(m_page->isEditing());
    QVERIFY(editor->saveButton()->isEnabled());

    // Nothing at all: the relay wants a name or a number.
    m_page->showNewContact();
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_COMPARE(editor->errorText(), QStringLiteral("A contact needs a name or a phone number."));
    QVERIFY(editor->nameField()->property("invalid").toBool());
}

void TestContactsPage::editsAContact()
{
    m_page->showContact(m_kowalska);
    QTRY_COMPARE(m_page->shownContactId(), m_kowalska);
    QTest::mouseClick(m_page->cardView()->findChild<QPushButton *>(QStringLiteral("editContact")),
                      Qt::LeftButton);
    QVERIFY(m_page->isEditing());
    ContactEditor *editor = m_page->editor();
    QCOMPARE(editor->nameField()->text(), QStringLiteral("Maria Kowalska"));
    QCOMPARE(editor->phoneFields().at(0)->text(), QStringLiteral("+48 600 100 200"));
    editor->notesField()->setPlainText(QStringLiteral("Prefers mornings."));
    // Only the notes changed: that is all the request carries.
    const ContactDraft draft = editor->draft();
    QVERIFY(draft.notes && !draft.name && !draft.phones && !draft.company);
    QSignalSpy saved(m_page.get(), &ContactsPage::contactSaved);
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY(saved.wait(3000));
    QCOMPARE(saved.at(0).at(0).value<ContactCard>().notes, QStringLiteral("Prefers mornings."));
    QCOMPARE(m_page->cardView()->contact().notes, QStringLiteral("Prefers mornings."));
}

void TestContactsPage::newContactFromAPopup()
{
    m_page->showNewContact(QStringLiteral("+34600555444"));
    QVERIFY(m_page->isEditing());
    QCOMPARE(m_page->editor()->phoneFields().size(), 1);
    QCOMPARE(m_page->editor()->phoneFields().at(0)->text(), QStringLiteral("+34 600 55 54 44"));
    QVERIFY(m_page->editor()->nameField()->text().isEmpty());
}

QTEST_MAIN(TestContactsPage)
#include "TestContactsPage.moc"
