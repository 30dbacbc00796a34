package dev.foundation.sample.sms;

import java.util.Map;

import dev.foundation.tenancy.resolution.TenantResolver;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

	/**
	 * Before the foundation's resolvers (token claim 100, header 200, subdomain 300): on
	 * the webhook's path the called number decides.
	 */
	@Bean
	@Order(50)
	TenantResolver phoneNumberTenantResolver(Environment environment) {
		Map<String, String> numbers = Binder.get(environment)
			.bindOrCreate("sample.phone-numbers", Bindable.mapOf(String.class, String.class));
		return new PhoneNumberTenantResolver(numbers);
	}

}
