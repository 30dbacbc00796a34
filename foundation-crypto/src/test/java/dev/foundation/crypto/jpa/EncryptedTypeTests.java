package dev.foundation.crypto.jpa;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What Hibernate may log about encrypted attributes. */
class EncryptedTypeTests {

	@Test
	void boundValuesAreLoggedMasked() {
		EncryptedType type = new EncryptedType();
		assertThat(type.toLoggableString("ada@example.com", null)).isEqualTo("[encrypted]");
		assertThat(type.toLoggableString(new byte[] { 1, 2 }, null)).isEqualTo("[encrypted]");
		assertThat(type.toLoggableString(null, null)).isEqualTo("null");
	}

	@Test
	void dirtyCheckingComparesPlaintexts() {
		EncryptedType type = new EncryptedType();
		assertThat(type.equals("a", "a")).isTrue();
		assertThat(type.equals(new byte[] { 1 }, new byte[] { 1 })).isTrue();
		assertThat(type.equals(new byte[] { 1 }, new byte[] { 2 })).isFalse();
		byte[] value = { 1, 2, 3 };
		assertThat((byte[]) type.deepCopy(value)).isEqualTo(value).isNotSameAs(value);
	}

}
