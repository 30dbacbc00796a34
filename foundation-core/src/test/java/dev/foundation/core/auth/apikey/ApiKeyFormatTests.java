package dev.foundation.core.auth.apikey;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyFormatTests {

	private final SecureRandom random = new SecureRandom();

	@Test
	void generatedKeyHasMarkerPrefixAndFullSecret() {
		String key = ApiKeyFormat.generate(this.random);

		assertThat(key).hasSize(ApiKeyFormat.LENGTH).matches("fdn_[a-z2-7]{8}_[A-Za-z0-9_-]{43}");
		assertThat(Base64.getUrlDecoder().decode(key.substring(13))).hasSize(32);
		assertThat(ApiKeyFormat.prefixOf(key)).isEqualTo(key.substring(4, 12));
	}

	@Test
	void generatedKeysDoNotRepeat() {
		Set<String> keys = new HashSet<>();
		Set<String> prefixes = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String key = ApiKeyFormat.generate(this.random);
			keys.add(key);
			prefixes.add(ApiKeyFormat.prefixOf(key));
		}
		assertThat(keys).hasSize(1000);
		assertThat(prefixes).hasSize(1000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "fdn_", "fdn_abcdefgh_", "' OR 1=1 --",
			"fdn_ABCDEFGH_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
			"fdn_abcdefg1_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
			"fdx_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
			"fdn_abcdefgh-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
			"fdn_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
			"fdn_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
			"fdn_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
			"fdn_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",
			"fdn_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u00e9",
			"fdn_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ",
			"fdn_abcdefg'_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
	void malformedKeysHaveNoPrefix(String presented) {
		assertThat(ApiKeyFormat.prefixOf(presented)).isNull();
	}

	@Test
	void wellFormedKeyOfRightLengthIsAccepted() {
		assertThat(ApiKeyFormat.prefixOf("fdn_abcdefgh_" + "A".repeat(43))).isEqualTo("abcdefgh");
	}

	@Test
	void hashIsSha256OfTheWholeKey() {
		String key = ApiKeyFormat.generate(this.random);

		assertThat(ApiKeyFormat.hash(key)).hasSize(32).isEqualTo(ApiKeyFormat.hash(key));
		char other = (key.charAt(55) == 'A') ? 'B' : 'A';
		assertThat(ApiKeyFormat.hash(key)).isNotEqualTo(ApiKeyFormat.hash(key.substring(0, 55) + other));
	}

}
