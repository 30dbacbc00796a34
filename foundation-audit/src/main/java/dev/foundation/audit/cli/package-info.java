/**
 * The command-line verifier, for auditors and operators: it needs only a JDBC URL.
 */
@NullMarked
package dev.foundation.audit.cli;

import org.jspecify.annotations.NullMarked;
