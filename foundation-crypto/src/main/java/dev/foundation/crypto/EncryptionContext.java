package dev.foundation.crypto;

import java.io.ByteArrayOutputStream;
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
		ByteArrayOutputStream out = new ByteArrayOutputStream(64);
		if (this.tenantId == null) {
			out.write(0);
		}
		else {
			out.write(1);
			writeLong(out, this.tenantId.getMostSignificantBits());
			writeLong(out, this.tenantId.getLeastSignificantBits());
		}
		writeName(out, this.table);
		writeName(out, this.column);
		return out.toByteArray();
	}

	private static void writeLong(ByteArrayOutputStream out, long value) {
		for (int shift = 56; shift >= 0; shift -= 8) {
			out.write((int) (value >>> shift));
		}
	}

	private static void writeName(ByteArrayOutputStream out, String name) {
		byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
		out.write(bytes.length >>> 8);
		out.write(bytes.length);
		out.writeBytes(bytes);
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
