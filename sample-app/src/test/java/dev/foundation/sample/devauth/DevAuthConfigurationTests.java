package dev.foundation.sample.devauth;

import java.net.URI;
import java.util.List;

import dev.foundation.core.auth.autoconfigure.AuthProperties;
import dev.foundation.core.auth.autoconfigure.IssuerProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(OutputCaptureExtension.class)
class DevAuthConfigurationTests {

	private final AuthProperties properties = new AuthProperties();

	private final MockEnvironment environment = new MockEnvironment();

	DevAuthConfigurationTests() {
		IssuerProperties dev = new IssuerProperties();
		dev.setIssuer("http://localhost:8080/dev");
		dev.setAudiences(List.of("sample-app"));
		this.properties.getIssuers().put("dev", dev);
	}

	@Test
	void localProfileSwitchedOnNextToARealIssuerRefusesToStart() {
		this.properties.getSupabase().setUrl(URI.create("https://abcd.supabase.co"));
		assertThatIllegalStateException().isThrownBy(this::create)
			.withMessageContaining("foundation.auth.supabase.url")
			.withMessageContaining(DevAuthConfiguration.ALLOW_WITH_REAL_ISSUERS);
	}

	@Test
	void anotherCustomIssuerCountsAsReal() {
		this.properties.getIssuers().put("corporate", new IssuerProperties());
		assertThatIllegalStateException().isThrownBy(this::create)
			.withMessageContaining("foundation.auth.issuers.corporate");
	}

	@Test
	void explicitPropertyAllowsItNextToARealIssuer() {
		this.properties.getClerk().setIssuer(URI.create("https://clerk.example.com"));
		this.environment.setProperty(DevAuthConfiguration.ALLOW_WITH_REAL_ISSUERS, "true");
		assertThat(create()).isNotNull();
	}

	@Test
	void startsWithALoudWarning(CapturedOutput output) {
		assertThat(create()).isNotNull();
		assertThat(output).contains("WARN").contains("DEVELOPMENT TOKEN ISSUER ACTIVE");
	}

	private DevTokenIssuer create() {
		return new DevAuthConfiguration().devTokenIssuer(this.properties, this.environment);
	}

}
