// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/history/HistoryPage.h"

#include "core/client/RelayClient.h"
#include "ui/UiLogging.h"
#include "ui/history/CallHistoryModel.h"
#include "ui/history/RecordingPlayer.h"
#include "ui/main/Banner.h"
#include "ui/main/CallFormat.h"
#include "ui/main/ContactCache.h"
#include "ui/main/PageIcons.h"

#include <QButtonGroup>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace CallBridge {

namespace {

const QDate anyDate(2000, 1, 1); // the date edits' "Any"
constexpr int outboundPagesPerLoad = 10;

QDateEdit *dateEdit(QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(anyDate);
    edit->setSpecialValueText(HistoryPage::tr("Any"));
    edit->setDate(anyDate);
    edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    edit->setMinimumWidth(110);
    return edit;
}

// Rows are selected whole; a focus frame around one cell would only confuse.
class RowDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem plain = option;
        plain.state &= ~QStyle::State_HasFocus;
        QStyledItemDelegate::paint(painter, plain, index);
    }
};

} // namespace

HistoryPage::HistoryPage(RelayClient *client, ContactCache *cache, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_cache(cache),
      m_model(new CallHistoryModel(cache, this)),
      m_title(new QLabel(this)),
      m_subtitle(new QLabel(this)),
      m_filters(new QButtonGroup(this)),
      m_from(dateEdit(this)),
      m_to(dateEdit(this)),
      m_banner(new Banner(this)),
      m_table(new QTableView(this)),
      m_count(new QLabel(this)),
      m_loadMore(new QPushButton(tr("Load more"), this)),
      m_details(new QFrame(this)),
      m_detailsTitle(new QLabel(this)),
      m_detailsText(new QLabel(this)),
      m_callBack(new QPushButton(tr("Call back"), this)),
      m_player(new RecordingPlayer(client, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);

    auto *top = new QHBoxLayout;
    top->setSpacing(8);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    titles->addWidget(m_title);
    m_subtitle->setStyleSheet(QStringLiteral("color: %1;").arg(PageIcons::mutedColor().name()));
    titles->addWidget(m_subtitle);
    top->addLayout(titles);
    top->addStretch(1);

    const QString segment
            = QStringLiteral(
                      "QPushButton { border: 1px solid #c3c9d2; background: #ffffff; padding: 4px "
                      "12px; "
                      "margin: 0; min-height: 18px; }"
                      "QPushButton:hover { background: #f1f4f8; }"
                      "QPushButton:checked { background: %1; border-color: %1; color: white; }")
                      .arg(PageIcons::accentColor().name());
    const QList<std::pair<Filter, QString>> filters {
        { Filter::All, tr("All") },
        { Filter::Missed, tr("Missed") },
        { Filter::Inbound, tr("Incoming") },
        { Filter::Outbound, tr("Outgoing") },
    };
    auto *segments = new QHBoxLayout;
    segments->setSpacing(0);
    for (int i = 0; i < filters.size(); ++i) {
        auto *button = new QPushButton(filters.at(i).second, this);
        button->setCheckable(true);
        button->setCursor(Qt::PointingHandCursor);
        button->setObjectName(QStringLiteral("filter%1").arg(i));
        QString style = segment;
        if (i == 0)
            style += QStringLiteral("QPushButton { border-top-left-radius: 5px; "
                                    "border-bottom-left-radius: 5px; }");
        if (i == filters.size() - 1)
            style += QStringLiteral("QPushButton { border-top-right-radius: 5px; "
                                    "border-bottom-right-radius: 5px; }");
        if (i > 0)
            style += QStringLiteral("QPushButton { border-left: none; }");
        button->setStyleSheet(style);
        m_filters->addButton(button, int(filters.at(i).first));
        segments->addWidget(button);
    }
    m_filters->button(int(Filter::All))->setChecked(true);
    top->addLayout(segments);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("From"), this));
    m_from->setObjectName(QStringLiteral("fromDate"));
    top->addWidget(m_from);
    top->addWidget(new QLabel(tr("to"), this));
    m_to->setObjectName(QStringLiteral("toDate"));
    top->addWidget(m_to);
    auto *reload = new QPushButton(this);
    reload->setIcon(PageIcons::icon(PageIcons::Glyph::Refresh, PageIcons::mutedColor()));
    reload->setToolTip(tr("Refresh"));
    top->addWidget(reload);
    layout->addLayout(top);
    layout->addWidget(m_banner);

    m_table->setObjectName(QStringLiteral("callTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setIconSize(QSize(16, 16));
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 14);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(CallHistoryModel::ContactColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(CallHistoryModel::RecordingColumn, QHeaderView::Fixed);
    // Wide enough for typical values (and the headers), measured in the table's font.
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto width
            = [&metrics](const QString &sample) { return metrics.horizontalAdvance(sample) + 24; };
    m_table->setColumnWidth(CallHistoryModel::TimeColumn, width(tr("Yesterday 23:59")) + 20);
    m_table->setColumnWidth(CallHistoryModel::NumberColumn,
                            width(QStringLiteral("+44 20 7946 00000")));
    m_table->setColumnWidth(CallHistoryModel::ExtensionColumn, width(QStringLiteral("1000")));
    m_table->setColumnWidth(CallHistoryModel::DurationColumn, width(tr("Duration")));
    m_table->setColumnWidth(CallHistoryModel::StatusColumn, width(tr("Missed (busy)")));
    m_table->setColumnWidth(CallHistoryModel::RecordingColumn, 32);
    QPalette selection = m_table->palette();
    selection.setColor(QPalette::Highlight, QColor(0xdd, 0xe7, 0xfd));
    selection.setColor(QPalette::HighlightedText, QColor(0x1f, 0x29, 0x37));
    m_table->setPalette(selection);
    m_table->setItemDelegate(new RowDelegate(m_table));
    setFocusProxy(m_table);
    layout->addWidget(m_table, 1);

    auto *footer = new QHBoxLayout;
    m_count->setStyleSheet(QStringLiteral("color: %1;").arg(PageIcons::mutedColor().name()));
    footer->addWidget(m_count, 1);
    m_loadMore->setObjectName(QStringLiteral("loadMore"));
    footer->addWidget(m_loadMore);
    layout->addLayout(footer);

    m_details->setObjectName(QStringLiteral("callDetails"));
    auto *detailsFrame = static_cast<QFrame *>(m_details);
    detailsFrame->setStyleSheet(
            QStringLiteral("#callDetails { background: #f7f8fa; border: 1px solid "
                           "#e1e4e8; border-radius: 8px; }"
                           "#callDetails QLabel { background: transparent; }"));
    auto *detailsLayout = new QVBoxLayout(m_details);
    detailsLayout->setContentsMargins(14, 10, 14, 10);
    detailsLayout->setSpacing(8);
    auto *detailsHeader = new QHBoxLayout;
    auto *detailsTitles = new QVBoxLayout;
    detailsTitles->setSpacing(1);
    QFont detailsFont = m_detailsTitle->font();
    detailsFont.setBold(true);
    m_detailsTitle->setFont(detailsFont);
    m_detailsTitle->setParent(m_details);
    m_detailsText->setParent(m_details);
    m_detailsText->setStyleSheet(QStringLiteral("color: %1;").arg(PageIcons::mutedColor().name()));
    detailsTitles->addWidget(m_detailsTitle);
    detailsTitles->addWidget(m_detailsText);
    detailsHeader->addLayout(detailsTitles, 1);
    m_callBack->setParent(m_details);
    m_callBack->setObjectName(QStringLiteral("callBack"));
    m_callBack->setIcon(PageIcons::icon(PageIcons::Glyph::Phone, PageIcons::okColor()));
    detailsHeader->addWidget(m_callBack, 0, Qt::AlignTop);
    detailsLayout->addLayout(detailsHeader);
    m_player->setParent(m_details);
    detailsLayout->addWidget(m_player);
    layout->addWidget(m_details);

    connect(m_filters, &QButtonGroup::idClicked, this,
            [this](int id) { setFilter(static_cast<Filter>(id)); });
    connect(m_from, &QDateEdit::dateChanged, this, &HistoryPage::refresh);
    connect(m_to, &QDateEdit::dateChanged, this, &HistoryPage::refresh);
    connect(reload, &QPushButton::clicked, this, &HistoryPage::refresh);
    connect(m_loadMore, &QPushButton::clicked, this, &HistoryPage::loadMore);
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        // Reaching the end of the list fetches the next page, as "Load more" would.
        if (value > 0 && value == m_table->verticalScrollBar()->maximum())
            loadMore();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HistoryPage::showDetails);
    connect(m_callBack, &QPushButton::clicked, this, &HistoryPage::callBack);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryPage::showDetails);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const int row = m_table->currentIndex().row();
                if (row >= topLeft.row() && row <= bottomRight.row())
                    showDetails();
            });
    setAdministrator(false);
    showDetails();
    updateFooter();
}

void HistoryPage::setNumberFormat(const PhoneNumberNormalizer &normalizer)
{
    m_normalizer = normalizer;
    m_model->setNumberFormat(normalizer);
}

void HistoryPage::setAdministrator(bool administrator)
{
    m_title->setText(administrator ? tr("All calls") : tr("Your calls"));
    m_subtitle->setText(
            administrator ? tr("As an administrator you see every call of the PBX.")
                          : tr("Calls of your extension and of the contacts you look after."));
}

void HistoryPage::setFilter(Filter filter)
{
    if (QAbstractButton *button = m_filters->button(int(filter)))
        button->setChecked(true);
    if (m_filter == filter)
        return;
    m_filter = filter;
    refresh();
}

void HistoryPage::setDateRange(const QDate &from, const QDate &to)
{
    const QSignalBlocker fromBlocker(m_from);
    const QSignalBlocker toBlocker(m_to);
    m_from->setDate(from.isValid() ? from : anyDate);
    m_to->setDate(to.isValid() ? to : anyDate);
    refresh();
}

QDate HistoryPage::fromDate() const
{
    return m_from->date() == anyDate ? QDate() : m_from->date();
}

QDate HistoryPage::toDate() const
{
    return m_to->date() == anyDate ? QDate() : m_to->date();
}

CallQuery HistoryPage::baseQuery() const
{
    CallQuery query;
    query.limit = m_pageSize;
    switch (m_filter) {
    case Filter::Missed:
        query.state = QStringLiteral("missed");
        break;
    case Filter::Inbound:
        query.direction = QStringLiteral("inbound");
        break;
    case Filter::Outbound: // outbound and click-to-call: the relay filters one direction only
    case Filter::All:
        break;
    }
    if (const QDate from = fromDate(); from.isValid())
        query.from = from.startOfDay();
    if (const QDate to = toDate(); to.isValid())
        query.to = to.addDays(1).startOfDay(); // the relay's "to" is exclusive
    return query;
}

bool HistoryPage::matches(const CallInfo &call) const
{
    switch (m_filter) {
    case Filter::Missed:
        if (call.state != u"missed")
            return false;
        break;
    case Filter::Inbound:
        if (call.direction != u"inbound")
            return false;
        break;
    case Filter::Outbound:
        if (call.direction != u"outbound" && call.direction != u"callback")
            return false;
        break;
    case Filter::All:
        break;
    }
    const QDate day = call.startedAt.toLocalTime().date();
    if (fromDate().isValid() && day < fromDate())
        return false;
    if (toDate().isValid() && day > toDate())
        return false;
    return true;
}

void HistoryPage::refresh()
{
    m_next.clear();
    m_banner->clear();
    fetch(baseQuery(), ++m_generation, true, {}, outboundPagesPerLoad);
}

void HistoryPage::loadMore()
{
    if (m_loading || m_next.isEmpty())
        return;
    CallQuery query = baseQuery();
    query.before = m_next;
    fetch(query, m_generation, false, {}, outboundPagesPerLoad);
}

void HistoryPage::fetch(CallQuery query, quint64 generation, bool reset, QList<CallInfo> collected,
                        int pagesLeft)
{
    m_loading = true;
    updateFooter();
    m_client->calls(query, this,
                    [this, query, generation, reset, collected,
                     pagesLeft](RelayResult<CallPage> result) mutable {
                        if (generation != m_generation)
                            return;
                        if (!result) {
                            m_loading = false;
                            qCInfo(lcUiHistory) << "calls not loaded:" << result.error().message;
                            m_banner->showMessage(
                                    Banner::Kind::Error,
                                    tr("Could not load the calls: %1").arg(result.error().message));
                            updateFooter();
                            emit loadFailed(result.error().message);
                            return;
                        }
                        for (const CallInfo &call : std::as_const(result->calls)) {
                            if (matches(call))
                                collected.append(call);
                        }
                        m_next = result->next;
                        if (collected.size() < m_pageSize && !m_next.isEmpty() && --pagesLeft > 0) {
                            query.before = m_next;
                            fetch(query, generation, reset, collected, pagesLeft);
                            return;
                        }
                        m_loading = false;
                        if (reset)
                            m_model->setCalls(collected);
                        else
                            m_model->appendCalls(collected);
                        updateFooter();
                        emit loaded();
                    });
}

void HistoryPage::callChanged(const CallUpdate &update)
{
    if (update.contact)
        m_cache->insert(*update.contact);
    const CallInfo &call = update.call;
    // An older call than the last one listed comes with its page, when there are more pages.
    const bool fits = m_model->rowCount() == 0 || m_next.isEmpty()
            || call.startedAt >= m_model->calls().constLast().startedAt;
    const int row = m_model->upsert(call, matches(call) && fits);
    if (row >= 0)
        updateFooter();
}

void HistoryPage::selectCall(const QString &pbxCallId)
{
    const int row = m_model->rowOf(pbxCallId);
    if (row >= 0)
        m_table->selectRow(row);
}

QString HistoryPage::selectedCall() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_model->call(current.row()).pbxCallId : QString();
}

void HistoryPage::showDetails()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || current.row() >= m_model->rowCount()) {
        m_detailsTitle->setText(tr("No call selected"));
        m_detailsText->setText(tr("Select a call to see it here and play its recording."));
        m_callBack->setEnabled(false);
        m_player->clear();
        return;
    }
    const CallInfo &call = m_model->call(current.row());
    const QString number = call.clientNumber.isEmpty() ? call.callerId : call.clientNumber;
    const QString shown
            = number.isEmpty() ? tr("Unknown number") : m_normalizer.formatForDisplay(number);
    const QString name = m_model->contactName(call);
    m_detailsTitle->setText(name.isEmpty() ? shown : tr("%1 · %2").arg(name, shown));
    QStringList facts { CallFormat::direction(call),
                        CallFormat::when(call.startedAt, QDateTime::currentDateTime()) };
    if (call.durationSeconds > 0)
        facts << CallFormat::duration(call.durationSeconds);
    const QString extension = call.answeredBy.isEmpty() ? call.extension : call.answeredBy;
    if (!extension.isEmpty())
        facts << tr("ext. %1").arg(extension);
    facts << CallFormat::status(call);
    m_detailsText->setText(facts.join(QStringLiteral(" · ")));
    m_callBack->setEnabled(!call.clientNumber.isEmpty());
    m_player->setCall(call);
}

void HistoryPage::callBack()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const QString number = m_model->call(current.row()).clientNumber;
    const QString shown = m_normalizer.formatForDisplay(number);
    m_banner->showMessage(Banner::Kind::Busy, CallFormat::placing(shown));
    m_client->clickToCall(number, this, [this, shown](RelayResult<ClickToCallPlaced> result) {
        if (!result)
            m_banner->showMessage(Banner::Kind::Error, CallFormat::refused(shown, result.error()));
        else
            m_banner->showMessage(Banner::Kind::Success, CallFormat::placed(shown, result.value()));
    });
}

void HistoryPage::updateFooter()
{
    const int count = m_model->rowCount();
    if (m_loading && count == 0)
        m_count->setText(tr("Loading…"));
    else if (count == 0)
        m_count->setText(m_filter == Filter::All && !fromDate().isValid() && !toDate().isValid()
                                 ? tr("No calls yet.")
                                 : tr("No calls match these filters."));
    else if (m_next.isEmpty())
        m_count->setText(tr("%n call(s)", nullptr, count));
    else
        m_count->setText(
                tr("The latest %n call(s); older ones follow with “Load more”.", nullptr, count));
    m_loadMore->setVisible(!m_next.isEmpty());
    m_loadMore->setEnabled(!m_loading);
    m_loadMore->setText(m_loading ? tr("Loading…") : tr("Load more"));
}

} // namespace CallBridge
