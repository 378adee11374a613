-- Issue #12: a revoked or expired token that is still presented is audited once per token, reason and window
-- (as failed sign-ins are), not once per call. The reason and the start of its window are kept on the token, so
-- every console instance shares them; the update that opens a window is what decides that an entry is written.
ALTER TABLE api_token
    ADD COLUMN refused_reason VARCHAR(20),
    ADD COLUMN refused_since  TIMESTAMPTZ,
    ADD CONSTRAINT api_token_refused CHECK ((refused_reason IS NULL) = (refused_since IS NULL));
