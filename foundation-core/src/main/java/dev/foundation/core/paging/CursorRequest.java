package dev.foundation.core.paging;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;

/**
 * A client's request for one page of a cursor-paginated list: the cursor of the previous
 * page's end (none for the first page) and how many items to return. In Spring MVC,
 * declare it as a controller method parameter: it is read from
 * {@code ?cursor=...&size=...}, the size defaulting to and bounded by
 * {@code foundation.paging.*}.
 *
 * @param cursor the opaque token from the previous page's {@link CursorPage#next()}, or
 * {@code null}
 * @param size the most items to return, at least 1
 */
public record CursorRequest(@Nullable String cursor, int size) {

	/**
	 * Creates the request.
	 * @param cursor the opaque token from the previous page's {@link CursorPage#next()},
	 * or {@code null}
	 * @param size the most items to return, at least 1
	 */
	public CursorRequest {
		if (size < 1) {
			throw new IllegalArgumentException("size must be at least 1, not " + size);
		}
		if (cursor != null && cursor.isBlank()) {
			cursor = null;
		}
	}

	/**
	 * Returns a request for the first page.
	 * @param size the most items to return
	 * @return the request
	 */
	public static CursorRequest first(int size) {
		return new CursorRequest(null, size);
	}

	/**
	 * Returns the position to scroll from, checked against the list's order.
	 * @param order the order the list is queried in
	 * @return the position, {@linkplain KeysetScrollPosition#isInitial() initial} for the
	 * first page
	 * @throws dev.foundation.core.error.BadRequestException if the cursor is malformed or
	 * belongs to another order
	 */
	public KeysetScrollPosition position(KeysetOrder order) {
		return order.position(this.cursor);
	}

	/**
	 * Returns the size as a Spring Data limit, for repository methods taking a
	 * {@link Limit}.
	 * @return the limit
	 */
	public Limit limit() {
		return Limit.of(this.size);
	}

}
