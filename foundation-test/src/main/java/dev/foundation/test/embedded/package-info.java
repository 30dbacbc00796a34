/**
 * Real PostgreSQL and Redis servers started inside the JVM from binaries shipped as Maven
 * artifacts, for tests and for an application's local development mode (the sample app's
 * dev services start these).
 * <p>
 * Each server runs on a loopback port, keeps its data under {@code java.io.tmpdir}
 * (created if missing) and stops when closed. Neither registers a JVM shutdown hook: the
 * caller owns the server and decides when it stops.
 */
@NullMarked
package dev.foundation.test.embedded;

import org.jspecify.annotations.NullMarked;
