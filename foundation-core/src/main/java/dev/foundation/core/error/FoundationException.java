package dev.foundation.core.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Base of the exceptions the foundation turns into RFC 9457 problem details.
 * <p>
 * The {@linkplain #getMessage() message} becomes the problem's {@code detail} and is
 * shown to the client, so it must be written for the client and must not contain secrets
 * or unescaped input; the cause is only logged.
 */
public abstract class FoundationException extends RuntimeException {

	private final String type;

	private final HttpStatus status;

	private final String title;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	/**
	 * Creates the exception.
	 * @param type the problem type's slug, appended to the configured type base URI (see
	 * {@link ProblemTypes})
	 * @param status the HTTP status
	 * @param title the short, stable summary of the problem type
	 * @param detail the explanation of this occurrence, shown to the client
	 * @param cause the underlying failure, logged only
	 */
	protected FoundationException(String type, HttpStatus status, String title, String detail,
			@Nullable Throwable cause) {
		super(detail, cause);
		this.type = type;
		this.status = status;
		this.title = title;
	}

	/**
	 * Returns the problem type's slug.
	 * @return the slug, e.g. {@code not-found}
	 */
	public String getType() {
		return this.type;
	}

	/**
	 * Returns the HTTP status.
	 * @return the status
	 */
	public HttpStatus getStatus() {
		return this.status;
	}

	/**
	 * Returns the problem type's title.
	 * @return the title
	 */
	public String getTitle() {
		return this.title;
	}

	/**
	 * Returns the extension members added to the problem detail.
	 * @return an unmodifiable view of the members
	 */
	public Map<String, Object> getProperties() {
		return Collections.unmodifiableMap(this.properties);
	}

	/**
	 * Adds an extension member to the problem detail, e.g. the id of a conflicting
	 * resource.
	 * @param name the member name
	 * @param value the member value, serialized as JSON
	 * @return this exception
	 */
	public FoundationException with(String name, Object value) {
		this.properties.put(name, value);
		return this;
	}

}
