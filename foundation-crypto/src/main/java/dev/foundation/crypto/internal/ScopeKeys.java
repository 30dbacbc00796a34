package dev.foundation.crypto.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A cached snapshot of one scope's unwrapped data keys.
 *
 * @param shredded whether the scope's keys were destroyed
 * @param keys the live keys by version
 * @param activeVersion the highest live version, {@code 0} when there is none yet
 */
record ScopeKeys(boolean shredded, Map<Integer, DataKey> keys, int activeVersion) {

	@Nullable DataKey active() {
		return this.keys.get(this.activeVersion);
	}

}
