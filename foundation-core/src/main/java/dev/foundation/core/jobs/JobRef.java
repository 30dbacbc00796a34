package dev.foundation.core.jobs;

import java.util.UUID;
import java.util.regex.Pattern;

import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import org.jspecify.annotations.Nullable;

/**
 * A job and the tenant that owns it. Only callers bound to the same tenant can read the
 * job's status; a job started outside any tenant is readable only outside any tenant.
 *
 * @param tenantId the owning tenant, or {@code null} for no tenant
 * @param jobId the job's id: 1–100 characters of letters, digits, {@code .}, {@code _}
 * and {@code -}
 */
public record JobRef(@Nullable String tenantId, String jobId) {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

	public JobRef {
		if (!isValidId(jobId)) {
			throw new IllegalArgumentException("A job id is 1-100 letters, digits, '.', '_' or '-'");
		}
	}

	/**
	 * A new job (random id) owned by the tenant bound to this thread, if any.
	 * @return the reference
	 */
	public static JobRef newJob() {
		return forCurrentTenant(UUID.randomUUID().toString());
	}

	/**
	 * A job owned by the tenant bound to this thread, if any.
	 * @param jobId the job's id
	 * @return the reference
	 */
	public static JobRef forCurrentTenant(String jobId) {
		RequestContext context = RequestContexts.find().orElse(null);
		return new JobRef((context != null) ? context.tenantId() : null, jobId);
	}

	/**
	 * Whether a string can be a job id.
	 * @param jobId the candidate
	 * @return whether it is valid
	 */
	public static boolean isValidId(@Nullable String jobId) {
		return jobId != null && ID.matcher(jobId).matches();
	}

}
