package dev.foundation.core.context;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Finds the client's address behind reverse proxies without trusting what the client
 * itself can forge.
 * <p>
 * {@code X-Forwarded-For} is read only when the direct peer is a configured trusted
 * proxy, and then from right to left: the first address that is not a trusted proxy is
 * the client. Entries that are not IP literals stop the walk (they are never resolved
 * through DNS), and the last trusted hop is reported instead.
 */
public final class ClientIpResolver {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private static final int MAX_HEADER_LENGTH = 2048;

	private final List<IpAddressMatcher> trustedProxies;

	/**
	 * Creates a resolver.
	 * @param trustedProxies addresses or CIDR ranges of the proxies in front of the
	 * application; empty to trust none
	 * @throws IllegalArgumentException when an entry is not an IP address or CIDR range
	 */
	public ClientIpResolver(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(ClientIpResolver::matcher).toList();
	}

	private static IpAddressMatcher matcher(String cidr) {
		String address = cidr.contains("/") ? cidr.substring(0, cidr.indexOf('/')) : cidr;
		if (!isIpLiteral(address)) {
			throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR range");
		}
		return new IpAddressMatcher(cidr);
	}

	/**
	 * Resolves the client address.
	 * @param remoteAddress the address of the direct peer
	 * @param forwardedFor the {@code X-Forwarded-For} header, possibly {@code null}
	 * @return the client address
	 */
	public @Nullable String resolve(@Nullable String remoteAddress, @Nullable String forwardedFor) {
		if (remoteAddress == null || forwardedFor == null || forwardedFor.isBlank()
				|| forwardedFor.length() > MAX_HEADER_LENGTH || !isTrusted(remoteAddress)) {
			return remoteAddress;
		}
		String[] hops = forwardedFor.split(",");
		String client = remoteAddress;
		for (int i = hops.length - 1; i >= 0; i--) {
			String hop = hops[i].trim();
			if (!isIpLiteral(hop)) {
				return client;
			}
			client = hop;
			if (!isTrusted(hop)) {
				return hop;
			}
		}
		return client;
	}

	private boolean isTrusted(String address) {
		if (this.trustedProxies.isEmpty() || !isIpLiteral(address)) {
			return false;
		}
		for (IpAddressMatcher proxy : this.trustedProxies) {
			if (proxy.matches(address)) {
				return true;
			}
		}
		return false;
	}

	// Only literals: InetAddress would otherwise resolve host names through DNS.
	static boolean isIpLiteral(String value) {
		return value.length() <= 45 && (IPV4.matcher(value).matches() || IPV6.matcher(value).matches());
	}

}
