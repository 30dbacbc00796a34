package dev.foundation.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The latency a percentile of a sampled ({@code Mode.SampleTime}) benchmark class's
 * operations must stay under, judged by {@link LatencyReport}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface LatencyGoal {

	/**
	 * The percentile that is judged.
	 * @return a percentile between 0 and 100, e.g. {@code 99}
	 */
	double percentile();

	/**
	 * The bound the percentile must stay under.
	 * @return microseconds
	 */
	double micros();

}
