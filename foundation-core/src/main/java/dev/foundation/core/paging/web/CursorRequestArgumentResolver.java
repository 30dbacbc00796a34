package dev.foundation.core.paging.web;

import dev.foundation.core.error.BadRequestException;
import dev.foundation.core.paging.CursorCodec;
import dev.foundation.core.paging.CursorRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a {@link CursorRequest} controller method parameter from the query parameters
 * {@code cursor} (optional) and {@code size} (optional, a default when absent, never
 * above a maximum). A size that is not a whole number within bounds is a 400 problem. The
 * cursor is decoded and checked against the list's order when the position is taken
 * ({@link CursorRequest#position}), also a 400 problem when it is malformed (see
 * {@link CursorCodec}).
 */
public class CursorRequestArgumentResolver implements HandlerMethodArgumentResolver {

	/** The query parameter carrying the cursor. */
	public static final String CURSOR_PARAMETER = "cursor";

	/** The query parameter carrying the page size. */
	public static final String SIZE_PARAMETER = "size";

	private final int defaultSize;

	private final int maxSize;

	/**
	 * Creates the resolver.
	 * @param defaultSize the size when the request names none
	 * @param maxSize the largest size a request may ask for
	 */
	public CursorRequestArgumentResolver(int defaultSize, int maxSize) {
		if (defaultSize < 1 || maxSize < defaultSize) {
			throw new IllegalArgumentException("Page sizes need 1 <= default size <= max size, not default "
					+ defaultSize + " and max " + maxSize + " (foundation.paging.default-size, .max-size)");
		}
		this.defaultSize = defaultSize;
		this.maxSize = maxSize;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == CursorRequest.class;
	}

	@Override
	public CursorRequest resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer container,
			NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
		return new CursorRequest(request.getParameter(CURSOR_PARAMETER), size(request.getParameter(SIZE_PARAMETER)));
	}

	private int size(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return this.defaultSize;
		}
		// At most 4 digits: parsing never overflows and a size beyond that is out of
		// bounds anyway.
		int size = (value.length() <= 4 && value.chars().allMatch((c) -> c >= '0' && c <= '9'))
				? Integer.parseInt(value) : -1;
		if (size < 1 || size > this.maxSize) {
			throw new BadRequestException("size must be a whole number from 1 to " + this.maxSize);
		}
		return size;
	}

}
