// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/PostgresMigrations.h"

namespace CallBridge {

namespace {

// As SQLite's first schema: times are BIGINT milliseconds since the epoch (UTC), "none" is NULL,
// booleans are INTEGER 0/1 so that both engines read and write them alike. Names sort with
// lower(name COLLATE "C"), which folds only ASCII letters, as SQLite's NOCASE does.
QStringList firstSchema()
{
    return {
        QStringLiteral("CREATE TABLE events ("
                       " seq BIGSERIAL PRIMARY KEY,"
                       " received_at BIGINT NOT NULL,"
                       " event TEXT NOT NULL,"
                       " pbx_call_id TEXT,"
                       " dedupe_key BYTEA UNIQUE,"
                       " raw_form BYTEA NOT NULL,"
                       " remote_address TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX events_pbx_call_id ON events (pbx_call_id)"),

        QStringLiteral("CREATE TABLE users ("
                       " id BIGSERIAL PRIMARY KEY,"
                       " name TEXT NOT NULL UNIQUE,"
                       " display_name TEXT NOT NULL,"
                       " role TEXT NOT NULL CHECK (role IN ('agent', 'admin')),"
                       " extension TEXT UNIQUE,"
                       " token_hash BYTEA UNIQUE,"
                       " created_at BIGINT NOT NULL)"),

        QStringLiteral("CREATE TABLE calls ("
                       " pbx_call_id TEXT PRIMARY KEY,"
                       " direction TEXT NOT NULL,"
                       " state TEXT NOT NULL,"
                       " started_at BIGINT,"
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
                       " contact_id BIGINT,"
                       " source TEXT NOT NULL,"
                       " updated_at BIGINT NOT NULL)"),
        QStringLiteral("CREATE INDEX calls_started ON calls (started_at, pbx_call_id)"),
        QStringLiteral("CREATE INDEX calls_contact ON calls (contact_id, started_at, "
                       "pbx_call_id)"),
        QStringLiteral("CREATE INDEX calls_client_number ON calls (client_number, started_at, "
                       "pbx_call_id)"),
        QStringLiteral("CREATE INDEX calls_state ON calls (state, started_at, pbx_call_id)"),

        QStringLiteral("CREATE TABLE contacts ("
                       " id BIGSERIAL PRIMARY KEY,"
                       " name TEXT NOT NULL,"
                       " company TEXT NOT NULL,"
                       " email TEXT NOT NULL,"
                       " notes TEXT NOT NULL,"
                       " responsible_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,"
                       " source TEXT NOT NULL,"
                       " created_at BIGINT NOT NULL,"
                       " updated_at BIGINT NOT NULL)"),
        QStringLiteral("CREATE INDEX contacts_name ON contacts ((lower(name COLLATE \"C\")), id)"),
        QStringLiteral("CREATE INDEX contacts_responsible ON contacts (responsible_user_id)"),
        QStringLiteral("CREATE TABLE contact_phones ("
                       " phone TEXT PRIMARY KEY,"
                       " contact_id BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
                       " position INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX contact_phones_contact ON contact_phones (contact_id, "
                       "position)"),
        // What SQLite's contacts_fts holds, as one document: the phones' digits weighted A
        // (so that a typed number can match phones only), every other word unweighted.
        QStringLiteral("CREATE TABLE contacts_search ("
                       " contact_id BIGINT PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,"
                       " document TSVECTOR NOT NULL)"),
        QStringLiteral("CREATE INDEX contacts_search_document ON contacts_search USING gin "
                       "(document)"),

        QStringLiteral("CREATE TABLE leads ("
                       " id BIGSERIAL PRIMARY KEY,"
                       " contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,"
                       " pbx_call_id TEXT,"
                       " status TEXT NOT NULL,"
                       " responsible_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,"
                       " created_at BIGINT NOT NULL)"),
        QStringLiteral("CREATE INDEX leads_contact ON leads (contact_id)"),
        QStringLiteral("CREATE INDEX leads_responsible ON leads (responsible_user_id)"),

        QStringLiteral("CREATE TABLE tasks ("
                       " id BIGSERIAL PRIMARY KEY,"
                       " kind TEXT NOT NULL,"
                       " title TEXT NOT NULL,"
                       " contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,"
                       " pbx_call_id TEXT,"
                       " assignee_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,"
                       " done INTEGER NOT NULL,"
                       " due_at BIGINT,"
                       " created_at BIGINT NOT NULL,"
                       " updated_at BIGINT NOT NULL)"),
        QStringLiteral("CREATE INDEX tasks_assignee ON tasks (assignee_user_id, done, id)"),
        QStringLiteral("CREATE INDEX tasks_done ON tasks (done, id)"),
        QStringLiteral("CREATE INDEX tasks_contact ON tasks (contact_id)"),

        QStringLiteral("CREATE TABLE blacklist ("
                       " number TEXT PRIMARY KEY,"
                       " reason TEXT NOT NULL,"
                       " created_at BIGINT NOT NULL)"),

        QStringLiteral("CREATE TABLE settings ("
                       " key TEXT PRIMARY KEY,"
                       " value TEXT NOT NULL)"),

        QStringLiteral("CREATE TABLE audit ("
                       " id BIGSERIAL PRIMARY KEY,"
                       " at BIGINT NOT NULL,"
                       " user_id BIGINT,"
                       " actor TEXT NOT NULL,"
                       " action TEXT NOT NULL,"
                       " detail TEXT NOT NULL)"),

        QStringLiteral("CREATE TABLE feed ("
                       " seq BIGSERIAL PRIMARY KEY,"
                       " created_at BIGINT NOT NULL,"
                       " type TEXT NOT NULL,"
                       " payload TEXT NOT NULL,"
                       " audience TEXT NOT NULL,"
                       " everyone INTEGER NOT NULL)"),

        // Writers take turns (PostgresStore::startTransaction); the row says who wrote last,
        // so that a relay knows when what it holds in memory may be stale.
        QStringLiteral("CREATE TABLE writer_turn ("
                       " id INTEGER PRIMARY KEY CHECK (id = 1),"
                       " writer TEXT NOT NULL)"),
        QStringLiteral("INSERT INTO writer_turn (id, writer) VALUES (1, '')"),

        // Every relay streams the feed to its own agents and keeps contacts, users, the
        // blacklist and settings in memory: commits announce what changed. PostgreSQL sends
        // a notification once per transaction however often it was raised.
        QStringLiteral(
                "CREATE FUNCTION callbridge_announce_change() RETURNS trigger LANGUAGE plpgsql "
                "AS $$ BEGIN "
                "IF TG_TABLE_NAME = 'feed' THEN PERFORM pg_notify('callbridge_feed', ''); "
                "ELSIF TG_TABLE_NAME = 'contacts' AND TG_OP = 'DELETE' THEN "
                " PERFORM pg_notify('callbridge_changes', 'contact:' || OLD.id); "
                "ELSIF TG_TABLE_NAME = 'contacts' THEN "
                " PERFORM pg_notify('callbridge_changes', 'contact:' || NEW.id); "
                "ELSIF TG_TABLE_NAME = 'contact_phones' AND TG_OP = 'DELETE' THEN "
                " PERFORM pg_notify('callbridge_changes', 'contact:' || OLD.contact_id); "
                "ELSIF TG_TABLE_NAME = 'contact_phones' THEN "
                " PERFORM pg_notify('callbridge_changes', 'contact:' || NEW.contact_id); "
                "ELSE PERFORM pg_notify('callbridge_changes', TG_TABLE_NAME); "
                "END IF; RETURN NULL; END $$"),
        QStringLiteral("CREATE TRIGGER feed_announce AFTER INSERT ON feed FOR EACH STATEMENT "
                       "EXECUTE FUNCTION callbridge_announce_change()"),
        QStringLiteral("CREATE TRIGGER contacts_announce AFTER INSERT OR UPDATE OR DELETE ON "
                       "contacts FOR EACH ROW EXECUTE FUNCTION callbridge_announce_change()"),
        QStringLiteral("CREATE TRIGGER contact_phones_announce AFTER INSERT OR UPDATE OR DELETE "
                       "ON contact_phones FOR EACH ROW EXECUTE FUNCTION "
                       "callbridge_announce_change()"),
        QStringLiteral("CREATE TRIGGER users_announce AFTER INSERT OR UPDATE OR DELETE ON users "
                       "FOR EACH STATEMENT EXECUTE FUNCTION callbridge_announce_change()"),
        QStringLiteral("CREATE TRIGGER blacklist_announce AFTER INSERT OR UPDATE OR DELETE ON "
                       "blacklist FOR EACH STATEMENT EXECUTE FUNCTION "
                       "callbridge_announce_change()"),
        QStringLiteral("CREATE TRIGGER settings_announce AFTER INSERT OR UPDATE OR DELETE ON "
                       "settings FOR EACH STATEMENT EXECUTE FUNCTION "
                       "callbridge_announce_change()"),
    };
}

QStringList contactTagsAndLink()
{
    return {
        QStringLiteral("ALTER TABLE contacts ADD COLUMN tags TEXT NOT NULL DEFAULT '[]'"),
        QStringLiteral("ALTER TABLE contacts ADD COLUMN external_url TEXT"),
    };
}

QStringList crmConnectorSchema()
{
    return {
        QStringLiteral("CREATE TABLE crm_outbox ("
                       " id BIGSERIAL PRIMARY KEY,"
                       " operation TEXT NOT NULL,"
                       " key TEXT NOT NULL UNIQUE,"
                       " pbx_call_id TEXT,"
                       " contact_id BIGINT,"
                       " task_id BIGINT,"
                       " state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),"
                       " attempts INTEGER NOT NULL,"
                       " next_attempt_at BIGINT,"
                       " last_error TEXT,"
                       " crm_id TEXT,"
                       " created_at BIGINT NOT NULL,"
                       " updated_at BIGINT NOT NULL)"),
        QStringLiteral("CREATE INDEX crm_outbox_state ON crm_outbox (state, id)"),
        QStringLiteral("CREATE INDEX crm_outbox_errors ON crm_outbox (updated_at) "
                       "WHERE last_error IS NOT NULL"),
        QStringLiteral("CREATE TABLE crm_links ("
                       " contact_id BIGINT PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,"
                       " crm_id TEXT NOT NULL UNIQUE)"),
    };
}

} // namespace

const QList<StoreMigration> &PostgresMigrations::all()
{
    static const QList<StoreMigration> migrations {
        { 1, QStringLiteral("first schema"), firstSchema() },
        { 2, QStringLiteral("contact tags and external link"), contactTagsAndLink() },
        { 3, QStringLiteral("external CRM connector"), crmConnectorSchema() },
    };
    return migrations;
}

} // namespace CallBridge
