-- API keys for service-to-service calls (dev.foundation.core.auth.apikey). Only a SHA-256 hash of each key is kept:
-- the plaintext is shown once, at issue, and cannot be recovered from this table. Runs with the foundation's schema
-- as Flyway's default schema, so the table lands there.
create table api_keys (
    id uuid primary key,
    name varchar(100) not null,
    -- The key's public part (fdn_<prefix>_...), to find its row and to help people recognise it; not a secret.
    prefix varchar(16) not null unique,
    secret_hash bytea not null,
    tenant_id varchar(128),
    roles text[] not null default '{}',
    created_at timestamptz not null default now(),
    expires_at timestamptz,
    revoked_at timestamptz,
    last_used_at timestamptz
);

create index api_keys_tenant_id_created_at on api_keys (tenant_id, created_at desc);
