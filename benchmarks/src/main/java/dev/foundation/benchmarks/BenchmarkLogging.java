package dev.foundation.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.foundation.core.logging.MaskingDefaults;
import dev.foundation.core.logging.MaskingDecorator;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;
import org.slf4j.LoggerFactory;

/**
 * One logger per {@link LogFormat}, each writing through its own encoder into an appender
 * that discards the bytes.
 * <p>
 * Encoding is done in full, only the final write goes nowhere, so the comparison measures
 * formatting and masking, not the speed of a console or disk.
 */
final class BenchmarkLogging {

	// Spring Boot's CONSOLE_LOG_PATTERN without %clr and with a fixed PID.
	private static final String BOOT_CONSOLE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5p 4242 --- [%15.15t] "
			+ "%-40.40logger{39} : %m%n";

	private final Map<LogFormat, OutputStreamAppender<ILoggingEvent>> appenders = new EnumMap<>(LogFormat.class);

	private final Map<LogFormat, Logger> loggers = new EnumMap<>(LogFormat.class);

	private final LoggerContext context;

	private BenchmarkLogging(LoggerContext context) {
		this.context = context;
		for (LogFormat format : LogFormat.values()) {
			OutputStreamAppender<ILoggingEvent> appender = appender(context, format.name(), encoder(context, format));
			this.appenders.put(format, appender);
			this.loggers.put(format, logger(context, format.loggerName, appender));
		}
	}

	/**
	 * Adds the loggers to logback's context; everything else keeps the level of
	 * {@code logback.xml} (WARN), so no other line is written per request, as in a
	 * production service at INFO.
	 * @return the loggers
	 */
	static BenchmarkLogging install() {
		return new BenchmarkLogging((LoggerContext) LoggerFactory.getILoggerFactory());
	}

	org.slf4j.Logger logger(LogFormat format) {
		return this.loggers.get(format);
	}

	/**
	 * Sends another logger's lines, at INFO and above, through the appender of a format,
	 * as the root logger's JSON appender receives every logger's lines in a service.
	 * @param loggerName the logger, such as the foundation's request log
	 * @param format the appender to write through
	 */
	void route(String loggerName, LogFormat format) {
		logger(this.context, loggerName, this.appenders.get(format));
	}

	/**
	 * Runs the action with every appender writing to memory instead of nowhere.
	 * @param action what logs
	 * @return what each logger wrote
	 */
	Map<LogFormat, String> capture(Runnable action) {
		Map<LogFormat, ByteArrayOutputStream> outputs = new EnumMap<>(LogFormat.class);
		this.appenders.forEach((format, appender) -> {
			outputs.put(format, new ByteArrayOutputStream());
			appender.setOutputStream(outputs.get(format));
		});
		try {
			action.run();
		}
		finally {
			this.appenders.values().forEach((appender) -> appender.setOutputStream(OutputStream.nullOutputStream()));
		}
		Map<LogFormat, String> captured = new EnumMap<>(LogFormat.class);
		outputs.forEach((format, out) -> captured.put(format, out.toString(StandardCharsets.UTF_8)));
		return captured;
	}

	private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
		return switch (format) {
			case PATTERN -> patternEncoder(context);
			case JSON -> foundationEncoder(context, false);
			case MASKED_JSON -> foundationEncoder(context, true);
		};
	}

	private static PatternLayoutEncoder patternEncoder(LoggerContext context) {
		var encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern(BOOT_CONSOLE_PATTERN);
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();
		return encoder;
	}

	// Mirrors the JSON appender of logback-foundation.xml, with the masks
	// LoggingEnvironmentPostProcessor passes it.
	private static LogstashEncoder foundationEncoder(LoggerContext context, boolean masked) {
		var throwableConverter = new ShortenedThrowableConverter();
		throwableConverter.setMaxDepthPerThrowable(30);
		throwableConverter.setRootCauseFirst(true);
		var encoder = new LogstashEncoder();
		encoder.setContext(context);
		encoder.setCustomFields("{\"service\":\"benchmarks\"}");
		encoder.setThrowableConverter(throwableConverter);
		if (masked) {
			var masking = new MaskingDecorator();
			masking.setFieldNames(String.join(",", MaskingDefaults.FIELDS));
			masking.setValuePatterns(String.join("\n", MaskingDefaults.PATTERNS));
			// Joran starts nested components; the encoder does not, and an unstarted
			// decorator fails on first use.
			masking.start();
			encoder.addDecorator(masking);
		}
		encoder.start();
		return encoder;
	}

	private static OutputStreamAppender<ILoggingEvent> appender(LoggerContext context, String name,
			Encoder<ILoggingEvent> encoder) {
		var appender = new OutputStreamAppender<ILoggingEvent>();
		appender.setContext(context);
		appender.setName(name);
		appender.setEncoder(encoder);
		appender.setOutputStream(OutputStream.nullOutputStream());
		appender.start();
		return appender;
	}

	private static Logger logger(LoggerContext context, String name, OutputStreamAppender<ILoggingEvent> appender) {
		Logger logger = context.getLogger(name);
		logger.detachAndStopAllAppenders();
		logger.setLevel(Level.INFO);
		logger.setAdditive(false);
		logger.addAppender(appender);
		return logger;
	}

	/**
	 * How a logger encodes its lines.
	 */
	enum LogFormat {

		/**
		 * Spring Boot's default console layout, as plain text: what a bare application
		 * writes.
		 */
		PATTERN("com.example.pattern.PingController"),

		/**
		 * The JSON encoder of {@code logback-foundation.xml} without the masking
		 * decorator.
		 */
		JSON("com.example.json.PingController"),

		/**
		 * The JSON encoder of {@code logback-foundation.xml} with the default masks: what
		 * the foundation writes.
		 */
		MASKED_JSON("com.example.masked.PingController");

		private final String loggerName;

		LogFormat(String loggerName) {
			this.loggerName = loggerName;
		}

	}

}
