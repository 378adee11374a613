-- A generated password (new user, invitation, reset) is temporary: the first sign-in with it must set a new one.
-- Existing accounts keep the passwords they have.
ALTER TABLE console_user ADD COLUMN password_temporary BOOLEAN NOT NULL DEFAULT FALSE;
