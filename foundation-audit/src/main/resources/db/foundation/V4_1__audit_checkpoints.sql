-- Signed checkpoints (dev.foundation.audit): a chain's head (sequence number and hash) at a time, signed with the
-- application's checkpoint key (Ed25519). Exported for anchoring elsewhere, and where a chain starts again after
-- retention dropped its oldest partitions. Append-only like the events.
create table audit_checkpoints (
    id uuid primary key,
    chain_key uuid not null,
    tenant_id uuid,
    seq bigint not null check (seq >= 0),
    hash text not null check (hash ~ '^[0-9a-f]{64}$'),
    signed_at timestamptz not null,
    key_id text not null,
    -- The signed text: RFC 8785 JSON of {"chain", "hash", "seq", "signed_at", "v"}.
    payload text not null,
    signature text not null,
    -- Whether retention dropped the events up to seq: the chain is verified from here on.
    retention boolean not null default false,
    check (chain_key = coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'))
);

create index audit_checkpoints_chain on audit_checkpoints (chain_key, seq desc);

create trigger audit_checkpoints_append_only
    before update or delete on audit_checkpoints
    for each row execute function audit_events_reject_change();

create trigger audit_checkpoints_no_truncate
    before truncate on audit_checkpoints
    for each statement execute function audit_events_reject_change();

revoke all on audit_checkpoints from public;

do
$$
declare
    owner_role text;
    bound text := format('(select %I.bound_tenant())::uuid', '${flyway:defaultSchema}');
begin
    if to_regprocedure('${flyway:defaultSchema}.bound_tenant()') is null then
        return;
    end if;
    select pg_get_userbyid(c.relowner) into owner_role
      from pg_class c where c.oid = format('%I.audit_checkpoints', '${flyway:defaultSchema}')::regclass;
    execute format('alter table %I.audit_checkpoints enable row level security', '${flyway:defaultSchema}');
    execute format('alter table %I.audit_checkpoints force row level security', '${flyway:defaultSchema}');
    execute format('create policy audit_read on %I.audit_checkpoints for select to public using (tenant_id = %s)',
        '${flyway:defaultSchema}', bound);
    execute format('create policy audit_append on %I.audit_checkpoints for insert to public '
        || 'with check (tenant_id is not distinct from %s)', '${flyway:defaultSchema}', bound);
    execute format('create policy audit_system_scope on %I.audit_checkpoints for all to %I using (true) with check (true)',
        '${flyway:defaultSchema}', owner_role);
end;
$$;
