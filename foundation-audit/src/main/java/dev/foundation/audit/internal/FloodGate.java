package dev.foundation.audit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Decides which security events of a burst are recorded one by one: per key (action and
 * client address) the first {@code threshold} of each window, and across all keys at most
 * {@code maxRecorded} per window; the rest are only counted and reported as one aggregate
 * per key when the window ends. Both the keys and the events recorded one by one are
 * bounded, so an attacker rotating addresses fills one shared overflow key, not memory or
 * disk.
 */
public final class FloodGate {

	static final String OVERFLOW = "overflow";

	private static final int MAX_KEYS = 10_000;

	private final Clock clock;

	private final Duration window;

	private final int threshold;

	private final int maxRecorded;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	// The budget of events recorded one by one, across all keys, in the current window.
	private final Object budgetLock = new Object();

	private @Nullable Instant budgetStart;

	private long budgetUsed;

	/**
	 * Creates the gate.
	 * @param clock the clock
	 * @param window the window length
	 * @param threshold events per key and window recorded one by one
	 * @param maxRecorded events recorded one by one per window across all keys
	 */
	public FloodGate(Clock clock, Duration window, int threshold, int maxRecorded) {
		this.clock = clock;
		this.window = window;
		this.threshold = threshold;
		this.maxRecorded = maxRecorded;
	}

	/**
	 * Counts an event.
	 * @param key its key
	 * @return whether to record it individually
	 */
	public boolean admit(String key) {
		String effective = (this.windows.size() >= MAX_KEYS && !this.windows.containsKey(key)) ? OVERFLOW : key;
		Instant now = this.clock.instant();
		Window current = this.windows.computeIfAbsent(effective, (k) -> new Window(now));
		synchronized (current) {
			current.seen++;
			if (current.seen > this.threshold) {
				current.suppressed++;
				return false;
			}
		}
		if (takeBudget(now)) {
			return true;
		}
		// Over the budget of the window: counted with the overflow key.
		Window overflow = this.windows.computeIfAbsent(OVERFLOW, (k) -> new Window(now));
		synchronized (overflow) {
			overflow.seen++;
			overflow.suppressed++;
		}
		return false;
	}

	private boolean takeBudget(Instant now) {
		synchronized (this.budgetLock) {
			if (this.budgetStart == null || !this.budgetStart.plus(this.window).isAfter(now)) {
				this.budgetStart = now;
				this.budgetUsed = 0;
			}
			if (this.budgetUsed >= this.maxRecorded) {
				return false;
			}
			this.budgetUsed++;
			return true;
		}
	}

	/**
	 * Ends the windows that are over and returns what they suppressed.
	 * @param all whether to end every window (at shutdown)
	 * @return the suppressed counts by key
	 */
	public List<Suppressed> drain(boolean all) {
		Instant now = this.clock.instant();
		List<Suppressed> result = new ArrayList<>();
		for (Map.Entry<String, Window> entry : this.windows.entrySet()) {
			Window window = entry.getValue();
			if (all || !window.start.plus(this.window).isAfter(now)) {
				if (this.windows.remove(entry.getKey(), window)) {
					synchronized (window) {
						if (window.suppressed > 0) {
							result.add(new Suppressed(entry.getKey(), window.suppressed, window.start, now));
						}
					}
				}
			}
		}
		return result;
	}

	/**
	 * Events of a key not recorded one by one in a window.
	 *
	 * @param key the key
	 * @param count how many
	 * @param from the window's start
	 * @param to when it was ended
	 */
	public record Suppressed(String key, long count, Instant from, Instant to) {
	}

	private static final class Window {

		private final Instant start;

		private long seen;

		private long suppressed;

		Window(Instant start) {
			this.start = start;
		}

	}

}
