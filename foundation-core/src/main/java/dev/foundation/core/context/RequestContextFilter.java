package dev.foundation.core.context;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.logstash.logback.argument.StructuredArguments;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The first filter of the chain: creates the {@link RequestContext}, binds it (and its
 * MDC ids) for the duration of the request, echoes the correlation id on the response and
 * unbinds everything afterwards, even on errors.
 * <p>
 * It also runs for the container's error and async dispatches. Each dispatch ends by
 * keeping the context as the chain left it (with the user and tenant that later filters
 * added through {@link RequestContexts#replace}) in the request attribute
 * {@link #CONTEXT_ATTRIBUTE}; a later dispatch binds that one. So an error rendered by
 * {@code /error} (after a filter failed, or {@code sendError}) and the completion of an
 * asynchronous request ({@code Callable}, {@code DeferredResult},
 * {@code StreamingResponseBody}, SSE) see, log and audit the same user and tenant as the
 * request did, although the authentication and tenant filters do not run again on those
 * dispatches. After every dispatch the thread's context and MDC ids are what they were
 * before it.
 * <p>
 * When request logging is on, an asynchronous request is logged once, when it completes,
 * with its final status and total duration.
 */
public class RequestContextFilter extends OncePerRequestFilter {

	/**
	 * Request attribute holding the {@link RequestContext} of the request: during the
	 * first dispatch the context it started with, afterwards the most complete one (the
	 * context bound when the last dispatch ended).
	 */
	public static final String CONTEXT_ATTRIBUTE = RequestContext.class.getName();

	private static final int MAX_USER_AGENT_LENGTH = 256;

	private static final Logger requestLog = LoggerFactory.getLogger("dev.foundation.request");

	private final String requestIdHeader;

	private final int maxRequestIdLength;

	private final ClientIpResolver clientIpResolver;

	private final boolean logRequests;

	private List<PathPattern> quietPaths = List.of();

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
	 * @param logRequests whether each completed request is logged (method, path, status,
	 * duration) on the {@code dev.foundation.request} logger
	 */
	public RequestContextFilter(String requestIdHeader, int maxRequestIdLength, ClientIpResolver clientIpResolver,
			boolean logRequests) {
		this.requestIdHeader = requestIdHeader;
		this.maxRequestIdLength = maxRequestIdLength;
		this.clientIpResolver = clientIpResolver;
		this.logRequests = logRequests;
	}

	/**
	 * Sets the paths whose requests are logged only when they fail with a 5xx status:
	 * health probes, which orchestrators call every few seconds, would otherwise fill the
	 * logs.
	 * @param patterns path patterns ({@code /actuator/health/**}), relative to the
	 * context path
	 */
	public void setQuietPaths(List<String> patterns) {
		this.quietPaths = patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	// Async dispatches (completion of Callable, DeferredResult, SSE) run on another
	// thread: bind the same context.
	// Filters that add to the context (authentication, tenant) are skipped on them, so it
	// must be the complete one.
	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RequestContext context = (request.getAttribute(CONTEXT_ATTRIBUTE) instanceof RequestContext existing) ? existing
				: createContext(request);
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
				keepCompletestContext(request, context);
				if (log) {
					if (!failed && request.isAsyncStarted()) {
						// Why later: the status and duration are known only when the
						// asynchronous request completes.
						request.getAsyncContext().addListener(new AsyncCompletionLog(this, request, response, start));
					}
					else {
						logCompletion(request,
								failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus(), start);
					}
				}
			}
		}
	}

	// Why here: the scope below is about to restore the previous context, and the context
	// with the user and tenant
	// would be lost to the error or async dispatch that may follow. Only a context of
	// this request is kept; one a
	// filter bound without restoring it (another correlation id) is not.
	private static void keepCompletestContext(HttpServletRequest request, RequestContext started) {
		RequestContexts.find()
			.filter((current) -> current.correlationId().equals(started.correlationId()))
			.ifPresent((current) -> request.setAttribute(CONTEXT_ATTRIBUTE, current));
	}

	// Logged inside the scope so that the line carries the MDC ids. The query string is
	// left out: it may carry
	// tokens or personal data.
	private void logCompletion(HttpServletRequest request, int status, long start) {
		if (status < HttpServletResponse.SC_INTERNAL_SERVER_ERROR && isQuiet(request)) {
			return;
		}
		long micros = (System.nanoTime() - start) / 1000;
		requestLog.info("{} {} -> {} in {} ms", request.getMethod(), request.getRequestURI(), status, micros / 1000.0,
				StructuredArguments.keyValue("http_method", request.getMethod()),
				StructuredArguments.keyValue("http_path", request.getRequestURI()),
				StructuredArguments.keyValue("http_status", status),
				StructuredArguments.keyValue("duration_us", micros));
	}

	private boolean isQuiet(HttpServletRequest request) {
		if (this.quietPaths.isEmpty()) {
			return false;
		}
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		PathContainer path = PathContainer
			.parsePath(uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri);
		for (PathPattern pattern : this.quietPaths) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Logs an asynchronous request once it completes (normally, after a timeout or an
	 * error), with its final status and under the context it ended with; the container
	 * may call it on any thread.
	 */
	private static final class AsyncCompletionLog implements AsyncListener {

		private final RequestContextFilter filter;

		private final HttpServletRequest request;

		private final HttpServletResponse response;

		private final long start;

		AsyncCompletionLog(RequestContextFilter filter, HttpServletRequest request, HttpServletResponse response,
				long start) {
			this.filter = filter;
			this.request = request;
			this.response = response;
			this.start = start;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			RequestContext context = (this.request.getAttribute(CONTEXT_ATTRIBUTE) instanceof RequestContext kept)
					? kept : RequestContext.detached();
			try (RequestContexts.Scope scope = RequestContexts.bind(context)) {
				this.filter.logCompletion(this.request, this.response.getStatus(), this.start);
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		// A dispatch that starts asynchronous processing again gets a fresh AsyncContext
		// without listeners.
		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

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
