package dev.foundation.crypto;

import java.util.List;

/**
 * Blind indexes for equality search over encrypted values: HMAC-SHA-256 of the (already
 * normalized) value under a key derived with HKDF from the tenant's data key and the
 * context's table and column, truncated to {@code foundation.crypto.blind-index.length}
 * bytes. Equal values in two tenants, or in two columns, give unrelated index values.
 * <p>
 * <strong>Guaranteed:</strong> without the tenant's data key an index value reveals
 * nothing about the value beyond equality with other rows' index values in the same
 * column. <strong>Not guaranteed:</strong> equality itself leaks by design (frequency of
 * common values is visible), and truncation allows rare false positives: compare the
 * decrypted value after a lookup.
 * <p>
 * Index values are {@code <key version>.<base64url of the truncated HMAC>}: a row records
 * the version of the key that indexed it, and a lookup covers every live version until
 * re-indexing finishes.
 */
public interface BlindIndexer {

	/**
	 * Computes the index value to store, under the tenant's active key.
	 * @param normalizedValue the value, already normalized
	 * @param context the table and column of the <em>indexed</em> (encrypted) column and
	 * the tenant
	 * @return the index value
	 * @throws KeyDestroyedException if the tenant was shredded
	 */
	String index(String normalizedValue, EncryptionContext context);

	/**
	 * Computes the index values to search for: one per live key version of the tenant.
	 * @param normalizedValue the value, already normalized
	 * @param context as for {@link #index(String, EncryptionContext)}
	 * @return the values, newest key first; empty when the tenant has no keys yet
	 */
	List<String> lookupValues(String normalizedValue, EncryptionContext context);

}
