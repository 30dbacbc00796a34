package dev.foundation.core.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.foundation.core.error.BadRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;

/**
 * The order of a cursor-paginated list: its sort properties, their directions and the
 * Java type of each, declared once and used both for the query ({@link #sort()}) and to
 * check a client's cursor ({@link #position(String)}).
 * <p>
 * End the order with a unique property, usually the id, so that it is total: rows sharing
 * every earlier key would otherwise be skipped or repeated between pages (Spring Data JPA
 * appends the id itself when it is missing, and the cursor then carries a key this order
 * does not declare). For example, newest first:
 *
 * <pre>{@code
 * static final KeysetOrder NEWEST_FIRST = KeysetOrder.descending("createdAt", Instant.class)
 * 	.thenDescending("id", UUID.class);
 *
 * Window<Contact> findBy(ScrollPosition position, Sort sort, Limit limit);   // the repository
 * contacts.findBy(request.position(NEWEST_FIRST), NEWEST_FIRST.sort(), request.limit());
 * }</pre>
 *
 * Serve the order with an index on the same columns in the same directions (after the
 * tenant column for tenant-owned tables), so that a page reads as many index entries as
 * it returns.
 */
public final class KeysetOrder {

	private final List<Key> keys;

	private KeysetOrder(List<Key> keys) {
		this.keys = List.copyOf(keys);
	}

	/**
	 * Starts an order with an ascending property.
	 * @param property the property path, as in {@link Sort}
	 * @param type its Java type, one of {@link CursorCodec#SAFE_TYPES}
	 * @return the order
	 */
	public static KeysetOrder ascending(String property, Class<?> type) {
		return new KeysetOrder(List.of()).then(property, type, Sort.Direction.ASC);
	}

	/**
	 * Starts an order with a descending property.
	 * @param property the property path, as in {@link Sort}
	 * @param type its Java type, one of {@link CursorCodec#SAFE_TYPES}
	 * @return the order
	 */
	public static KeysetOrder descending(String property, Class<?> type) {
		return new KeysetOrder(List.of()).then(property, type, Sort.Direction.DESC);
	}

	/**
	 * Returns this order followed by an ascending property, which orders rows equal in
	 * every earlier property.
	 * @param property the property path
	 * @param type its Java type, one of {@link CursorCodec#SAFE_TYPES}
	 * @return a new order
	 */
	public KeysetOrder thenAscending(String property, Class<?> type) {
		return then(property, type, Sort.Direction.ASC);
	}

	/**
	 * Returns this order followed by a descending property, which orders rows equal in
	 * every earlier property.
	 * @param property the property path
	 * @param type its Java type, one of {@link CursorCodec#SAFE_TYPES}
	 * @return a new order
	 */
	public KeysetOrder thenDescending(String property, Class<?> type) {
		return then(property, type, Sort.Direction.DESC);
	}

	/**
	 * Returns the sort to query with.
	 * @return the sort, one order per declared property
	 */
	public Sort sort() {
		return Sort.by(this.keys.stream().map((key) -> new Sort.Order(key.direction(), key.property())).toList());
	}

	/**
	 * Returns the position a client's cursor names, checked against this order.
	 * @param cursor the token from the client, or {@code null} (or blank) for the first
	 * page
	 * @return the position: {@linkplain ScrollPosition#keyset() initial} without a cursor
	 * @throws BadRequestException if the cursor is malformed or does not belong to this
	 * order
	 */
	public KeysetScrollPosition position(@Nullable String cursor) {
		return (cursor == null || cursor.isBlank()) ? ScrollPosition.keyset() : check(CursorCodec.decode(cursor));
	}

	/**
	 * Checks that a decoded position belongs to this order: exactly its properties, each
	 * of its declared type. A forged cursor naming other properties or types would
	 * otherwise reach the query and fail there.
	 * @param position the position
	 * @return the same position
	 * @throws BadRequestException if it does not belong to this order
	 */
	public KeysetScrollPosition check(KeysetScrollPosition position) {
		Map<String, Object> values = position.getKeys();
		if (position.isInitial()) {
			return position;
		}
		if (values.size() != this.keys.size()) {
			throw CursorCodec.invalid("it belongs to another list or order");
		}
		for (Key key : this.keys) {
			Object value = values.get(key.property());
			if (value == null || value.getClass() != key.type()) {
				throw CursorCodec.invalid("it belongs to another list or order");
			}
		}
		return position;
	}

	@Override
	public String toString() {
		return sort().toString();
	}

	private KeysetOrder then(String property, Class<?> type, Sort.Direction direction) {
		if (!CursorCodec.isPropertyPath(property)) {
			throw new IllegalArgumentException("'" + property + "' is not a property path a cursor can carry (letters, "
					+ "digits, _ and $, dot-separated, at most 64 characters)");
		}
		if (CursorValueType.ofJavaType(type) == null) {
			throw new IllegalArgumentException("A cursor cannot carry '" + property + "' of type " + type.getName()
					+ "; use one of " + CursorCodec.SAFE_TYPES);
		}
		if (this.keys.stream().anyMatch((key) -> key.property().equals(property))) {
			throw new IllegalArgumentException("'" + property + "' is already part of the order");
		}
		if (this.keys.size() == CursorCodec.MAX_KEYS) {
			throw new IllegalArgumentException("An order has at most " + CursorCodec.MAX_KEYS + " properties");
		}
		List<Key> next = new ArrayList<>(this.keys);
		next.add(new Key(property, type, direction));
		return new KeysetOrder(next);
	}

	private record Key(String property, Class<?> type, Sort.Direction direction) {
	}

}
