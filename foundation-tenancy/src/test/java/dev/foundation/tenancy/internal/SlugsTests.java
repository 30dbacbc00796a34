package dev.foundation.tenancy.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deriving slugs from provider organization slugs and names.
 */
class SlugsTests {

	@Test
	void lowercasesAndHyphenatesTheHint() {
		assertThat(Slugs.base("Acme, Inc.", "ignored")).isEqualTo("acme-inc");
		assertThat(Slugs.base("--my_org--", "ignored")).isEqualTo("my-org");
	}

	@Test
	void dropsAccents() {
		assertThat(Slugs.base("Café Zürich", "ignored")).isEqualTo("cafe-zurich");
	}

	@Test
	void fallsBackToTheNameThenToAFixedWord() {
		assertThat(Slugs.base(null, "Globex Corporation")).isEqualTo("globex-corporation");
		assertThat(Slugs.base("!!", "Initech")).isEqualTo("initech");
		assertThat(Slugs.base("x", "日本")).isEqualTo("tenant");
	}

	@Test
	void truncatesToADnsLabel() {
		String slug = Slugs.base("a".repeat(70), "ignored");

		assertThat(slug).hasSize(63);
		assertThat(Slugs.isValid(slug)).isTrue();
	}

	@Test
	void candidatesAreNumberedAndStayValid() {
		assertThat(Slugs.candidates("acme", 3)).containsExactly("acme", "acme-2", "acme-3");
		assertThat(Slugs.candidates("a".repeat(63), 12)).allSatisfy((candidate) -> {
			assertThat(candidate).hasSizeLessThanOrEqualTo(63);
			assertThat(Slugs.isValid(candidate)).isTrue();
		}).doesNotHaveDuplicates();
	}

	@Test
	void truncationNeverLeavesAHyphenBeforeTheSuffix() {
		String base = "a".repeat(60) + "-bc";

		assertThat(Slugs.suffixed(base, "-2")).isEqualTo("a".repeat(60) + "-2");
	}

}
