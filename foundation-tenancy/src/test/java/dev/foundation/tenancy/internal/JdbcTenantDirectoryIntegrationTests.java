package dev.foundation.tenancy.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.UserIdentity;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.error.ConflictException;
import dev.foundation.core.error.NotFoundException;
import dev.foundation.core.error.ValidationException;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.MembershipChange;
import dev.foundation.tenancy.MembershipListener;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantChange;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.TenantStatus;
import dev.foundation.test.TestPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link JdbcTenantDirectory} against a real PostgreSQL migrated by the foundation's own
 * Flyway history. Tests share one database and keep apart by random slugs and ids.
 */
class JdbcTenantDirectoryIntegrationTests {

	private static final int REPETITIONS = 20;

	private static DataSource dataSource;

	private static JdbcClient jdbc;

	private static DataSourceTransactionManager transactionManager;

	private static ExecutorService executor;

	private final List<MembershipChange> changes = new CopyOnWriteArrayList<>();

	private final List<MembershipListener> listeners = new ArrayList<>(List.of(this.changes::add));

	private final List<TenantChange> tenantChanges = new CopyOnWriteArrayList<>();

	private Directory directory;

	@BeforeAll
	static void migrateFreshDatabase() {
		TestPostgres postgres = TestPostgres.shared();
		dataSource = postgres.dataSource(postgres.createDatabase("tenancy"));
		new FoundationSchemaMigration(dataSource, "foundation", "foundation_schema_history", "classpath:db/foundation")
			.afterPropertiesSet();
		jdbc = JdbcClient.create(dataSource);
		transactionManager = new DataSourceTransactionManager(dataSource);
		executor = Executors.newFixedThreadPool(8);
	}

	@AfterAll
	static void stopExecutor() {
		executor.shutdownNow();
	}

	@BeforeEach
	void createDirectory() {
		this.directory = new Directory(new JdbcTenantDirectory(jdbc, transactionManager, "foundation", this.listeners,
				List.of(this.tenantChanges::add)));
	}

	@Test
	void createdTenantIsActiveAndHasItsOwner() {
		String slug = slug();

		Tenant tenant = this.directory.create(slug, "  Acme Corp ", "user-1");

		assertThat(tenant.slug()).isEqualTo(slug);
		assertThat(tenant.name()).isEqualTo("Acme Corp");
		assertThat(tenant.status()).isEqualTo(TenantStatus.ACTIVE);
		assertThat(tenant.isActive()).isTrue();
		assertThat(this.directory.find(tenant.id())).contains(tenant);
		assertThat(this.directory.findBySlug(slug)).contains(tenant);
		assertThat(this.directory.members(tenant.id())).singleElement().satisfies((owner) -> {
			assertThat(owner.userId()).isEqualTo("user-1");
			assertThat(owner.role()).isEqualTo(TenantRole.OWNER);
		});
		assertThat(this.changes).containsExactly(change(tenant, "user-1", null, TenantRole.OWNER, null));
	}

	@Test
	void unknownTenantsAreNotFound() {
		UUID unknown = UUID.randomUUID();

		assertThat(this.directory.find(unknown)).isEmpty();
		assertThat(this.directory.findBySlug(slug())).isEmpty();
		assertThat(this.directory.findByExternalId(AuthProvider.CLERK, "org_unknown")).isEmpty();
		assertThat(this.directory.membership(unknown, "user-1")).isEmpty();
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.directory.members(unknown));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.directory.suspend(unknown));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.directory.activate(unknown));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.directory.grant(unknown, "user-1", TenantRole.MEMBER));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.directory.revoke(unknown, "user-1"));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.directory.linkExternalId(unknown, AuthProvider.CLERK, "org_" + unknown));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a", "-acme", "Acme", "acme_corp", "acme corp", "café", "acme.corp",
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
	void rejectsInvalidSlug(String slug) {
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.directory.create(slug, "Acme", "user-1"))
			.satisfies((ex) -> assertThat(ex.getViolations()).singleElement()
				.satisfies((violation) -> assertThat(violation.field()).isEqualTo("slug")));
		assertThat(this.changes).isEmpty();
	}

	@Test
	void acceptsSlugsAtTheLimits() {
		String longest = slug() + "-" + "x".repeat(63 - slug().length() - 1);

		assertThat(this.directory.create("a1", "Short", "user-1").slug()).isEqualTo("a1");
		assertThat(this.directory.create(longest, "Long", "user-1").slug()).hasSize(63);
	}

	@Test
	void rejectsBlankNameAndOwner() {
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.directory.create(slug(), " \t", "user-1"))
			.satisfies((ex) -> assertThat(ex.getViolations().get(0).field()).isEqualTo("name"));
		// A blank user is no identity at all; what reaches the directory is still
		// bounded.
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.create(slug(), "Acme", " "));
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.directory.create(slug(), "Acme", "u".repeat(TenantInputs.MAX_ID_LENGTH + 1)))
			.satisfies((ex) -> assertThat(ex.getViolations().get(0).field()).isEqualTo("owner.subject"));
	}

	@Test
	void duplicateSlugIsAConflictAndLeavesNothingBehind() {
		String slug = slug();
		Tenant first = this.directory.create(slug, "First", "user-1");
		this.changes.clear();

		String secondOwner = "user-" + UUID.randomUUID();

		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.directory.create(slug, "Second", secondOwner))
			.withMessageContaining(slug);
		assertThat(this.directory.findBySlug(slug)).contains(first);
		assertThat(jdbc.sql("select count(*) from foundation.memberships where user_id = ?")
			.param(secondOwner)
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.changes).isEmpty();
	}

	@Test
	void externalIdsAreLinkedOncePerProvider() {
		Tenant tenant = this.directory.create(slug(), "Acme", "user-1");
		Tenant other = this.directory.create(slug(), "Other", "user-1");
		String orgId = "org_" + UUID.randomUUID();

		this.directory.linkExternalId(tenant.id(), AuthProvider.CLERK, orgId);
		this.directory.linkExternalId(tenant.id(), AuthProvider.CLERK, orgId);
		this.directory.linkExternalId(other.id(), AuthProvider.SUPABASE, orgId);

		assertThat(this.directory.findByExternalId(AuthProvider.CLERK, orgId)).contains(tenant);
		assertThat(this.directory.findByExternalId(AuthProvider.SUPABASE, orgId)).contains(other);
		assertThat(this.directory.findByExternalId(AuthProvider.CUSTOM, orgId)).isEmpty();
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.directory.linkExternalId(other.id(), AuthProvider.CLERK, orgId));
		assertThat(this.directory.findByExternalId(AuthProvider.CLERK, orgId)).contains(tenant);
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.directory.linkExternalId(tenant.id(), AuthProvider.CLERK, " "));
	}

	@Test
	void suspendAndActivate() {
		Tenant tenant = this.directory.create(slug(), "Acme", "user-1");

		this.directory.suspend(tenant.id());
		this.directory.suspend(tenant.id());
		assertThat(this.directory.find(tenant.id())).hasValueSatisfying((found) -> {
			assertThat(found.status()).isEqualTo(TenantStatus.SUSPENDED);
			assertThat(found.isActive()).isFalse();
		});

		this.directory.activate(tenant.id());
		assertThat(this.directory.find(tenant.id()).map(Tenant::status)).contains(TenantStatus.ACTIVE);
	}

	@Test
	void tenantListenersHearRealChangesOnly() {
		Tenant tenant = this.directory.create(slug(), "Acme", "user-1");
		String orgId = "org_" + UUID.randomUUID();

		try (RequestContexts.Scope scope = RequestContexts.bind(RequestContext.detached().withUserId("admin-1"))) {
			this.directory.suspend(tenant.id());
			this.directory.suspend(tenant.id());
			this.directory.activate(tenant.id());
			this.directory.activate(tenant.id());
			this.directory.linkExternalId(tenant.id(), AuthProvider.CLERK, orgId);
			this.directory.linkExternalId(tenant.id(), AuthProvider.CLERK, orgId);
		}

		assertThat(this.tenantChanges).containsExactly(new TenantChange(tenant.id(), TenantChange.Kind.CREATED, null),
				new TenantChange(tenant.id(), TenantChange.Kind.SUSPENDED, "admin-1"),
				new TenantChange(tenant.id(), TenantChange.Kind.ACTIVATED, "admin-1"),
				new TenantChange(tenant.id(), TenantChange.Kind.EXTERNAL_ID_LINKED, "admin-1"));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.directory.suspend(UUID.randomUUID()));
		assertThat(this.tenantChanges).hasSize(4);
	}

	@Test
	void tenantListenersHearOfSuspensionOnlyAfterCommitAndNothingOfARollback() {
		Tenant tenant = this.directory.create(slug(), "Acme", "user-1");
		this.tenantChanges.clear();
		TransactionTemplate transaction = new TransactionTemplate(transactionManager);

		transaction.executeWithoutResult((status) -> {
			this.directory.suspend(tenant.id());
			status.setRollbackOnly();
		});
		assertThat(this.tenantChanges).isEmpty();
		assertThat(this.directory.find(tenant.id()).map(Tenant::status)).contains(TenantStatus.ACTIVE);

		transaction.executeWithoutResult((status) -> {
			this.directory.suspend(tenant.id());
			assertThat(this.tenantChanges).isEmpty();
		});
		assertThat(this.tenantChanges).extracting(TenantChange::kind).containsExactly(TenantChange.Kind.SUSPENDED);
	}

	@Test
	void eraseRefusesTheTenantForGoodAndIsReportedOnEveryCall() {
		Tenant tenant = this.directory.create(slug(), "Acme", "user-1");
		this.directory.suspend(tenant.id());
		this.tenantChanges.clear();

		this.directory.erase(tenant.id());
		this.directory.erase(tenant.id());
		this.directory.suspend(tenant.id());

		assertThat(this.directory.find(tenant.id()).map(Tenant::status)).contains(TenantStatus.ERASED);
		assertThat(this.directory.find(tenant.id()).map(Tenant::isActive)).contains(false);
		assertThat(this.tenantChanges).extracting(TenantChange::kind)
			.containsExactly(TenantChange.Kind.ERASED, TenantChange.Kind.ERASED);
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.directory.activate(tenant.id()));
		assertThat(this.directory.find(tenant.id()).map(Tenant::status)).contains(TenantStatus.ERASED);
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.directory.erase(UUID.randomUUID()));
	}

	@Test
	void provisioningReportsTheNewTenantOnce() {
		String orgId = "org_" + UUID.randomUUID();

		Tenant tenant = this.directory.provision(AuthProvider.CLERK, orgId, null, "Acme", "user-1", TenantRole.ADMIN);
		this.directory.provision(AuthProvider.CLERK, orgId, null, "Acme", "user-2", TenantRole.MEMBER);

		assertThat(this.tenantChanges).containsExactly(new TenantChange(tenant.id(), TenantChange.Kind.CREATED, null));
	}

	@Test
	void grantAddsAndChangesMembershipsAndRevokeRemovesThem() {
		Tenant tenant = this.directory.create(slug(), "Acme", "owner");
		this.changes.clear();

		Membership granted = this.directory.grant(tenant.id(), "user-2", TenantRole.VIEWER);
		Membership again = this.directory.grant(tenant.id(), "user-2", TenantRole.VIEWER);
		Membership changed = this.directory.grant(tenant.id(), "user-2", TenantRole.ADMIN);

		assertThat(granted.role()).isEqualTo(TenantRole.VIEWER);
		assertThat(again).isEqualTo(granted);
		assertThat(changed.role()).isEqualTo(TenantRole.ADMIN);
		assertThat(changed.createdAt()).isEqualTo(granted.createdAt());
		assertThat(changed.grants(TenantRole.MEMBER)).isTrue();
		assertThat(this.directory.membership(tenant.id(), "user-2")).contains(changed);

		this.directory.revoke(tenant.id(), "user-2");
		this.directory.revoke(tenant.id(), "user-2");

		assertThat(this.directory.membership(tenant.id(), "user-2")).isEmpty();
		assertThat(this.changes).containsExactly(change(tenant, "user-2", null, TenantRole.VIEWER, null),
				change(tenant, "user-2", TenantRole.VIEWER, TenantRole.ADMIN, null),
				change(tenant, "user-2", TenantRole.ADMIN, null, null));
	}

	@Test
	void membersAreListedHighestRoleFirst() {
		Tenant tenant = this.directory.create(slug(), "Acme", "owner");
		this.directory.grant(tenant.id(), "viewer", TenantRole.VIEWER);
		this.directory.grant(tenant.id(), "admin", TenantRole.ADMIN);
		this.directory.grant(tenant.id(), "member", TenantRole.MEMBER);

		assertThat(this.directory.members(tenant.id())).extracting(Membership::userId)
			.containsExactly("owner", "admin", "member", "viewer");
	}

	@Test
	void lastOwnerCannotBeDemotedOrRemoved() {
		Tenant tenant = this.directory.create(slug(), "Acme", "owner-1");
		this.changes.clear();

		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.directory.grant(tenant.id(), "owner-1", TenantRole.ADMIN))
			.withMessageContaining("last owner");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.directory.revoke(tenant.id(), "owner-1"));
		assertThat(this.directory.membership(tenant.id(), "owner-1").map(Membership::role)).contains(TenantRole.OWNER);
		assertThat(this.changes).isEmpty();
	}

	@Test
	void ownerCanLeaveOnceAnotherOwnerExists() {
		Tenant tenant = this.directory.create(slug(), "Acme", "owner-1");
		this.directory.grant(tenant.id(), "owner-2", TenantRole.OWNER);

		this.directory.grant(tenant.id(), "owner-1", TenantRole.MEMBER);
		this.directory.revoke(tenant.id(), "owner-1");

		assertThat(this.directory.members(tenant.id())).extracting(Membership::userId).containsExactly("owner-2");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.directory.revoke(tenant.id(), "owner-2"));
	}

	@Test
	void concurrentRemovalOfTheTwoLastOwnersLeavesOne() throws Exception {
		for (int i = 0; i < REPETITIONS; i++) {
			Tenant tenant = this.directory.create(slug(), "Acme", "owner-a");
			this.directory.grant(tenant.id(), "owner-b", TenantRole.OWNER);
			CountDownLatch start = new CountDownLatch(1);
			// One removes, the other demotes: both paths must respect the rule against
			// each other.
			Future<Boolean> removeA = executor
				.submit(() -> succeeds(start, () -> this.directory.revoke(tenant.id(), "owner-a")));
			Future<Boolean> demoteB = executor
				.submit(() -> succeeds(start, () -> this.directory.grant(tenant.id(), "owner-b", TenantRole.MEMBER)));
			start.countDown();

			assertThat(List.of(removeA.get(30, TimeUnit.SECONDS), demoteB.get(30, TimeUnit.SECONDS)))
				.as("repetition %d", i)
				.containsExactlyInAnyOrder(true, false);
			assertThat(this.directory.members(tenant.id())).filteredOn((m) -> m.role() == TenantRole.OWNER).hasSize(1);
		}
	}

	@Test
	void concurrentRevokesOfBothOwnersLeaveOne() throws Exception {
		for (int i = 0; i < REPETITIONS; i++) {
			Tenant tenant = this.directory.create(slug(), "Acme", "owner-a");
			this.directory.grant(tenant.id(), "owner-b", TenantRole.OWNER);
			CountDownLatch start = new CountDownLatch(1);
			Future<Boolean> a = executor
				.submit(() -> succeeds(start, () -> this.directory.revoke(tenant.id(), "owner-a")));
			Future<Boolean> b = executor
				.submit(() -> succeeds(start, () -> this.directory.revoke(tenant.id(), "owner-b")));
			start.countDown();

			assertThat(List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS))).as("repetition %d", i)
				.containsExactlyInAnyOrder(true, false);
			assertThat(this.directory.members(tenant.id())).singleElement()
				.satisfies((m) -> assertThat(m.role()).isEqualTo(TenantRole.OWNER));
		}
	}

	@Test
	void provisioningCreatesTenantExternalIdAndMembership() {
		String orgId = "org_" + UUID.randomUUID();
		String hint = slug();

		Tenant tenant = this.directory.provision(AuthProvider.CLERK, orgId, hint, "Acme", "user-1", TenantRole.ADMIN);

		assertThat(tenant.slug()).isEqualTo(hint);
		assertThat(tenant.name()).isEqualTo("Acme");
		assertThat(this.directory.findByExternalId(AuthProvider.CLERK, orgId)).contains(tenant);
		assertThat(this.directory.members(tenant.id())).singleElement()
			.satisfies((m) -> assertThat(m.role()).isEqualTo(TenantRole.ADMIN));
		assertThat(this.changes).containsExactly(change(tenant, "user-1", null, TenantRole.ADMIN, null));
	}

	@Test
	void provisioningAnExistingTenantAddsTheCallerButNeverChangesRoles() {
		String orgId = "org_" + UUID.randomUUID();
		Tenant tenant = this.directory.create(slug(), "Acme", "owner");
		this.directory.linkExternalId(tenant.id(), AuthProvider.CLERK, orgId);
		this.changes.clear();

		Tenant forOwner = this.directory.provision(AuthProvider.CLERK, orgId, "x", "Other", "owner", TenantRole.VIEWER);
		Tenant forNewcomer = this.directory.provision(AuthProvider.CLERK, orgId, "x", "Other", "new",
				TenantRole.MEMBER);

		assertThat(forOwner).isEqualTo(tenant);
		assertThat(forNewcomer).isEqualTo(tenant);
		assertThat(this.directory.membership(tenant.id(), "owner").map(Membership::role)).contains(TenantRole.OWNER);
		assertThat(this.directory.membership(tenant.id(), "new").map(Membership::role)).contains(TenantRole.MEMBER);
		assertThat(this.changes).containsExactly(change(tenant, "new", null, TenantRole.MEMBER, null));
	}

	@Test
	void provisioningMakesTheSlugUnique() {
		String base = slug();
		this.directory.create(base, "Taken", "user-1");
		this.directory.create(base + "-2", "Taken too", "user-1");

		Tenant third = this.directory.provision(AuthProvider.SUPABASE, UUID.randomUUID().toString(), base.toUpperCase(),
				"Acme", "user-1", TenantRole.OWNER);
		Tenant fromName = this.directory.provision(AuthProvider.SUPABASE, UUID.randomUUID().toString(), null,
				"Café " + base, "user-1", TenantRole.OWNER);

		assertThat(third.slug()).isEqualTo(base + "-3");
		assertThat(fromName.slug()).isEqualTo("cafe-" + base);
	}

	@Test
	void provisioningReturnsASuspendedTenantAsItIs() {
		String orgId = "org_" + UUID.randomUUID();
		Tenant tenant = this.directory.provision(AuthProvider.CLERK, orgId, slug(), "Acme", "user-1", TenantRole.OWNER);
		this.directory.suspend(tenant.id());

		Tenant again = this.directory.provision(AuthProvider.CLERK, orgId, "x", "Acme", "user-1", TenantRole.OWNER);

		assertThat(again.id()).isEqualTo(tenant.id());
		assertThat(again.status()).isEqualTo(TenantStatus.SUSPENDED);
	}

	@Test
	void provisioningRejectsBlankInput() {
		assertThatExceptionOfType(ValidationException.class).isThrownBy(
				() -> this.directory.provision(AuthProvider.CLERK, " ", "acme", "Acme", "user-1", TenantRole.MEMBER))
			.satisfies((ex) -> assertThat(ex.getViolations().get(0).field()).isEqualTo("externalId"));
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> this.directory.provision(AuthProvider.CLERK, "org_1", "acme", "Acme",
					"u".repeat(TenantInputs.MAX_ID_LENGTH + 1), TenantRole.MEMBER))
			.satisfies((ex) -> assertThat(ex.getViolations().get(0).field()).isEqualTo("user.subject"));
		assertThatExceptionOfType(ValidationException.class).isThrownBy(
				() -> this.directory.provision(AuthProvider.CLERK, "org_1", "acme", " ", "user-1", TenantRole.MEMBER))
			.satisfies((ex) -> assertThat(ex.getViolations().get(0).field()).isEqualTo("name"));
	}

	@Test
	void concurrentFirstRequestsOfAnOrganizationProvisionItOnce() throws Exception {
		for (int i = 0; i < 5; i++) {
			String orgId = "org_" + UUID.randomUUID();
			String hint = slug();
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Tenant>> results = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				String user = "user-" + (thread % 5);
				results.add(executor.submit(() -> {
					start.await();
					return this.directory.provision(AuthProvider.CLERK, orgId, hint, "Acme", user, TenantRole.MEMBER);
				}));
			}
			start.countDown();
			Set<UUID> tenantIds = new HashSet<>();
			for (Future<Tenant> result : results) {
				tenantIds.add(result.get(30, TimeUnit.SECONDS).id());
			}

			assertThat(tenantIds).as("repetition %d", i).hasSize(1);
			UUID tenantId = tenantIds.iterator().next();
			assertThat(jdbc.sql("select count(*) from foundation.tenants where slug like ?")
				.param(hint + "%")
				.query(Integer.class)
				.single()).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from foundation.tenant_external_ids where external_id = ?")
				.param(orgId)
				.query(Integer.class)
				.single()).isEqualTo(1);
			assertThat(this.directory.members(tenantId)).extracting(Membership::userId)
				.containsExactlyInAnyOrder("user-0", "user-1", "user-2", "user-3", "user-4");
			assertThat(this.changes.stream().filter((c) -> c.tenantId().equals(tenantId))).hasSize(5);
		}
	}

	@Test
	void listenersHearOfChangesOnlyAfterCommit() {
		Tenant tenant = this.directory.create(slug(), "Acme", "owner");
		this.changes.clear();
		TransactionTemplate transaction = new TransactionTemplate(transactionManager);

		transaction.executeWithoutResult((status) -> {
			this.directory.grant(tenant.id(), "user-2", TenantRole.MEMBER);
			this.directory.grant(tenant.id(), "user-2", TenantRole.ADMIN);
			assertThat(this.changes).isEmpty();
		});

		assertThat(this.changes).containsExactly(change(tenant, "user-2", null, TenantRole.MEMBER, null),
				change(tenant, "user-2", TenantRole.MEMBER, TenantRole.ADMIN, null));
	}

	@Test
	void listenersHearNothingOfARolledBackChange() {
		Tenant tenant = this.directory.create(slug(), "Acme", "owner");
		this.changes.clear();
		TransactionTemplate transaction = new TransactionTemplate(transactionManager);

		transaction.executeWithoutResult((status) -> {
			this.directory.grant(tenant.id(), "user-2", TenantRole.MEMBER);
			status.setRollbackOnly();
		});

		assertThat(this.changes).isEmpty();
		assertThat(this.directory.membership(tenant.id(), "user-2")).isEmpty();
	}

	@Test
	void changeNamesTheActorOfTheBoundRequestContext() {
		Tenant tenant = this.directory.create(slug(), "Acme", "owner");
		this.changes.clear();

		try (RequestContexts.Scope scope = RequestContexts.bind(RequestContext.detached().withUserId("owner"))) {
			this.directory.grant(tenant.id(), "user-2", TenantRole.VIEWER);
		}

		assertThat(this.changes).containsExactly(change(tenant, "user-2", null, TenantRole.VIEWER, "owner"));
	}

	@Test
	void failingListenerNeitherFailsTheChangeNorSilencesOthers() {
		List<MembershipChange> heard = new CopyOnWriteArrayList<>();
		this.listeners.add(0, (change) -> {
			throw new IllegalStateException("audit store down");
		});
		this.listeners.add(heard::add);
		Tenant tenant = this.directory.create(slug(), "Acme", "owner");

		this.directory.grant(tenant.id(), "user-2", TenantRole.MEMBER);

		assertThat(this.directory.membership(tenant.id(), "user-2")).isPresent();
		assertThat(heard).extracting((change) -> change.user().subject()).containsExactly("owner", "user-2");
	}

	@Test
	void sameSubjectOfTwoIssuersHoldsTwoSeparateMemberships() {
		JdbcTenantDirectory directory = this.directory.target();
		UserIdentity aliceOfClerk = new UserIdentity(issuer(AuthProvider.CLERK), "alice");
		UserIdentity aliceOfOther = new UserIdentity(issuer(AuthProvider.CUSTOM), "alice");
		Tenant tenant = directory.create(slug(), "Acme", aliceOfClerk);

		assertThat(directory.membership(tenant.id(), aliceOfOther)).isEmpty();
		directory.grant(tenant.id(), aliceOfOther, TenantRole.VIEWER);

		assertThat(directory.membership(tenant.id(), aliceOfClerk)).map(Membership::role).contains(TenantRole.OWNER);
		assertThat(directory.membership(tenant.id(), aliceOfOther)).map(Membership::role).contains(TenantRole.VIEWER);
		assertThat(directory.members(tenant.id())).extracting(Membership::user)
			.containsExactly(aliceOfClerk, aliceOfOther);
		// The other issuer's alice is not an owner: revoking her leaves the owner, who
		// stays the last one.
		directory.revoke(tenant.id(), aliceOfOther);
		assertThat(directory.members(tenant.id())).extracting(Membership::user).containsExactly(aliceOfClerk);
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> directory.revoke(tenant.id(), aliceOfClerk));
		assertThat(this.changes).extracting(MembershipChange::user)
			.containsExactly(aliceOfClerk, aliceOfOther, aliceOfOther);
	}

	@Test
	void sameOrganizationIdOfTwoIssuersNamesTwoTenants() {
		JdbcTenantDirectory directory = this.directory.target();
		// Two Clerk instances: one provider kind, two issuers, each choosing its own
		// organization ids.
		String first = issuer(AuthProvider.CLERK);
		String second = "https://second-clerk.issuer.example";
		String organization = "org_" + UUID.randomUUID();

		Tenant ofFirst = directory.provision(first, organization, null, "First", new UserIdentity(first, "alice"),
				TenantRole.ADMIN);
		Tenant ofSecond = directory.provision(second, organization, null, "Second", new UserIdentity(second, "alice"),
				TenantRole.ADMIN);

		assertThat(ofSecond.id()).isNotEqualTo(ofFirst.id());
		assertThat(directory.findByExternalId(first, organization)).map(Tenant::id).contains(ofFirst.id());
		assertThat(directory.findByExternalId(second, organization)).map(Tenant::id).contains(ofSecond.id());
		assertThat(directory.membership(ofFirst.id(), new UserIdentity(second, "alice"))).isEmpty();
		assertThat(directory.membership(ofSecond.id(), new UserIdentity(first, "alice"))).isEmpty();
		// A third issuer's id may be linked too; an issuer's id stays linked to its one
		// tenant.
		Tenant third = directory.create(slug(), "Third", user("owner"));
		directory.linkExternalId(third.id(), "https://third.issuer.example", organization);
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> directory.linkExternalId(third.id(), first, organization));
		// A user of one issuer never joins the other's organization through provisioning.
		assertThatIllegalArgumentException().isThrownBy(() -> directory.provision(first, organization, null, "First",
				new UserIdentity(second, "mallory"), TenantRole.OWNER));
		assertThat(directory.membership(ofFirst.id(), new UserIdentity(second, "mallory"))).isEmpty();
	}

	@Test
	void rejectsUnsafeSchemaName() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new JdbcTenantDirectory(jdbc, transactionManager, "public; drop table x", List.of()));
	}

	private static boolean succeeds(CountDownLatch start, Runnable work) throws InterruptedException {
		start.await();
		try {
			work.run();
			return true;
		}
		catch (ConflictException ex) {
			return false;
		}
	}

	private static MembershipChange change(Tenant tenant, String userId, TenantRole oldRole, TenantRole newRole,
			String actor) {
		return new MembershipChange(tenant.id(), user(userId), oldRole, newRole, actor);
	}

	private static String slug() {
		return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	static String issuer(AuthProvider provider) {
		return "https://" + provider.name().toLowerCase(java.util.Locale.ROOT) + ".issuer.example";
	}

	static UserIdentity user(String subject) {
		return new UserIdentity(issuer(AuthProvider.CLERK), subject);
	}

	/**
	 * The directory as most of these tests use it: users and organizations of one issuer
	 * per provider kind, users by subject (of the Clerk issuer).
	 */
	record Directory(JdbcTenantDirectory target) {

		Tenant create(String slug, String name, String owner) {
			return this.target.create(slug, name, user(owner));
		}

		Optional<Tenant> find(UUID id) {
			return this.target.find(id);
		}

		Optional<Tenant> findBySlug(String slug) {
			return this.target.findBySlug(slug);
		}

		Optional<Tenant> findByExternalId(AuthProvider provider, String externalId) {
			return this.target.findByExternalId(issuer(provider), externalId);
		}

		void linkExternalId(UUID tenantId, AuthProvider provider, String externalId) {
			this.target.linkExternalId(tenantId, issuer(provider), externalId);
		}

		void suspend(UUID tenantId) {
			this.target.suspend(tenantId);
		}

		void activate(UUID tenantId) {
			this.target.activate(tenantId);
		}

		void erase(UUID tenantId) {
			this.target.erase(tenantId);
		}

		Optional<Membership> membership(UUID tenantId, String subject) {
			return this.target.membership(tenantId, user(subject));
		}

		List<Membership> members(UUID tenantId) {
			return this.target.members(tenantId);
		}

		Membership grant(UUID tenantId, String subject, TenantRole role) {
			return this.target.grant(tenantId, user(subject), role);
		}

		void revoke(UUID tenantId, String subject) {
			this.target.revoke(tenantId, user(subject));
		}

		Tenant provision(AuthProvider provider, String externalId, @Nullable String slugHint, String name,
				String subject, TenantRole role) {
			return this.target.provision(issuer(provider), externalId, slugHint, name,
					new UserIdentity(issuer(provider), subject), role);
		}

	}

}
