package dev.foundation.benchmarks;

import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTParser;
import dev.foundation.benchmarks.JwtChains.FoundationChain;
import dev.foundation.benchmarks.JwtChains.KeySource;
import dev.foundation.core.auth.FoundationAuthentication;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.auth.jwt.JwtDecoderFactory;
import dev.foundation.core.auth.jwt.TrustedIssuer;
import dev.foundation.test.auth.TestJwtIssuer;
import org.jspecify.annotations.Nullable;
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
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Where the difference measured by {@link JwtValidationBenchmark} comes from, with the
 * public key (no cache in the way). Two kinds of methods:
 * <ul>
 * <li>cumulative, each adding one step of the foundation's chain to the one before:
 * {@code bareDecoder} (the baseline), {@code foundationDecoderDefaultValidators} (the
 * foundation's Nimbus processor with Spring's default validators),
 * {@code foundationDecoder} (with the foundation's validators), {@code issuerManager}
 * (the issuer's {@code ProviderManager}: provider, principal mapping, authentication),
 * {@code fullChain} (issuer routing on top: the foundation side of the comparison);</li>
 * <li>isolated, one step alone: {@code issuerParse} (the unverified parse that issuer
 * routing costs), {@code payloadIssuer} (a cheaper way to read {@code iss}, for
 * comparison), {@code keyConversion} (a JWK to a Java public key, which a JWK source
 * costs per token), and on a decoded token {@code defaultValidators},
 * {@code foundationValidators}, {@code principalMapping}.</li>
 * </ul>
 * A diagnostic, not part of the default run; select it with
 * {@code java -jar benchmarks.jar JwtValidationPieces}. The steps are cheap and settle
 * fast, so iterations are shorter than in the comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
public class JwtValidationPiecesBenchmark {

	private TestJwtIssuer issuer;

	private String token;

	private Jwt decoded;

	private JwtDecoder bareDecoder;

	private JwtDecoder foundationDecoderDefaultValidators;

	private JwtDecoder foundationDecoder;

	private AuthenticationManager issuerManager;

	private FoundationChain fullChain;

	private OAuth2TokenValidator<Jwt> defaultValidators;

	private OAuth2TokenValidator<Jwt> foundationValidators;

	private TrustedIssuer trustedIssuer;

	private RSAKey publicJwk;

	@Setup(Level.Trial)
	public void setUp() {
		this.issuer = TestJwtIssuer.start();
		var check = new JwtSetupCheck(this.issuer);
		String subject = UUID.randomUUID().toString();
		this.token = check.tokens(subject).token();
		this.defaultValidators = JwtValidators.createDefault();
		this.foundationValidators = JwtChains.foundationValidators(this.issuer);
		this.bareDecoder = JwtChains.bareDecoder(this.issuer, KeySource.PUBLIC_KEY);
		// A public key needs no refresh thread: this factory has nothing to close.
		JwtDecoderFactory decoders = JwtChains.decoderFactory();
		this.foundationDecoderDefaultValidators = JwtChains.foundationDecoder(decoders, this.issuer,
				KeySource.PUBLIC_KEY, this.defaultValidators);
		this.foundationDecoder = JwtChains.foundationDecoder(decoders, this.issuer, KeySource.PUBLIC_KEY,
				this.foundationValidators);
		this.trustedIssuer = JwtChains.trustedIssuer(this.issuer, this.foundationDecoder);
		this.issuerManager = this.trustedIssuer.authenticationManager();
		this.fullChain = JwtChains.foundationChain(this.issuer, KeySource.PUBLIC_KEY);
		check.verify(this.token, subject, this.bareDecoder, this.fullChain);
		this.decoded = this.foundationDecoder.decode(this.token);
		this.publicJwk = this.issuer.rsaKey().toPublicJWK();
		if (!this.foundationValidators.validate(this.decoded).getErrors().isEmpty()
				|| !this.defaultValidators.validate(this.decoded).getErrors().isEmpty()
				|| !subject.equals(principalMapping().getPrincipal().userId())
				|| !this.issuer.baseUrl().equals(issuerParse()) || !this.issuer.baseUrl().equals(payloadIssuer())) {
			throw new IllegalStateException("A piece did not accept the benchmark's token");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.fullChain.close();
		this.issuer.close();
	}

	@Benchmark
	public Jwt bareDecoder() {
		return this.bareDecoder.decode(this.token);
	}

	@Benchmark
	public Jwt foundationDecoderDefaultValidators() {
		return this.foundationDecoderDefaultValidators.decode(this.token);
	}

	@Benchmark
	public Jwt foundationDecoder() {
		return this.foundationDecoder.decode(this.token);
	}

	@Benchmark
	public FoundationPrincipal issuerManager() {
		return (FoundationPrincipal) this.issuerManager.authenticate(new BearerTokenAuthenticationToken(this.token))
			.getPrincipal();
	}

	@Benchmark
	public FoundationPrincipal fullChain() {
		return this.fullChain.authenticate(this.token);
	}

	// The parse issuer routing needs to read iss. Since the routing hands the parsed
	// token on, the decoder no longer
	// repeats it (it did with JwtIssuerAuthenticationManagerResolver).
	@Benchmark
	public String issuerParse() {
		try {
			return JWTParser.parse(this.token).getJWTClaimsSet().getIssuer();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// A cheaper way to route by issuer: decode only the payload and read one member,
	// skipping the header and the
	// claims set that JWTParser builds. Measured to size the alternative, not used by the
	// foundation.
	@Benchmark
	public @Nullable String payloadIssuer() {
		try {
			String payload = this.token.substring(this.token.indexOf('.') + 1, this.token.lastIndexOf('.'));
			return JSONObjectUtils.getString(JSONObjectUtils.parse(new Base64URL(payload).decodeToString()), "iss");
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Benchmark
	public OAuth2TokenValidatorResult defaultValidators() {
		return this.defaultValidators.validate(this.decoded);
	}

	@Benchmark
	public OAuth2TokenValidatorResult foundationValidators() {
		return this.foundationValidators.validate(this.decoded);
	}

	// What Nimbus's JWSVerificationKeySelector does to every key it selects from a JWK
	// source, for every token.
	@Benchmark
	public RSAPublicKey keyConversion() {
		try {
			return this.publicJwk.toRSAPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// What TrustedIssuer's converter does after decoding.
	@Benchmark
	public FoundationAuthentication principalMapping() {
		return new FoundationAuthentication(this.trustedIssuer.mapper().map(this.decoded), this.decoded);
	}

}
