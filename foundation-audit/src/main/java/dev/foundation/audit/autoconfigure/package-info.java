/**
 * Auto-configuration of the audit log.
 */
@NullMarked
package dev.foundation.audit.autoconfigure;

import org.jspecify.annotations.NullMarked;
