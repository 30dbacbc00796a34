package dev.foundation.tenancy.rls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that authenticates tenant bindings: the value of
 * {@value TenantTransactionBinding#BINDING_SETTING} is
 * {@code <tenant id>.<hex HMAC-SHA256 of "foundation-rls-v1:<tenant id>">}, which the
 * database function {@code bound_tenant()} recomputes with the same key. The key is
 * generated in the database by the foundation's migration and kept where the
 * application's role cannot read it; only the role that owns the foundation's schema (the
 * migration role) can, so SQL run as the application role cannot compute a binding for
 * another tenant.
 * <p>
 * The key bytes never leave this class; {@link #toString()} does not show them.
 */
public final class TenantBindingKey {

	private static final String ALGORITHM = "HmacSHA256";

	private static final String DOMAIN = "foundation-rls-v1:";

	private final SecretKeySpec key;

	private final ThreadLocal<Mac> macs;

	/**
	 * Creates the key.
	 * @param key the 32 key bytes (copied)
	 */
	public TenantBindingKey(byte[] key) {
		if (key.length != 32) {
			throw new IllegalArgumentException("A tenant binding key has 32 bytes, not " + key.length);
		}
		this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), ALGORITHM);
		this.macs = ThreadLocal.withInitial(this::newMac);
	}

	/**
	 * Returns the binding of a tenant, the value of
	 * {@value TenantTransactionBinding#BINDING_SETTING} that makes {@code bound_tenant()}
	 * answer the tenant.
	 * @param tenantId the tenant
	 * @return the binding
	 */
	public String binding(UUID tenantId) {
		String tenant = tenantId.toString();
		byte[] mac = this.macs.get().doFinal((DOMAIN + tenant).getBytes(StandardCharsets.UTF_8));
		return tenant + "." + HexFormat.of().formatHex(mac);
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "TenantBindingKey[HmacSHA256, 256 bits]";
	}

}
