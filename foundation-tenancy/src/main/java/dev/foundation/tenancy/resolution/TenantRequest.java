package dev.foundation.tenancy.resolution;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link TenantResolver} may read of a request. A narrow view rather than the
 * servlet request, so resolvers are plain functions, easy to test, and never consume the
 * request body.
 */
public interface TenantRequest {

	/**
	 * Returns a request header.
	 * @param name the header name, case-insensitive
	 * @return the first value, or {@code null} if absent
	 */
	@Nullable String header(String name);

	/**
	 * Returns a query (or form) parameter, e.g. the called number of a telephony webhook.
	 * @param name the parameter name
	 * @return the first value, or {@code null} if absent
	 */
	@Nullable String parameter(String name);

	/**
	 * Returns the host the request was sent to, without port, e.g.
	 * {@code acme.example.com}.
	 * @return the host name
	 */
	String host();

	/**
	 * Returns the request path within the application, without the context path or query.
	 * @return the path, e.g. {@code /api/v1/contacts}
	 */
	String path();

}
