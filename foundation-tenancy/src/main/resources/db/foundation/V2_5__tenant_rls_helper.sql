-- enable_tenant_rls(table, tenant_column): the one-line way for an application migration to put a tenant-owned table
-- under PostgreSQL row-level security:
--
--     select foundation.enable_tenant_rls('contacts');
--
-- It enables and FORCEs row-level security (FORCE so the table owner is subject to it too) and (re)creates the
-- policy "tenant_isolation": a row is visible and writable only when its tenant column equals the transaction-local
-- setting foundation.tenant_id, or when the transaction runs in the explicit system scope
-- (foundation.tenant_scope = 'system'). Both settings are set with set_config(..., true) by the foundation's
-- transaction managers right after a transaction begins.
--
-- Fail closed: without a setting the comparison is with NULL, so no row is visible and every write is rejected.
-- The setting is compared in the column's own type (not the column cast to text) so an index on the tenant column
-- stays usable; an empty value (what a once-set setting reads as after its transaction ended) counts as none.
create or replace function enable_tenant_rls(target regclass, tenant_column name default 'tenant_id')
	returns void
	language plpgsql
as
$$
declare
	column_type text;
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

	-- Names only ever enter the statements through %s of a regclass (already quoted and schema-qualified as
	-- needed) and %I of the column name: no identifier can inject SQL.
	predicate := format(
		'(%I = nullif(current_setting(''foundation.tenant_id'', true), '''')::%s'
			|| ' or current_setting(''foundation.tenant_scope'', true) = ''system'')',
		tenant_column, column_type);

	execute format('alter table %s enable row level security', target);
	execute format('alter table %s force row level security', target);
	execute format('drop policy if exists tenant_isolation on %s', target);
	execute format('create policy tenant_isolation on %s as permissive for all using %s with check %s',
		target, predicate, predicate);
end;
$$;

comment on function enable_tenant_rls(regclass, name) is
	'Enables and forces row-level security on a tenant-owned table with the foundation''s tenant_isolation policy.';
