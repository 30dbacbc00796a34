package dev.foundation.audit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of refusals is recorded as its first few events plus one count per window, and
 * an attacker rotating keys cannot grow the gate's memory without bound.
 */
class FloodGateTests {

	private final MutableClock clock = new MutableClock();

	@Test
	void burstBeyondTheThresholdIsCountedNotRecorded() {
		FloodGate gate = new FloodGate(this.clock, Duration.ofMinutes(1), 3, 100_000);
		int admitted = 0;
		for (int i = 0; i < 1000; i++) {
			admitted += gate.admit("auth.failure|203.0.113.9") ? 1 : 0;
		}
		assertThat(admitted).isEqualTo(3);
		assertThat(gate.drain(false)).isEmpty();
		this.clock.advance(Duration.ofMinutes(1));
		List<FloodGate.Suppressed> suppressed = gate.drain(false);
		assertThat(suppressed).singleElement().satisfies((s) -> {
			assertThat(s.key()).isEqualTo("auth.failure|203.0.113.9");
			assertThat(s.count()).isEqualTo(997);
		});
		// A new window admits again.
		assertThat(gate.admit("auth.failure|203.0.113.9")).isTrue();
	}

	@Test
	void keysAreCountedApart() {
		FloodGate gate = new FloodGate(this.clock, Duration.ofMinutes(1), 1, 100_000);
		assertThat(gate.admit("auth.failure|a")).isTrue();
		assertThat(gate.admit("auth.failure|b")).isTrue();
		assertThat(gate.admit("access.denied|a")).isTrue();
		assertThat(gate.admit("auth.failure|a")).isFalse();
	}

	@Test
	void rotatingKeysEndUpInOneOverflowKey() {
		FloodGate gate = new FloodGate(this.clock, Duration.ofMinutes(1), 1, 100_000);
		int admitted = 0;
		for (int i = 0; i < 20_000; i++) {
			admitted += gate.admit("auth.failure|10.0." + i) ? 1 : 0;
		}
		// 10,000 distinct keys, then one shared key admitting one more.
		assertThat(admitted).isEqualTo(10_001);
		assertThat(gate.drain(true)).anySatisfy((s) -> {
			assertThat(s.key()).isEqualTo(FloodGate.OVERFLOW);
			assertThat(s.count()).isEqualTo(9_999);
		});
	}

	@Test
	void eventsRecordedOneByOneAreBoundedAcrossKeysPerWindow() {
		FloodGate gate = new FloodGate(this.clock, Duration.ofMinutes(1), 10, 50);
		int admitted = 0;
		for (int i = 0; i < 5_000; i++) {
			admitted += gate.admit("auth.failure|2001:db8::" + Integer.toHexString(i)) ? 1 : 0;
		}
		assertThat(admitted).isEqualTo(50);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(gate.drain(false)).anySatisfy((s) -> {
			assertThat(s.key()).isEqualTo(FloodGate.OVERFLOW);
			assertThat(s.count()).isEqualTo(4_950);
		});
		// The next window has a budget again.
		assertThat(gate.admit("auth.failure|2001:db8::1")).isTrue();
	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

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
