/**
 * Graceful shutdown as clients see it: once shutdown begins, new requests are answered
 * 503 {@code service-unavailable} with {@code Retry-After} and {@code Connection: close}
 * while requests in flight finish.
 */
@NullMarked
package dev.foundation.core.shutdown;

import org.jspecify.annotations.NullMarked;
