/**
 * Test support for foundation applications (module {@code foundation-test}): real
 * PostgreSQL and Redis servers, wired into a Spring test with
 * {@link dev.foundation.test.WithTestServices @WithTestServices}, and a tenant bound
 * around a test method with {@link dev.foundation.test.WithTenant @WithTenant}.
 * <p>
 * Each server is found once per JVM, in this order: an explicitly configured one
 * ({@code FOUNDATION_TEST_POSTGRES_URL}, {@code FOUNDATION_TEST_REDIS_URL}), a
 * Testcontainers container when a Docker engine is reachable, then an in-process embedded
 * server ({@link dev.foundation.test.embedded}). Tests never skip for want of a server:
 * when none can be had they fail with a message that says how to provide one.
 * <p>
 * This module depends on no other foundation module, because foundation-core's own tests
 * use it.
 */
@NullMarked
package dev.foundation.test;

import org.jspecify.annotations.NullMarked;
