-- The contact list pages newest first by keyset: order by created_at desc, id desc, after the position of the
-- previous page's last contact. Hibernate adds tenant_id = ? (the tenant filter) and deleted_at is null (soft
-- deletion) to the query, so this index serves it exactly: a page reads its size + 1 index entries in order, however
-- many contacts the tenant has, with no sort and no count.
--
-- On a large live table, create it with "create index concurrently" in a migration of its own that runs outside a
-- transaction (Flyway's executeInTransaction=false script configuration), so that writes are not blocked meanwhile.
create index contacts_tenant_created_idx on contacts (tenant_id, created_at desc, id desc) where deleted_at is null;
