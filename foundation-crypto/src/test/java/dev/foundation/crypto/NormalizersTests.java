package dev.foundation.crypto;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The blind-index normalizers. */
class NormalizersTests {

	@Test
	void emailIsTrimmedAndLowerCasedInTheRootLocale() {
		EmailNormalizer email = new EmailNormalizer();
		assertThat(email.normalize("  Ada.Lovelace@EXAMPLE.com\t")).isEqualTo("ada.lovelace@example.com");
		assertThat(email.normalize("TITLE@EXAMPLE.COM")).isEqualTo("title@example.com");
		assertThat(email.normalize("ada+crm@example.com")).isEqualTo("ada+crm@example.com");
	}

	@Test
	void emailIsUnicodeNormalized() {
		assertThat(new EmailNormalizer().normalize("zoe\u0301@example.com"))
			.isEqualTo(new EmailNormalizer().normalize("zo\u00e9@example.com"));
	}

	@Test
	void phoneBecomesE164() {
		PhoneNormalizer phone = new PhoneNormalizer();
		assertThat(phone.normalize("+49 (151) 1234-5678")).isEqualTo("+4915112345678");
		assertThat(phone.normalize("0049 151.1234/5678")).isEqualTo("+4915112345678");
		assertThat(phone.normalize("+1 555 0100")).isEqualTo("+15550100");
	}

	@Test
	void phoneWithoutCountryCodeOrWithLettersIsKeptForExactMatching() {
		PhoneNormalizer phone = new PhoneNormalizer();
		assertThat(phone.normalize("0151 12345678")).isEqualTo("015112345678");
		assertThat(phone.normalize(" call me ")).isEqualTo("call me");
	}

	@Test
	void exactKeepsTheValue() {
		assertThat(new ExactNormalizer().normalize(" A b ")).isEqualTo(" A b ");
	}

}
