package dev.foundation.core.cache.internal;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.foundation.core.cache.CacheValueCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * Values as JSON (Jackson 3) with the class names Jackson needs to read them back, where
 * every class named in the data must pass an allow-list before Jackson even loads it.
 * <p>
 * Why not Java serialization: reading it runs code of whatever class the bytes name, and
 * anyone who can write to Redis would choose. Why not unrestricted default typing: the
 * same, through Jackson's "gadget" classes. The allow-list holds the trusted packages
 * (the application's own, from Spring Boot's auto-configuration packages, plus
 * {@code foundation.cache.trusted-packages} and {@code dev.foundation}), the JDK's value
 * types ({@code java.lang} boxes, {@code java.time}, {@code java.math}, {@code UUID}) and
 * the plain collections Jackson can rebuild ({@code ArrayList}, {@code HashMap}, …,
 * {@code List.of} and {@code Set.of}); anything else reads as a miss.
 */
public final class JacksonCacheValueCodec implements CacheValueCodec {

	private static final Set<String> JDK_TYPES = Set.of("java.util.ArrayList", "java.util.LinkedList",
			"java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet",
			"java.util.LinkedHashSet", "java.util.TreeSet", "java.util.UUID", "java.util.Optional",
			"java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
			"java.util.ImmutableCollections$SetN", "java.util.ImmutableCollections$Set12",
			"java.util.ImmutableCollections$MapN", "java.util.ImmutableCollections$Map1",
			"java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableList",
			"java.util.Collections$UnmodifiableSet", "java.util.Collections$UnmodifiableMap",
			"java.util.Collections$EmptyList", "java.util.Collections$EmptyMap", "java.util.Collections$EmptySet",
			"java.util.Collections$SingletonList", "java.util.Collections$SingletonMap",
			"java.util.Collections$SingletonSet", "java.util.Arrays$ArrayList", "java.lang.String", "java.lang.Boolean",
			"java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Double",
			"java.lang.Float", "java.lang.Character", "java.math.BigDecimal", "java.math.BigInteger");

	private final ObjectWriter writer;

	private final ObjectReader reader;

	/**
	 * Creates the codec.
	 * @param trustedPackages packages whose classes (and sub-packages' classes) may be
	 * read back, e.g. {@code com.example.app}
	 */
	public JacksonCacheValueCodec(Collection<String> trustedPackages) {
		List<String> prefixes = trustedPackages.stream()
			.filter((name) -> !name.isBlank())
			.map((name) -> name.endsWith(".") ? name : name + ".")
			.toList();
		JsonMapper mapper = JsonMapper.builder()
			.activateDefaultTyping(new AllowList(prefixes), DefaultTyping.NON_FINAL, JsonTypeInfo.As.PROPERTY)
			.build();
		this.writer = mapper.writerFor(Object.class);
		this.reader = mapper.readerFor(Object.class);
	}

	@Override
	public byte[] encode(@Nullable Object value) {
		return this.writer.writeValueAsBytes(value);
	}

	@Override
	public @Nullable Object decode(byte[] bytes) {
		return this.reader.readValue(bytes);
	}

	/** Decides by class name, before any class named by the data is loaded. */
	private static final class AllowList extends PolymorphicTypeValidator.Base {

		private final List<String> prefixes;

		AllowList(List<String> prefixes) {
			this.prefixes = prefixes;
		}

		@Override
		public Validity validateSubClassName(DatabindContext context, JavaType baseType, String subClassName) {
			if (JDK_TYPES.contains(subClassName) || subClassName.startsWith("java.time.")) {
				return Validity.ALLOWED;
			}
			if (subClassName.startsWith("[")) {
				// An array: its elements are read as their declared type or with type ids
				// of their own, each checked here.
				return Validity.INDETERMINATE;
			}
			for (String prefix : this.prefixes) {
				if (subClassName.startsWith(prefix)) {
					return Validity.ALLOWED;
				}
			}
			return Validity.DENIED;
		}

		@Override
		public Validity validateSubType(DatabindContext context, JavaType baseType, JavaType subType) {
			return subType.isArrayType() ? Validity.ALLOWED : Validity.DENIED;
		}

	}

}
