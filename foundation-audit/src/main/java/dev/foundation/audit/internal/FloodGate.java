package dev.foundation.audit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which security events of a burst are recorded one by one: per key (action and
 * client address) the first {@code threshold} of each window; the rest are only counted
 * and reported as one aggregate when the window ends. The number of keys is bounded, so
 * an attacker rotating addresses fills one shared overflow key, not memory or disk.
 */
public final class FloodGate {

	static final String OVERFLOW = "overflow";

	private static final int MAX_KEYS = 10_000;

	private final Clock clock;

	private final Duration window;

	private final int threshold;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	/**
	 * Creates the gate.
	 * @param clock the clock
	 * @param window the window length
	 * @param threshold events per key and window recorded one by one
	 */
	public FloodGate(Clock clock, Duration window, int threshold) {
		this.clock = clock;
		this.window = window;
		this.threshold = threshold;
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
			if (current.seen <= this.threshold) {
				return true;
			}
			current.suppressed++;
			return false;
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
