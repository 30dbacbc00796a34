package dev.foundation.crypto;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Where an encrypted value lives: it selects the data key (the tenant's, or the system's
 * when there is no tenant) and becomes the AEAD associated data, so that a ciphertext
 * decrypts only in the place it was made for.
 * <p>
 * Build it from the row's own metadata (the entity's tenant, its table and column), never
 * from request input. Names are compared byte for byte: renaming a table or column needs
 * re-encryption, or keep the old names in the context.
 *
 * @param tenantId the owning tenant, {@code null} for system data
 * @param table the table (or entity) name
 * @param column the column (or attribute) name
 */
public record EncryptionContext(@Nullable UUID tenantId, String table, String column) {

	private static final int MAX_NAME_BYTES = 0xFFFF;

	public EncryptionContext {
		if (tenantId != null && tenantId.getMostSignificantBits() == 0 && tenantId.getLeastSignificantBits() == 0) {
			// The nil UUID is the system's scope, never a tenant's.
			throw new IllegalArgumentException("The nil UUID is not a tenant id; use null for system data");
		}
		requireName(table, "table");
		requireName(column, "column");
	}

	/**
	 * Creates a context.
	 * @param tenantId the owning tenant, {@code null} for system data
	 * @param table the table (or entity) name
	 * @param column the column (or attribute) name
	 * @return the context
	 */
	public static EncryptionContext of(@Nullable UUID tenantId, String table, String column) {
		return new EncryptionContext(tenantId, table, column);
	}

	/**
	 * Returns the context's part of the associated data, as documented in
	 * {@code docs/crypto.md}: a tenant flag byte ({@code 0} none, {@code 1} followed by
	 * the UUID's 16 bytes, big-endian), then the table and the column, each as a 2-byte
	 * big-endian length and its UTF-8 bytes.
	 * @return a new array
	 */
	public byte[] encoded() {
		// Runs for every value encrypted or decrypted: one exact-size array, names that
		// are ASCII (almost all) copied without an intermediate array.
		int tableLength = utf8Length(this.table);
		int columnLength = utf8Length(this.column);
		byte[] out = new byte[((this.tenantId != null) ? 17 : 1) + 2 + tableLength + 2 + columnLength];
		int at = 0;
		if (this.tenantId == null) {
			out[at++] = 0;
		}
		else {
			out[at++] = 1;
			at = writeLong(out, at, this.tenantId.getMostSignificantBits());
			at = writeLong(out, at, this.tenantId.getLeastSignificantBits());
		}
		at = writeName(out, at, this.table, tableLength);
		writeName(out, at, this.column, columnLength);
		return out;
	}

	private static int writeLong(byte[] out, int at, long value) {
		for (int shift = 56; shift >= 0; shift -= 8) {
			out[at++] = (byte) (value >>> shift);
		}
		return at;
	}

	private static int writeName(byte[] out, int at, String name, int length) {
		out[at++] = (byte) (length >>> 8);
		out[at++] = (byte) length;
		if (length == name.length()) {
			for (int i = 0; i < length; i++) {
				out[at++] = (byte) name.charAt(i);
			}
		}
		else {
			byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
			System.arraycopy(bytes, 0, out, at, bytes.length);
			at += bytes.length;
		}
		return at;
	}

	// The UTF-8 length, which equals the number of chars exactly when all are ASCII.
	private static int utf8Length(String name) {
		for (int i = 0; i < name.length(); i++) {
			if (name.charAt(i) >= 0x80) {
				return name.getBytes(StandardCharsets.UTF_8).length;
			}
		}
		return name.length();
	}

	private static void requireName(String name, String what) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("The " + what + " of an encryption context must not be blank");
		}
		if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
			throw new IllegalArgumentException("The " + what + " of an encryption context is too long");
		}
	}

}
