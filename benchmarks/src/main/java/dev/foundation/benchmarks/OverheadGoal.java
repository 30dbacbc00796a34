package dev.foundation.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The overhead the foundation variants of a benchmark class may add to their baselines.
 * Each part of the foundation has its own budget (the request chain and token validation
 * were given different ones), so {@link OverheadReport} judges every pair against the
 * goal of its class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface OverheadGoal {

	/**
	 * The largest acceptable overhead.
	 * @return percent of the baseline's time per operation
	 */
	double percent();

}
