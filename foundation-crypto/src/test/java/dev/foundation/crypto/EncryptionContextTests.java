package dev.foundation.crypto;

import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The associated-data encoding documented in docs/crypto.md. */
class EncryptionContextTests {

	@Test
	void encodesTenantTableAndColumnAsDocumented() {
		UUID tenant = UUID.fromString("0190f7a2-7c3e-7d4e-8a9b-0c1d2e3f4a5b");
		assertThat(HexFormat.of().formatHex(EncryptionContext.of(tenant, "contacts", "email").encoded()))
			.isEqualTo("01" + "0190f7a27c3e7d4e8a9b0c1d2e3f4a5b" + "0008" + "636f6e7461637473" + "0005" + "656d61696c");
		assertThat(HexFormat.of().formatHex(EncryptionContext.of(null, "t", "c").encoded()))
			.isEqualTo("00" + "0001" + "74" + "0001" + "63");
	}

	@Test
	void encodesNonAsciiNamesAsUtf8() {
		assertThat(HexFormat.of().formatHex(EncryptionContext.of(null, "kündé", "€").encoded()))
			.isEqualTo("00" + "0007" + "6bc3bc6e64c3a9" + "0003" + "e282ac");
	}

	@Test
	void lengthPrefixesKeepNamesApart() {
		assertThat(EncryptionContext.of(null, "ab", "c").encoded())
			.isNotEqualTo(EncryptionContext.of(null, "a", "bc").encoded());
	}

	@Test
	void rejectsBlankNamesAndTheNilTenant() {
		assertThatIllegalArgumentException().isThrownBy(() -> EncryptionContext.of(null, " ", "c"));
		assertThatIllegalArgumentException().isThrownBy(() -> EncryptionContext.of(null, "t", ""));
		assertThatIllegalArgumentException().isThrownBy(() -> EncryptionContext.of(new UUID(0, 0), "t", "c"));
	}

}
