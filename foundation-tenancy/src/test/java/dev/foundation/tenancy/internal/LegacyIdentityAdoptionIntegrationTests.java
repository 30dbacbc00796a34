package dev.foundation.tenancy.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.UserIdentity;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.test.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link LegacyIdentityAdoption} on a real PostgreSQL migrated by the foundation's Flyway
 * history, with rows written as migration V2_7 leaves those stored before it: memberships
 * of issuer {@code ''} and organization ids of issuer {@code legacy:<provider kind>}. The
 * database is this class's own; every test starts without legacy rows.
 */
class LegacyIdentityAdoptionIntegrationTests {

	private static final String CLERK = "https://clerk.issuer.example";

	private static final String SECOND_CLERK = "https://second-clerk.issuer.example";

	private static final String SUPABASE = "https://supabase.issuer.example/auth/v1";

	private static String database;

	private static JdbcClient jdbc;

	private static DataSourceTransactionManager transactionManager;

	private JdbcTenantDirectory directory;

	private LegacyIdentityAdoption adoption;

	@BeforeAll
	static void migrateFreshDatabase() {
		TestPostgres postgres = TestPostgres.shared();
		database = postgres.createDatabase("legacy");
		DataSource dataSource = postgres.dataSource(database);
		new FoundationSchemaMigration(dataSource, "foundation", "foundation_schema_history", "classpath:db/foundation")
			.afterPropertiesSet();
		jdbc = JdbcClient.create(dataSource);
		transactionManager = new DataSourceTransactionManager(dataSource);
	}

	@AfterAll
	static void dropDatabase() {
		if (database != null) {
			TestPostgres.shared().dropDatabase(database);
		}
	}

	@BeforeEach
	void startWithoutLegacyRows() {
		jdbc.sql("delete from foundation.memberships where issuer = ''").update();
		jdbc.sql("delete from foundation.tenant_external_ids where issuer like 'legacy:%'").update();
		this.directory = new JdbcTenantDirectory(jdbc, transactionManager, "foundation", List.of());
		this.adoption = new LegacyIdentityAdoption(jdbc, transactionManager, "foundation");
	}

	@Test
	void rowsOfTheOnlyTrustedIssuerAreAssignedToIt() {
		Legacy legacy = legacyRows();

		this.adoption.adopt(null, Map.of(CLERK, AuthProvider.CLERK));

		assertThat(this.directory.membership(legacy.tenant(), new UserIdentity(CLERK, legacy.user())))
			.hasValueSatisfying((membership) -> assertThat(membership.role()).isEqualTo(TenantRole.MEMBER));
		assertThat(this.directory.findByExternalId(CLERK, legacy.organization())).map(Tenant::id)
			.contains(legacy.tenant());
		assertThat(legacyRowCount()).isZero();
	}

	@Test
	void organizationIdsGoToTheOnlyTrustedIssuerOfTheirProviderKind() {
		Legacy legacy = legacyRows();
		jdbc.sql("delete from foundation.memberships where issuer = ''").update();

		this.adoption.adopt(null, Map.of(CLERK, AuthProvider.CLERK, SUPABASE, AuthProvider.SUPABASE));

		assertThat(this.directory.findByExternalId(CLERK, legacy.organization())).map(Tenant::id)
			.contains(legacy.tenant());
		assertThat(this.directory.findByExternalId(SUPABASE, legacy.organization())).isEmpty();
	}

	@Test
	void legacyRowsAreNotHandedToOneOfTwoTrustedIssuersUnlessTheLegacyIssuerIsSet() {
		Legacy legacy = legacyRows();

		for (Map<String, AuthProvider> trusted : List.of(
				Map.of(CLERK, AuthProvider.CLERK, SUPABASE, AuthProvider.SUPABASE),
				Map.of(CLERK, AuthProvider.CLERK, SECOND_CLERK, AuthProvider.CLERK))) {
			assertThatExceptionOfType(InvalidFoundationPropertyException.class)
				.isThrownBy(() -> this.adoption.adopt(null, trusted))
				.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("foundation.tenancy.legacy-issuer"))
				.withMessageContaining("foundation.tenancy.legacy-issuer");
			assertThatExceptionOfType(InvalidFoundationPropertyException.class)
				.isThrownBy(() -> this.adoption.adopt(" ", trusted));
		}

		assertThat(legacyRowCount()).isEqualTo(2);
		assertThat(this.directory.membership(legacy.tenant(), new UserIdentity(CLERK, legacy.user()))).isEmpty();
		assertThat(this.directory.findByExternalId(CLERK, legacy.organization())).isEmpty();
	}

	@Test
	void legacyIssuerNamingOneOfTheTrustedIssuersGetsTheRows() {
		Legacy legacy = legacyRows();

		this.adoption.adopt(SECOND_CLERK, Map.of(CLERK, AuthProvider.CLERK, SECOND_CLERK, AuthProvider.CLERK));

		assertThat(this.directory.membership(legacy.tenant(), new UserIdentity(SECOND_CLERK, legacy.user())))
			.isPresent();
		assertThat(this.directory.membership(legacy.tenant(), new UserIdentity(CLERK, legacy.user()))).isEmpty();
		assertThat(this.directory.findByExternalId(SECOND_CLERK, legacy.organization())).map(Tenant::id)
			.contains(legacy.tenant());
		assertThat(this.directory.findByExternalId(CLERK, legacy.organization())).isEmpty();
		assertThat(legacyRowCount()).isZero();
	}

	@Test
	void legacyIssuerNamingAnUntrustedIssuerIsRefused() {
		legacyRows();

		assertThatExceptionOfType(InvalidFoundationPropertyException.class)
			.isThrownBy(() -> this.adoption.adopt("https://attacker.example", Map.of(CLERK, AuthProvider.CLERK)))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("foundation.tenancy.legacy-issuer"));

		assertThat(legacyRowCount()).isEqualTo(2);
	}

	@Test
	void withoutLegacyRowsNothingHappens() {
		UserIdentity owner = new UserIdentity(CLERK, "owner");
		Tenant tenant = this.directory.create(slug(), "Current", owner);

		// Not even the configuration is judged: there is nothing to adopt.
		this.adoption.adopt("https://untrusted.example", Map.of());
		this.adoption.adopt(null, Map.of(CLERK, AuthProvider.CLERK, SUPABASE, AuthProvider.SUPABASE));

		assertThat(this.directory.members(tenant.id())).singleElement()
			.satisfies((membership) -> assertThat(membership.user()).isEqualTo(owner));
		assertThat(legacyRowCount()).isZero();
	}

	/**
	 * A tenant with a membership and an organization id as they were stored before V2_7.
	 */
	private Legacy legacyRows() {
		Tenant tenant = this.directory.create(slug(), "Legacy", new UserIdentity(CLERK, "owner"));
		String user = "user_" + UUID.randomUUID();
		String organization = "org_" + UUID.randomUUID();
		jdbc.sql("insert into foundation.memberships (tenant_id, issuer, user_id, role) values (?, '', ?, 'member')")
			.params(tenant.id(), user)
			.update();
		jdbc.sql("insert into foundation.tenant_external_ids (tenant_id, issuer, external_id) "
				+ "values (?, 'legacy:clerk', ?)")
			.params(tenant.id(), organization)
			.update();
		return new Legacy(tenant.id(), user, organization);
	}

	private static long legacyRowCount() {
		return jdbc
			.sql("select (select count(*) from foundation.memberships where issuer = '')"
					+ " + (select count(*) from foundation.tenant_external_ids where issuer like 'legacy:%')")
			.query(Long.class)
			.single();
	}

	private static String slug() {
		return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	private record Legacy(UUID tenant, String user, String organization) {
	}

}
