/**
 * Tokens for tests, shaped like Supabase's, Clerk's or any issuer's, signed by local keys
 * whose JWKS a local HTTP server publishes, so tests authenticate without a network or an
 * account.
 * <p>
 * Start a {@link dev.foundation.test.auth.TestJwtIssuer} per test class, point the
 * application at its {@code baseUrl()} (as the Supabase project URL, the Clerk issuer, or
 * a custom issuer's {@code issuer-uri}) and mint tokens with its builders.
 * {@link dev.foundation.test.auth.MalformedTokens} makes the tokens an attacker would
 * send. Plain Java and Nimbus JOSE+JWT only, so it works with or without Spring.
 * <p>
 * The keys are generated per issuer and never leave the JVM; nothing here belongs in
 * production code.
 */
@NullMarked
package dev.foundation.test.auth;

import org.jspecify.annotations.NullMarked;
