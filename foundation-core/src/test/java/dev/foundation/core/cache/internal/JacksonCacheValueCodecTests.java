package dev.foundation.core.cache.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Values written to Redis and read back, and data naming classes outside the allow-list.
 */
class JacksonCacheValueCodecTests {

	private final JacksonCacheValueCodec codec = new JacksonCacheValueCodec(List.of("dev.foundation.core.cache"));

	@Test
	void roundTripsRecordsJdkValuesAndCollections() {
		Contact contact = new Contact(UUID.randomUUID(), "Ada", Instant.parse("2026-01-01T00:00:00Z"),
				List.of("a", "b"));
		assertThat(roundTrip(contact)).isEqualTo(contact);
		assertThat(roundTrip(42L)).isEqualTo(42L);
		assertThat(roundTrip("text")).isEqualTo("text");
		assertThat(roundTrip(null)).isNull();
		assertThat(roundTrip(List.of(contact, contact))).isEqualTo(List.of(contact, contact));
		assertThat(roundTrip(new ArrayList<>(List.of(contact)))).isEqualTo(List.of(contact));
		assertThat(roundTrip(Map.of("count", 3L))).isEqualTo(Map.of("count", 3L));
		assertThat(roundTrip(new Holder(List.of(contact)))).isEqualTo(new Holder(List.of(contact)));
	}

	@Test
	void refusesClassesOutsideTheTrustedPackages() {
		byte[] gadget = "[\"java.net.URL\",\"http://attacker.example\"]".getBytes(StandardCharsets.UTF_8);
		assertThatException().isThrownBy(() -> this.codec.decode(gadget));
		byte[] property = "{\"@class\":\"javax.management.BadAttributeValueExpException\"}"
			.getBytes(StandardCharsets.UTF_8);
		assertThatException().isThrownBy(() -> this.codec.decode(property));
		JacksonCacheValueCodec narrow = new JacksonCacheValueCodec(List.of("com.example"));
		byte[] written = this.codec.encode(new Contact(UUID.randomUUID(), "Ada", Instant.now(), List.of()));
		assertThatException().as("a class of an untrusted package").isThrownBy(() -> narrow.decode(written));
	}

	private Object roundTrip(Object value) {
		return this.codec.decode(this.codec.encode(value));
	}

	record Contact(UUID id, String name, Instant createdAt, List<String> tags) {
	}

	record Holder(Object value) {
	}

}
