package dev.foundation.sample;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Keeps the last SQL statements Hibernate ran, so that a test can ask PostgreSQL for the
 * plan of the very query the application sends instead of a copy that could drift from
 * it.
 */
public class RecordingStatementInspector implements StatementInspector {

	private static final int KEPT = 50;

	private static final Deque<String> statements = new ConcurrentLinkedDeque<>();

	@Override
	public String inspect(String sql) {
		statements.addFirst(sql);
		while (statements.size() > KEPT) {
			statements.pollLast();
		}
		return sql;
	}

	/**
	 * Returns the most recent statement containing the text.
	 * @param text e.g. {@code " from contacts "}
	 * @return the statement
	 */
	static String last(String text) {
		return statements.stream()
			.filter((sql) -> sql.contains(text))
			.findFirst()
			.orElseThrow(() -> new AssertionError("Hibernate ran no statement containing '" + text + "'"));
	}

}
