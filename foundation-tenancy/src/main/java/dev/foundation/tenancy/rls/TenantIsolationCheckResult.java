package dev.foundation.tenancy.rls;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one run of the {@link TenantIsolationSelfCheck}.
 *
 * @param tables the tables that were checked, in the order they were given
 * @param problems one sentence per problem found, naming the table and the fix; empty
 * when all is well (or when the check could not run)
 * @param checkedAt when the check ran
 * @param failure why the catalog could not be read, or {@code null} when the check ran
 */
public record TenantIsolationCheckResult(List<String> tables, List<String> problems, Instant checkedAt,
		@Nullable SQLException failure) {

	public TenantIsolationCheckResult {
		tables = List.copyOf(tables);
		problems = List.copyOf(problems);
	}

}
