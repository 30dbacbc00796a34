package dev.foundation.audit;

import java.time.YearMonth;
import java.util.List;

/**
 * Retention, an explicit operation: drops whole monthly partitions of the audit log,
 * leaving a signed checkpoint per chain where it now starts and an
 * {@code audit.retention} event. Runs as the tables' owner. Available when checkpoints
 * are configured and the foundation migrates its schema.
 */
@FunctionalInterface
public interface AuditRetention {

	/**
	 * Drops every partition of a month before the given one.
	 * @param keepFrom the first month kept
	 * @return the dropped partitions' names
	 */
	List<String> dropBefore(YearMonth keepFrom);

}
