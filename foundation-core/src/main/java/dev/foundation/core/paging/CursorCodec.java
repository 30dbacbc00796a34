package dev.foundation.core.paging;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dev.foundation.core.error.BadRequestException;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.ScrollPosition.Direction;

/**
 * Turns a {@link KeysetScrollPosition} into an opaque, URL-safe cursor token and back.
 * <p>
 * A token is unpadded base64url (RFC 4648 §5) of a small binary form: a format version,
 * the direction, and each key as its property name, a one-byte type tag and the value. No
 * Java serialization is involved and no class name is read from the client: only the
 * types of {@link #SAFE_TYPES} can be decoded. Decoding is strict: a token longer than
 * {@value #MAX_LENGTH} characters, with characters outside the base64url alphabet, of an
 * unknown version, truncated, with trailing bytes, an unknown type tag, a malformed
 * property name or an out-of-range value is refused with a {@link BadRequestException}
 * (400) whose detail never repeats the token.
 * <p>
 * A token is not signed: it is a position, not a permission. A client that forges one
 * with well-formed keys only moves its own position in a list it may read anyway; which
 * rows it may read is decided by the query (the tenant filter and row-level security),
 * never by the cursor. Check the keys against the query's order with
 * {@link KeysetOrder#check(KeysetScrollPosition)}, which refuses keys the order does not
 * name.
 */
public final class CursorCodec {

	/** The longest token accepted, in characters (768 bytes before encoding). */
	public static final int MAX_LENGTH = 1024;

	/**
	 * The value types a token can carry: {@code String}, {@code Integer}, {@code Long},
	 * {@code BigDecimal}, {@code Boolean}, {@code UUID}, {@code Instant},
	 * {@code OffsetDateTime}, {@code LocalDate} and {@code LocalDateTime}.
	 */
	public static final String SAFE_TYPES = "String, Integer, Long, BigDecimal, Boolean, UUID, Instant, OffsetDateTime, "
			+ "LocalDate, LocalDateTime";

	/**
	 * The most keys a position may have; a sort over more columns than this is no keyset
	 * anyone should page by.
	 */
	public static final int MAX_KEYS = 8;

	private static final byte VERSION = 1;

	private static final int MAX_BYTES = MAX_LENGTH / 4 * 3;

	private static final int MAX_NAME_LENGTH = 64;

	private static final Pattern PROPERTY_PATH = Pattern
		.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

	private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

	private CursorCodec() {
	}

	/**
	 * Encodes a position.
	 * @param position a position that is not {@linkplain KeysetScrollPosition#isInitial()
	 * initial}, with at most {@value #MAX_KEYS} keys whose names are property paths and
	 * whose values are of the {@link #SAFE_TYPES}
	 * @return the token
	 * @throws IllegalArgumentException if the position cannot be encoded (a programming
	 * error, not the client's)
	 */
	public static String encode(KeysetScrollPosition position) {
		Map<String, Object> keys = position.getKeys();
		if (keys.isEmpty() || keys.size() > MAX_KEYS) {
			throw new IllegalArgumentException("A cursor needs 1 to " + MAX_KEYS + " keys, not " + keys.size());
		}
		ByteBuffer out = ByteBuffer.allocate(MAX_BYTES);
		try {
			out.put(VERSION).put((byte) (position.scrollsForward() ? 0 : 1)).put((byte) keys.size());
			for (Map.Entry<String, Object> key : keys.entrySet()) {
				writeName(out, key.getKey());
				Object value = key.getValue();
				if (value == null) {
					throw new IllegalArgumentException("The cursor key '" + key.getKey() + "' is null; keyset "
							+ "pagination needs non-null sort properties");
				}
				CursorValueType type = CursorValueType.ofValue(value);
				if (type == null) {
					throw new IllegalArgumentException("The cursor key '" + key.getKey() + "' is a "
							+ value.getClass().getName() + "; a cursor carries only " + SAFE_TYPES);
				}
				out.put(type.tag());
				type.write(out, value);
			}
		}
		catch (BufferOverflowException ex) {
			throw new IllegalArgumentException("The position's keys take more than " + MAX_BYTES + " bytes", ex);
		}
		byte[] bytes = new byte[out.position()];
		out.flip().get(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Decodes a token received from a client.
	 * @param token the token
	 * @return the position it names, never initial
	 * @throws BadRequestException if the token is malformed, too long or carries anything
	 * but the safe types
	 */
	public static KeysetScrollPosition decode(String token) {
		if (token.length() > MAX_LENGTH) {
			throw invalid("longer than " + MAX_LENGTH + " characters");
		}
		if (!BASE64URL.matcher(token).matches()) {
			throw invalid("not base64url");
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(token);
		}
		catch (IllegalArgumentException ex) {
			throw invalid("not base64url");
		}
		ByteBuffer in = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
		try {
			if (in.get() != VERSION) {
				throw invalid("unknown format");
			}
			Direction direction = switch (in.get()) {
				case 0 -> Direction.FORWARD;
				case 1 -> Direction.BACKWARD;
				default -> throw invalid("unknown direction");
			};
			int count = Byte.toUnsignedInt(in.get());
			if (count == 0 || count > MAX_KEYS) {
				throw invalid("wrong number of keys");
			}
			Map<String, Object> keys = new LinkedHashMap<>();
			for (int i = 0; i < count; i++) {
				String name = readName(in);
				CursorValueType type = CursorValueType.ofTag(in.get());
				if (type == null) {
					throw invalid("unsupported key type");
				}
				if (keys.putIfAbsent(name, type.read(in)) != null) {
					throw invalid("repeated key");
				}
			}
			if (in.hasRemaining()) {
				throw invalid("trailing data");
			}
			return ScrollPosition.of(keys, direction);
		}
		catch (BufferUnderflowException ex) {
			throw invalid("truncated");
		}
		catch (CharacterCodingException ex) {
			throw invalid("malformed text");
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			throw invalid("value out of range");
		}
	}

	static boolean isPropertyPath(String name) {
		return name.length() <= MAX_NAME_LENGTH && PROPERTY_PATH.matcher(name).matches();
	}

	private static void writeName(ByteBuffer out, String name) {
		if (!isPropertyPath(name)) {
			throw new IllegalArgumentException("The cursor key '" + name + "' is not a property path of at most "
					+ MAX_NAME_LENGTH + " characters");
		}
		out.put((byte) name.length()).put(name.getBytes(StandardCharsets.US_ASCII));
	}

	private static String readName(ByteBuffer in) {
		int length = Byte.toUnsignedInt(in.get());
		if (length == 0 || length > MAX_NAME_LENGTH) {
			throw invalid("malformed key name");
		}
		byte[] bytes = new byte[length];
		in.get(bytes);
		String name = new String(bytes, StandardCharsets.US_ASCII);
		if (!PROPERTY_PATH.matcher(name).matches()) {
			throw invalid("malformed key name");
		}
		return name;
	}

	static BadRequestException invalid(String reason) {
		return new BadRequestException("The cursor is not valid (" + reason
				+ "); use the 'next' cursor of a previous page as it was given, or start again without a cursor");
	}

}
