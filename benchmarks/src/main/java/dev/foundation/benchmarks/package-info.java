/**
 * JMH benchmarks that measure what the foundation adds to a request against bare Spring
 * MVC in the same run; see {@link dev.foundation.benchmarks.BenchmarkRunner} and the
 * module's README.
 */
@NullMarked
package dev.foundation.benchmarks;

import org.jspecify.annotations.NullMarked;
