package dev.foundation.core.paging;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The value types a cursor may carry, each with the one-byte tag that names it in a token
 * and its fixed binary form. The tag, never a class name, decides what is decoded: a
 * client can only choose among these types.
 */
enum CursorValueType {

	STRING('s', String.class) {
		@Override
		void write(ByteBuffer out, Object value) {
			byte[] bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
			if (bytes.length > 0xFFFF) {
				throw new IllegalArgumentException("A cursor string key is longer than 65535 bytes");
			}
			out.putShort((short) bytes.length).put(bytes);
		}

		@Override
		Object read(ByteBuffer in) throws CharacterCodingException {
			byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
			in.get(bytes);
			// Strict: malformed UTF-8 is an error, not replaced by U+FFFD.
			CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return chars.toString();
		}
	},

	INTEGER('i', Integer.class) {
		@Override
		void write(ByteBuffer out, Object value) {
			out.putInt((Integer) value);
		}

		@Override
		Object read(ByteBuffer in) {
			return in.getInt();
		}
	},

	LONG('l', Long.class) {
		@Override
		void write(ByteBuffer out, Object value) {
			out.putLong((Long) value);
		}

		@Override
		Object read(ByteBuffer in) {
			return in.getLong();
		}
	},

	DECIMAL('d', BigDecimal.class) {
		@Override
		void write(ByteBuffer out, Object value) {
			BigDecimal decimal = (BigDecimal) value;
			byte[] unscaled = decimal.unscaledValue().toByteArray();
			if (unscaled.length > MAX_DECIMAL_BYTES) {
				throw new IllegalArgumentException(
						"A cursor decimal key has more than " + MAX_DECIMAL_BYTES + " bytes of digits");
			}
			out.putInt(decimal.scale()).put((byte) unscaled.length).put(unscaled);
		}

		@Override
		Object read(ByteBuffer in) {
			int scale = in.getInt();
			int length = Byte.toUnsignedInt(in.get());
			// Bounded digits and scale: a decimal like 1E-2147483647 would make every
			// comparison expensive.
			if (length == 0 || length > MAX_DECIMAL_BYTES || Math.abs((long) scale) > MAX_DECIMAL_SCALE) {
				throw new IllegalArgumentException("decimal out of range");
			}
			byte[] unscaled = new byte[length];
			in.get(unscaled);
			return new BigDecimal(new BigInteger(unscaled), scale);
		}
	},

	BOOLEAN('b', Boolean.class) {
		@Override
		void write(ByteBuffer out, Object value) {
			out.put((byte) (((Boolean) value) ? 1 : 0));
		}

		@Override
		Object read(ByteBuffer in) {
			byte value = in.get();
			if (value != 0 && value != 1) {
				throw new IllegalArgumentException("boolean out of range");
			}
			return value == 1;
		}
	},

	UUID_VALUE('u', UUID.class) {
		@Override
		void write(ByteBuffer out, Object value) {
			UUID uuid = (UUID) value;
			out.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
		}

		@Override
		Object read(ByteBuffer in) {
			return new UUID(in.getLong(), in.getLong());
		}
	},

	INSTANT('t', Instant.class) {
		@Override
		void write(ByteBuffer out, Object value) {
			Instant instant = (Instant) value;
			out.putLong(instant.getEpochSecond()).putInt(instant.getNano());
		}

		@Override
		Object read(ByteBuffer in) {
			return readInstant(in);
		}
	},

	OFFSET_DATE_TIME('o', OffsetDateTime.class) {
		@Override
		void write(ByteBuffer out, Object value) {
			OffsetDateTime time = (OffsetDateTime) value;
			INSTANT.write(out, time.toInstant());
			out.putInt(time.getOffset().getTotalSeconds());
		}

		@Override
		Object read(ByteBuffer in) {
			Instant instant = readInstant(in);
			return OffsetDateTime.ofInstant(instant, ZoneOffset.ofTotalSeconds(in.getInt()));
		}
	},

	LOCAL_DATE('D', LocalDate.class) {
		@Override
		void write(ByteBuffer out, Object value) {
			out.putLong(((LocalDate) value).toEpochDay());
		}

		@Override
		Object read(ByteBuffer in) {
			return LocalDate.ofEpochDay(in.getLong());
		}
	},

	LOCAL_DATE_TIME('T', LocalDateTime.class) {
		@Override
		void write(ByteBuffer out, Object value) {
			INSTANT.write(out, ((LocalDateTime) value).toInstant(ZoneOffset.UTC));
		}

		@Override
		Object read(ByteBuffer in) {
			return LocalDateTime.ofInstant(readInstant(in), ZoneOffset.UTC);
		}
	};

	private static final int MAX_DECIMAL_BYTES = 32;

	private static final int MAX_DECIMAL_SCALE = 1000;

	private final byte tag;

	private final Class<?> javaType;

	CursorValueType(char tag, Class<?> javaType) {
		this.tag = (byte) tag;
		this.javaType = javaType;
	}

	byte tag() {
		return this.tag;
	}

	Class<?> javaType() {
		return this.javaType;
	}

	abstract void write(ByteBuffer out, Object value);

	abstract Object read(ByteBuffer in) throws CharacterCodingException;

	/**
	 * Returns the type of a value, by exact class: subclasses are not accepted (all but
	 * BigDecimal are final).
	 * @param value the value
	 * @return its type, or {@code null} if a cursor cannot carry it
	 */
	static @Nullable CursorValueType ofValue(Object value) {
		return ofJavaType(value.getClass());
	}

	static @Nullable CursorValueType ofJavaType(Class<?> type) {
		for (CursorValueType candidate : values()) {
			if (candidate.javaType == type) {
				return candidate;
			}
		}
		return null;
	}

	static @Nullable CursorValueType ofTag(byte tag) {
		for (CursorValueType candidate : values()) {
			if (candidate.tag == tag) {
				return candidate;
			}
		}
		return null;
	}

	private static Instant readInstant(ByteBuffer in) {
		long seconds = in.getLong();
		int nanos = in.getInt();
		if (nanos < 0 || nanos > 999_999_999) {
			throw new IllegalArgumentException("nanoseconds out of range");
		}
		// Throws DateTimeException outside Instant's range.
		return Instant.ofEpochSecond(seconds, nanos);
	}

}
