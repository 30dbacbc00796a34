package dev.foundation.benchmarks;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.foundation.benchmarks.JwtChains.FoundationChain;
import dev.foundation.benchmarks.JwtChains.KeySource;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.test.auth.TestJwtIssuer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Validation of one RS256 bearer token by the foundation's chain against Spring
 * Security's bare {@link NimbusJwtDecoder}, in the same run, with the key configured
 * directly and from a JWKS over HTTP.
 * <ul>
 * <li><b>baseline</b>: {@code NimbusJwtDecoder.withPublicKey(...)} or
 * {@code withJwkSetUri(...)} with its default validators ({@code typ}, timestamps,
 * {@code cnf}); returns the {@link Jwt};</li>
 * <li><b>foundation</b>: what the resource server runs for a custom issuer
 * ({@link JwtChains#foundationChain}): the {@code TrustedIssuerRegistry}'s manager parses
 * the token once, reads {@code iss} from it and hands the parsed token to the issuer's
 * {@code JwtDecoderFactory} decoder, which verifies it and runs {@code TokenValidators}
 * ({@code iss}, {@code aud} too), and the {@code ClaimsPrincipalMapper} builds the
 * principal; returns the {@link FoundationPrincipal}.</li>
 * </ul>
 * All four verify the same token, minted once per trial and valid for 8 hours. Both key
 * sets are fetched once, in setup; the trial fails if either is fetched again while
 * measuring. Where the difference comes from is measured by
 * {@link JwtValidationPiecesBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@OverheadGoal(percent = 10)
public class JwtValidationBenchmark {

	private TestJwtIssuer issuer;

	private String token;

	private JwtDecoder bareWithPublicKey;

	private JwtDecoder bareWithJwks;

	private FoundationChain foundationWithPublicKey;

	private FoundationChain foundationWithJwks;

	private int jwksRequestsBeforeMeasuring;

	@Setup(Level.Trial)
	public void setUp() {
		this.issuer = TestJwtIssuer.start();
		var check = new JwtSetupCheck(this.issuer);
		String subject = UUID.randomUUID().toString();
		this.token = check.tokens(subject).token();
		this.bareWithPublicKey = JwtChains.bareDecoder(this.issuer, KeySource.PUBLIC_KEY);
		this.bareWithJwks = JwtChains.bareDecoder(this.issuer, KeySource.JWKS);
		this.foundationWithPublicKey = JwtChains.foundationChain(this.issuer, KeySource.PUBLIC_KEY);
		this.foundationWithJwks = JwtChains.foundationChain(this.issuer, KeySource.JWKS);
		// Also fills both key set caches.
		check.verify(this.token, subject, this.bareWithPublicKey, this.foundationWithPublicKey)
			.verify(this.token, subject, this.bareWithJwks, this.foundationWithJwks);
		this.jwksRequestsBeforeMeasuring = this.issuer.jwksRequestCount();
		for (int i = 0; i < 10; i++) {
			baselineJwks();
			foundationJwks();
		}
		requireNoKeySetFetch("in setup, after the caches were filled");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		try {
			requireNoKeySetFetch("while measuring");
		}
		finally {
			this.foundationWithJwks.close();
			this.foundationWithPublicKey.close();
			this.issuer.close();
		}
	}

	private void requireNoKeySetFetch(String when) {
		int fetches = this.issuer.jwksRequestCount() - this.jwksRequestsBeforeMeasuring;
		if (fetches != 0) {
			throw new IllegalStateException("The key set was fetched " + fetches + " times " + when
					+ ": the JWKS scores would include HTTP requests");
		}
	}

	@Benchmark
	public Jwt baselinePublicKey() {
		return this.bareWithPublicKey.decode(this.token);
	}

	@Benchmark
	public FoundationPrincipal foundationPublicKey() {
		return this.foundationWithPublicKey.authenticate(this.token);
	}

	@Benchmark
	public Jwt baselineJwks() {
		return this.bareWithJwks.decode(this.token);
	}

	@Benchmark
	public FoundationPrincipal foundationJwks() {
		return this.foundationWithJwks.authenticate(this.token);
	}

}
