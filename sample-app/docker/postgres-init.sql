-- Runs once, when the PostgreSQL container first creates its data directory.
-- The application connects as sample_app, which owns nothing: row-level security does not apply to table owners or
-- superusers. Migrations run as the container's owner role (SPRING_FLYWAY_USER).
create role sample_app login password 'sample_app' nosuperuser nocreatedb nocreaterole nobypassrls;
