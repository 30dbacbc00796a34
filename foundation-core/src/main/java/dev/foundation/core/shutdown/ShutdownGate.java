package dev.foundation.core.shutdown;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * Closes when the application context begins to stop, just before the web server's
 * graceful shutdown: from then on {@link ShutdownRejectionFilter} answers new requests
 * 503 while those in flight finish. It then holds the shutdown for the drain period, so
 * that a load balancer that still sends requests (it learns of the shutdown from the
 * readiness probe, which Boot turns to refusing traffic when the context closes, or from
 * the orchestrator, some seconds later) gets a 503 it can retry elsewhere rather than a
 * refused connection.
 */
public class ShutdownGate implements SmartLifecycle {

	/**
	 * Stops just before the web server's graceful shutdown, which waits for requests in
	 * flight.
	 */
	public static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;

	private static final Logger logger = LoggerFactory.getLogger(ShutdownGate.class);

	private final Duration drainPeriod;

	private volatile boolean running;

	private volatile boolean closed;

	/**
	 * Creates the gate.
	 * @param drainPeriod how long shutdown is held while new requests are answered 503
	 */
	public ShutdownGate(Duration drainPeriod) {
		this.drainPeriod = drainPeriod;
	}

	/**
	 * Returns whether shutdown has begun.
	 * @return whether new requests are to be rejected
	 */
	public boolean isClosed() {
		return this.closed;
	}

	@Override
	public void start() {
		this.closed = false;
		this.running = true;
	}

	@Override
	public void stop() {
		this.closed = true;
		this.running = false;
		if (!this.drainPeriod.isZero() && !this.drainPeriod.isNegative()) {
			logger.info("Shutdown began: answering new requests 503 for {} ms before the server stops",
					this.drainPeriod.toMillis());
			try {
				Thread.sleep(this.drainPeriod.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
