package dev.foundation.core.jobs.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import dev.foundation.core.jobs.JobRef;

/**
 * The Redis keys of a job. Both keys of a job share one hash tag (tenant and job id), so
 * that the script updating them together works on Redis Cluster; a tenant id with
 * characters that could break the tag is hashed.
 */
final class JobKeys {

	private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,100}");

	private final String prefix;

	JobKeys(String prefix) {
		this.prefix = prefix;
	}

	/** The tenant-qualified name of a job, also the pub/sub message announcing it. */
	static String tag(JobRef job) {
		String tenant = job.tenantId();
		String tenantPart = (tenant == null) ? "_"
				: PLAIN.matcher(tenant).matches() ? "t." + tenant : "h." + sha256(tenant);
		return tenantPart + ":" + job.jobId();
	}

	String state(JobRef job) {
		return this.prefix + "{" + tag(job) + "}:state";
	}

	String events(JobRef job) {
		return this.prefix + "{" + tag(job) + "}:events";
	}

	String channel() {
		return this.prefix + "announcements";
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
