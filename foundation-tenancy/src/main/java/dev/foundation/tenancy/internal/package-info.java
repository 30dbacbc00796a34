/**
 * Implementation of the tenant directory on JDBC; not an API.
 */
@NullMarked
package dev.foundation.tenancy.internal;

import org.jspecify.annotations.NullMarked;
