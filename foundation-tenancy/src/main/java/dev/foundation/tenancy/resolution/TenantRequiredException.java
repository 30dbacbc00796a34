package dev.foundation.tenancy.resolution;

import dev.foundation.core.error.FoundationException;
import org.springframework.http.HttpStatus;

/**
 * The request needs a tenant and none was named (400, problem type {@value #TYPE}).
 */
public class TenantRequiredException extends FoundationException {

	/** The problem type's slug. */
	public static final String TYPE = "tenant-required";

	/**
	 * Creates the exception.
	 * @param detail the explanation shown to the client
	 */
	public TenantRequiredException(String detail) {
		super(TYPE, HttpStatus.BAD_REQUEST, "Tenant required", detail, null);
	}

}
