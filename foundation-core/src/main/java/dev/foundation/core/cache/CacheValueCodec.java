package dev.foundation.core.cache;

import org.jspecify.annotations.Nullable;

/**
 * How values are written to and read from Redis. Whatever is read back is data from
 * outside the process: an implementation must never let it choose arbitrary classes to
 * instantiate.
 */
public interface CacheValueCodec {

	/**
	 * Writes a value.
	 * @param value the value, {@code null} for a cached null
	 * @return the bytes
	 * @throws RuntimeException if the value cannot be written (it is then not cached)
	 */
	byte[] encode(@Nullable Object value);

	/**
	 * Reads a value.
	 * @param bytes what {@link #encode} wrote
	 * @return the value, {@code null} for a cached null
	 * @throws RuntimeException if the bytes cannot be read (a miss)
	 */
	@Nullable Object decode(byte[] bytes);

}
