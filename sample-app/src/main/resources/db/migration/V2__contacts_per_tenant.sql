-- Contacts belong to a tenant. Two layers keep tenants apart: Hibernate adds the current tenant to every query of
-- Contact (TenantOwnedEntity), and row-level security refuses other tenants' rows to any SQL on this table, including
-- native queries and plain JDBC. The application connects as ${application-role}, which owns nothing: owners and
-- superusers are not subject to row-level security.
--
-- The column is not null without a default: a database that already holds contacts from before tenancy stops here
-- with an error instead of guessing their tenant.
alter table contacts add column tenant_id uuid not null;

drop index contacts_name_idx;
create index contacts_tenant_name_idx on contacts (tenant_id, lower(name)) where deleted_at is null;
create index contacts_tenant_phone_idx on contacts (tenant_id, phone) where deleted_at is null;

-- ENABLE + FORCE row-level security and a fail-closed policy on foundation.tenant_id (see docs/tenancy.md).
select foundation.enable_tenant_rls('contacts');

grant select, insert, update, delete on contacts to "${application-role}";
