package dev.foundation.core.context;

import java.io.IOException;
import java.time.Instant;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.logstash.logback.argument.StructuredArguments;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of the chain: creates the {@link RequestContext}, binds it (and its MDC ids) for the duration of
 * the request, echoes the correlation id on the response and unbinds everything afterwards, even on errors.
 * <p>
 * It also runs for the container's error and async dispatches, re-binding the original request's context, so an
 * error rendered after a filter failed, or the completion of an asynchronous request, still carries its ids.
 */
public class RequestContextFilter extends OncePerRequestFilter {

	/** Request attribute holding the {@link RequestContext} of the request. */
	public static final String CONTEXT_ATTRIBUTE = RequestContext.class.getName();

	private static final int MAX_USER_AGENT_LENGTH = 256;

	private static final Logger requestLog = LoggerFactory.getLogger("dev.foundation.request");

	private final String requestIdHeader;

	private final int maxRequestIdLength;

	private final ClientIpResolver clientIpResolver;

	private final boolean logRequests;

	/**
	 * Creates the filter, without request logging.
	 * @param requestIdHeader the header carrying the correlation id in both directions
	 * @param maxRequestIdLength the longest inbound id accepted
	 * @param clientIpResolver how the client address is found
	 */
	public RequestContextFilter(String requestIdHeader, int maxRequestIdLength, ClientIpResolver clientIpResolver) {
		this(requestIdHeader, maxRequestIdLength, clientIpResolver, false);
	}

	/**
	 * Creates the filter.
	 * @param requestIdHeader the header carrying the correlation id in both directions
	 * @param maxRequestIdLength the longest inbound id accepted
	 * @param clientIpResolver how the client address is found
	 * @param logRequests whether each completed request is logged (method, path, status, duration) on the
	 * {@code dev.foundation.request} logger
	 */
	public RequestContextFilter(String requestIdHeader, int maxRequestIdLength, ClientIpResolver clientIpResolver,
			boolean logRequests) {
		this.requestIdHeader = requestIdHeader;
		this.maxRequestIdLength = maxRequestIdLength;
		this.clientIpResolver = clientIpResolver;
		this.logRequests = logRequests;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	// Async dispatches (completion of Callable, DeferredResult, SSE) run on another thread: bind the same context.
	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RequestContext context = (request.getAttribute(CONTEXT_ATTRIBUTE) instanceof RequestContext existing)
				? existing : createContext(request);
		request.setAttribute(CONTEXT_ATTRIBUTE, context);
		if (!response.isCommitted()) {
			response.setHeader(this.requestIdHeader, context.correlationId());
		}
		boolean log = this.logRequests && request.getDispatcherType() == DispatcherType.REQUEST
				&& requestLog.isInfoEnabled();
		long start = log ? System.nanoTime() : 0;
		try (RequestContexts.Scope scope = RequestContexts.bind(context)) {
			boolean failed = true;
			try {
				chain.doFilter(request, response);
				failed = false;
			}
			finally {
				if (log) {
					logCompletion(request, failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus(),
							start);
				}
			}
		}
	}

	// Logged inside the scope so that the line carries the MDC ids. The query string is left out: it may carry
	// tokens or personal data.
	private static void logCompletion(HttpServletRequest request, int status, long start) {
		long micros = (System.nanoTime() - start) / 1000;
		requestLog.info("{} {} -> {} in {} ms", request.getMethod(), request.getRequestURI(), status,
				micros / 1000.0, StructuredArguments.keyValue("http_method", request.getMethod()),
				StructuredArguments.keyValue("http_path", request.getRequestURI()),
				StructuredArguments.keyValue("http_status", status),
				StructuredArguments.keyValue("duration_us", micros));
	}

	private RequestContext createContext(HttpServletRequest request) {
		String inbound = request.getHeader(this.requestIdHeader);
		String correlationId = CorrelationIds.isAcceptable(inbound, this.maxRequestIdLength) ? inbound
				: CorrelationIds.generate();
		String traceId = CorrelationIds.traceIdOf(request.getHeader("traceparent"));
		String clientIp = this.clientIpResolver.resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
		return new RequestContext(correlationId, traceId, clientIp, sanitize(request.getHeader("User-Agent")),
				Instant.now(), null, null);
	}

	private static @Nullable String sanitize(@Nullable String userAgent) {
		if (userAgent == null) {
			return null;
		}
		String truncated = (userAgent.length() > MAX_USER_AGENT_LENGTH) ? userAgent.substring(0, MAX_USER_AGENT_LENGTH)
				: userAgent;
		return truncated.replaceAll("\\p{Cntrl}", "");
	}

}
