-- An erased tenant (TenantDirectory.erase, the GDPR erasure path) keeps its row as a tombstone with status 'erased':
-- its requests are refused for good and its id and slug are never reused.
alter table tenants drop constraint tenants_status_check;
alter table tenants add constraint tenants_status_check check (status in ('active', 'suspended', 'erased'));
