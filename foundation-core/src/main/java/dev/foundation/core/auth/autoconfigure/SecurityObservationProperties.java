package dev.foundation.core.auth.autoconfigure;

/**
 * What Spring Security records as Micrometer observations (metrics and traces). The
 * request as a whole is observed anyway ({@code http.server.requests}).
 */
public class SecurityObservationProperties {

	/**
	 * Whether each filter of the security filter chain is observed, before and after it
	 * runs: a dozen events per request, a tenth of the CPU time of a small authenticated
	 * request.
	 */
	private boolean filterChain = false;

	/**
	 * Whether each authentication (token validation) is observed.
	 */
	private boolean authentications = true;

	/**
	 * Whether each authorization decision is observed.
	 */
	private boolean authorizations = true;

	public boolean isFilterChain() {
		return this.filterChain;
	}

	public void setFilterChain(boolean filterChain) {
		this.filterChain = filterChain;
	}

	public boolean isAuthentications() {
		return this.authentications;
	}

	public void setAuthentications(boolean authentications) {
		this.authentications = authentications;
	}

	public boolean isAuthorizations() {
		return this.authorizations;
	}

	public void setAuthorizations(boolean authorizations) {
		this.authorizations = authorizations;
	}

}
