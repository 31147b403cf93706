#include "model/workspace/WorkspaceMigrations.h"

namespace rd::WorkspaceMigrations {

// A writer's hold was a session advisory lock on a key computed from the case id. Advisory locks are
// open to every role (pg_advisory_lock is PUBLIC, the key derivable by anyone), so any member could
// take a case's lock first and keep everyone from writing it, and the holder was then told that they
// themselves held it "in another window". The hold is now the queue row's own record of the holding
// session (its process id and start time), alive while that server process is: released when the
// connection dies, as the lock was, and only ever set by rd.hold.
//
// A row's key was taken as the client sent it: a second case_info row under another spelling of its
// key made the case unreadable for everyone. The server now checks each key against the row's own
// primary-key columns (those of the case file's tables) and accepts only the case file's tables.
//
// An entry's time was taken as the client sent it, so a holder could date an entry before the case
// existed or inside a revoked key's validity. An entry written in the caller's own name must be dated
// within 15 minutes of the server's clock (imported history keeps its times: the importing app
// verified it).
const char holderSessions[] = R"SQL(
ALTER TABLE rd.case_queue ADD COLUMN holder_pid int, ADD COLUMN holder_start timestamptz;

-- Holds taken before this version (under the old advisory lock) stay with their sessions.
UPDATE rd.case_queue q SET holder_pid = a.pid, holder_start = a.backend_start
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 21316 AND l.objsubid = 2
  AND l.objid = (rd.lock_key(q.case_id)::bigint & 4294967295)::oid AND a.usename = q.assignee;

CREATE FUNCTION rd.own_session_start() RETURNS timestamptz LANGUAGE sql STABLE
SET search_path = pg_catalog, rd, pg_temp AS
    $f$ SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid() $f$;

CREATE OR REPLACE FUNCTION rd.session_holds(p_case text) RETURNS boolean LANGUAGE sql STABLE
SET search_path = pg_catalog, rd, pg_temp AS $f$
    SELECT EXISTS (SELECT 1 FROM rd.case_queue
                   WHERE case_id = p_case AND holder_pid = pg_backend_pid()
                     AND holder_start = rd.own_session_start())
$f$;

-- Whether the session recorded as holding the case is still connected. Another role's session start
-- is hidden from a role without pg_read_all_stats (NULL): then the process id and the role name count.
CREATE FUNCTION rd.holder_alive(p_pid int, p_start timestamptz, p_login text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, rd, pg_temp AS $f$
    SELECT p_pid IS NOT NULL AND EXISTS (
        SELECT 1 FROM pg_stat_activity a
        WHERE a.pid = p_pid AND a.usename = p_login
          AND (a.backend_start IS NULL OR a.backend_start = p_start))
$f$;

CREATE OR REPLACE FUNCTION rd.hold_unsigned(p_case text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    c rd.case_queue%ROWTYPE;
    tries int := 0;
BEGIN
    c := rd.lock_case(p_case);
    IF c.assignee IS NOT NULL AND c.assignee <> session_user THEN
        RETURN c.assignee;
    END IF;
    IF c.queue = 'medical-director' AND NOT rd.is_medical_director() THEN
        RETURN 'the medical directors'' queue';
    END IF;
    IF NOT rd.session_holds(p_case) THEN
        -- Another session of this person holds it: a window or computer still open, or a connection
        -- that just closed (a client reconnecting) whose server process ends a moment after the
        -- client has gone. Wait for the latter a few seconds at most.
        WHILE rd.holder_alive(c.holder_pid, c.holder_start, session_user) LOOP
            IF tries >= 100 THEN
                RETURN session_user || ' (in another window or computer)';
            END IF;
            PERFORM pg_sleep(0.05);
            PERFORM pg_stat_clear_snapshot();
            tries := tries + 1;
        END LOOP;
        UPDATE rd.case_queue SET holder_pid = pg_backend_pid(), holder_start = rd.own_session_start()
        WHERE case_id = p_case;
    END IF;
    IF c.assignee IS NULL THEN
        UPDATE rd.case_queue SET assignee = session_user, assigned_at = now() WHERE case_id = p_case;
    END IF;
    RETURN '';
END $f$;

CREATE OR REPLACE FUNCTION rd.route(p_case text, p_queue text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    c rd.case_queue%ROWTYPE;
BEGIN
    c := rd.lock_case(p_case);
    IF c.assignee IS DISTINCT FROM session_user THEN
        RAISE EXCEPTION 'case % is held by %, not by %: only the holder routes it', p_case,
            coalesce(c.assignee, 'nobody'), session_user USING ERRCODE = '42501';
    END IF;
    UPDATE rd.case_queue SET queue = coalesce(p_queue, queue), assignee = NULL, assigned_at = NULL,
                             holder_pid = NULL, holder_start = NULL
    WHERE case_id = p_case;
END $f$;

-- The key of a case file row, as CaseRows makes it: its primary-key columns' values, in order.
-- NULL for a table the case file does not keep in rows.
CREATE FUNCTION rd.row_key(p_table text, p_row jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, rd, pg_temp AS $f$
    SELECT CASE p_table
        WHEN 'case_info' THEN jsonb_build_array(p_row->'singleton')
        WHEN 'member_contact' THEN jsonb_build_array(p_row->'singleton')
        WHEN 'signature' THEN jsonb_build_array(p_row->'singleton')
        WHEN 'fhir_origin' THEN jsonb_build_array(p_row->'singleton')
        WHEN 'attachment' THEN jsonb_build_array(p_row->'id')
        WHEN 'judgment' THEN jsonb_build_array(p_row->'id')
        WHEN 'evidence' THEN jsonb_build_array(p_row->'judgment_id', p_row->'ord')
        WHEN 'line_override' THEN jsonb_build_array(p_row->'code')
        WHEN 'letter_field' THEN jsonb_build_array(p_row->'name')
        WHEN 'signed_letter' THEN jsonb_build_array(p_row->'language')
    END
$f$;

CREATE FUNCTION rd.check_row(p_case text, e jsonb) RETURNS void LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    wanted jsonb := rd.row_key(e->>'t', e->'r');
    given jsonb;
BEGIN
    IF wanted IS NULL THEN
        RAISE EXCEPTION 'case %: a case holds no rows of table %', p_case, coalesce(e->>'t', 'none')
            USING ERRCODE = '23514';
    END IF;
    IF jsonb_typeof(e->'r') <> 'object' OR (e->'r' ? 'singleton' AND e->'r'->'singleton' <> '1'::jsonb) THEN
        RAISE EXCEPTION 'case %: a row of % is not a row of the case file', p_case, e->>'t'
            USING ERRCODE = '23514';
    END IF;
    BEGIN
        given := (e->>'k')::jsonb;
    EXCEPTION WHEN others THEN
        given := NULL;
    END;
    IF given IS DISTINCT FROM wanted OR EXISTS (SELECT 1 FROM jsonb_array_elements(wanted) v
                                                WHERE v IS NULL OR v = 'null'::jsonb) THEN
        RAISE EXCEPTION 'case %: a row of % is keyed %, its own key is %', p_case, e->>'t',
            coalesce(e->>'k', 'nothing'), coalesce(wanted::text, 'none') USING ERRCODE = '23514';
    END IF;
END $f$;

-- The same as version 1's, with each upserted row checked (rd.check_row) and one case_info row only.
CREATE OR REPLACE FUNCTION rd.apply_rows(p_case text, p_upserts jsonb, p_deletes jsonb, p_own boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    e jsonb;
    info jsonb;
    c rd.case_queue%ROWTYPE;
BEGIN
    FOR e IN SELECT value FROM jsonb_array_elements(p_deletes) LOOP
        IF e->>'t' IN ('signature', 'signed_letter', 'case_info', 'fhir_origin') THEN
            RAISE EXCEPTION 'case %: % rows are never removed', p_case, e->>'t' USING ERRCODE = '42501';
        END IF;
        DELETE FROM rd.case_row WHERE case_id = p_case AND tbl = e->>'t' AND key = e->>'k';
    END LOOP;
    FOR e IN SELECT value FROM jsonb_array_elements(p_upserts) LOOP
        PERFORM rd.check_row(p_case, e);
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
    SELECT row INTO STRICT info FROM rd.case_row WHERE case_id = p_case AND tbl = 'case_info';
    SELECT * INTO c FROM rd.case_queue WHERE case_id = p_case;
    IF (info->>'audit_count')::bigint <> c.audit_count
       OR decode(info->'audit_head'->>'b', 'base64') <> c.audit_head THEN
        RAISE EXCEPTION 'case %: its record does not name the audit head the server keeps', p_case
            USING ERRCODE = '23514';
    END IF;
    UPDATE rd.case_queue SET status = info->>'status', changed_at = now() WHERE case_id = p_case;
EXCEPTION
    WHEN no_data_found OR too_many_rows THEN
        RAISE EXCEPTION 'case %: it must hold exactly one case_info row', p_case USING ERRCODE = '23514';
END $f$;
-- The same as version 1's, with the entry's time checked against the server's clock when the caller
-- writes in their own name.
CREATE OR REPLACE FUNCTION rd.append_audit(p_case text, p_entries jsonb, p_own boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    c rd.case_queue%ROWTYPE;
    e jsonb;
    n bigint;
    prev bytea;
    h bytea;
    dated timestamptz;
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
        IF p_own THEN
            BEGIN
                dated := (e->>'at')::timestamptz;
            EXCEPTION WHEN others THEN
                dated := NULL;
            END;
            IF dated IS NULL OR dated < now() - interval '15 minutes' OR dated > now() + interval '15 minutes' THEN
                RAISE EXCEPTION 'audit entry % of case % is dated %, but the server''s time is % (set this computer''s clock)',
                    n, p_case, coalesce(e->>'at', 'nothing'), now() USING ERRCODE = '23514';
            END IF;
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

REVOKE EXECUTE ON FUNCTION rd.holder_alive(int, timestamptz, text), rd.row_key(text, jsonb),
    rd.check_row(text, jsonb) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION rd.own_session_start() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rd.own_session_start() TO rd_reviewer, rd_medical_director;
REVOKE EXECUTE ON FUNCTION rd.lock_key(text) FROM rd_reviewer, rd_medical_director;
)SQL";

// Version 4. Reading coverage kept by the server, so that it outlives one desk's working copy and a
// medical director sees what the nurse read: who saw which page of which attachment, and when. A person
// adds only rows in their own name (viewer and time are the server's: no privilege on those columns, and
// a policy); nobody changes or removes one (no privilege, and a trigger for those who have all).
const char pageViews[] = R"SQL(
CREATE TABLE rd.page_view(
    case_id text NOT NULL REFERENCES rd.case_queue,
    attachment_id bigint NOT NULL,
    page int NOT NULL CHECK (page >= 1),
    viewer text NOT NULL DEFAULT session_user,
    viewed_at timestamptz NOT NULL DEFAULT now(),
    imported boolean NOT NULL DEFAULT false, -- brought in with a case file, which does not say who read
    PRIMARY KEY (case_id, attachment_id, page, viewer)
);
CREATE FUNCTION rd.refuse_page_view_change() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION 'reading coverage is insert-only: % refused', TG_OP USING ERRCODE = '42501';
END $f$;
CREATE TRIGGER page_view_insert_only BEFORE UPDATE OR DELETE ON rd.page_view
    FOR EACH ROW EXECUTE FUNCTION rd.refuse_page_view_change();
CREATE TRIGGER page_view_no_truncate BEFORE TRUNCATE ON rd.page_view
    FOR EACH STATEMENT EXECUTE FUNCTION rd.refuse_page_view_change();
ALTER TABLE rd.page_view ENABLE ROW LEVEL SECURITY;
CREATE POLICY page_view_read ON rd.page_view FOR SELECT TO rd_reviewer, rd_medical_director USING (true);
-- One's own rows, of a page the case's attachment has.
CREATE POLICY page_view_own ON rd.page_view FOR INSERT TO rd_reviewer, rd_medical_director
    WITH CHECK (viewer = session_user AND EXISTS (
        SELECT 1 FROM rd.case_row r WHERE r.case_id = page_view.case_id AND r.tbl = 'attachment'
          AND (r.row->>'id')::bigint = page_view.attachment_id AND page_view.page <= (r.row->>'page_count')::int));
GRANT SELECT ON rd.page_view TO rd_reviewer, rd_medical_director;
GRANT INSERT (case_id, attachment_id, page, imported) ON rd.page_view TO rd_reviewer, rd_medical_director;
REVOKE EXECUTE ON FUNCTION rd.refuse_page_view_change() FROM PUBLIC;
)SQL";

} // namespace rd::WorkspaceMigrations

namespace rd::WorkspaceMigrations {

// Version 5.
//
// A roster row's serial had to be newer than every stored one. The server cannot check the
// administrator's signature, so a member of rd_admin without the administrator key could store a row
// with serial 9223372036854775807 (or keep storing rows ahead of the administrator's next one): no
// genuine roster could be stored after it. A serial now only has to be positive and not taken (the
// primary key): the clients take the newest row the pinned key signed (Workspace::roster()), so a
// forged row, whatever its serial, neither counts nor blocks the administrator's next roster.
//
// A case's id was any text the importing file named ("../escaped"); ids travel into file names,
// NOTIFY payloads and the queue. A new case's id must be what CaseFile::create makes: a UUID, lower
// case, without braces. Cases imported before keep theirs.
//
// A signature row was checked only for the decision its statement names (a denial needs a medical
// director): a holder could store one whose statement contradicts the case, marking it signed and
// read-only for good. A signature row written by its holder must now be their own signing: the
// signer is the caller, its digest is the SHA-256 of its statement (as CaseFile::signatureDigest
// makes it), and the last entry of the trail is the caller's case.sign entry naming that digest.
const char rosterSerialsCaseIdsSignings[] = R"SQL(
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
    IF NEW.serial < 1 THEN
        RAISE EXCEPTION 'roster serial % is not a serial: it counts from 1', NEW.serial USING ERRCODE = '23514';
    END IF;
    IF EXISTS (SELECT 1 FROM rd.roster WHERE serial = NEW.serial) THEN
        RAISE EXCEPTION 'the workspace holds roster serial % already', NEW.serial USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $f$;

CREATE FUNCTION rd.check_case_id(p_case text) RETURNS void LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, rd, pg_temp AS $f$
BEGIN
    IF p_case IS NULL OR p_case !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
        RAISE EXCEPTION 'case id % is not a case id (a UUID, lower case, without braces): not imported',
            coalesce(quote_literal(p_case), 'none') USING ERRCODE = '22023';
    END IF;
END $f$;

CREATE OR REPLACE FUNCTION rd.import_case(p_case text, p_queue jsonb, p_audit jsonb, p_rows jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, rd, pg_temp AS $f$
BEGIN
    PERFORM rd.check_case_id(p_case);
    PERFORM rd.import_case_rows(p_case, p_queue, p_audit, p_rows);
    UPDATE rd.case_queue SET queue = rd.queue_for_status(status) WHERE case_id = p_case;
END $f$;

CREATE FUNCTION rd.check_signing(p_case text, p_upserts jsonb) RETURNS void LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, rd, pg_temp AS $f$
DECLARE
    e jsonb;
    digest bytea;
    last rd.audit%ROWTYPE;
    named text;
BEGIN
    FOR e IN SELECT value FROM jsonb_array_elements(p_upserts) WHERE value->>'t' = 'signature' LOOP
        BEGIN
            digest := decode(e->'r'->'digest'->>'b', 'base64');
        EXCEPTION WHEN others THEN
            digest := NULL;
        END;
        IF digest IS NULL OR e->'r'->>'payload' IS NULL
           OR sha256(convert_to(E'reviewdesk-signature-v1\n' || (e->'r'->>'payload'), 'UTF8')) <> digest THEN
            RAISE EXCEPTION 'case %: the signature''s digest is not that of its statement', p_case
                USING ERRCODE = '23514';
        END IF;
        IF e->'r'->>'signer' IS DISTINCT FROM session_user THEN
            RAISE EXCEPTION 'case %: the signature names % as its signer, but % is connected', p_case,
                coalesce(e->'r'->>'signer', 'nobody'), session_user USING ERRCODE = '42501';
        END IF;
        SELECT * INTO last FROM rd.audit WHERE case_id = p_case ORDER BY seq DESC LIMIT 1;
        BEGIN
            named := last.new_value::jsonb->>'digest';
        EXCEPTION WHEN others THEN
            named := NULL;
        END;
        IF last.action IS DISTINCT FROM 'case.sign' OR last.actor <> session_user OR last.target <> session_user
           OR named IS DISTINCT FROM encode(digest, 'hex') THEN
            RAISE EXCEPTION 'case %: a signature is stored only with its signer''s own case.sign entry naming its digest, as the last of the trail',
                p_case USING ERRCODE = '42501';
        END IF;
    END LOOP;
END $f$;

-- The same as version 1's, with each signature row checked against its signer's case.sign entry.
CREATE OR REPLACE FUNCTION rd.apply(p_case text, p_audit jsonb, p_upserts jsonb, p_deletes jsonb,
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
    PERFORM rd.check_signing(p_case, p_upserts);
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

REVOKE EXECUTE ON FUNCTION rd.check_case_id(text), rd.check_signing(text, jsonb) FROM PUBLIC;
)SQL";

} // namespace rd::WorkspaceMigrations
