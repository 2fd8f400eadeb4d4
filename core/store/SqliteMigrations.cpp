// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/SqliteMigrations.h"

namespace CallBridge {

namespace {

// Conventions: times are INTEGER milliseconds since the epoch (UTC); "none" is NULL, never 0 or
// ''; booleans are INTEGER 0/1. History (events, calls, audit, feed) keeps plain ids without
// foreign keys so that it outlives what it mentions.
QStringList firstSchema()
{
    return {
        QStringLiteral("CREATE TABLE events ("
                       " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " received_at INTEGER NOT NULL,"
                       " event TEXT NOT NULL,"
                       " pbx_call_id TEXT,"
                       " dedupe_key BLOB UNIQUE,"
                       " raw_form BLOB NOT NULL,"
                       " remote_address TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX events_pbx_call_id ON events (pbx_call_id)"),

        QStringLiteral("CREATE TABLE users ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " name TEXT NOT NULL UNIQUE,"
                       " display_name TEXT NOT NULL,"
                       " role TEXT NOT NULL CHECK (role IN ('agent', 'admin')),"
                       " extension TEXT UNIQUE,"
                       " token_hash BLOB UNIQUE,"
                       " created_at INTEGER NOT NULL)"),

        QStringLiteral("CREATE TABLE calls ("
                       " pbx_call_id TEXT PRIMARY KEY,"
                       " direction TEXT NOT NULL,"
                       " state TEXT NOT NULL,"
                       " started_at INTEGER,"
                       " call_start TEXT NOT NULL,"
                       " client_number TEXT NOT NULL,"
                       " caller_id TEXT NOT NULL,"
                       " called_did TEXT NOT NULL,"
                       " extension TEXT NOT NULL,"
                       " ringing_extensions TEXT NOT NULL,"
                       " answered_by TEXT NOT NULL,"
                       " duration_seconds INTEGER NOT NULL,"
                       " disposition TEXT NOT NULL,"
                       " status_code INTEGER NOT NULL,"
                       " is_recorded INTEGER NOT NULL,"
                       " recording_id TEXT NOT NULL,"
                       " recording_ready INTEGER NOT NULL,"
                       " contact_id INTEGER,"
                       " source TEXT NOT NULL,"
                       " updated_at INTEGER NOT NULL)"),
        // Every list is newest first, paged on (started_at, pbx_call_id).
        QStringLiteral("CREATE INDEX calls_started ON calls (started_at, "
                       "pbx_call_id)"),
        QStringLiteral("CREATE INDEX calls_contact ON calls (contact_id, "
                       "started_at, pbx_call_id)"),
        QStringLiteral("CREATE INDEX calls_client_number ON calls "
                       "(client_number, started_at, pbx_call_id)"),
        QStringLiteral("CREATE INDEX calls_state ON calls (state, started_at, "
                       "pbx_call_id)"),

        QStringLiteral("CREATE TABLE contacts ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " name TEXT NOT NULL,"
                       " company TEXT NOT NULL,"
                       " email TEXT NOT NULL,"
                       " notes TEXT NOT NULL,"
                       " responsible_user_id INTEGER"
                       "  REFERENCES users (id) ON DELETE SET NULL,"
                       " source TEXT NOT NULL,"
                       " created_at INTEGER NOT NULL,"
                       " updated_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX contacts_name ON contacts (name COLLATE "
                       "NOCASE, id)"),
        QStringLiteral("CREATE INDEX contacts_responsible ON contacts "
                       "(responsible_user_id)"),
        QStringLiteral("CREATE TABLE contact_phones ("
                       " phone TEXT PRIMARY KEY,"
                       " contact_id INTEGER NOT NULL"
                       "  REFERENCES contacts (id) ON DELETE CASCADE,"
                       " position INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX contact_phones_contact ON contact_phones "
                       "(contact_id, position)"),
        // rowid is the contact id; phones holds each number's digits and its
        // national digits, so "48600" and "600 100" both find +48600100200.
        QStringLiteral("CREATE VIRTUAL TABLE contacts_fts USING fts5 (name, "
                       "company, email, notes, phones, tokenize = 'unicode61 "
                       "remove_diacritics 2')"),

        QStringLiteral("CREATE TABLE leads ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " contact_id INTEGER"
                       "  REFERENCES contacts (id) ON DELETE SET NULL,"
                       " pbx_call_id TEXT,"
                       " status TEXT NOT NULL,"
                       " responsible_user_id INTEGER"
                       "  REFERENCES users (id) ON DELETE SET NULL,"
                       " created_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX leads_contact ON leads (contact_id)"),
        QStringLiteral("CREATE INDEX leads_responsible ON leads "
                       "(responsible_user_id)"),

        QStringLiteral("CREATE TABLE tasks ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " kind TEXT NOT NULL,"
                       " title TEXT NOT NULL,"
                       " contact_id INTEGER"
                       "  REFERENCES contacts (id) ON DELETE SET NULL,"
                       " pbx_call_id TEXT,"
                       " assignee_user_id INTEGER"
                       "  REFERENCES users (id) ON DELETE SET NULL,"
                       " done INTEGER NOT NULL,"
                       " due_at INTEGER,"
                       " created_at INTEGER NOT NULL,"
                       " updated_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX tasks_assignee ON tasks (assignee_user_id, "
                       "done, id)"),
        QStringLiteral("CREATE INDEX tasks_done ON tasks (done, id)"),
        QStringLiteral("CREATE INDEX tasks_contact ON tasks (contact_id)"),

        QStringLiteral("CREATE TABLE blacklist ("
                       " number TEXT PRIMARY KEY,"
                       " reason TEXT NOT NULL,"
                       " created_at INTEGER NOT NULL)"),

        QStringLiteral("CREATE TABLE settings ("
                       " key TEXT PRIMARY KEY,"
                       " value TEXT NOT NULL)"),

        QStringLiteral("CREATE TABLE audit ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " at INTEGER NOT NULL,"
                       " user_id INTEGER,"
                       " actor TEXT NOT NULL,"
                       " action TEXT NOT NULL,"
                       " detail TEXT NOT NULL)"),

        // audience: ",3,17," (or ''), so one user's items are a LIKE away.
        QStringLiteral("CREATE TABLE feed ("
                       " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " created_at INTEGER NOT NULL,"
                       " type TEXT NOT NULL,"
                       " payload TEXT NOT NULL,"
                       " audience TEXT NOT NULL,"
                       " everyone INTEGER NOT NULL)"),
    };
}

// Contacts get tags (a JSON array of text) and a link elsewhere. FTS5 tables cannot gain a
// column, so the index is built anew from the old one, which stores its content; the new one
// also keeps 1- to 3-character prefixes, so that what a person types first ("k", "60", "kow")
// is one lookup, not a merge of every term that starts so.
QStringList contactTagsAndLink()
{
    return {
        QStringLiteral("ALTER TABLE contacts ADD COLUMN tags TEXT NOT NULL DEFAULT '[]'"),
        QStringLiteral("ALTER TABLE contacts ADD COLUMN external_url TEXT"),
        QStringLiteral("CREATE VIRTUAL TABLE contacts_fts_v2 USING fts5 (name, company, email, "
                       "notes, phones, tags, tokenize = 'unicode61 remove_diacritics 2', "
                       "prefix = '1 2 3')"),
        QStringLiteral("INSERT INTO contacts_fts_v2 (rowid, name, company, email, notes, phones, "
                       "tags) SELECT rowid, name, company, email, notes, phones, '' FROM "
                       "contacts_fts"),
        QStringLiteral("DROP TABLE contacts_fts"),
        QStringLiteral("ALTER TABLE contacts_fts_v2 RENAME TO contacts_fts"),
    };
}

// The external CRM connector: the durable outbox of writes to make there, and which CRM
// record each mirrored contact is.
QStringList crmConnectorSchema()
{
    return {
        QStringLiteral("CREATE TABLE crm_outbox ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " operation TEXT NOT NULL,"
                       " key TEXT NOT NULL UNIQUE,"
                       " pbx_call_id TEXT,"
                       " contact_id INTEGER,"
                       " task_id INTEGER,"
                       " state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),"
                       " attempts INTEGER NOT NULL,"
                       " next_attempt_at INTEGER,"
                       " last_error TEXT,"
                       " crm_id TEXT,"
                       " created_at INTEGER NOT NULL,"
                       " updated_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX crm_outbox_state ON crm_outbox (state, id)"),
        QStringLiteral("CREATE INDEX crm_outbox_errors ON crm_outbox (updated_at) "
                       "WHERE last_error IS NOT NULL"),
        QStringLiteral("CREATE TABLE crm_links ("
                       " contact_id INTEGER PRIMARY KEY"
                       "  REFERENCES contacts (id) ON DELETE CASCADE,"
                       " crm_id TEXT NOT NULL UNIQUE)"),
    };
}

} // namespace

const QList<StoreMigration> &SqliteMigrations::all()
{
    static const QList<StoreMigration> migrations {
        { 1, QStringLiteral("first schema"), firstSchema() },
        { 2, QStringLiteral("contact tags and external link"), contactTagsAndLink() },
        { 3, QStringLiteral("external CRM connector"), crmConnectorSchema() },
    };
    return migrations;
}

} // namespace CallBridge
