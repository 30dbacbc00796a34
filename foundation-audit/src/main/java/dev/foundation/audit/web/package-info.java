/**
 * HTTP endpoints of the audit log: listing events and verifying a tenant's chain.
 */
@NullMarked
package dev.foundation.audit.web;

import org.jspecify.annotations.NullMarked;
