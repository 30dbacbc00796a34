-- Tenants and their members (dev.foundation.tenancy). Runs with the foundation's schema as Flyway's default schema,
-- so the tables land there and never collide with an application's tables.
create table tenants (
    id uuid primary key,
    -- Used in URLs and subdomains ({slug}.example.com): lowercase letters, digits and hyphens, 2 to 63 characters
    -- (a DNS label), not starting with a hyphen.
    slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name text not null check (length(btrim(name)) > 0),
    status text not null default 'active' check (status in ('active', 'suspended')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- Identity providers name organizations their own way (Clerk's org_... ids, a Supabase app_metadata value): each
-- provider's id maps to at most one tenant.
create table tenant_external_ids (
    tenant_id uuid not null references tenants (id) on delete cascade,
    provider text not null,
    external_id text not null,
    created_at timestamptz not null default now(),
    primary key (provider, external_id)
);

create index tenant_external_ids_tenant_id on tenant_external_ids (tenant_id);

-- user_id is the id the identity provider gives the user (the principal's userId), not a foreign key: users live
-- at the provider.
create table memberships (
    tenant_id uuid not null references tenants (id) on delete cascade,
    user_id text not null,
    role text not null check (role in ('owner', 'admin', 'member', 'viewer')),
    created_at timestamptz not null default now(),
    primary key (tenant_id, user_id)
);

-- "Which tenants is this user a member of?"
create index memberships_user_id on memberships (user_id);
