package dev.foundation.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;

import dev.foundation.crypto.BlindIndexer;
import dev.foundation.crypto.EncryptionContext;

/**
 * HMAC-SHA-256 blind indexes under per-tenant, per-column keys derived from the data keys
 * (see {@link DataKey#indexKey(String, String)}).
 */
public final class HmacBlindIndexer implements BlindIndexer {

	private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(HmacBlindIndexer::newMac);

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final EnvelopeDataKeys keys;

	private final int length;

	/**
	 * Creates the indexer.
	 * @param keys the data keys
	 * @param length how many bytes of the HMAC to keep, 8 to 32
	 */
	public HmacBlindIndexer(EnvelopeDataKeys keys, int length) {
		if (length < 8 || length > 32) {
			throw new IllegalArgumentException("A blind index keeps 8 to 32 bytes of the HMAC, not " + length);
		}
		this.keys = keys;
		this.length = length;
	}

	@Override
	public String index(String normalizedValue, EncryptionContext context) {
		return compute(this.keys.active(context.tenantId()), normalizedValue, context);
	}

	@Override
	public List<String> lookupValues(String normalizedValue, EncryptionContext context) {
		List<String> values = new ArrayList<>(2);
		for (DataKey key : this.keys.live(context.tenantId())) {
			values.add(compute(key, normalizedValue, context));
		}
		return values;
	}

	private String compute(DataKey key, String value, EncryptionContext context) {
		Mac mac = MACS.get();
		try {
			mac.init(key.indexKey(context.table(), context.column()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA-256 rejected a derived key: " + ex.getClass().getSimpleName());
		}
		byte[] full = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
		byte[] truncated = new byte[this.length];
		System.arraycopy(full, 0, truncated, 0, this.length);
		return key.version() + "." + ENCODER.encodeToString(truncated);
	}

	private static Mac newMac() {
		try {
			return Mac.getInstance("HmacSHA256");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("This JDK offers no HmacSHA256", ex);
		}
	}

}
