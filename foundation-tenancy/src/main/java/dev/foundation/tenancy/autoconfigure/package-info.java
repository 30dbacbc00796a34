/**
 * Auto-configuration of multi-tenancy.
 */
@NullMarked
package dev.foundation.tenancy.autoconfigure;

import org.jspecify.annotations.NullMarked;
