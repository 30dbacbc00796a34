package dev.foundation.crypto.jpa;

/**
 * The Hibernate properties through which the auto-configuration hands the crypto beans to
 * {@link EncryptedType} and the blind-index listeners, which Hibernate instantiates
 * itself.
 */
public final class CryptoHibernateSettings {

	/** The {@link dev.foundation.crypto.FieldEncryptor}. */
	public static final String FIELD_ENCRYPTOR = "foundation.crypto.field-encryptor";

	/** The {@link dev.foundation.crypto.BlindIndexer}. */
	public static final String BLIND_INDEXER = "foundation.crypto.blind-indexer";

	/**
	 * A {@code String} returned instead of values whose keys were shredded; absent to
	 * throw {@link dev.foundation.crypto.KeyDestroyedException}.
	 */
	public static final String SHREDDED_PLACEHOLDER = "foundation.crypto.shredded-placeholder";

	private CryptoHibernateSettings() {
	}

}
