/**
 * Health details of the outbound circuit breakers.
 */
@NullMarked
package dev.foundation.core.http.health;

import org.jspecify.annotations.NullMarked;
