package dev.foundation.test;

import java.util.ArrayList;
import java.util.List;

/**
 * The ways of obtaining a test server that were tried and why each did not give one,
 * turned into the message of the failure that tells a developer how to provide a server.
 */
final class SourceAttempts {

	private final String service;

	private final List<String> outcomes = new ArrayList<>();

	SourceAttempts(String service) {
		this.service = service;
	}

	void failed(String source, String reason) {
		this.outcomes.add(source + ": " + reason);
	}

	void failed(String source, Throwable failure) {
		failed(source, describe(failure));
	}

	IllegalStateException exhausted(String howToFix) {
		StringBuilder message = new StringBuilder("No ").append(this.service)
			.append(" server is available for the tests. Tried, in order:");
		for (int i = 0; i < this.outcomes.size(); i++) {
			message.append(System.lineSeparator()).append("  ").append(i + 1).append(". ").append(this.outcomes.get(i));
		}
		message.append(System.lineSeparator()).append(howToFix);
		return new IllegalStateException(message.toString());
	}

	/**
	 * The exception's class and message and those of its causes, since the root cause is
	 * usually the telling one.
	 */
	static String describe(Throwable failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (text.length() > 0) {
				text.append(" <- caused by ");
			}
			text.append(current.getClass().getSimpleName()).append(": ").append(current.getMessage());
			if (current.getCause() == current) {
				break;
			}
		}
		return text.toString();
	}

}
