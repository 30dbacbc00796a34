package dev.foundation.core.context;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientIpResolverTests {

	private final ClientIpResolver behindProxies = new ClientIpResolver(List.of("10.0.0.0/8", "192.168.1.1"));

	@Test
	void usesRemoteAddressWhenNoProxyIsTrusted() {
		ClientIpResolver resolver = new ClientIpResolver(List.of());
		assertThat(resolver.resolve("10.1.2.3", "203.0.113.7")).isEqualTo("10.1.2.3");
	}

	@Test
	void usesRemoteAddressWhenThereIsNoForwardedFor() {
		assertThat(this.behindProxies.resolve("10.1.2.3", null)).isEqualTo("10.1.2.3");
		assertThat(this.behindProxies.resolve("10.1.2.3", "  ")).isEqualTo("10.1.2.3");
	}

	@Test
	void takesClientFromForwardedForOfTrustedProxy() {
		assertThat(this.behindProxies.resolve("10.1.2.3", "203.0.113.7")).isEqualTo("203.0.113.7");
	}

	@Test
	void takesRightmostUntrustedAddressSoClientPrependedEntriesAreIgnored() {
		// The client sent "X-Forwarded-For: 6.6.6.6"; the proxy appended the address it
		// saw.
		assertThat(this.behindProxies.resolve("10.1.2.3", "6.6.6.6, 203.0.113.7")).isEqualTo("203.0.113.7");
	}

	@Test
	void ignoresForwardedForSentByUntrustedPeer() {
		assertThat(this.behindProxies.resolve("203.0.113.7", "1.2.3.4")).isEqualTo("203.0.113.7");
	}

	@Test
	void walksThroughChainOfTrustedProxies() {
		assertThat(this.behindProxies.resolve("10.0.0.1", "198.51.100.4, 192.168.1.1, 10.20.30.40"))
			.isEqualTo("198.51.100.4");
	}

	@Test
	void reportsLeftmostHopWhenEveryHopIsTrusted() {
		assertThat(this.behindProxies.resolve("10.0.0.1", "10.9.9.9, 192.168.1.1")).isEqualTo("10.9.9.9");
	}

	@ParameterizedTest
	@ValueSource(strings = { "evil.example.com", "\"<x>\"", "unknown", "1.2.3.4:80:evil", "localhost" })
	void stopsAtEntryThatIsNotAnIpLiteralAndReportsLastTrustedHop(String junk) {
		assertThat(this.behindProxies.resolve("10.0.0.1", "203.0.113.7, " + junk + ", 10.9.9.9")).isEqualTo("10.9.9.9");
		assertThat(this.behindProxies.resolve("10.0.0.1", junk)).isEqualTo("10.0.0.1");
	}

	@Test
	void neverResolvesHostNames() {
		assertThat(ClientIpResolver.isIpLiteral("evil.example.com")).isFalse();
		assertThat(ClientIpResolver.isIpLiteral("localhost")).isFalse();
		assertThat(ClientIpResolver.isIpLiteral("<x>")).isFalse();
		assertThat(ClientIpResolver.isIpLiteral("203.0.113.7")).isTrue();
		assertThat(ClientIpResolver.isIpLiteral("2001:db8::1")).isTrue();
	}

	@Test
	void ignoresOverlongForwardedFor() {
		String header = "1.2.3.4, ".repeat(300) + "203.0.113.7";
		assertThat(this.behindProxies.resolve("10.0.0.1", header)).isEqualTo("10.0.0.1");
	}

	@Test
	void supportsIpv6ProxiesAndClients() {
		ClientIpResolver resolver = new ClientIpResolver(List.of("2001:db8::/32"));
		assertThat(resolver.resolve("2001:db8::1", "2001:db8:ffff::2, 2a00:1450:4001::200e, 2001:db8::5"))
			.isEqualTo("2a00:1450:4001::200e");
		assertThat(resolver.resolve("2a00:1450:4001::1", "2001:db8::9")).isEqualTo("2a00:1450:4001::1");
	}

	@Test
	void returnsNullWhenThereIsNoRemoteAddress() {
		assertThat(this.behindProxies.resolve(null, "203.0.113.7")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-an-ip", "proxy.internal", "example.com/8", "<x>", "" })
	void rejectsTrustedProxyThatIsNotAnAddressOrCidr(String entry) {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientIpResolver(List.of(entry)))
			.withMessageContaining("'" + entry + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0/99", "10.0.0.0/", "10.0.0.0/x" })
	void rejectsCidrWithInvalidPrefixLength(String entry) {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientIpResolver(List.of(entry)));
	}

}
