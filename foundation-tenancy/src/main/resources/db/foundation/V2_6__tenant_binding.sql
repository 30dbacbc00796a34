-- Tenant bindings that SQL run as the application role cannot forge or widen.
--
-- Before this migration the policies trusted the settings foundation.tenant_id and foundation.tenant_scope, which any
-- statement run as the application role can change with set_config: one SQL injection anywhere read every tenant.
-- Now:
--   * the transaction's tenant is bound as "<tenant id>.<HMAC-SHA256 of it, hex>" in foundation.tenant_binding; the
--     key lives in a schema the application role has no access to (<schema>_private), and only bound_tenant(), a
--     SECURITY DEFINER function, reads it. A binding the application did not compute names no tenant, so the policy
--     shows no rows and accepts no writes (fail closed);
--   * the system scope is not a setting at all: it is the role that owns the tables (the migration role), to which a
--     policy of its own grants every row. The application role is not a member of it (the startup self-check says
--     so), so no statement it runs can enter it.
-- bound_tenant() is called in a sub-select, so PostgreSQL evaluates it once per statement (an InitPlan) and the
-- comparison with the tenant column can use its index.

create schema if not exists ${flyway:defaultSchema}_private;
revoke all on schema ${flyway:defaultSchema}_private from public;

-- One row: the key and the two HMAC pads derived from it (RFC 2104, SHA-256's 64-byte block), precomputed so that a
-- check costs two sha256() calls and no byte loop.
create table ${flyway:defaultSchema}_private.tenant_binding_key (
    singleton boolean primary key default true check (singleton),
    key bytea not null check (length(key) = 32),
    inner_pad bytea not null check (length(inner_pad) = 64),
    outer_pad bytea not null check (length(outer_pad) = 64),
    created_at timestamptz not null default now()
);
revoke all on ${flyway:defaultSchema}_private.tenant_binding_key from public;

create function ${flyway:defaultSchema}_private.hmac_pad(key bytea, pad integer)
    returns bytea
    language plpgsql
    immutable
as
$$
declare
    result bytea := decode(repeat('00', 64), 'hex');
begin
    for i in 0..63 loop
        result := set_byte(result, i, (case when i < length(key) then get_byte(key, i) else 0 end) # pad);
    end loop;
    return result;
end;
$$;

-- 256 bits from three version-4 UUIDs (366 bits of the server's strong random source), without needing pgcrypto.
insert into ${flyway:defaultSchema}_private.tenant_binding_key (key, inner_pad, outer_pad)
select k, ${flyway:defaultSchema}_private.hmac_pad(k, 54), ${flyway:defaultSchema}_private.hmac_pad(k, 92)
  from (select sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text,
                                 'UTF8')) as k) as generated;

drop function ${flyway:defaultSchema}_private.hmac_pad(bytea, integer);

-- The tenant of the current transaction, or null when the binding is missing, malformed or not made with the key.
-- SECURITY DEFINER with a fixed search_path (pg_temp last), so no object the caller creates can stand in for the
-- functions it calls.
create function bound_tenant()
    returns text
    language plpgsql
    stable
    security definer
    set search_path = pg_catalog, pg_temp
as
$$
declare
    binding text := current_setting('foundation.tenant_binding', true);
    separator integer;
    tenant text;
    presented text;
    pads record;
begin
    if binding is null or length(binding) <> 101 then
        return null;
    end if;
    separator := strpos(binding, '.');
    if separator <> 37 then
        return null;
    end if;
    tenant := substr(binding, 1, 36);
    presented := substr(binding, 38);
    select inner_pad, outer_pad into pads from ${flyway:defaultSchema}_private.tenant_binding_key;
    if encode(sha256(pads.outer_pad || sha256(pads.inner_pad || convert_to('foundation-rls-v1:' || tenant, 'UTF8'))),
              'hex') = presented then
        return tenant;
    end if;
    return null;
end;
$$;

comment on function bound_tenant() is
    'The tenant bound to the current transaction by the foundation (foundation.tenant_binding checked against its key), or null.';

-- enable_tenant_rls(table, tenant_column): the one-line way for an application migration to put a tenant-owned table
-- under row-level security:
--
--     select foundation.enable_tenant_rls('contacts');
--
-- It enables and FORCEs row-level security (FORCE so that the owner is subject to it too) and (re)creates two
-- policies: "tenant_isolation" (for every role: a row is visible and writable only when its tenant column equals
-- bound_tenant()) and "tenant_system_scope" (for the table's owner only: every row). Fail closed: without a valid
-- binding the comparison is with NULL, so no row is visible and every write is rejected. The binding is compared in
-- the column's own type so that an index on the tenant column stays usable.
create or replace function enable_tenant_rls(target regclass, tenant_column name default 'tenant_id')
    returns void
    language plpgsql
as
$$
declare
    column_type text;
    table_owner text;
    predicate text;
begin
    select format_type(a.atttypid, a.atttypmod)
      into column_type
      from pg_attribute a
     where a.attrelid = target
       and a.attname = tenant_column
       and a.attnum > 0
       and not a.attisdropped;
    if column_type is null then
        raise exception 'Table % has no column %', target, quote_ident(tenant_column)
            using hint = 'Pass the tenant column name as the second argument of enable_tenant_rls';
    end if;
    select pg_get_userbyid(c.relowner) into table_owner from pg_class c where c.oid = target;

    -- Names only ever enter the statements through %s of a regclass (already quoted and schema-qualified as
    -- needed) and %I of identifiers: no identifier can inject SQL.
    predicate := format('(%I = (select %I.bound_tenant())::%s)', tenant_column, '${flyway:defaultSchema}',
        column_type);

    execute format('alter table %s enable row level security', target);
    execute format('alter table %s force row level security', target);
    execute format('drop policy if exists tenant_isolation on %s', target);
    execute format('drop policy if exists tenant_system_scope on %s', target);
    execute format('create policy tenant_isolation on %s as permissive for all to public using %s with check %s',
        target, predicate, predicate);
    execute format('create policy tenant_system_scope on %s as permissive for all to %I using (true) with check (true)',
        target, table_owner);
end;
$$;

comment on function enable_tenant_rls(regclass, name) is
    'Enables and forces row-level security on a tenant-owned table with the foundation''s tenant_isolation and tenant_system_scope policies.';

-- Tables put under the earlier, setting-based policy are moved to the new one (those this role may alter).
do
$$
declare
    policy record;
    tenant_column text;
begin
    for policy in
        select p.polrelid::regclass as target, pg_get_expr(p.polqual, p.polrelid) as qual
          from pg_policy p
          join pg_class c on c.oid = p.polrelid
         where p.polname = 'tenant_isolation'
           and pg_get_expr(p.polqual, p.polrelid) like '%current_setting(''foundation.tenant_id''%'
           and pg_has_role(c.relowner, 'USAGE')
    loop
        tenant_column := substring(policy.qual from '^\(*"?([A-Za-z_][A-Za-z0-9_$]*)"? = ');
        if tenant_column is not null then
            perform enable_tenant_rls(policy.target, tenant_column::name);
        end if;
    end loop;
end;
$$;
