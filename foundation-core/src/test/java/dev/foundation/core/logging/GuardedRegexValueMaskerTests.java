package dev.foundation.core.logging;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GuardedRegexValueMaskerTests {

	private final ValueMaskers maskers = new ValueMaskers();

	@Test
	void masksEveryDefaultPatternWhereItsLiteralOccurs() {
		assertThat(this.maskers.mask("mail:ada.lovelace+crm@example.co.uk sent")).isEqualTo("mail:**** sent");
		assertThat(this.maskers.mask("call +4915112345678 now")).isEqualTo("call **** now");
		assertThat(this.maskers.mask("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc-_")).isEqualTo("token ****");
		assertThat(this.maskers.mask("Authorization: BEARER abc.def")).isEqualTo("Authorization: ****");
		assertThat(this.maskers.mask("Authorization: bEaReR abc.def")).isEqualTo("Authorization: ****");
		assertThat(this.maskers.mask("key fdn_k7m2p4qa_q3J9-vX_0aZkLm2Nw8bYc4TdEe5FgH6iJ7kK8lM9nOp"))
			.isEqualTo("key fdn_k7m2p4qa_****");
	}

	@Test
	void leavesValuesWithoutTheLiteralUntouched() {
		assertThat(this.maskers.mask("0b6f2b0e-6c1f-4a55-9b1e-1f0e6b7c2d10")).isNull();
		assertThat(this.maskers.mask("dev.foundation.core.context.RequestContextFilter")).isNull();
		assertThat(this.maskers.mask("2026-11-25T20:50:06.520Z")).isNull();
		assertThat(this.maskers.mask("bear")).isNull();
		assertThat(this.maskers.mask("")).isNull();
		// A key-like value of the wrong shape is not a key: nothing to mask.
		assertThat(this.maskers.mask("fdn_short_secret")).isNull();
	}

	@Test
	void applicationPatternWithoutKnownLiteralAlwaysRuns() {
		GuardedRegexValueMasker cards = new GuardedRegexValueMasker(Pattern.compile("\\d{16}"), "****",
				MaskingDefaults.requiredLiteralOf("\\d{16}"), false);
		assertThat(cards.mask(null, "card 4111111111111111")).isEqualTo("card ****");
	}

	private static final class ValueMaskers {

		Object mask(String value) {
			Object current = value;
			boolean masked = false;
			for (String regex : MaskingDefaults.PATTERNS) {
				GuardedRegexValueMasker masker = new GuardedRegexValueMasker(Pattern.compile(regex), "****",
						MaskingDefaults.requiredLiteralOf(regex), regex.startsWith("(?i)"));
				Object result = masker.mask(null, current);
				if (result != null) {
					current = result;
					masked = true;
				}
			}
			return masked ? current : null;
		}

	}

}
