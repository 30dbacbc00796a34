/**
 * Implementation of the audit log: the canonical form and hash chain, the writers and the
 * verifier.
 */
@NullMarked
package dev.foundation.audit.internal;

import org.jspecify.annotations.NullMarked;
