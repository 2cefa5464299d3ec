-- 0011: users, roles, sessions, API tokens and the audit log, for the web
-- application (issue 15). Secrets are stored only as hashes: passwords as
-- argon2id PHC strings, tokens and session identifiers as hex SHA-256, so a
-- copy of the workspace (a backup) signs no one in.
CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT    NOT NULL DEFAULT '', -- '' : no local password (single sign-on or token only)
    oidc_issuer   TEXT    NOT NULL DEFAULT '', -- set for a user single sign-on made
    oidc_subject  TEXT    NOT NULL DEFAULT '',
    demo          INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    created_at    TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX app_user_oidc ON app_user (oidc_issuer, oidc_subject) WHERE oidc_issuer <> '';

CREATE TABLE app_user_role (
    user_id INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role    TEXT    NOT NULL CHECK (role IN ('admin', 'okonomi', 'folkehelse', 'kommunedirektor', 'enhet', 'lesetilgang')),
    PRIMARY KEY (user_id, role)
) STRICT;

CREATE TABLE app_user_unit (
    user_id   INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    unit_code TEXT    NOT NULL,
    PRIMARY KEY (user_id, unit_code)
) STRICT;

CREATE TABLE api_token (
    hash       TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    last_used  TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE app_session (
    hash       TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    last_seen  TEXT    NOT NULL,
    addr       TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX app_session_user ON app_session (user_id);

CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    addr   TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
) STRICT;
