-- The re-encryption job of dev.foundation.crypto: where it got to in each table (so a run that crashed resumes there),
-- and the values it could not decrypt (left untouched in their rows, listed here for investigation). Runs with the
-- foundation's schema as Flyway's default schema.
create table crypto_reencryption_progress (
    table_name text primary key,
    -- The keyset position after the last finished batch: tenant (empty for tables without one) and row id, as text.
    last_tenant text,
    last_id text,
    rows_reencrypted bigint not null default 0,
    rows_quarantined bigint not null default 0,
    started_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    finished_at timestamptz
);

create table crypto_quarantine (
    table_name text not null,
    row_id text not null,
    column_name text not null,
    -- The exception's type only: never the value, never a key id.
    reason text not null,
    found_at timestamptz not null default now(),
    primary key (table_name, row_id, column_name)
);
