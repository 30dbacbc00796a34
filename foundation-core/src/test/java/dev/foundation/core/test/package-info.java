/**
 * Real PostgreSQL and Redis servers for tests, shared by every foundation module through foundation-core's test-jar.
 * <p>
 * Each server is found once per JVM, in this order: an explicitly configured one
 * ({@code FOUNDATION_TEST_POSTGRES_URL}, {@code FOUNDATION_TEST_REDIS_URL}), a Testcontainers container when a Docker
 * engine is reachable, then an in-process embedded server. Tests never skip for want of a server: when none can be had
 * they fail with a message that says how to provide one.
 */
@NullMarked
package dev.foundation.core.test;

import org.jspecify.annotations.NullMarked;
