/**
 * Resilient outbound HTTP calls: a time limit, retries of idempotent methods, a circuit
 * breaker and a bulkhead per host.
 */
@NullMarked
package dev.foundation.core.http;

import org.jspecify.annotations.NullMarked;
