package dev.foundation.core.config;

import org.springframework.util.ClassUtils;

/**
 * Whether Micrometer is on the class path. Micrometer is optional for the foundation's
 * modules, and a class whose methods (lambdas included) name one of its types in their
 * signatures fails when Spring introspects it without Micrometer; so does an injection
 * point such as {@code ObjectProvider<MeterRegistry>}. Auto-configurations therefore ask
 * here first and leave the meters to a separate class that is loaded only when this
 * answers {@code true}.
 */
public final class OptionalMeters {

	private static final boolean PRESENT = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
			OptionalMeters.class.getClassLoader());

	private OptionalMeters() {
	}

	/**
	 * Whether Micrometer is on the class path.
	 * @return {@code true} when it is
	 */
	public static boolean present() {
		return PRESENT;
	}

}
