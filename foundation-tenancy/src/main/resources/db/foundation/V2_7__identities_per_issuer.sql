-- A user is an issuer and a subject, not a subject alone: with two trusted issuers, a subject chosen by one could be
-- another's user. Memberships and organization ids are keyed by issuer from now on.
--
-- Rows written before this migration do not know their issuer: memberships get '' and organization ids
-- 'legacy:<provider kind>'. Neither matches any token (issuers are URLs). At startup the foundation assigns them the
-- issuer they belong to: the only configured issuer (of that kind), or foundation.tenancy.legacy-issuer; it refuses
-- to start when that is ambiguous, rather than letting the first issuer to present a subject claim the rows.

alter table memberships add column issuer text not null default '';
alter table memberships drop constraint memberships_pkey;
alter table memberships add primary key (tenant_id, issuer, user_id);
alter table memberships alter column issuer drop default;

-- "Which tenants is this user a member of?"
drop index memberships_user_id;
create index memberships_issuer_user_id on memberships (issuer, user_id);

alter table tenant_external_ids add column issuer text;
update tenant_external_ids set issuer = 'legacy:' || provider;
alter table tenant_external_ids alter column issuer set not null;
alter table tenant_external_ids drop constraint tenant_external_ids_pkey;
alter table tenant_external_ids add primary key (issuer, external_id);
alter table tenant_external_ids drop column provider;
