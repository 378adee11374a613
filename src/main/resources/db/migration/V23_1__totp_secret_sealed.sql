-- TOTP secrets are stored sealed with AES-256-GCM under a key from configuration (issue #15), as
-- 'v1:<key id>:<base64 nonce and ciphertext>', which is longer than the plain base32 secret. The migration cannot
-- encrypt existing secrets (the key never reaches the database): the console seals them at its next start and
-- whenever one is used.
ALTER TABLE console_user ALTER COLUMN totp_secret TYPE VARCHAR(200);
