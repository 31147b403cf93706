#include "model/workspace/WorkspaceSchema.h"

#include "model/workspace/PgConnection.h"
#include "model/workspace/WorkspaceMigrations.h"

#include <algorithm>
#include <iterator>

namespace rd::WorkspaceSchema {

namespace {

// The group roles exist cluster-wide; a second workspace in the same cluster shares them. Two inits at
// once (two workspaces of one cluster) both try: the second's CREATE waits for the first and then finds
// the role, which is what it wanted.
const char kRoles[] = R"SQL(
DO $$
BEGIN
    BEGIN CREATE ROLE rd_reviewer NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
    BEGIN CREATE ROLE rd_medical_director NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
    BEGIN CREATE ROLE rd_admin NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
END
$$;
)SQL";

// Version 1. Cases are stored as the rows of their case file (table, primary key, the row as JSON),
// so that a case moves between the two homes unchanged and verifies the same way; the queue's columns
// are kept beside them by the server. Clients read; every write goes through a function below that
// checks who is calling.
const char kMigration1[] = R"SQL(
CREATE SCHEMA rd;
REVOKE ALL ON SCHEMA rd FROM PUBLIC;
CREATE TABLE rd.schema_version(singleton int PRIMARY KEY CHECK (singleton = 1), version int NOT NULL);
INSERT INTO rd.schema_version VALUES (1, 0);

-- The organization roster (signed by its administrator's key, as the file form): the latest serial
-- is the one every member's verify uses.
CREATE TABLE rd.roster(
    serial bigint PRIMARY KEY,
    body text NOT NULL,
    stored_at timestamptz NOT NULL DEFAULT now(),
    stored_by text NOT NULL DEFAULT session_user
);

CREATE TABLE rd.case_queue(
    case_id text PRIMARY KEY,
    member_id text NOT NULL,
    member_name text NOT NULL,
    urgency text NOT NULL,
    received_at timestamptz NOT NULL,
    due_by timestamptz NOT NULL,
    status text NOT NULL,
    queue text NOT NULL DEFAULT 'review' CHECK (queue IN ('review', 'medical-director')),
    assignee text,
    assigned_at timestamptz,
    signed boolean NOT NULL DEFAULT false,
    audit_count bigint NOT NULL,
    audit_head bytea NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_queue_next ON rd.case_queue(queue, (urgency = 'expedited') DESC, due_by, case_id)
    WHERE assignee IS NULL AND NOT signed;
CREATE TABLE rd.case_row(
    case_id text NOT NULL REFERENCES rd.case_queue,
    tbl text NOT NULL,
    key text NOT NULL,
    row jsonb NOT NULL,
    PRIMARY KEY (case_id, tbl, key)
);
CREATE TABLE rd.attachment_data(
    case_id text NOT NULL REFERENCES rd.case_queue,
    attachment_id bigint NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (case_id, attachment_id)
);
CREATE TABLE rd.audit(
    case_id text NOT NULL REFERENCES rd.case_queue,
    seq bigint NOT NULL,
    at text NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    target text NOT NULL,
    old_value text NOT NULL,
    new_value text NOT NULL,
    prev_hash bytea NOT NULL,
    hash bytea NOT NULL,
    signature bytea NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    recorded_by text NOT NULL DEFAULT session_user,
    PRIMARY KEY (case_id, seq)
);

-- Append-only for everyone, the owner included: no privilege, and a trigger for those who have all.
CREATE FUNCTION rd.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP USING ERRCODE = '42501';
END $f$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON rd.audit
    FOR EACH ROW EXECUTE FUNCTION rd.refuse_change();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON rd.audit
    FOR EACH STATEMENT EXECUTE FUNCTION rd.refuse_change();

-- Every open queue hears of a change (the payload is the case id: no member data).
CREATE FUNCTION rd.notify_queue() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    PERFORM pg_notify('rd_queue', NEW.case_id);
    RETURN NULL;
END $f$;
CREATE TRIGGER case_queue_notify AFTER INSERT OR UPDATE ON rd.case_queue
    FOR EACH ROW EXECUTE FUNCTION rd.notify_queue();

-- The audit chain as model/audit/AuditChain computes it: each field length-prefixed (8 bytes, big
-- endian), SHA-256 over the previous hash and the entry's fields.
CREATE FUNCTION rd.field(b bytea) RETURNS bytea LANGUAGE sql IMMUTABLE AS
    $f$ SELECT int8send(length($1)::bigint) || $1 $f$;
CREATE FUNCTION rd.entry_hash(prev bytea, seq bigint, at text, actor text, action text, target text,
                              old_value text, new_value text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $f$
    SELECT sha256(rd.field(prev) || rd.field(convert_to(seq::text, 'UTF8')) || rd.field(convert_to(at, 'UTF8'))
                  || rd.field(convert_to(actor, 'UTF8')) || rd.field(convert_to(action, 'UTF8'))
                  || rd.field(convert_to(target, 'UTF8')) || rd.field(convert_to(old_value, 'UTF8'))
                  || rd.field(convert_to(new_value, 'UTF8')))
$f$;
CREATE FUNCTION rd.genesis(case_id text) RETURNS bytea LANGUAGE sql IMMUTABLE AS
    $f$ SELECT sha256(convert_to('rdcase-audit-v1:' || $1, 'UTF8')) $f$;

-- The writer's session lock: one session may write a case; it goes when the connection dies.
CREATE FUNCTION rd.lock_key(case_id text) RETURNS int LANGUAGE sql IMMUTABLE AS
    $f$ SELECT hashtext('reviewdesk:' || $1) $f$;
CREATE FUNCTION rd.session_holds(p_case text) RETURNS boolean LANGUAGE sql STABLE AS $f$
    SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                   AND classid = 21316::oid AND objsubid = 2
                   AND objid = (rd.lock_key($1)::bigint & 4294967295)::oid)
$f$;
CREATE FUNCTION rd.is_medical_director() RETURNS boolean LANGUAGE sql STABLE AS
    $f$ SELECT pg_has_role(session_user, 'rd_medical_director', 'MEMBER') $f$;

-- The case's queue row, locked for the rest of the transaction; a case the workspace does not hold
-- is an error naming it.
CREATE FUNCTION rd.lock_case(p_case text) RETURNS rd.case_queue
LANGUAGE plpgsql SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    c rd.case_queue%ROWTYPE;
BEGIN
    SELECT * INTO c FROM rd.case_queue WHERE case_id = p_case FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the workspace holds no case %', p_case USING ERRCODE = 'P0002';
    END IF;
    RETURN c;
END $f$;

-- Appends audit entries after the case's head, checking each one: in order, chained, its hash
-- recomputed here, written in the caller's own name (imported history excepted). The case row is
-- locked by the caller.
CREATE FUNCTION rd.append_audit(p_case text, p_entries jsonb, p_own boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    c rd.case_queue%ROWTYPE;
    e jsonb;
    n bigint;
    prev bytea;
    h bytea;
BEGIN
    SELECT * INTO c FROM rd.case_queue WHERE case_id = p_case;
    n := c.audit_count;
    prev := CASE WHEN n = 0 THEN rd.genesis(p_case) ELSE c.audit_head END;
    FOR e IN SELECT value FROM jsonb_array_elements(p_entries) LOOP
        n := n + 1;
        IF (e->>'seq')::bigint <> n THEN
            RAISE EXCEPTION 'audit entry % of case % is out of order (the next is %)', e->>'seq', p_case, n
                USING ERRCODE = '23514';
        END IF;
        IF p_own AND e->>'actor' <> session_user THEN
            RAISE EXCEPTION 'audit entry % of case % is written in the name of %, but % is connected',
                n, p_case, e->>'actor', session_user USING ERRCODE = '42501';
        END IF;
        IF p_own AND e->>'action' = 'decision.override' AND NOT rd.is_medical_director() THEN
            RAISE EXCEPTION '% is not in rd_medical_director: only a medical director overrides a line', session_user
                USING ERRCODE = '42501';
        END IF;
        IF decode(e->>'prev', 'hex') <> prev THEN
            RAISE EXCEPTION 'audit entry % of case % does not follow the head the server keeps', n, p_case
                USING ERRCODE = '23514';
        END IF;
        h := rd.entry_hash(prev, n, e->>'at', e->>'actor', e->>'action', e->>'target', e->>'old', e->>'new');
        IF h <> decode(e->>'hash', 'hex') THEN
            RAISE EXCEPTION 'audit entry % of case % does not match its hash', n, p_case USING ERRCODE = '23514';
        END IF;
        INSERT INTO rd.audit(case_id, seq, at, actor, action, target, old_value, new_value, prev_hash, hash, signature)
        VALUES (p_case, n, e->>'at', e->>'actor', e->>'action', e->>'target', e->>'old', e->>'new', prev, h,
                decode(e->>'signature', 'hex'));
        prev := h;
    END LOOP;
    UPDATE rd.case_queue SET audit_count = n, audit_head = prev, changed_at = now() WHERE case_id = p_case;
END $f$;

-- Rows of the case file's tables: upserts [{t, k, r}], deletes [{t, k}]. A signature row is a
-- signing: a denial or a partial denial needs a medical director.
CREATE FUNCTION rd.apply_rows(p_case text, p_upserts jsonb, p_deletes jsonb, p_own boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    e jsonb;
    info jsonb;
    c rd.case_queue%ROWTYPE;
BEGIN
    FOR e IN SELECT value FROM jsonb_array_elements(p_deletes) LOOP
        IF e->>'t' IN ('signature', 'signed_letter', 'case_info') THEN
            RAISE EXCEPTION 'case %: % rows are never removed', p_case, e->>'t' USING ERRCODE = '42501';
        END IF;
        DELETE FROM rd.case_row WHERE case_id = p_case AND tbl = e->>'t' AND key = e->>'k';
    END LOOP;
    FOR e IN SELECT value FROM jsonb_array_elements(p_upserts) LOOP
        IF e->>'t' = 'signature' THEN
            IF p_own AND ((e->'r'->>'payload')::jsonb->'decision'->>'overall') IN ('denied', 'partial')
               AND NOT rd.is_medical_director() THEN
                RAISE EXCEPTION '% is not in rd_medical_director: only a medical director signs a denial', session_user
                    USING ERRCODE = '42501';
            END IF;
            UPDATE rd.case_queue SET signed = true WHERE case_id = p_case;
        END IF;
        INSERT INTO rd.case_row(case_id, tbl, key, row) VALUES (p_case, e->>'t', e->>'k', e->'r')
            ON CONFLICT (case_id, tbl, key) DO UPDATE SET row = EXCLUDED.row;
    END LOOP;
    SELECT row INTO info FROM rd.case_row WHERE case_id = p_case AND tbl = 'case_info';
    SELECT * INTO c FROM rd.case_queue WHERE case_id = p_case;
    IF info IS NULL OR (info->>'audit_count')::bigint <> c.audit_count
       OR decode(info->'audit_head'->>'b', 'base64') <> c.audit_head THEN
        RAISE EXCEPTION 'case %: its record does not name the audit head the server keeps', p_case
            USING ERRCODE = '23514';
    END IF;
    UPDATE rd.case_queue SET status = info->>'status', changed_at = now() WHERE case_id = p_case;
END $f$;

-- A change to a case by its holder: audit entries and rows in one statement (and so one
-- transaction), with the bytes of an attachment it adds (checked against the SHA-256 of its row).
CREATE FUNCTION rd.apply(p_case text, p_audit jsonb, p_upserts jsonb, p_deletes jsonb,
                         p_blob_id bigint, p_blob bytea) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    c rd.case_queue%ROWTYPE;
BEGIN
    c := rd.lock_case(p_case);
    IF c.assignee IS DISTINCT FROM session_user OR NOT rd.session_holds(p_case) THEN
        RAISE EXCEPTION 'case % is held by %, not by this session of %: only the holder records',
            p_case, coalesce(c.assignee, 'nobody'), session_user USING ERRCODE = '42501';
    END IF;
    IF c.signed THEN
        RAISE EXCEPTION 'case % is signed: a signed case is read-only', p_case USING ERRCODE = '42501';
    END IF;
    PERFORM rd.append_audit(p_case, p_audit, true);
    PERFORM rd.apply_rows(p_case, p_upserts, p_deletes, true);
    IF p_blob_id IS NOT NULL THEN
        IF NOT EXISTS (SELECT 1 FROM rd.case_row WHERE case_id = p_case AND tbl = 'attachment'
                       AND (row->>'id')::bigint = p_blob_id
                       AND decode(row->'sha256'->>'b', 'base64') = sha256(p_blob)) THEN
            RAISE EXCEPTION 'case %: the attachment''s bytes do not match its SHA-256', p_case USING ERRCODE = '23514';
        END IF;
        INSERT INTO rd.attachment_data VALUES (p_case, p_blob_id, p_blob);
    END IF;
    SELECT * INTO c FROM rd.case_queue WHERE case_id = p_case;
    RETURN c.audit_count;
END $f$;

-- A case brought in from a case file: its whole history as it was (each entry chained and hashed;
-- the signatures are checked by the importing app, which verified the file first).
CREATE FUNCTION rd.import_case(p_case text, p_queue jsonb, p_audit jsonb, p_rows jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, rd, pg_temp AS $f$
BEGIN
    IF EXISTS (SELECT 1 FROM rd.case_queue WHERE case_id = p_case) THEN
        RAISE EXCEPTION 'the workspace already holds case %', p_case USING ERRCODE = '23505';
    END IF;
    INSERT INTO rd.case_queue(case_id, member_id, member_name, urgency, received_at, due_by, status,
                              audit_count, audit_head)
    VALUES (p_case, p_queue->>'memberId', p_queue->>'memberName', p_queue->>'urgency',
            (p_queue->>'receivedAt')::timestamptz, (p_queue->>'dueBy')::timestamptz, 'new', 0, ''::bytea);
    PERFORM rd.append_audit(p_case, p_audit, false);
    PERFORM rd.apply_rows(p_case, p_rows, '[]'::jsonb, false);
END $f$;

-- An imported case's attachment bytes, only as its rows record them.
CREATE FUNCTION rd.import_attachment(p_case text, p_id bigint, p_data bytea) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, rd, pg_temp AS $f$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM rd.case_row WHERE case_id = p_case AND tbl = 'attachment'
                   AND (row->>'id')::bigint = p_id AND decode(row->'sha256'->>'b', 'base64') = sha256(p_data)) THEN
        RAISE EXCEPTION 'case %: attachment % does not match its SHA-256', p_case, p_id USING ERRCODE = '23514';
    END IF;
    INSERT INTO rd.attachment_data VALUES (p_case, p_id, p_data);
END $f$;

-- Holding a case to write it: the caller is (or becomes) its assignee and takes the session lock.
-- Returns '' when held, else who holds it.
CREATE FUNCTION rd.hold(p_case text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    c rd.case_queue%ROWTYPE;
BEGIN
    c := rd.lock_case(p_case);
    IF c.assignee IS NOT NULL AND c.assignee <> session_user THEN
        RETURN c.assignee;
    END IF;
    IF c.queue = 'medical-director' AND NOT rd.is_medical_director() THEN
        RETURN 'the medical directors'' queue';
    END IF;
    IF NOT rd.session_holds(p_case) AND NOT pg_try_advisory_lock(21316, rd.lock_key(p_case)) THEN
        -- The same person's session that just closed (a window closed, a client reconnecting) lets the
        -- lock go when its server process ends, a moment after the client has gone: wait for that, a
        -- few seconds at most. Anyone else's hold is answered at once.
        IF NOT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                       WHERE l.locktype = 'advisory' AND l.classid = 21316
                         AND l.objid = (rd.lock_key(p_case)::bigint & 4294967295)::oid
                         AND l.granted AND a.usename = session_user) THEN
            RETURN session_user || ' (in another window or computer)';
        END IF;
        BEGIN
            PERFORM set_config('lock_timeout', '5s', true);
            PERFORM pg_advisory_lock(21316, rd.lock_key(p_case));
            PERFORM set_config('lock_timeout', '0', true);
        EXCEPTION WHEN lock_not_available THEN
            RETURN session_user || ' (in another window or computer)';
        END;
    END IF;
    IF c.assignee IS NULL THEN
        UPDATE rd.case_queue SET assignee = session_user, assigned_at = now() WHERE case_id = p_case;
    END IF;
    RETURN '';
END $f$;

-- Take Next Case: the most urgent unassigned case of the queue, in one statement; SKIP LOCKED, so
-- that competing takers never get the same case and never wait on each other.
CREATE FUNCTION rd.take_next(p_queue text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    taken text;
BEGIN
    IF p_queue = 'medical-director' AND NOT rd.is_medical_director() THEN
        RAISE EXCEPTION '% is not in rd_medical_director: the medical directors'' queue is theirs', session_user
            USING ERRCODE = '42501';
    END IF;
    -- A scalar subquery runs once; joined (UPDATE ... FROM) it may be rescanned, and each rescan
    -- under SKIP LOCKED finds another row.
    UPDATE rd.case_queue SET assignee = session_user, assigned_at = now()
    WHERE case_id = (SELECT case_id FROM rd.case_queue
                     WHERE assignee IS NULL AND NOT signed AND queue = p_queue
                     ORDER BY (urgency = 'expedited') DESC, due_by, case_id
                     LIMIT 1 FOR UPDATE SKIP LOCKED)
      AND assignee IS NULL
    RETURNING case_id INTO taken;
    RETURN taken;
END $f$;

-- Routing to a queue (the medical directors', or back to review) or releasing: the holder lets go.
CREATE FUNCTION rd.route(p_case text, p_queue text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    c rd.case_queue%ROWTYPE;
BEGIN
    c := rd.lock_case(p_case);
    IF c.assignee IS DISTINCT FROM session_user THEN
        RAISE EXCEPTION 'case % is held by %, not by %: only the holder routes it', p_case,
            coalesce(c.assignee, 'nobody'), session_user USING ERRCODE = '42501';
    END IF;
    UPDATE rd.case_queue SET queue = coalesce(p_queue, queue), assignee = NULL, assigned_at = NULL
    WHERE case_id = p_case;
    IF rd.session_holds(p_case) THEN
        PERFORM pg_advisory_unlock(21316, rd.lock_key(p_case));
    END IF;
END $f$;

-- Who sees what: case tables for reviewers and medical directors, the roster for every member.
ALTER TABLE rd.case_queue ENABLE ROW LEVEL SECURITY;
ALTER TABLE rd.case_row ENABLE ROW LEVEL SECURITY;
ALTER TABLE rd.attachment_data ENABLE ROW LEVEL SECURITY;
ALTER TABLE rd.audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE rd.roster ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_queue_read ON rd.case_queue FOR SELECT TO rd_reviewer, rd_medical_director USING (true);
CREATE POLICY case_row_read ON rd.case_row FOR SELECT TO rd_reviewer, rd_medical_director USING (true);
CREATE POLICY attachment_data_read ON rd.attachment_data FOR SELECT TO rd_reviewer, rd_medical_director USING (true);
CREATE POLICY audit_read ON rd.audit FOR SELECT TO rd_reviewer, rd_medical_director USING (true);
CREATE POLICY roster_read ON rd.roster FOR SELECT TO rd_reviewer, rd_medical_director, rd_admin USING (true);
CREATE POLICY roster_write ON rd.roster FOR INSERT TO rd_admin WITH CHECK (stored_by = session_user);

GRANT USAGE ON SCHEMA rd TO rd_reviewer, rd_medical_director, rd_admin;
GRANT SELECT ON rd.schema_version TO rd_reviewer, rd_medical_director, rd_admin;
GRANT SELECT ON rd.case_queue, rd.case_row, rd.attachment_data, rd.audit TO rd_reviewer, rd_medical_director;
GRANT SELECT ON rd.roster TO rd_reviewer, rd_medical_director, rd_admin;
GRANT INSERT ON rd.roster TO rd_admin;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA rd FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rd.apply(text, jsonb, jsonb, jsonb, bigint, bytea), rd.import_case(text, jsonb, jsonb, jsonb),
    rd.import_attachment(text, bigint, bytea), rd.hold(text), rd.take_next(text), rd.route(text, text),
    rd.session_holds(text), rd.lock_key(text)
    TO rd_reviewer, rd_medical_director;
)SQL";

// Version 2. A case imported from a file lands where its status says: awaiting the medical director in
// the medical directors' queue (not the review queue), a determined or signed one in no queue's Take
// Next; a signed case is held by nobody. A stored roster names its own serial, newer than every one
// stored before (the server cannot check the signature; every member's verify does).
const char kMigration2[] = R"SQL(
CREATE OR REPLACE FUNCTION rd.queue_for_status(p_status text) RETURNS text LANGUAGE sql IMMUTABLE AS
    $f$ SELECT CASE WHEN p_status = 'awaiting-medical-director' THEN 'medical-director' ELSE 'review' END $f$;

-- The rows as they were imported before, then the queue the status names.
ALTER FUNCTION rd.import_case(text, jsonb, jsonb, jsonb) RENAME TO import_case_rows;
REVOKE EXECUTE ON FUNCTION rd.import_case_rows(text, jsonb, jsonb, jsonb) FROM rd_reviewer, rd_medical_director;
CREATE FUNCTION rd.import_case(p_case text, p_queue jsonb, p_audit jsonb, p_rows jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, rd, pg_temp AS $f$
BEGIN
    PERFORM rd.import_case_rows(p_case, p_queue, p_audit, p_rows);
    UPDATE rd.case_queue SET queue = rd.queue_for_status(status) WHERE case_id = p_case;
END $f$;
REVOKE EXECUTE ON FUNCTION rd.import_case(text, jsonb, jsonb, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rd.import_case(text, jsonb, jsonb, jsonb) TO rd_reviewer, rd_medical_director;

-- Cases imported before this version, still waiting where they should not.
UPDATE rd.case_queue SET queue = 'medical-director'
WHERE status = 'awaiting-medical-director' AND queue = 'review' AND assignee IS NULL AND NOT signed;

-- A signed case is read-only for everyone: opening it holds nothing and assigns nobody.
ALTER FUNCTION rd.hold(text) RENAME TO hold_unsigned;
REVOKE EXECUTE ON FUNCTION rd.hold_unsigned(text) FROM rd_reviewer, rd_medical_director;
CREATE FUNCTION rd.hold(p_case text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, rd, pg_temp AS $f$
BEGIN
    IF EXISTS (SELECT 1 FROM rd.case_queue WHERE case_id = p_case AND signed) THEN
        RETURN '';
    END IF;
    RETURN rd.hold_unsigned(p_case);
END $f$;
REVOKE EXECUTE ON FUNCTION rd.hold(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rd.hold(text) TO rd_reviewer, rd_medical_director;

-- Take Next Case: the most urgent unassigned case of the queue, in one statement; SKIP LOCKED, so
-- that competing takers never get the same case and never wait on each other. A determined case
-- (signed or not) is done: it is opened by name, never handed out.
CREATE OR REPLACE FUNCTION rd.take_next(p_queue text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    taken text;
BEGIN
    IF p_queue = 'medical-director' AND NOT rd.is_medical_director() THEN
        RAISE EXCEPTION '% is not in rd_medical_director: the medical directors'' queue is theirs', session_user
            USING ERRCODE = '42501';
    END IF;
    -- A scalar subquery runs once; joined (UPDATE ... FROM) it may be rescanned, and each rescan
    -- under SKIP LOCKED finds another row.
    UPDATE rd.case_queue SET assignee = session_user, assigned_at = now()
    WHERE case_id = (SELECT case_id FROM rd.case_queue
                     WHERE assignee IS NULL AND NOT signed AND queue = p_queue AND status <> 'determined'
                     ORDER BY (urgency = 'expedited') DESC, due_by, case_id
                     LIMIT 1 FOR UPDATE SKIP LOCKED)
      AND assignee IS NULL
    RETURNING case_id INTO taken;
    RETURN taken;
END $f$;

-- A roster row names its own serial and is newer than every one stored: an older signed roster (which
-- may still hold a key revoked since) cannot be put back on top.
CREATE OR REPLACE FUNCTION rd.check_roster() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    body jsonb;
BEGIN
    PERFORM pg_advisory_xact_lock(21316, 1);
    BEGIN
        body := NEW.body::jsonb;
    EXCEPTION WHEN others THEN
        RAISE EXCEPTION 'the roster is not JSON' USING ERRCODE = '22P02';
    END;
    IF jsonb_typeof(body) <> 'object' OR body->>'serial' IS DISTINCT FROM NEW.serial::text THEN
        RAISE EXCEPTION 'the roster names serial %, not %', coalesce(body->>'serial', 'none'), NEW.serial
            USING ERRCODE = '23514';
    END IF;
    IF EXISTS (SELECT 1 FROM rd.roster WHERE serial >= NEW.serial) THEN
        RAISE EXCEPTION 'the workspace holds roster serial % already: a roster stored must be newer',
            (SELECT max(serial) FROM rd.roster) USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $f$;
REVOKE EXECUTE ON FUNCTION rd.check_roster(), rd.queue_for_status(text) FROM PUBLIC;
CREATE TRIGGER roster_newer BEFORE INSERT ON rd.roster FOR EACH ROW EXECUTE FUNCTION rd.check_roster();
)SQL";

const char* const kMigrations[] = {kMigration1, kMigration2, WorkspaceMigrations::holderSessions,
                                   WorkspaceMigrations::pageViews,
                                   WorkspaceMigrations::rosterSerialsCaseIdsSignings};
static_assert(std::size(kMigrations) == CurrentVersion, "one migration per schema version");

} // namespace

int version(PgConnection& connection, QString* error)
{
    const auto exists = connection.exec("SELECT to_regclass('rd.schema_version') IS NOT NULL", {}, error);
    if (!exists)
        return -1;
    if (exists->text(0, 0) != QLatin1String("t"))
        return 0;
    const auto result = connection.exec("SELECT version FROM rd.schema_version", {}, error);
    if (!result)
        return -1;
    return result->rows() == 1 ? int(result->int64(0, 0)) : 0;
}

bool migrate(PgConnection& connection, QString* error)
{
    return migrateTo(connection, CurrentVersion, error);
}

bool migrateTo(PgConnection& connection, int target, QString* error)
{
    QString message;
    if (!connection.command("BEGIN", &message)) {
        *error = message;
        return false;
    }
    auto fail = [&](const QString& what) {
        QString ignored;
        connection.command("ROLLBACK", &ignored);
        *error = what;
        return false;
    };
    // One initializer at a time; a second waits, then sees the first one's work.
    if (!connection.command("SELECT pg_advisory_xact_lock(21316, 0)", &message))
        return fail(message);
    const int current = version(connection, &message);
    if (current < 0)
        return fail(message);
    if (current > CurrentVersion)
        return fail(
            QStringLiteral("the workspace's schema is version %1, made by a newer ReviewDesk (this one knows "
                           "up to %2): upgrade ReviewDesk")
                .arg(current)
                .arg(CurrentVersion));
    if (!connection.command(kRoles, &message))
        return fail(QStringLiteral("cannot create the group roles: %1").arg(message));
    for (int next = current + 1; next <= std::min(target, CurrentVersion); ++next) {
        if (!connection.command(kMigrations[next - 1], &message))
            return fail(QStringLiteral("migration %1 failed: %2").arg(next).arg(message));
        if (!connection.exec("UPDATE rd.schema_version SET version = $1::int",
                             {PgParam::text(QString::number(next))}, &message))
            return fail(message);
    }
    if (!connection.command("COMMIT", &message))
        return fail(message);
    return true;
}

bool check(PgConnection& connection, QString* error)
{
    QString message;
    const int current = version(connection, &message);
    if (current < 0) {
        *error = message;
        return false;
    }
    if (current == 0) {
        *error = QStringLiteral("%1 holds no ReviewDesk workspace (run reviewdesk-cli workspace init)")
                     .arg(connection.conninfo());
        return false;
    }
    if (current > CurrentVersion) {
        *error =
            QStringLiteral("the workspace's schema is version %1, made by a newer ReviewDesk (this one knows "
                           "up to %2): upgrade ReviewDesk")
                .arg(current)
                .arg(CurrentVersion);
        return false;
    }
    if (current < CurrentVersion) {
        *error = QStringLiteral("the workspace's schema is version %1, older than this ReviewDesk's %2: the "
                                "administrator runs reviewdesk-cli workspace init")
                     .arg(current)
                     .arg(CurrentVersion);
        return false;
    }
    return true;
}

} // namespace rd::WorkspaceSchema
