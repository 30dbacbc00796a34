package dev.foundation.tenancy.rls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

/**
 * Checks that PostgreSQL row-level security really protects the given tables for the role
 * the application connects with: RLS enabled and forced, a policy present, and the role
 * neither the table's owner (or a member of the owning role) nor a superuser nor allowed
 * to bypass RLS. Any of those makes the policies decorative.
 */
public final class TenantIsolationSelfCheck {

	// One round trip for all tables (the health indicator re-runs it): the names arrive
	// as one text array, and a
	// table that does not exist still yields its row (the left join), with nulls for the
	// catalog columns.
	private static final String QUERY = """
			select c.oid is not null as found, c.relrowsecurity, c.relforcerowsecurity,
			       exists (select 1 from pg_policy p where p.polrelid = c.oid) as has_policy,
			       pg_has_role(current_user, c.relowner, 'MEMBER') as owns,
			       r.rolsuper, r.rolbypassrls, current_user,
			       (select string_agg(p.polname, ', ' order by p.polname) from pg_policy p
			         where p.polrelid = c.oid and p.polpermissive
			           and p.polname not in ('tenant_isolation', 'tenant_system_scope')
			           and (0 = any(p.polroles)
			                or exists (select 1 from unnest(p.polroles) as role(oid)
			                            where pg_has_role(current_user, role.oid, 'MEMBER')))) as other_policies,
			       exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_isolation'
			                  and pg_get_expr(p.polqual, p.polrelid) like '%bound_tenant()%'
			                  and pg_get_expr(p.polwithcheck, p.polrelid) like '%bound_tenant()%') as bound_policy
			  from unnest(?::text[]) with ordinality as t(name, position)
			  left join pg_class c on c.oid = to_regclass(t.name)
			  join pg_roles r on r.rolname = current_user
			 order by t.position
			""";

	private final DataSource dataSource;

	/**
	 * Creates the check.
	 * @param dataSource the data source the application uses, connecting with the
	 * application's role
	 */
	public TenantIsolationSelfCheck(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Checks the tables.
	 * @param tables table names as the application's SQL names them (optionally
	 * schema-qualified)
	 * @return one sentence per problem, naming the table and the fix; empty when all is
	 * well
	 * @throws SQLException if the catalog cannot be read
	 */
	public List<String> check(Collection<String> tables) throws SQLException {
		List<String> problems = new ArrayList<>();
		if (tables.isEmpty()) {
			return problems;
		}
		List<String> names = List.copyOf(tables);
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(QUERY)) {
			statement.setArray(1, connection.createArrayOf("text", names.toArray()));
			try (ResultSet result = statement.executeQuery()) {
				for (String table : names) {
					if (!result.next()) {
						throw new SQLException("Catalog query returned no row for table " + table);
					}
					if (!result.getBoolean(1)) {
						problems.add("table " + table + " does not exist (or is not visible on the search path); "
								+ "create it in a migration and call foundation.enable_tenant_rls('" + table + "')");
						continue;
					}
					check(table, result, problems);
				}
			}
		}
		return problems;
	}

	private static void check(String table, ResultSet result, List<String> problems) throws SQLException {
		String role = result.getString(8);
		String enable = "add select foundation.enable_tenant_rls('" + table + "') to a migration";
		if (!result.getBoolean(2)) {
			problems.add("table " + table + " does not have row-level security enabled; " + enable);
		}
		else if (!result.getBoolean(3)) {
			problems.add("table " + table + " has row-level security enabled but not forced; " + enable);
		}
		if (!result.getBoolean(4)) {
			problems.add("table " + table + " has no row-level security policy; " + enable);
		}
		else if (!result.getBoolean(10)) {
			problems.add("table " + table + " has no tenant_isolation policy checking the foundation's tenant binding "
					+ "(bound_tenant()), so a statement could choose its tenant; " + enable);
		}
		String others = result.getString(9);
		if (others != null) {
			// Permissive policies are OR-ed: any one of them that lets a row through
			// widens the tenant policy.
			problems.add("table " + table + " has other permissive policies that apply to role " + role + " (" + others
					+ "); PostgreSQL grants a row when any permissive policy does, so they can show other "
					+ "tenants' rows: drop them, or make them RESTRICTIVE");
		}
		if (result.getBoolean(6)) {
			// About the role, not the table: said once however many tables there are.
			addOnce(problems, "role " + role + " is a superuser, which bypasses row-level security on every table; "
					+ "connect with a role that is not (keep the superuser for migrations)");
			return;
		}
		if (result.getBoolean(5)) {
			problems.add("role " + role + " owns table " + table + " (or is a member of its owner, perhaps NOINHERIT "
					+ "but able to SET ROLE), and owners can switch row-level security off and see every tenant "
					+ "(the system scope); let another role own the tables (run migrations as it) and connect with a "
					+ "role that is only granted select/insert/update/delete");
		}
		if (result.getBoolean(7)) {
			addOnce(problems, "role " + role + " has BYPASSRLS, so row-level security does not apply to it on any "
					+ "table; ALTER ROLE " + role + " NOBYPASSRLS");
		}
	}

	private static void addOnce(List<String> problems, String problem) {
		if (!problems.contains(problem)) {
			problems.add(problem);
		}
	}

}
