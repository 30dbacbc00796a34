package dev.foundation.sample.devauth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The development issuer, only in the {@code local} profile. Its issuer and audience are the ones the application
 * trusts through {@code foundation.auth.issuers.dev} in {@code application-local.yml}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
class DevAuthConfiguration {

	@Bean
	DevTokenIssuer devTokenIssuer(@Value("${foundation.auth.issuers.dev.issuer}") String issuer,
			@Value("${foundation.auth.issuers.dev.audiences[0]}") String audience) {
		return new DevTokenIssuer(issuer, audience);
	}

}
