package dev.foundation.core.paging;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.foundation.core.error.BadRequestException;
import org.junit.jupiter.api.Test;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CursorCodecTests {

	@Test
	void everySafeTypeRoundTrips() {
		List<Object> values = List.of("Ada Lovelace", "", "ünïcødé 😀 <script>", Integer.MIN_VALUE, 42, Long.MAX_VALUE,
				-7L, new BigDecimal("-12345678901234567890.000123"), BigDecimal.ZERO, new BigDecimal("1E+20"), true,
				false, UUID.randomUUID(), new UUID(0, 0), Instant.parse("2026-12-05T06:00:00.123456789Z"), Instant.MIN,
				Instant.MAX, OffsetDateTime.parse("2026-12-05T07:00:00.5+01:00"),
				OffsetDateTime.of(LocalDateTime.MIN, ZoneOffset.MAX), LocalDate.of(2026, 12, 5), LocalDate.MIN,
				LocalDate.MAX, LocalDateTime.parse("2026-12-05T06:00:00.000001"));
		for (Object value : values) {
			KeysetScrollPosition position = ScrollPosition.forward(Map.of("key", value));
			KeysetScrollPosition decoded = CursorCodec.decode(CursorCodec.encode(position));
			assertThat(decoded.getKeys()).as("%s", value).containsExactly(Map.entry("key", value));
			assertThat(decoded.getKeys().get("key")).isExactlyInstanceOf(value.getClass());
			// OffsetDateTime equality includes the offset.
			assertThat(decoded).isEqualTo(position);
		}
	}

	@Test
	void directionAndKeyOrderRoundTrip() {
		Map<String, Object> keys = new LinkedHashMap<>();
		keys.put("createdAt", Instant.parse("2026-01-01T00:00:00Z"));
		keys.put("address.city", "Zürich");
		keys.put("id", UUID.randomUUID());
		for (KeysetScrollPosition position : List.of(ScrollPosition.forward(keys), ScrollPosition.backward(keys))) {
			KeysetScrollPosition decoded = CursorCodec.decode(CursorCodec.encode(position));
			assertThat(decoded.getDirection()).isEqualTo(position.getDirection());
			assertThat(decoded.getKeys().keySet()).containsExactly("createdAt", "address.city", "id");
			assertThat(decoded.getKeys()).isEqualTo(keys);
		}
	}

	@Test
	void tokensAreUrlSafeAndCompact() {
		String token = CursorCodec.encode(ScrollPosition
			.forward(Map.of("createdAt", Instant.parse("2026-01-01T00:00:00.123456Z"), "id", UUID.randomUUID())));
		assertThat(token).matches("[A-Za-z0-9_-]+").hasSizeLessThan(80);
	}

	@Test
	void positionsACursorCannotCarryAreRefusedWhenEncoding() {
		assertThatIllegalArgumentException().isThrownBy(() -> CursorCodec.encode(ScrollPosition.keyset()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CursorCodec.encode(ScrollPosition.forward(Map.of("key", 1.5d))))
			.withMessageContaining("java.lang.Double");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CursorCodec.encode(ScrollPosition.forward(Map.of("key", new Object()))));
		Map<String, Object> withNull = new LinkedHashMap<>();
		withNull.put("createdAt", null);
		assertThatIllegalArgumentException().isThrownBy(() -> CursorCodec.encode(ScrollPosition.forward(withNull)))
			.withMessageContaining("null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CursorCodec.encode(ScrollPosition.forward(Map.of("name'; drop", 1))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CursorCodec.encode(ScrollPosition.forward(Map.of("name", "x".repeat(800)))));
		Map<String, Object> nine = new LinkedHashMap<>();
		for (int i = 0; i < 9; i++) {
			nine.put("k" + i, i);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> CursorCodec.encode(ScrollPosition.forward(nine)));
	}

	@Test
	void garbageIsABadRequestThatDoesNotRepeatIt() {
		for (String garbage : List.of("", " ", "!!!!", "a", "abc=", "ab cd", "ab+/", "<script>", "%00", "AQAB",
				"eyJhbGciOiJub25lIn0", "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA")) {
			assertThatExceptionOfType(BadRequestException.class).as(garbage)
				.isThrownBy(() -> CursorCodec.decode(garbage))
				.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("The cursor is not valid"))
				.satisfies((ex) -> assertThat(garbage.length() < 4 || !ex.getMessage().contains(garbage)).isTrue());
		}
	}

	@Test
	void oversizedTokenIsRefusedBeforeDecoding() {
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> CursorCodec.decode("A".repeat(CursorCodec.MAX_LENGTH + 1)))
			.withMessageContaining("longer than 1024");
	}

	@Test
	void truncatedOrExtendedTokensAreRefused() {
		byte[] valid = bytes(CursorCodec.encode(ScrollPosition
			.forward(Map.of("createdAt", Instant.parse("2026-01-01T00:00:00Z"), "id", UUID.randomUUID()))));
		for (int length = 0; length < valid.length; length++) {
			byte[] truncated = java.util.Arrays.copyOf(valid, length);
			assertRefused(token(truncated));
		}
		byte[] extended = java.util.Arrays.copyOf(valid, valid.length + 1);
		assertRefused(token(extended), "trailing data");
	}

	@Test
	void tamperedHeadersAreRefused() {
		assertRefused(raw(2, 0, 1, name("a"), 'i', new byte[4]), "unknown format");
		assertRefused(raw(1, 2, 1, name("a"), 'i', new byte[4]), "unknown direction");
		assertRefused(raw(1, 0, 0), "wrong number of keys");
		assertRefused(raw(1, 0, 9, name("a"), 'i', new byte[4]), "wrong number of keys");
		assertRefused(raw(1, 0, 1, name("a"), 'X', new byte[4]), "unsupported key type");
		// A Java-serialization or class-name tag does not exist: the tag is one byte from
		// a fixed list.
		assertRefused(raw(1, 0, 1, name("a"), 0xAC, new byte[4]), "unsupported key type");
		assertRefused(raw(1, 0, 2, name("a"), 'i', new byte[4], name("a"), 'i', new byte[4]), "repeated key");
	}

	@Test
	void malformedNamesAreRefused() {
		assertRefused(raw(1, 0, 1, new byte[] { 0 }, 'i', new byte[4]), "malformed key name");
		assertRefused(raw(1, 0, 1, name("a b"), 'i', new byte[4]), "malformed key name");
		assertRefused(raw(1, 0, 1, name("1a"), 'i', new byte[4]), "malformed key name");
		assertRefused(raw(1, 0, 1, name("a)or(1=1"), 'i', new byte[4]), "malformed key name");
		assertRefused(raw(1, 0, 1, new byte[] { 2, (byte) 0xC3, (byte) 0xA9 }, 'i', new byte[4]), "malformed key name");
		assertRefused(raw(1, 0, 1, name("x".repeat(65)), 'i', new byte[4]), "malformed key name");
	}

	@Test
	void outOfRangeValuesAreRefused() {
		assertRefused(raw(1, 0, 1, name("a"), 'b', new byte[] { 2 }), "value out of range");
		// Nanoseconds beyond a second, an instant beyond Instant.MAX, an offset beyond 18
		// hours.
		assertRefused(raw(1, 0, 1, name("a"), 't', longBytes(0), intBytes(1_000_000_000)), "value out of range");
		assertRefused(raw(1, 0, 1, name("a"), 't', longBytes(Long.MAX_VALUE), intBytes(0)), "value out of range");
		assertRefused(raw(1, 0, 1, name("a"), 'o', longBytes(0), intBytes(0), intBytes(19 * 3600)),
				"value out of range");
		assertRefused(raw(1, 0, 1, name("a"), 'D', longBytes(Long.MAX_VALUE)), "value out of range");
		// A decimal with an absurd scale or too many digits.
		assertRefused(raw(1, 0, 1, name("a"), 'd', intBytes(Integer.MAX_VALUE), new byte[] { 1, 1 }),
				"value out of range");
		assertRefused(raw(1, 0, 1, name("a"), 'd', intBytes(0), new byte[] { 33 }, new byte[33]), "value out of range");
		assertRefused(raw(1, 0, 1, name("a"), 'd', intBytes(0), new byte[] { 0 }), "value out of range");
	}

	@Test
	void malformedUtf8IsRefused() {
		// An overlong encoding of '/' and a lone continuation byte.
		assertRefused(raw(1, 0, 1, name("a"), 's', new byte[] { 0, 2, (byte) 0xC0, (byte) 0xAF }), "malformed text");
		assertRefused(raw(1, 0, 1, name("a"), 's', new byte[] { 0, 1, (byte) 0x80 }), "malformed text");
		// A string length beyond the token.
		assertRefused(raw(1, 0, 1, name("a"), 's', new byte[] { (byte) 0xFF, (byte) 0xFF, 'x' }), "truncated");
	}

	@Test
	void paddedOrNonCanonicalAlphabetIsRefused() {
		String token = CursorCodec.encode(ScrollPosition.forward(Map.of("id", 1)));
		assertRefused(token + "=");
		assertRefused(token.replace('-', '+').replace('_', '/') + "+");
	}

	private static void assertRefused(String token, String... reasons) {
		assertThatExceptionOfType(BadRequestException.class).as(token)
			.isThrownBy(() -> CursorCodec.decode(token))
			.withMessageStartingWith("The cursor is not valid")
			.satisfies((ex) -> List.of(reasons).forEach((reason) -> assertThat(ex.getMessage()).contains(reason)));
	}

	private static String raw(Object... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object part : parts) {
			if (part instanceof byte[] bytes) {
				out.writeBytes(bytes);
			}
			else if (part instanceof Character c) {
				out.write(c);
			}
			else {
				out.write((Integer) part);
			}
		}
		return token(out.toByteArray());
	}

	private static byte[] name(String name) {
		byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
		byte[] out = new byte[bytes.length + 1];
		out[0] = (byte) bytes.length;
		System.arraycopy(bytes, 0, out, 1, bytes.length);
		return out;
	}

	private static byte[] intBytes(int value) {
		return java.nio.ByteBuffer.allocate(4).putInt(value).array();
	}

	private static byte[] longBytes(long value) {
		return java.nio.ByteBuffer.allocate(8).putLong(value).array();
	}

	private static String token(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] bytes(String token) {
		return Base64.getUrlDecoder().decode(token);
	}

}
