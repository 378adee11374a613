-- Failed sign-ins are counted per username as typed and client address, and per client address, in windows
-- (io.concierge.security.internal.LoginAttempts). A pause applies to that pair or that address only, so an
-- outsider cannot lock a console user out from everywhere by typing their name; the account itself is no
-- longer locked, hence the two console_user columns go.
CREATE TABLE sign_in_failure (
    username          VARCHAR(64) NOT NULL,
    client_address    VARCHAR(64) NOT NULL,
    failures          INT         NOT NULL,
    window_started_at TIMESTAMPTZ NOT NULL,
    paused_until      TIMESTAMPTZ,
    PRIMARY KEY (username, client_address)
);
CREATE INDEX sign_in_failure_started_idx ON sign_in_failure (window_started_at);

CREATE TABLE sign_in_address (
    client_address    VARCHAR(64) PRIMARY KEY,
    failures          INT         NOT NULL,
    window_started_at TIMESTAMPTZ NOT NULL,
    paused_until      TIMESTAMPTZ
);
CREATE INDEX sign_in_address_started_idx ON sign_in_address (window_started_at);

ALTER TABLE console_user DROP COLUMN failed_logins, DROP COLUMN locked_until;
