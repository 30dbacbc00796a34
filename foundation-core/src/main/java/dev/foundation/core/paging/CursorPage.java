package dev.foundation.core.paging;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

/**
 * One page of a cursor-paginated list, as a client receives it:
 * {@code {"items":[...],"next":"<cursor>"}}. There is no total: counting a tenant's rows
 * costs a scan of all of them on every page, which is what cursor paging avoids.
 *
 * @param items the page's items, in the list's order
 * @param next the cursor of the next page (pass it as {@code ?cursor=}), or {@code null}
 * on the last page
 * @param <T> the item type
 */
public record CursorPage<T>(List<T> items, @Nullable String next) {

	/**
	 * Creates the page.
	 * @param items the page's items, in the list's order
	 * @param next the cursor of the next page, or {@code null} on the last page
	 */
	public CursorPage {
		items = List.copyOf(items);
	}

	/**
	 * Returns the page of a window that Spring Data scrolled by keyset, with the next
	 * page's cursor taken from the window's last item.
	 * @param window the window, from a repository query given a
	 * {@link KeysetScrollPosition}
	 * @param <T> the item type
	 * @return the page
	 * @throws IllegalArgumentException if the window was scrolled by offset rather than
	 * keyset
	 */
	public static <T> CursorPage<T> of(Window<T> window) {
		if (window.isEmpty() || !window.hasNext()) {
			return new CursorPage<>(window.getContent(), null);
		}
		ScrollPosition position = window.positionAt(window.size() - 1);
		if (!(position instanceof KeysetScrollPosition keyset)) {
			throw new IllegalArgumentException(
					"A cursor page needs a window scrolled by keyset (ScrollPosition.keyset()"
							+ " or a KeysetOrder's position), not " + position.getClass().getSimpleName());
		}
		return new CursorPage<>(window.getContent(), CursorCodec.encode(keyset));
	}

	/**
	 * Returns the page of a window, its items converted (e.g. entities to response
	 * records).
	 * @param window the window, from a repository query given a
	 * {@link KeysetScrollPosition}
	 * @param mapper the conversion of each item
	 * @param <S> the window's item type
	 * @param <T> the page's item type
	 * @return the page
	 */
	public static <S, T> CursorPage<T> of(Window<S> window, Function<? super S, ? extends T> mapper) {
		return of(window.<T>map(mapper));
	}

}
