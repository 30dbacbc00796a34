package dev.foundation.core.ratelimit;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateLimitPolicyTests {

	private static final List<RateLimitKey> TENANT = List.of(RateLimitKey.TENANT);

	@Test
	void parsesCountAndPeriod() {
		RateLimitPolicy policy = RateLimitPolicy.parse("p", "100/1m", 0, TENANT, false);

		assertThat(policy.limit()).isEqualTo(100);
		assertThat(policy.period()).isEqualTo(Duration.ofMinutes(1));
		assertThat(policy.burst()).isEqualTo(100);
		assertThat(policy.failClosed()).isFalse();
	}

	@Test
	void periodWithoutAmountMeansOne() {
		assertThat(RateLimitPolicy.parse("p", "5/s", 0, TENANT, false).period()).isEqualTo(Duration.ofSeconds(1));
		assertThat(RateLimitPolicy.parse("p", "1000 / 1H", 0, TENANT, false).period()).isEqualTo(Duration.ofHours(1));
		assertThat(RateLimitPolicy.parse("p", "7/250ms", 0, TENANT, false).period()).isEqualTo(Duration.ofMillis(250));
		assertThat(RateLimitPolicy.parse("p", "7/2d", 0, TENANT, false).period()).isEqualTo(Duration.ofDays(2));
	}

	@Test
	void burstRaisesTheCapacityButNeverLowersIt() {
		assertThat(RateLimitPolicy.parse("p", "10/1m", 50, TENANT, false).burst()).isEqualTo(50);
		assertThat(RateLimitPolicy.parse("p", "10/1m", 3, TENANT, false).burst()).isEqualTo(10);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "100", "100/", "/1m", "100/1x", "-1/1m", "0/1m", "10/0s", "ten/1m", "100/1m;drop",
			"1000000000000000/1m" })
	void rejectsMalformedLimits(String limit) {
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimitPolicy.parse("p", limit, 0, TENANT, false));
	}

	@Test
	void rejectsNegativeBurstAndNoKeys() {
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimitPolicy.parse("p", "1/s", -1, TENANT, false))
			.withMessageStartingWith("burst");
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimitPolicy.parse("p", "1/s", 0, List.of(), false))
			.withMessageStartingWith("per");
	}

	@Test
	void changedLimitChangesTheSignature() {
		assertThat(RateLimitPolicy.parse("p", "10/1m", 0, TENANT, false).signature())
			.isNotEqualTo(RateLimitPolicy.parse("p", "11/1m", 0, TENANT, false).signature());
	}

}
