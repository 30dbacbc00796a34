package dev.foundation.core.logging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LoggingTests {

	private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVl";

	private final LoggerContext loggerContext = new LoggerContext();

	private final LogstashEncoder encoder = new LogstashEncoder();

	@BeforeEach
	void startEncoder() {
		MaskingDecorator masking = new MaskingDecorator();
		masking.setFieldNames("password, email,");
		masking.setValuePatterns(String.join("\n", MaskingDefaults.PATTERNS));
		// Joran starts the decorator it builds from logback-foundation.xml; here that is
		// done by hand.
		masking.start();
		this.loggerContext.setMDCAdapter(new LogbackMDCAdapter());
		this.encoder.setContext(this.loggerContext);
		this.encoder.addDecorator(masking);
		this.encoder.start();
	}

	@AfterEach
	void stopEncoder() {
		this.encoder.stop();
		this.loggerContext.stop();
	}

	@Test
	void masksValueOfSensitiveStructuredArgument() {
		String json = encode("login attempt {}", kv("password", "hunter2"));
		assertThat(json).doesNotContain("hunter2")
			.contains("\"password\":\"****\"")
			.contains("login attempt password=****");
	}

	@Test
	void masksSensitiveNameValuePairWrittenIntoMessage() {
		String json = encode("retrying with password=hunter2, email=bob; user=bob x-password=kept");
		assertThat(json).doesNotContain("hunter2")
			.contains("password=****, email=****; user=bob")
			.contains("x-password=kept");
	}

	@Test
	void masksSensitiveFieldByNameEvenWhenValueLooksHarmless() {
		String json = encode("profile {}", kv("email", "not-an-address"));
		assertThat(json).doesNotContain("not-an-address").contains("\"email\":\"****\"").contains("profile email=****");
	}

	@Test
	void masksEmailAddressInsideMessage() {
		String json = encode("password reset requested for alice.smith+test@mail.example.co.uk today");
		assertThat(json).doesNotContain("alice.smith").doesNotContain("example.co.uk").contains("requested for ****");
	}

	@Test
	void apiKeyLoggedInMessageOrArgumentLeavesNoSecretInJsonLine() {
		// The shape ApiKeyFormat generates: fdn_<8 base32>_<43 base64url>.
		String secret = "q3J9-vX_0aZkLm2Nw8bYc4TdEe5FgH6iJ7kK8lM9nOp";
		String key = "fdn_k7m2p4qa_" + secret;
		String json = encode("request rejected for key " + key + " (revoked); retried with {}", kv("key", key));
		assertThat(json).doesNotContain(secret)
			.doesNotContain(secret.substring(0, 12))
			.contains("for key fdn_k7m2p4qa_**** (revoked)")
			.contains("\"key\":\"fdn_k7m2p4qa_****\"");
	}

	@Test
	void masksJwtAndBearerCredentialInsideMessage() {
		String json = encode("token " + JWT + " rejected; header was Bearer abc.DEF-123_xyz");
		assertThat(json).doesNotContain(JWT)
			.doesNotContain("eyJhbGciOiJIUzI1NiJ9")
			.doesNotContain("abc.DEF-123_xyz")
			.contains("token **** rejected");
	}

	@Test
	void masksInternationalPhoneNumber() {
		String json = encode("call me on +447911123456");
		assertThat(json).doesNotContain("+447911123456").contains("call me on ****");
	}

	@Test
	void leavesTimestampsUuidsAndOrdinaryFieldsAlone() {
		String id = UUID.randomUUID().toString();
		String json = encode("order {} created at 2026-01-02T03:04:05.678Z by user {}", kv("orderId", id),
				kv("count", 42));
		assertThat(json).contains("order orderId=" + id + " created at 2026-01-02T03:04:05.678Z")
			.contains("\"orderId\":\"" + id + "\"")
			.contains("\"count\":42")
			.doesNotContain("****");
	}

	@Test
	void foundationLogbackConfigurationWritesMaskedJsonLines(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LoggingApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.main.banner-mode=off", "--spring.application.name=masking-test")) {
			LoggerFactory.getLogger("dev.foundation.test.Masking")
				.info("signup for carol@example.org with token {} {}", JWT, kv("password", "hunter2"));
		}
		String line = output.getOut()
			.lines()
			.filter((candidate) -> candidate.contains("signup for"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No JSON log line in:\n" + output.getOut()));
		// Boot initialises logging once per JVM while a test context stays cached: the
		// service name may be another
		// test's, so only its presence is checked.
		assertThat(line).startsWith("{")
			.contains("\"service\":\"")
			.contains("\"password\":\"****\"")
			.doesNotContain("hunter2")
			.doesNotContain("carol@example.org")
			.doesNotContain(JWT);
	}

	private String encode(String message, Object... arguments) {
		Logger logger = this.loggerContext.getLogger("test");
		LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, arguments);
		return new String(this.encoder.encode(event), StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class LoggingApplication {

	}

}
