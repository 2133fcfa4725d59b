-- Least privilege for the app's own PostgreSQL role. Run once per database as the owner (the role
-- that runs `npm run db:migrate`), after the migrations; then give the app a DATABASE_URL for
-- backline_app. Replace backline_app (and set its password) to taste:
--   CREATE ROLE backline_app LOGIN PASSWORD '…';
--   psql "$OWNER_DATABASE_URL" -f scripts/sql/app-role.sql
-- The app then reads and writes rows but owns nothing: it cannot alter or drop tables, disable the
-- audit trail's triggers or bypass them (session_replication_role needs a superuser), and is not
-- granted UPDATE, DELETE or TRUNCATE on audit_events at all. lib/db/app-role.int.test.ts proves it.
DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO backline_app', current_database()); END $$;
GRANT USAGE ON SCHEMA public TO backline_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO backline_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO backline_app;
-- The audit trail: appended to and read, never changed.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM backline_app;
-- The migration record belongs to the migration runner.
REVOKE INSERT, UPDATE, DELETE ON "_prisma_migrations" FROM backline_app;
-- Tables added by later migrations get the same rights (run as the owner that applies migrations).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO backline_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO backline_app;
