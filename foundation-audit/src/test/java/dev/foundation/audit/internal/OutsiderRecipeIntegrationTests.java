package dev.foundation.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the outside auditor's recipe of docs/audit.md (psql, jq, sha256sum: none of the
 * foundation's code) on chains the foundation wrote, so the documented canonical form
 * stays the one the code hashes. Skipped where those tools are not installed.
 */
class OutsiderRecipeIntegrationTests {

	private static final Path SCRIPT = Path.of("..", "docs", "audit-verify.sh");

	private static AuditTestDatabase database;

	private static AuditTestDatabase.Stack stack;

	@BeforeAll
	static void createDatabase() {
		for (String tool : List.of("psql", "jq", "sha256sum")) {
			assumeTrue(onPath(tool), tool + " is not installed");
		}
		database = AuditTestDatabase.create();
		stack = database.stack(2);
	}

	@AfterAll
	static void dropDatabase() {
		if (database != null) {
			database.close();
		}
	}

	@Test
	void recipeRecomputesEveryHashOfAnIntactChain() throws Exception {
		UUID tenant = UUID.randomUUID();
		stack.log()
			.event("contact.update")
			.tenant(tenant)
			.resource("contact", 42)
			.detail("note", "quote \" backslash \\ tab \t newline \n é ü 😀 \u2028")
			.detail("nested", java.util.Map.of("b", List.of(1, -2, 9_007_199_254_740_991L), "a", true))
			.detail("empty", null)
			.record();
		stack.log()
			.event("contact.delete")
			.tenant(tenant)
			.resource("contact", 42)
			.personalDetail("email", "a@b.c")
			.record();
		stack.log().event("system.start").system().record();
		assertThat(run(tenant.toString())).isEqualTo("ok 2");
		assertThat(run("system")).isEqualTo("ok 1");
	}

	@Test
	void recipeFindsAModifiedEvent() throws Exception {
		UUID tenant = UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			stack.log().event("contact.update").tenant(tenant).resource("contact", i).record();
		}
		database.execute("set session_replication_role = replica; update foundation.audit_events "
				+ "set resource_id = '7' where tenant_id = '" + tenant + "' and seq = 2");
		assertThat(run(tenant.toString())).isEqualTo("event 2 was modified");
	}

	private static String run(String chain) throws IOException, InterruptedException {
		String url = database.jdbcUrl().replaceFirst("^jdbc:", "");
		Process process = new ProcessBuilder("bash", SCRIPT.toString(), url, chain).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return output;
	}

	private static boolean onPath(String tool) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			if (Files.isExecutable(Path.of(dir, tool))) {
				return true;
			}
		}
		return false;
	}

}
