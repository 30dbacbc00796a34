package dev.foundation.tenancy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role hierarchy and parsing of provider role strings.
 */
class TenantRoleTests {

	@Test
	void eachRoleIncludesItselfAndEveryLowerRole() {
		assertThat(TenantRole.OWNER.includes(TenantRole.OWNER)).isTrue();
		assertThat(TenantRole.OWNER.includes(TenantRole.ADMIN)).isTrue();
		assertThat(TenantRole.OWNER.includes(TenantRole.VIEWER)).isTrue();
		assertThat(TenantRole.ADMIN.includes(TenantRole.MEMBER)).isTrue();
		assertThat(TenantRole.MEMBER.includes(TenantRole.VIEWER)).isTrue();
		assertThat(TenantRole.VIEWER.includes(TenantRole.VIEWER)).isTrue();
	}

	@Test
	void noRoleIncludesAHigherRole() {
		assertThat(TenantRole.ADMIN.includes(TenantRole.OWNER)).isFalse();
		assertThat(TenantRole.MEMBER.includes(TenantRole.ADMIN)).isFalse();
		assertThat(TenantRole.VIEWER.includes(TenantRole.MEMBER)).isFalse();
		assertThat(TenantRole.VIEWER.includes(TenantRole.OWNER)).isFalse();
	}

	@Test
	void valueIsTheLowercaseName() {
		assertThat(TenantRole.OWNER.value()).isEqualTo("owner");
		assertThat(TenantRole.VIEWER.value()).isEqualTo("viewer");
	}

	@Test
	void parsesPlainAndClerkRoleStrings() {
		assertThat(TenantRole.parse("admin")).contains(TenantRole.ADMIN);
		assertThat(TenantRole.parse("org:admin")).contains(TenantRole.ADMIN);
		assertThat(TenantRole.parse("org:member")).contains(TenantRole.MEMBER);
		assertThat(TenantRole.parse("OWNER")).contains(TenantRole.OWNER);
		assertThat(TenantRole.parse(" Org:Viewer ")).contains(TenantRole.VIEWER);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "org:", "superadmin", "org:billing_manager", "admins", "org:org:admin", "role:admin" })
	void unknownRoleStringsParseToNothing(String role) {
		assertThat(TenantRole.parse(role)).isEmpty();
	}

	@Test
	void highestOfPicksTheHighestKnownRole() {
		assertThat(TenantRole.highestOf(List.of("viewer", "org:admin", "billing", "member")))
			.contains(TenantRole.ADMIN);
		assertThat(TenantRole.highestOf(List.of("billing", "support"))).isEmpty();
		assertThat(TenantRole.highestOf(List.of())).isEmpty();
	}

}
