package dev.foundation.audit.autoconfigure;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.foundation.audit.AuditChainVerifier;
import dev.foundation.audit.AuditCheckpoints;
import dev.foundation.audit.AuditDetailProtector;
import dev.foundation.audit.AuditEventQuery;
import dev.foundation.audit.AuditLog;
import dev.foundation.audit.AuditTenantScope;
import dev.foundation.audit.Audited;
import dev.foundation.audit.ChainVerification;
import dev.foundation.audit.RedactingDetailProtector;
import dev.foundation.audit.SignedCheckpoint;
import dev.foundation.audit.internal.BatchingAuditWriter;
import dev.foundation.audit.internal.CheckpointSignatures;
import dev.foundation.audit.internal.RequestContextAuditTenantScope;
import dev.foundation.audit.internal.TenancyAuditListener;
import dev.foundation.audit.internal.TenancyAuditTenantScope;
import dev.foundation.core.auth.apikey.ApiKeyService;
import dev.foundation.core.auth.apikey.IssuedApiKey;
import dev.foundation.core.auth.autoconfigure.ApiKeyAutoConfiguration;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.context.autoconfigure.RequestContextAutoConfiguration;
import dev.foundation.core.persistence.autoconfigure.FoundationSchemaAutoConfiguration;
import dev.foundation.tenancy.persistence.TenantScope;
import dev.foundation.test.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The audit auto-configuration against a real database: its beans, switch, back-off, the
 * variant without tenancy, {@code @Audited} around {@code @Transactional}, and the
 * request context on {@code @Async} threads.
 */
class AuditAutoConfigurationIntegrationTests {

	private static String database;

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				AopAutoConfiguration.class, FoundationSchemaAutoConfiguration.class, AuditAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + TestPostgres.shared().jdbcUrl(database),
				"spring.datasource.username=" + TestPostgres.shared().username(),
				"spring.datasource.password=" + TestPostgres.shared().password());

	@BeforeAll
	static void createDatabase() {
		database = TestPostgres.shared().createDatabase("audit_config");
	}

	@AfterAll
	static void dropDatabase() {
		TestPostgres.shared().dropDatabase(database);
	}

	@Test
	void providesTheAuditLogWithTenancyGlue() {
		this.contexts.run((context) -> {
			assertThat(context).hasSingleBean(AuditLog.class)
				.hasSingleBean(AuditChainVerifier.class)
				.hasSingleBean(AuditEventQuery.class)
				.hasSingleBean(BatchingAuditWriter.class)
				.hasSingleBean(TenancyAuditListener.class);
			assertThat(context.getBean(AuditDetailProtector.class)).isInstanceOf(RedactingDetailProtector.class);
			assertThat(context.getBean(AuditTenantScope.class)).isInstanceOf(TenancyAuditTenantScope.class);
			UUID tenant = UUID.randomUUID();
			context.getBean(AuditLog.class).event("test.event").tenant(tenant).record();
			assertThat(context.getBean(AuditChainVerifier.class).verify(tenant).intact()).isTrue();
		});
	}

	@Test
	void apiKeyIssueAndRevocationAreRecordedWithoutTheSecret() {
		this.contexts.withConfiguration(AutoConfigurations.of(ApiKeyAutoConfiguration.class))
			.withPropertyValues("foundation.auth.api-keys.enabled=true")
			.run((context) -> {
				ApiKeyService apiKeys = context.getBean(ApiKeyService.class);
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
				UUID tenant = UUID.randomUUID();
				IssuedApiKey issued = apiKeys.issue("exporter", tenant.toString(), Set.of("reader", "billing"), null);
				apiKeys.revoke(tenant.toString(), issued.key().id());
				IssuedApiKey other = apiKeys.issue("legacy", "acme", Set.of(), null);

				List<Map<String, Object>> events = jdbc.queryForList(
						"select action, tenant_id, details::text as details from foundation.audit_events "
								+ "where resource_type = 'api_key' and resource_id in (?, ?) order by occurred_at",
						issued.key().id().toString(), other.key().id().toString());
				assertThat(events).extracting((row) -> row.get("action"))
					.containsExactly("api-key.issued", "api-key.revoked", "api-key.issued");
				assertThat(events.get(0).get("tenant_id")).isEqualTo(tenant);
				assertThat((String) events.get(0).get("details")).contains("\"exporter\"", "\"billing\"")
					.doesNotContain(issued.plaintext());
				assertThat(events.get(2).get("tenant_id")).as("not a tenant UUID: the system chain").isNull();
				assertThat((String) events.get(2).get("details")).contains("\"acme\"");
				assertThat(context.getBean(AuditChainVerifier.class).verify(tenant).intact()).isTrue();
			});
	}

	@Test
	void switchesOff() {
		this.contexts.withPropertyValues("foundation.audit.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AuditLog.class)
				.doesNotHaveBean(BatchingAuditWriter.class));
	}

	@Test
	void worksWithoutTenancy() {
		this.contexts.withClassLoader(new FilteredClassLoader(TenantScope.class)).run((context) -> {
			assertThat(context).hasSingleBean(AuditLog.class).doesNotHaveBean(TenancyAuditListener.class);
			assertThat(context.getBean(AuditTenantScope.class)).isInstanceOf(RequestContextAuditTenantScope.class);
		});
	}

	@Test
	void backsOffToTheApplicationsProtector() {
		this.contexts.withBean(AuditDetailProtector.class, () -> (tenant, column, value) -> "encrypted")
			.run((context) -> assertThat(context.getBean(AuditDetailProtector.class))
				.isNotInstanceOf(RedactingDetailProtector.class));
	}

	@Test
	void auditedMethodRecordsSuccessInItsTransactionAndFailureOnRollback() {
		this.contexts.withUserConfiguration(AuditedService.Config.class).run((context) -> {
			AuditedService service = context.getBean(AuditedService.class);
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
			String ok = UUID.randomUUID().toString();
			service.succeed(ok);
			assertThat(outcomes(jdbc, ok)).containsExactly("success");

			String thrown = UUID.randomUUID().toString();
			assertThatIllegalStateException().isThrownBy(() -> service.fail(thrown));
			assertThat(outcomes(jdbc, thrown)).containsExactly("failure");

			String rolledBack = UUID.randomUUID().toString();
			service.returnButRollBack(rolledBack);
			assertThat(outcomes(jdbc, rolledBack)).containsExactly("failure");
		});
	}

	@Test
	void requestContextReachesEventsRecordedOnAsyncThreads() {
		this.contexts
			.withConfiguration(
					AutoConfigurations.of(RequestContextAutoConfiguration.class, TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(AsyncRecorder.Config.class)
			.run((context) -> {
				UUID tenant = UUID.randomUUID();
				RequestContext request = new RequestContext("corr-async-" + UUID.randomUUID(), null, "203.0.113.7",
						"agent/1.0", Instant.now(), "user-async", tenant.toString());
				String callerThread = Thread.currentThread().getName();
				String recordedOn;
				try (RequestContexts.Scope scope = RequestContexts.bind(request)) {
					recordedOn = context.getBean(AsyncRecorder.class).record().get(30, TimeUnit.SECONDS);
				}
				assertThat(recordedOn).isNotEqualTo(callerThread);
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
				Map<String, Object> event = jdbc.queryForMap(
						"select tenant_id, actor_id, actor_kind, correlation_id, client_ip, user_agent "
								+ "from foundation.audit_events where action = 'async.work' and correlation_id = ?",
						request.correlationId());
				assertThat(event).containsEntry("tenant_id", tenant)
					.containsEntry("actor_id", "user-async")
					.containsEntry("actor_kind", "user")
					.containsEntry("client_ip", "203.0.113.7")
					.containsEntry("user_agent", "agent/1.0");
				assertThat(context.getBean(AuditChainVerifier.class).verify(tenant).intact()).isTrue();
			});
	}

	@Test
	void rotatedCheckpointKeysSignWithTheActiveKeyAndTrustTheReplacedOnes() throws Exception {
		KeyPair january = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		KeyPair december = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		UUID tenant = UUID.randomUUID();
		this.contexts.withPropertyValues(active(december, "2026-12"))
			.withPropertyValues("foundation.audit.checkpoints.trusted-keys[0].id=2026-01",
					"foundation.audit.checkpoints.trusted-keys[0].public-key=" + publicPem(january))
			.run((context) -> {
				assertThat(context.getBean(CheckpointSignatures.class).keyIds()).containsExactly("2026-12", "2026-01");
				// The chain starts at a retention checkpoint the replaced key signed.
				retentionCheckpoint(new JdbcTemplate(context.getBean(javax.sql.DataSource.class)), tenant, january,
						"2026-01");
				context.getBean(AuditLog.class).event("test.event").tenant(tenant).record();
				ChainVerification result = context.getBean(AuditChainVerifier.class).verify(tenant);
				assertThat(result.intact()).as(String.valueOf(result.message())).isTrue();
				AuditCheckpoints checkpoints = context.getBean(AuditCheckpoints.class);
				SignedCheckpoint created = checkpoints.create(tenant);
				assertThat(created.keyId()).isEqualTo("2026-12");
				assertThat(checkpoints.list(tenant)).extracting(SignedCheckpoint::keyId)
					.containsExactly("2026-12", "2026-01");
				assertThat(checkpoints.list(tenant)).allMatch(checkpoints::verify);
			});
		this.contexts.withPropertyValues(active(december, "2026-12")).run((context) -> {
			ChainVerification result = context.getBean(AuditChainVerifier.class).verify(tenant);
			assertThat(result.problem()).as("the replaced key no longer trusted")
				.isEqualTo(ChainVerification.Problem.FORGED_CHECKPOINT);
			assertThat(result.message()).contains("'2026-01'");
		});
		// An instance that only verifies: trusted keys, no private key.
		this.contexts
			.withPropertyValues("foundation.audit.checkpoints.trusted-keys[0].id=2026-12",
					"foundation.audit.checkpoints.trusted-keys[0].public-key=" + publicPem(december),
					"foundation.audit.checkpoints.trusted-keys[1].id=2026-01",
					"foundation.audit.checkpoints.trusted-keys[1].public-key=" + publicPem(january))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(AuditCheckpoints.class);
				assertThat(context.getBean(AuditChainVerifier.class).verify(tenant).intact()).isTrue();
			});
	}

	@Test
	void badCheckpointKeysFailStartupNamingTheProperty() throws Exception {
		KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		String secret = privatePem(pair).lines().skip(1).findFirst().orElseThrow();
		assertCheckpointFailure("foundation.audit.checkpoints.trusted-keys[1].id", "used by more than one", secret,
				"foundation.audit.checkpoints.trusted-keys[0].id=old",
				"foundation.audit.checkpoints.trusted-keys[0].public-key=" + publicPem(pair),
				"foundation.audit.checkpoints.trusted-keys[1].id=old",
				"foundation.audit.checkpoints.trusted-keys[1].public-key=" + publicPem(other));
		assertCheckpointFailure("foundation.audit.checkpoints.trusted-keys[0].id", "used by more than one", secret,
				with(active(pair, "2026-12"), "foundation.audit.checkpoints.trusted-keys[0].id=2026-12",
						"foundation.audit.checkpoints.trusted-keys[0].public-key=" + publicPem(other)));
		assertCheckpointFailure("foundation.audit.checkpoints.trusted-keys[1].id", "the same public key listed twice",
				secret, "foundation.audit.checkpoints.trusted-keys[0].public-key=" + publicPem(other),
				"foundation.audit.checkpoints.trusted-keys[1].public-key=" + publicPem(other));
		assertCheckpointFailure("foundation.audit.checkpoints.trusted-keys[0].public-key", "Not an Ed25519", secret,
				"foundation.audit.checkpoints.trusted-keys[0].id=old",
				"foundation.audit.checkpoints.trusted-keys[0].public-key=bm90IGEga2V5");
		assertCheckpointFailure("foundation.audit.checkpoints.trusted-keys[0].public-key", "missing", secret,
				"foundation.audit.checkpoints.trusted-keys[0].id=old");
		assertCheckpointFailure("foundation.audit.checkpoints.key-id", "key id", secret, active(pair, "has space"));
		assertCheckpointFailure("foundation.audit.checkpoints.public-key", "key-id names an active checkpoint key",
				secret, "foundation.audit.checkpoints.key-id=2026-12");
		assertCheckpointFailure("foundation.audit.checkpoints.public-key", "private-key is set", secret,
				"foundation.audit.checkpoints.private-key=" + privatePem(pair));
		assertCheckpointFailure("foundation.audit.checkpoints.private-key", "do not belong together", secret,
				"foundation.audit.checkpoints.private-key=" + privatePem(pair),
				"foundation.audit.checkpoints.public-key=" + publicPem(other));
	}

	private void assertCheckpointFailure(String property, String reason, String secret, String... properties) {
		this.contexts.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).rootCause()
				.isInstanceOf(InvalidFoundationPropertyException.class)
				.hasMessageContaining(property)
				.hasMessageContaining(reason);
			FailureAnalysis analysis = analyze(failure);
			assertThat(analysis.getDescription()).contains(property).doesNotContain(secret);
			assertThat(analysis.getAction()).doesNotContain(secret);
		});
	}

	private static FailureAnalysis analyze(Throwable failure) throws ReflectiveOperationException {
		// The analyzer core registers in spring.factories for
		// InvalidFoundationPropertyException.
		Constructor<?> constructor = Class
			.forName("dev.foundation.core.config.InvalidFoundationPropertyFailureAnalyzer")
			.getDeclaredConstructor();
		constructor.setAccessible(true);
		FailureAnalysis analysis = ((FailureAnalyzer) constructor.newInstance()).analyze(failure);
		assertThat(analysis).isNotNull();
		return analysis;
	}

	private static String[] with(String[] properties, String... more) {
		return java.util.stream.Stream.concat(java.util.Arrays.stream(properties), java.util.Arrays.stream(more))
			.toArray(String[]::new);
	}

	private static String[] active(KeyPair pair, String keyId) {
		return new String[] { "foundation.audit.checkpoints.private-key=" + privatePem(pair),
				"foundation.audit.checkpoints.public-key=" + publicPem(pair),
				"foundation.audit.checkpoints.key-id=" + keyId };
	}

	// As the tables' owner: the checkpoint retention leaves, here before the chain's
	// first event (seq 0, the genesis hash), in the payload format of docs/audit.md.
	private static void retentionCheckpoint(JdbcTemplate owner, UUID tenant, KeyPair pair, String keyId)
			throws Exception {
		String genesis = "0".repeat(64);
		String payload = "{\"chain\":\"" + tenant + "\",\"hash\":\"" + genesis
				+ "\",\"seq\":0,\"signed_at\":\"2026-01-15T00:00:00.000000Z\",\"v\":1}";
		Signature signature = Signature.getInstance("Ed25519");
		signature.initSign(pair.getPrivate());
		signature.update(payload.getBytes(StandardCharsets.UTF_8));
		owner.update(
				"insert into foundation.audit_checkpoints (id, chain_key, tenant_id, seq, hash, signed_at, "
						+ "key_id, payload, signature, retention) values (gen_random_uuid(), ?, ?, 0, ?, "
						+ "'2026-01-15T00:00:00Z', ?, ?, ?, true)",
				tenant, tenant, genesis, keyId, payload, Base64.getEncoder().encodeToString(signature.sign()));
	}

	private static String privatePem(KeyPair pair) {
		return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
	}

	private static String publicPem(KeyPair pair) {
		return pem("PUBLIC KEY", pair.getPublic().getEncoded());
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
				+ "-----\n";
	}

	private static java.util.List<String> outcomes(JdbcTemplate jdbc, String resourceId) {
		return jdbc.queryForList("select outcome from foundation.audit_events where resource_id = ?", String.class,
				resourceId);
	}

	static class AsyncRecorder {

		private final AuditLog log;

		AsyncRecorder(AuditLog log) {
			this.log = log;
		}

		@Async
		public CompletableFuture<String> record() {
			this.log.event("async.work").record();
			return CompletableFuture.completedFuture(Thread.currentThread().getName());
		}

		@Configuration(proxyBeanMethods = false)
		@EnableAsync
		static class Config {

			@Bean
			AsyncRecorder asyncRecorder(AuditLog log) {
				return new AsyncRecorder(log);
			}

		}

	}

	static class AuditedService {

		@Audited(action = "thing.update", resource = "thing")
		@Transactional
		public void succeed(String id) {
		}

		@Audited(action = "thing.update", resource = "thing")
		@Transactional
		public void fail(String id) {
			throw new IllegalStateException("business rule");
		}

		@Audited(action = "thing.update", resource = "thing")
		@Transactional
		public void returnButRollBack(String id) {
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
		}

		@Configuration(proxyBeanMethods = false)
		static class Config {

			@Bean
			AuditedService auditedService() {
				return new AuditedService();
			}

		}

	}

}
