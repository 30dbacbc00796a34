package dev.foundation.core.web;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sets {@code X-Content-Type-Options: nosniff} on every response, before anything else
 * can write it, so that a browser never second-guesses the declared type (a JSON body
 * holding markup is never rendered as HTML). Spring Security sets the same header, but
 * only behind its filter chain; this covers the rest, error dispatches included.
 */
public final class NoSniffFilter implements Filter {

	/** The header's name. */
	public static final String HEADER = "X-Content-Type-Options";

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (response instanceof HttpServletResponse http) {
			http.setHeader(HEADER, "nosniff");
		}
		chain.doFilter(request, response);
	}

}
