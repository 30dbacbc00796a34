package dev.foundation.sample;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.test.auth.TestJwtIssuer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One local token issuer for the sample app's tests, trusted as Supabase, Clerk and a
 * custom issuer at once (each with its own {@code iss}), as an application trusting
 * several providers would.
 */
final class SampleAuthentication {

	static final TestJwtIssuer ISSUER = TestJwtIssuer.start();

	static final String CUSTOM_ISSUER = ISSUER.baseUrl() + "/custom";

	/** The {@code iss} of the Supabase preset's tokens. */
	static final String SUPABASE_ISSUER = ISSUER.baseUrl() + "/auth/v1";

	/** The {@code iss} of the Clerk preset's tokens. */
	static final String CLERK_ISSUER = ISSUER.baseUrl();

	static final String AUDIENCE = "sample-app";

	static final String CLERK_PARTY = "https://app.example.com";

	/** The user of {@link #userToken()}. */
	static final String USER_ID = "user-1";

	private SampleAuthentication() {
	}

	static void register(DynamicPropertyRegistry registry) {
		registry.add("foundation.auth.supabase.url", ISSUER::baseUrl);
		registry.add("foundation.auth.clerk.issuer", ISSUER::baseUrl);
		registry.add("foundation.auth.clerk.authorized-parties", () -> CLERK_PARTY);
		registry.add("foundation.auth.issuers.test.issuer", () -> CUSTOM_ISSUER);
		registry.add("foundation.auth.issuers.test.jwk-set-uri", () -> ISSUER.jwksUri().toString());
		registry.add("foundation.auth.issuers.test.audiences", () -> AUDIENCE);
		registry.add("foundation.auth.issuers.test.claims.tenant-id", () -> "tenant_id");
	}

	/**
	 * A token of the custom issuer for a user, without a tenant claim (requests name
	 * their tenant in the header).
	 */
	static String tokenOf(String userId) {
		return ISSUER.custom(CUSTOM_ISSUER).user(userId).audience(AUDIENCE).token();
	}

	/** A user of the custom issuer, the one {@link #tokenOf(String)} mints for. */
	static UserIdentity user(String userId) {
		return new UserIdentity(CUSTOM_ISSUER, userId);
	}

	static String userToken() {
		return ISSUER.custom(CUSTOM_ISSUER).user(USER_ID).audience(AUDIENCE).email("user1@example.com").token();
	}

	/** A token of an operator (the role the actuator endpoints require), in no tenant. */
	static String operatorToken() {
		return ISSUER.custom(CUSTOM_ISSUER).user("operator-1").audience(AUDIENCE).roles("operator").token();
	}

}
