/**
 * Development services: a real PostgreSQL and Redis started inside the sample app when
 * none is configured, so that {@code java -jar sample-app.jar} works on a machine with
 * nothing but a JDK.
 * <p>
 * Nothing starts once {@code spring.datasource.url} (for PostgreSQL) or
 * {@code spring.data.redis.url} / {@code spring.data.redis.host} (for Redis) is set, or
 * when {@code sample.dev-services.enabled=false}.
 */
@NullMarked
package dev.foundation.sample.devservices;

import org.jspecify.annotations.NullMarked;
