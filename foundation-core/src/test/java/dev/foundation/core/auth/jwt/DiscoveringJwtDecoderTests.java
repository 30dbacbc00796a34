package dev.foundation.core.auth.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DiscoveringJwtDecoderTests {

	private static final Jwt JWT = Jwt.withTokenValue("t").header("alg", "RS256").subject("user-1").build();

	private final MutableClock clock = new MutableClock();

	private final AtomicInteger discoveries = new AtomicInteger();

	private boolean providerUp;

	private final DiscoveringJwtDecoder decoder = new DiscoveringJwtDecoder(() -> {
		this.discoveries.incrementAndGet();
		if (!this.providerUp) {
			throw new IllegalStateException("Discovery of https://idp.example.com failed: connection refused");
		}
		return (JwtDecoder) (token) -> JWT;
	}, Duration.ofSeconds(30), this.clock);

	@Test
	void failedDiscoveryIsAJwtExceptionAndIsNotRetriedWithinTheBackoff() {
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode("t"))
			.withMessageContaining("connection refused");
		// A flood of tokens during the outage reaches the provider once per interval, not
		// once per token.
		for (int i = 0; i < 100; i++) {
			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode("t"))
				.withMessageContaining("retried after");
		}
		assertThat(this.discoveries).hasValue(1);
		this.clock.advance(Duration.ofSeconds(29));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode("t"));
		assertThat(this.discoveries).hasValue(1);
		this.clock.advance(Duration.ofSeconds(1));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode("t"));
		assertThat(this.discoveries).hasValue(2);
	}

	@Test
	void discoverySucceedsOnceTheProviderIsBackAndIsThenKept() {
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode("t"));
		this.providerUp = true;
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.decoder.decode("t")).isSameAs(JWT);
		this.providerUp = false;
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.decoder.decode("t")).isSameAs(JWT);
		assertThat(this.discoveries).hasValue(2);
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-26T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
