package dev.foundation.audit.web;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.foundation.audit.ActorKind;
import dev.foundation.audit.AuditEventBuilder;
import dev.foundation.audit.AuditLog;
import dev.foundation.audit.AuditOutcome;
import dev.foundation.audit.AuditTenantScope;
import dev.foundation.audit.WriteMode;
import dev.foundation.audit.internal.AuditWriterMetrics;
import dev.foundation.audit.internal.FloodGate;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.error.web.ProblemDetails;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records the security-relevant outcome of every request, whatever produced it: 401
 * ({@code auth.failure}, with the reason category of {@code WWW-Authenticate}, never the
 * credentials), 403 ({@code access.denied}: missing role, another tenant's id in the
 * header, a key used outside its tenant) and 5xx ({@code http.server_error}, with the
 * status and the problem type of the response as core's error handling records it
 * ({@link ProblemDetails#PROBLEM_TYPE_ATTRIBUTE}), never the exception or its message;
 * the correlation id is the event's like every event's). It sits just inside the
 * request-context filter, around Spring Security and tenancy, so it sees their refusals
 * as the client does.
 * <p>
 * Bursts are aggregated by a {@link FloodGate} per action and client address: beyond the
 * threshold, events are counted and reported once per window as {@code security.flood}.
 * <p>
 * By default an event is recorded in batched mode: the request thread waits until the
 * group commit holding it has committed (bounded by the writer's offer and
 * acknowledgement timeouts), so a request that has finished has its event stored. With
 * {@code waitForCommit} off, the event is completed and validated on the request thread
 * and handed to the writer's queue without waiting for room or for its commit
 * ({@link AuditLog#submit}): error responses are then as fast with the database slow or
 * down, but an event is acknowledged to no one and lost if the process dies before its
 * batch commits. Either way an event that cannot be recorded (queue full, writer stopped,
 * write failed) never fails the response: it is logged and counted
 * ({@code foundation.audit.security.dropped}).
 */
public final class SecurityAuditFilter extends OncePerRequestFilter implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SecurityAuditFilter.class);

	private static final Pattern ERROR = Pattern.compile("error=\"?([a-z_]{1,40})\"?");

	private static final int MAX_PATH = 200;

	private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final AuditLog log;

	private final AuditTenantScope scope;

	private final FloodGate gate;

	private final ScheduledExecutorService flusher;

	private final AuditWriterMetrics metrics;

	private final boolean waitForCommit;

	private final AtomicLong droppedSinceLog = new AtomicLong();

	private final AtomicLong lastDropLog = new AtomicLong(System.nanoTime() - DROP_LOG_INTERVAL_NANOS);

	/**
	 * Creates the filter.
	 * @param log where events are recorded
	 * @param scope the tenant scope
	 * @param gate the flood gate
	 * @param window how often ended windows are reported
	 * @param metrics where dropped events are counted
	 * @param waitForCommit whether the request thread waits for the commit of its event
	 * (batched mode) or hands it over without waiting ({@link AuditLog#submit})
	 */
	public SecurityAuditFilter(AuditLog log, AuditTenantScope scope, FloodGate gate, Duration window,
			AuditWriterMetrics metrics, boolean waitForCommit) {
		this.waitForCommit = waitForCommit;
		this.log = log;
		this.scope = scope;
		this.gate = gate;
		this.metrics = metrics;
		this.flusher = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "audit-flood-report");
			thread.setDaemon(true);
			return thread;
		});
		long millis = Math.max(1000, window.toMillis());
		this.flusher.scheduleWithFixedDelay(() -> report(false), millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			// The container renders this one after the filter returns: no problem type
			// yet.
			record(request, 500, null, null);
			throw ex;
		}
		int status = response.getStatus();
		if (status == 401 || status == 403 || status >= 500) {
			record(request, status, response.getHeader("WWW-Authenticate"),
					request.getAttribute(ProblemDetails.PROBLEM_TYPE_ATTRIBUTE));
		}
	}

	private void record(HttpServletRequest request, int status, @Nullable String challenge,
			@Nullable Object problemType) {
		String action = (status == 401) ? "auth.failure" : (status == 403) ? "access.denied" : "http.server_error";
		String client = RequestContexts.find().map(RequestContext::clientIp).orElse("unknown");
		if (!this.gate.admit(action + "|" + client)) {
			return;
		}
		try {
			AuditEventBuilder event = this.log.event(action)
				.outcome((status >= 500) ? AuditOutcome.FAILURE : AuditOutcome.DENIED)
				.mode(WriteMode.BATCHED)
				.detail("status", status)
				.detail("method", request.getMethod())
				.detail("path", path(request));
			if (status == 401) {
				event.detail("reason", reason(challenge));
			}
			if (status >= 500 && problemType instanceof String type) {
				// The problem type the client got, never the exception or its message.
				event.detail("problem_type", (type.length() > MAX_PATH) ? type.substring(0, MAX_PATH) : type);
			}
			UUID tenant = this.scope.currentTenant().orElse(null);
			if (tenant == null) {
				event.system();
			}
			if (this.waitForCommit) {
				event.record();
			}
			else {
				event.submit().whenComplete((id, failure) -> {
					if (failure != null) {
						dropped(status, failure);
					}
				});
			}
		}
		catch (RuntimeException ex) {
			dropped(status, ex);
		}
	}

	private void dropped(int status, Throwable failure) {
		this.metrics.securityEventDropped();
		long dropped = this.droppedSinceLog.incrementAndGet();
		// At most one line per interval: with the database down, every error response
		// would otherwise log one. The writer logs each failed batch with its cause.
		long now = System.nanoTime();
		long last = this.lastDropLog.get();
		if (now - last >= DROP_LOG_INTERVAL_NANOS && this.lastDropLog.compareAndSet(last, now)) {
			this.droppedSinceLog.addAndGet(-dropped);
			logger.warn("{} security audit event(s) not recorded (the last of a {} response: {})", dropped, status,
					failure.toString());
		}
	}

	private static String path(HttpServletRequest request) {
		String path = request.getRequestURI();
		return (path.length() > MAX_PATH) ? path.substring(0, MAX_PATH) : path;
	}

	private static String reason(@Nullable String challenge) {
		if (challenge == null) {
			return "missing_credentials";
		}
		Matcher matcher = ERROR.matcher(challenge);
		return matcher.find() ? matcher.group(1) : "missing_credentials";
	}

	private void report(boolean all) {
		for (FloodGate.Suppressed suppressed : this.gate.drain(all)) {
			try {
				String[] key = suppressed.key().split("\\|", 2);
				this.log.event("security.flood")
					.system()
					.actor(null, ActorKind.SYSTEM)
					.outcome(AuditOutcome.DENIED)
					.mode(WriteMode.BATCHED)
					.detail("action", key[0])
					.detail("client_ip", (key.length > 1) ? key[1] : null)
					.detail("suppressed", suppressed.count())
					.detail("from", suppressed.from().toString())
					.detail("to", suppressed.to().toString())
					.record();
			}
			catch (RuntimeException ex) {
				logger.error("Could not record a flood aggregate ({} suppressed events)", suppressed.count(), ex);
			}
		}
	}

	@Override
	public void destroy() {
		this.flusher.shutdownNow();
		report(true);
	}

}
