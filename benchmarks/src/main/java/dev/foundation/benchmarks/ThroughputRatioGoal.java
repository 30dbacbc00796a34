package dev.foundation.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The smallest acceptable throughput of a benchmark class's {@code foundationX} methods
 * as a share of their {@code baselineX} ones, judged by {@link ThroughputRatioReport}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ThroughputRatioGoal {

	/**
	 * The smallest acceptable ratio.
	 * @return foundation throughput / baseline throughput, e.g. {@code 0.9}
	 */
	double value();

}
