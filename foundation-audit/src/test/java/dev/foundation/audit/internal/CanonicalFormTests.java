package dev.foundation.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The canonical form written directly is exactly what the RFC 8785 library makes of the
 * same document, and a fixed event has the hash docs/audit.md gives as a test vector.
 */
class CanonicalFormTests {

	private static final UUID ID = UUID.fromString("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

	private static final UUID TENANT = UUID.fromString("5b0c6f0e-3c7e-4d2a-9a55-0f5f1d1b6a10");

	@Test
	void directFormEqualsTheLibrarysForAwkwardStrings() {
		Random random = new Random(42);
		String alphabet = "aZ09 \"\\/\b\f\n\r\t\u0001\u001f\u007f\u0080é€\u2028\u2029😀<>&'";
		for (int n = 0; n < 2000; n++) {
			StringBuilder text = new StringBuilder();
			for (int i = random.nextInt(20); i > 0; i--) {
				int at = random.nextInt(alphabet.length());
				if (Character.isHighSurrogate(alphabet.charAt(at))) {
					text.append(alphabet, at, at + 2);
				}
				else if (!Character.isLowSurrogate(alphabet.charAt(at))) {
					text.append(alphabet.charAt(at));
				}
			}
			CanonicalForm.Row row = row(text.toString(), "{\"a\":[1,-2,true,null],\"b\":\"" + "x" + "\"}");
			assertThat(new String(CanonicalForm.canonical(row), StandardCharsets.UTF_8))
				.isEqualTo(new String(CanonicalForm.canonicalByLibrary(row), StandardCharsets.UTF_8));
		}
	}

	@Test
	void detailsAreWrittenInTheLibrarysCanonicalForm() {
		Random random = new Random(7);
		String alphabet = "aZ09 \"\\/\b\f\n\r\t\u0001\u001f\u007f\u0080é€\u2028\u2029😀<>&'";
		String[] keys = { "b", "a", "B", "_", "z.y", "a:1", "A-", "0", "aa", "ab" };
		for (int n = 0; n < 1000; n++) {
			Map<String, Object> details = new LinkedHashMap<>();
			for (int k = random.nextInt(keys.length); k >= 0; k--) {
				StringBuilder text = new StringBuilder();
				for (int i = random.nextInt(12); i > 0; i--) {
					char c = alphabet.charAt(random.nextInt(alphabet.length()));
					text.append(Character.isSurrogate(c) ? "😀" : String.valueOf(c));
				}
				Object value = switch (random.nextInt(5)) {
					case 0 -> text.toString();
					case 1 -> random.nextLong() % JsonText.MAX_SAFE_INTEGER;
					case 2 -> List.of(text.toString(), random.nextBoolean(), Map.of("y", 1, "x", text.toString()));
					case 3 -> Map.of("k" + n, text.toString(), "a", -JsonText.MAX_SAFE_INTEGER);
					default -> random.nextInt();
				};
				details.put(keys[random.nextInt(keys.length)], value);
			}
			StringBuilder json = new StringBuilder();
			JsonText.appendObject(json, "", details, 0);
			assertThat(json.toString()).isEqualTo(CanonicalForm.canonicalText(json.toString()));
		}
	}

	@Test
	void detailsRefuseIntegersAnOutsiderCouldNotRecomputeExactly() {
		for (long number : new long[] { Long.MIN_VALUE, Long.MAX_VALUE, JsonText.MAX_SAFE_INTEGER + 1 }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> JsonText.appendObject(new StringBuilder(), "", Map.of("n", number), 0))
				.withMessageContaining("2^53");
		}
	}

	@Test
	void fixedEventHasTheDocumentedHash() {
		CanonicalForm.Row row = row("curl/8.5.0", "{\"fields\":[\"name\"]}");
		assertThat(new String(CanonicalForm.canonical(row), StandardCharsets.UTF_8)).isEqualTo(
				"{\"action\":\"contact.update\",\"actor_id\":\"user_2abc\",\"actor_kind\":\"user\",\"client_ip\":\"203.0.113.9\","
						+ "\"correlation_id\":\"6f0c2a\",\"details\":{\"fields\":[\"name\"]},\"id\":\"" + ID + "\","
						+ "\"occurred_at\":\"2026-12-05T08:19:42.123400Z\",\"outcome\":\"success\",\"prev_hash\":\""
						+ CanonicalForm.GENESIS + "\",\"resource_id\":\"42\",\"resource_type\":\"contact\",\"seq\":1,"
						+ "\"tenant_id\":\"" + TENANT + "\",\"user_agent\":\"curl/8.5.0\",\"v\":1}");
		// printf '%s' '<the document above>' | sha256sum
		assertThat(CanonicalForm.hash(row))
			.isEqualTo("7c06eba218d29bc2ad71da5ce05d64afe1fcbc8c6fafc28d5e3992f743aaed87");
	}

	private static CanonicalForm.Row row(String userAgent, String details) {
		return new CanonicalForm.Row(ID, TENANT, 1, Instant.parse("2026-12-05T08:19:42.1234Z"), "user_2abc", "user",
				"contact.update", "contact", "42", "success", "6f0c2a", "203.0.113.9", userAgent, details,
				CanonicalForm.GENESIS);
	}

}
