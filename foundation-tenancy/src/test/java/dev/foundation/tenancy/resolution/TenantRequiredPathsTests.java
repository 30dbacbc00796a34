package dev.foundation.tenancy.resolution;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which paths need a tenant.
 */
class TenantRequiredPathsTests {

	private final TenantRequiredPaths defaults = new TenantRequiredPaths(List.of("/api/**"),
			List.of("/api/v1/public/**", "/api/v1/me"));

	@Test
	void apiPathsNeedTenant() {
		assertThat(this.defaults.requiresTenant("/api/v1/contacts")).isTrue();
		assertThat(this.defaults.requiresTenant("/api")).isTrue();
	}

	@Test
	void excludedAndOtherPathsDoNot() {
		assertThat(this.defaults.requiresTenant("/api/v1/public/pricing")).isFalse();
		assertThat(this.defaults.requiresTenant("/api/v1/me")).isFalse();
		assertThat(this.defaults.requiresTenant("/actuator/health")).isFalse();
		assertThat(this.defaults.requiresTenant("/")).isFalse();
	}

	@Test
	void excludedPathDoesNotExemptItsChildren() {
		assertThat(this.defaults.requiresTenant("/api/v1/me/settings")).isTrue();
	}

}
