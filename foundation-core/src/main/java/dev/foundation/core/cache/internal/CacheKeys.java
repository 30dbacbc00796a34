package dev.foundation.core.cache.internal;

import java.lang.reflect.Method;
import java.util.UUID;

import dev.foundation.core.cache.CacheScope;

/**
 * The Redis keys of the cache.
 * <p>
 * An entry: {@code <prefix>{<tenant or _global>}:<cache>:v<version>:<key>}; a namespace's
 * version: {@code <prefix>{<tenant or _global>}:<cache>:version}. The braces are a Redis
 * Cluster hash tag: every key of one tenant lives in one slot, so the version and the
 * entries of a namespace can be used together. The tenant id and the cache name are
 * escaped ({@code % { } :} and a leading {@code _} percent-encoded), so neither can end
 * the hash tag, split the fields or pose as {@code _global}; the entry key is the last
 * field and may hold anything.
 */
final class CacheKeys {

	static final String GLOBAL = "_global";

	private final String prefix;

	CacheKeys(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * The namespace's id (the keys' common part after the prefix), e.g.
	 * {@code {acme}:contacts}.
	 */
	static String namespace(String cache, CacheScope scope) {
		String tenant = scope.tenant();
		return "{" + ((tenant != null) ? escape(tenant) : GLOBAL) + "}:" + escape(cache);
	}

	String versionKey(String namespace) {
		return this.prefix + namespace + ":version";
	}

	String entryKey(String namespace, long version, String key) {
		return this.prefix + namespace + ":v" + version + ":" + key;
	}

	/** What every entry key of a namespace starts with, whatever its version. */
	String entryPrefix(String namespace) {
		return this.prefix + namespace + ":v";
	}

	String channel() {
		return this.prefix + "invalidations";
	}

	static String escape(String value) {
		if (!needsEscaping(value)) {
			return value;
		}
		StringBuilder escaped = new StringBuilder(value.length() + 8);
		for (int index = 0; index < value.length(); index++) {
			char c = value.charAt(index);
			switch (c) {
				case '%' -> escaped.append("%25");
				case '{' -> escaped.append("%7B");
				case '}' -> escaped.append("%7D");
				case ':' -> escaped.append("%3A");
				case '_' -> escaped.append((index == 0) ? "%5F" : "_");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private static boolean needsEscaping(String value) {
		if (value.startsWith("_")) {
			return true;
		}
		for (int index = 0; index < value.length(); index++) {
			char c = value.charAt(index);
			if (c == '%' || c == '{' || c == '}' || c == ':') {
				return true;
			}
		}
		return false;
	}

	/**
	 * The string form of a cache key. Only keys with a meaningful {@code toString()}
	 * qualify: an identity hash would make every lookup a miss and fill Redis.
	 */
	static String keyString(Object key) {
		if (key instanceof String string) {
			return string;
		}
		if (key instanceof Number || key instanceof UUID || key instanceof Enum<?> || key instanceof Boolean
				|| key instanceof Character || key instanceof Record || overridesToString(key.getClass())) {
			return key.toString();
		}
		throw new IllegalArgumentException("A cache key of type " + key.getClass().getName()
				+ " has no toString() of its own, so it cannot name an entry in Redis; use a String, a record or "
				+ "a key with a meaningful toString()");
	}

	private static boolean overridesToString(Class<?> type) {
		try {
			Method method = type.getMethod("toString");
			return method.getDeclaringClass() != Object.class;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

}
