package dev.foundation.core.web.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.foundation.core.web.HardenedJsonHttpMessageConverter;
import dev.foundation.core.web.MalformedUtf8Exception;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.http.MockHttpOutputMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WebHardeningAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WebHardeningAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class));

	record Named(String name, int count) {
	}

	@Test
	void defaultsAreStrictAndSafe() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("hardenedJsonConvertersCustomizer").hasBean("noSniffFilterRegistration");
			assertThat(jsonConverter(context)).isInstanceOf(HardenedJsonHttpMessageConverter.class);
			assertThat(write(context, new Named("<b>'&'</b>", 1)))
				.isEqualTo("{\"name\":\"\\u003Cb\\u003E\\u0027\\u0026\\u0027\\u003C/b\\u003E\",\"count\":1}");
			JsonMapper mapper = context.getBean(JsonMapper.class);
			assertThatExceptionOfType(MismatchedInputException.class)
				.isThrownBy(() -> mapper.readValue("{\"name\":12,\"count\":1}", Named.class));
			assertThatExceptionOfType(MismatchedInputException.class)
				.isThrownBy(() -> mapper.readValue("{\"name\":\"a\",\"count\":\"1\"}", Named.class));
			assertThatExceptionOfType(HttpMessageNotReadableException.class)
				.isThrownBy(() -> read(context, overlongSlash()))
				.withRootCauseInstanceOf(MalformedUtf8Exception.class);
		});
	}

	@Test
	void malformedBytesAfterTheJsonValueAreRejectedToo() {
		byte[] json = "{\"name\":\"a\",\"count\":1}".getBytes(StandardCharsets.UTF_8);
		byte[] body = Arrays.copyOf(json, json.length + 2);
		body[json.length] = (byte) 0xF0;
		body[json.length + 1] = (byte) 0x9F;
		this.contextRunner.run((context) -> assertThatExceptionOfType(HttpMessageNotReadableException.class)
			.isThrownBy(() -> read(context, body))
			.withRootCauseInstanceOf(MalformedUtf8Exception.class));
	}

	@Test
	void htmlSafeJsonCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("foundation.web.json.html-safe=false")
			.run((context) -> assertThat(write(context, new Named("<b>", 1))).contains("\"<b>\""));
	}

	@Test
	void strictTypesCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("foundation.web.json.strict-types=false")
			.run((context) -> assertThat(
					context.getBean(JsonMapper.class).readValue("{\"name\":12,\"count\":\"3\"}", Named.class))
				.isEqualTo(new Named("12", 3)));
	}

	@Test
	void strictUtf8CanBeTurnedOff() {
		this.contextRunner.withPropertyValues("foundation.web.json.strict-utf8=false")
			.run((context) -> assertThat(read(context, overlongSlash())).isEqualTo(new Named("a/b", 1)));
	}

	@Test
	void nosniffCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("foundation.web.nosniff=false")
			.run((context) -> assertThat(context).doesNotHaveBean("noSniffFilterRegistration")
				.hasBean("hardenedJsonConvertersCustomizer"));
	}

	@Test
	void disabledSwitchLeavesBootsConverterInPlace() {
		this.contextRunner.withPropertyValues("foundation.web.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean("hardenedJsonConvertersCustomizer")
				.doesNotHaveBean("noSniffFilterRegistration")
				.doesNotHaveBean(WebHardeningProperties.class);
			assertThat(jsonConverter(context).getClass()).isEqualTo(JacksonJsonHttpMessageConverter.class);
		});
	}

	@Test
	void leavesAnApplicationsOwnConverterAlone() {
		this.contextRunner.withBean(UsersConverter.class, UsersConverter::new)
			.run((context) -> assertThat(jsonConverter(context)).isInstanceOf(UsersConverter.class));
	}

	@Test
	void stringResultsStayPlainText() {
		this.contextRunner.run((context) -> {
			HttpMessageConverter<?> first = null;
			for (HttpMessageConverter<?> converter : converters(context)) {
				if (converter.canWrite(String.class, MediaType.APPLICATION_JSON)) {
					first = converter;
					break;
				}
			}
			assertThat(first).isInstanceOf(StringHttpMessageConverter.class);
		});
	}

	@Test
	void withoutJacksonOnlyTheHeaderIsSet() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.run((context) -> assertThat(context).doesNotHaveBean("hardenedJsonConvertersCustomizer")
				.hasBean("noSniffFilterRegistration"));
	}

	@Test
	void doesNothingOutsideServletWebApplications() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(JacksonAutoConfiguration.class, WebHardeningAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("hardenedJsonConvertersCustomizer")
				.doesNotHaveBean(WebHardeningProperties.class));
	}

	static class UsersConverter extends JacksonJsonHttpMessageConverter {

	}

	private static HttpMessageConverters converters(AssertableWebApplicationContext context) {
		HttpMessageConverters.ServerBuilder builder = HttpMessageConverters.forServer().registerDefaults();
		context.getBeanProvider(ServerHttpMessageConvertersCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	private static JacksonJsonHttpMessageConverter jsonConverter(AssertableWebApplicationContext context) {
		for (HttpMessageConverter<?> converter : converters(context)) {
			if (converter instanceof JacksonJsonHttpMessageConverter json) {
				return json;
			}
		}
		throw new AssertionError("no JSON converter");
	}

	private static byte[] overlongSlash() {
		byte[] start = "{\"name\":\"a".getBytes(StandardCharsets.UTF_8);
		byte[] end = "b\",\"count\":1}".getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[start.length + 2 + end.length];
		System.arraycopy(start, 0, body, 0, start.length);
		body[start.length] = (byte) 0xC0;
		body[start.length + 1] = (byte) 0xAF;
		System.arraycopy(end, 0, body, start.length + 2, end.length);
		return body;
	}

	private static String write(AssertableWebApplicationContext context, Object value) throws IOException {
		MockHttpOutputMessage output = new MockHttpOutputMessage();
		jsonConverter(context).write(value, MediaType.APPLICATION_JSON, output);
		return output.getBodyAsString(StandardCharsets.UTF_8);
	}

	private static Object read(AssertableWebApplicationContext context, byte[] body) throws IOException {
		MockHttpInputMessage input = new MockHttpInputMessage(body);
		input.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		return jsonConverter(context).read(ResolvableType.forClass(Named.class), input, null);
	}

}
