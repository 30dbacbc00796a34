/**
 * Implementation of the database's fail-fast behaviour; not an API.
 */
@NullMarked
package dev.foundation.core.database.internal;

import org.jspecify.annotations.NullMarked;
