/**
 * Wiring of the database's fail-fast behaviour: the circuit breaker around the pool's
 * connections and its properties ({@code foundation.database.*}).
 */
@NullMarked
package dev.foundation.core.database.autoconfigure;

import org.jspecify.annotations.NullMarked;
