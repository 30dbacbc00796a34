package dev.foundation.core.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;

/**
 * JSON string escapes that keep a value inert when the JSON lands inside HTML or a
 * script: {@code <}, {@code >}, {@code &} and {@code '} are written as
 * {@code \u003C}-style escapes, as are U+2028 and U+2029 (line terminators to JavaScript
 * before ES2019, not to JSON). The JSON means the same to any parser; only its bytes
 * change, so a {@code </script>} in a stored value can no longer end a script block and
 * markup cannot appear in the body at all. Gson's default does the same.
 */
public final class HtmlSafeCharacterEscapes extends CharacterEscapes {

	/** The shared instance; it holds no mutable state. */
	public static final HtmlSafeCharacterEscapes INSTANCE = new HtmlSafeCharacterEscapes();

	private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");

	private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

	private final int[] asciiEscapes;

	private HtmlSafeCharacterEscapes() {
		int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();
		escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
		escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
		escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
		escapes['\''] = CharacterEscapes.ESCAPE_STANDARD;
		this.asciiEscapes = escapes;
	}

	@Override
	public int[] getEscapeCodesForAscii() {
		return this.asciiEscapes.clone();
	}

	@Override
	public @Nullable SerializableString getEscapeSequence(int ch) {
		return switch (ch) {
			case '\u2028' -> LINE_SEPARATOR;
			case '\u2029' -> PARAGRAPH_SEPARATOR;
			default -> null;
		};
	}

}
