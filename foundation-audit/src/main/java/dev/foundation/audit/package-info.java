/**
 * The audit log: record who did what to which resource with what outcome
 * ({@link dev.foundation.audit.AuditLog}, {@link dev.foundation.audit.Audited}), verify
 * that nobody changed it afterwards ({@link dev.foundation.audit.AuditChainVerifier}) and
 * read it back ({@link dev.foundation.audit.AuditEventQuery}).
 */
@NullMarked
package dev.foundation.audit;

import org.jspecify.annotations.NullMarked;
