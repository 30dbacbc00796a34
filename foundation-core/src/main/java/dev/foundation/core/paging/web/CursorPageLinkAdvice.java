package dev.foundation.core.paging.web;

import java.net.URI;

import dev.foundation.core.paging.CursorPage;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Adds {@code Link: <...>; rel="next"} (RFC 8288) to responses whose body is a
 * {@link CursorPage} with a next cursor: the request's own path and query, its
 * {@code cursor} parameter replaced. The reference is relative (resolved against the
 * request URI), so the Host header a client sent never ends up in it.
 */
@ControllerAdvice
public class CursorPageLinkAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof CursorPage<?> page && page.next() != null) {
			String next = nextReference(request.getURI(), page.next());
			if (next != null) {
				response.getHeaders().add(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
			}
		}
		return body;
	}

	private static @Nullable String nextReference(URI uri, String cursor) {
		try {
			// The cursor is base64url: nothing in it needs encoding.
			return UriComponentsBuilder.fromPath(uri.getRawPath())
				.query(uri.getRawQuery())
				.replaceQueryParam(CursorRequestArgumentResolver.CURSOR_PARAMETER, cursor)
				.build(true)
				.toUriString();
		}
		catch (IllegalArgumentException ex) {
			// A query that is not properly encoded: the body's "next" is enough.
			return null;
		}
	}

}
