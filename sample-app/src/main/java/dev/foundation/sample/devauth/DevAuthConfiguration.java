package dev.foundation.sample.devauth;

import java.util.ArrayList;
import java.util.List;

import dev.foundation.core.auth.autoconfigure.AuthProperties;
import dev.foundation.core.auth.autoconfigure.IssuerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * The development issuer, only in the {@code local} profile. It signs for the issuer and
 * audience that the application trusts as {@code foundation.auth.issuers.dev} in
 * {@code application-local.yml}.
 * <p>
 * It mints a token for anyone who asks, so it refuses to run next to a real issuer (a
 * production configuration with the profile switched on by mistake) unless
 * {@value #ALLOW_WITH_REAL_ISSUERS} is {@code true}, and it answers loopback callers only
 * (see {@link DevTokenController}).
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
class DevAuthConfiguration {

	static final String ALLOW_WITH_REAL_ISSUERS = "sample.dev-auth.allow-with-real-issuers";

	private static final Logger logger = LoggerFactory.getLogger(DevAuthConfiguration.class);

	@Bean
	DevTokenIssuer devTokenIssuer(AuthProperties properties, Environment environment) {
		IssuerProperties dev = properties.getIssuers().get("dev");
		if (dev == null || dev.getIssuer() == null || dev.getAudiences().isEmpty()) {
			throw new IllegalStateException("The local profile needs foundation.auth.issuers.dev with an issuer and an "
					+ "audience (see application-local.yml)");
		}
		List<String> realIssuers = realIssuers(properties);
		if (!realIssuers.isEmpty() && !environment.getProperty(ALLOW_WITH_REAL_ISSUERS, Boolean.class, false)) {
			throw new IllegalStateException("The development token issuer (profile 'local') mints tokens for anyone "
					+ "and must not run next to a real issuer, but " + String.join(", ", realIssuers)
					+ ((realIssuers.size() == 1) ? " is" : " are") + " configured. Remove the 'local' profile, or set "
					+ ALLOW_WITH_REAL_ISSUERS + "=true if this is a development machine on purpose.");
		}
		logger.warn("""

				********************************************************************************
				*  DEVELOPMENT TOKEN ISSUER ACTIVE (profile 'local'): POST /dev/tokens mints   *
				*  a valid token for any user, tenant and roles. Loopback callers only.        *
				*  Never run this profile anywhere reachable by others.                        *
				********************************************************************************""");
		return new DevTokenIssuer(dev.getIssuer(), dev.getAudiences().get(0));
	}

	private static List<String> realIssuers(AuthProperties properties) {
		List<String> real = new ArrayList<>();
		if (properties.getSupabase().getUrl() != null) {
			real.add("foundation.auth.supabase.url");
		}
		if (properties.getClerk().getIssuer() != null) {
			real.add("foundation.auth.clerk.issuer");
		}
		properties.getIssuers()
			.keySet()
			.stream()
			.filter((name) -> !name.equals("dev"))
			.forEach((name) -> real.add("foundation.auth.issuers." + name));
		return real;
	}

}
