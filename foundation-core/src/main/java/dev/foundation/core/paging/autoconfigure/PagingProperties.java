package dev.foundation.core.paging.autoconfigure;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of cursor paging: the page sizes a {@code CursorRequest} parameter
 * accepts.
 */
@ConfigurationProperties("foundation.paging")
@Validated
public class PagingProperties {

	/**
	 * Whether controller methods can take a CursorRequest parameter, read from
	 * ?cursor=...&size=....
	 */
	private boolean enabled = true;

	/**
	 * Page size when a request names none.
	 */
	@Min(1)
	private int defaultSize = 20;

	/**
	 * Largest page size a request may ask for; a larger one is a 400 problem, not
	 * silently reduced.
	 */
	@Min(1)
	private int maxSize = 100;

	/**
	 * Whether a CursorPage response with a next cursor carries a Link header (rel="next")
	 * to the next page.
	 */
	private boolean linkHeader = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isLinkHeader() {
		return this.linkHeader;
	}

	public void setLinkHeader(boolean linkHeader) {
		this.linkHeader = linkHeader;
	}

	public int getDefaultSize() {
		return this.defaultSize;
	}

	public void setDefaultSize(int defaultSize) {
		this.defaultSize = defaultSize;
	}

	public int getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(int maxSize) {
		this.maxSize = maxSize;
	}

}
