-- The audit log names the console's own actions (scheduled and resumed work, bulk jobs) by the actor 'system'
-- (CurrentUser.SYSTEM), so no console account may take that name: an account called 'system' would make its
-- changes indistinguishable from the console's. The console refuses the name on every path that creates an
-- account (the user dialog, bulk onboarding's first admins, the bootstrap operator, single sign-on); this makes
-- the database refuse it too.
--
-- An installation that already has such an account keeps it (NOT VALID spares existing rows, and the constraint
-- is validated only where none exists); renaming it is an operator's decision, not a migration's.
ALTER TABLE console_user ADD CONSTRAINT console_user_username_not_system CHECK (username <> 'system') NOT VALID;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM console_user WHERE username = 'system') THEN
        ALTER TABLE console_user VALIDATE CONSTRAINT console_user_username_not_system;
    ELSE
        RAISE WARNING 'An account named ''system'' exists, whose actions the audit log cannot tell from the console''s';
    END IF;
END
$$;
