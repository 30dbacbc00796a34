package dev.foundation.crypto.internal;

import dev.foundation.crypto.WrappedKey;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code crypto_data_keys}: one data key version of a scope, wrapped, or
 * destroyed (shredded, {@code wrapped == null}).
 *
 * @param version the version, {@code 0} for a shredding tombstone
 * @param wrapped the wrapped key, {@code null} once destroyed
 */
record StoredDataKey(int version, @Nullable WrappedKey wrapped) {

	boolean destroyed() {
		return this.wrapped == null;
	}

}
