-- Per-tenant data keys of dev.foundation.crypto (envelope encryption). Each row holds one data key version of a scope
-- (a tenant's id, or the nil UUID for data without a tenant), encrypted ("wrapped") under the master key named by
-- master_key_id. No key is ever stored in the clear. Crypto-shredding clears wrapped_key and sets destroyed_at;
-- version 0 is the tombstone that keeps a shredded scope from getting new keys. Runs with the foundation's schema as
-- Flyway's default schema.
create table crypto_data_keys (
    scope_id uuid not null,
    version integer not null check (version >= 0),
    master_key_id text,
    wrapped_key bytea,
    created_at timestamptz not null default now(),
    rewrapped_at timestamptz,
    destroyed_at timestamptz,
    primary key (scope_id, version),
    check ((wrapped_key is null) = (destroyed_at is not null)),
    check ((wrapped_key is null) = (master_key_id is null))
);

-- "Which keys does the new master key still have to re-wrap?"
create index crypto_data_keys_master_key_id on crypto_data_keys (master_key_id) where wrapped_key is not null;
