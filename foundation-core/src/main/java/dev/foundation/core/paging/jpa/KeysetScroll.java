package dev.foundation.core.paging.jpa;

import dev.foundation.core.paging.CursorRequest;
import dev.foundation.core.paging.KeysetOrder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Path;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * Keyset scrolling through Spring Data JPA's {@link JpaSpecificationExecutor#findBy
 * fluent query}, with one addition that keeps deep pages as cheap as the first.
 * <p>
 * Spring Data expresses "after the position" for an order {@code (a desc, id desc)} as
 * {@code a < ? or (a = ? and id < ?)}. PostgreSQL cannot turn that disjunction into an
 * index range: it walks the index from the list's start and filters every row before the
 * position, so page 50 reads 1,000 rows to return 20. {@link #seek} adds the bound every
 * such row satisfies anyway, {@code a <= ?}, which the index can start from: a page then
 * reads its size plus the rows tied with the position on {@code a}.
 */
public final class KeysetScroll {

	private KeysetScroll() {
	}

	/**
	 * Returns one window of a list: the rows matching the filter, in the order, after the
	 * request's cursor.
	 * @param repository the entity's repository
	 * @param filter the list's own restriction, or
	 * {@link PredicateSpecification#unrestricted()}
	 * @param order the list's order
	 * @param request the client's cursor and size
	 * @param <T> the entity type
	 * @return the window; turn it into a response with
	 * {@link dev.foundation.core.paging.CursorPage#of}
	 * @throws dev.foundation.core.error.BadRequestException if the cursor is malformed or
	 * belongs to another order
	 */
	public static <T> Window<T> scroll(JpaSpecificationExecutor<T> repository, PredicateSpecification<T> filter,
			KeysetOrder order, CursorRequest request) {
		KeysetScrollPosition position = request.position(order);
		return repository.findBy(filter.and(seek(order, position)),
				(query) -> query.sortBy(order.sort()).limit(request.size()).scroll(position));
	}

	/**
	 * Returns the bound on the order's first property that every row after (or, scrolling
	 * backward, before) the position satisfies: redundant for the result, but the
	 * condition an index on the order's columns seeks with.
	 * @param order the list's order
	 * @param position the position, checked against the order
	 * @param <T> the entity type
	 * @return the bound, unrestricted for the initial position
	 */
	public static <T> PredicateSpecification<T> seek(KeysetOrder order, KeysetScrollPosition position) {
		if (position.isInitial()) {
			return PredicateSpecification.unrestricted();
		}
		Sort.Order first = order.sort().iterator().next();
		Object value = order.check(position).getKeys().get(first.getProperty());
		boolean upTo = first.isDescending() == position.scrollsForward();
		return (from, builder) -> {
			Expression<Comparable<Object>> property = path(from, first.getProperty());
			@SuppressWarnings("unchecked")
			Comparable<Object> bound = (Comparable<Object>) value;
			return upTo ? builder.lessThanOrEqualTo(property, bound) : builder.greaterThanOrEqualTo(property, bound);
		};
	}

	private static Expression<Comparable<Object>> path(Path<?> from, String property) {
		Path<?> path = from;
		for (String part : property.split("\\.")) {
			path = path.get(part);
		}
		@SuppressWarnings("unchecked")
		Expression<Comparable<Object>> expression = (Expression<Comparable<Object>>) path;
		return expression;
	}

}
