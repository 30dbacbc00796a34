/**
 * The database's availability as clients see it: which failures mean "the database cannot
 * be reached" (answered 503 with {@code Retry-After}, never 500), and the exception the
 * foundation's circuit breaker throws while it is open.
 */
@NullMarked
package dev.foundation.core.database;

import org.jspecify.annotations.NullMarked;
