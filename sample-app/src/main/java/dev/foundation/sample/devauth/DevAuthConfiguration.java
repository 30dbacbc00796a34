package dev.foundation.sample.devauth;

import dev.foundation.core.auth.autoconfigure.AuthProperties;
import dev.foundation.core.auth.autoconfigure.IssuerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The development issuer, only in the {@code local} profile. It signs for the issuer and audience that the
 * application trusts as {@code foundation.auth.issuers.dev} in {@code application-local.yml}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
class DevAuthConfiguration {

	@Bean
	DevTokenIssuer devTokenIssuer(AuthProperties properties) {
		IssuerProperties dev = properties.getIssuers().get("dev");
		if (dev == null || dev.getIssuer() == null || dev.getAudiences().isEmpty()) {
			throw new IllegalStateException("The local profile needs foundation.auth.issuers.dev with an issuer and an "
					+ "audience (see application-local.yml)");
		}
		return new DevTokenIssuer(dev.getIssuer(), dev.getAudiences().get(0));
	}

}
