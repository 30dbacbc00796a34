package dev.foundation.core.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * Spring MVC's Jackson 3 JSON converter (also used for {@code application/problem+json})
 * with two safety nets: it writes {@linkplain HtmlSafeCharacterEscapes HTML-safe JSON},
 * and it refuses a UTF-8 body that is not well-formed UTF-8
 * ({@link MalformedUtf8Exception} as the cause of the
 * {@link HttpMessageNotReadableException}). Each can be turned off; everything else is
 * Spring's converter.
 */
public class HardenedJsonHttpMessageConverter extends JacksonJsonHttpMessageConverter {

	private final boolean htmlSafe;

	private final boolean strictUtf8;

	/**
	 * Creates the converter.
	 * @param builder the application's mapper, as a builder (Spring adds its
	 * problem-detail mix-in)
	 * @param htmlSafe whether {@code <}, {@code >}, {@code &} and {@code '} are written
	 * as escapes
	 * @param strictUtf8 whether bodies that are not well-formed UTF-8 are refused
	 */
	public HardenedJsonHttpMessageConverter(JsonMapper.Builder builder, boolean htmlSafe, boolean strictUtf8) {
		super(builder);
		this.htmlSafe = htmlSafe;
		this.strictUtf8 = strictUtf8;
	}

	@Override
	protected ObjectWriter customizeWriter(ObjectWriter writer, @Nullable JavaType javaType,
			@Nullable MediaType contentType) {
		ObjectWriter customized = super.customizeWriter(writer, javaType, contentType);
		return this.htmlSafe ? customized.with(HtmlSafeCharacterEscapes.INSTANCE) : customized;
	}

	@Override
	public Object read(ResolvableType type, HttpInputMessage inputMessage, @Nullable Map<String, Object> hints)
			throws IOException, HttpMessageNotReadableException {
		if (!validates(inputMessage)) {
			return super.read(type, inputMessage, hints);
		}
		ValidatingInputMessage validating = new ValidatingInputMessage(inputMessage);
		Object value = super.read(type, validating, hints);
		validating.checkRest();
		return value;
	}

	@Override
	protected Object readInternal(Class<?> clazz, HttpInputMessage inputMessage)
			throws IOException, HttpMessageNotReadableException {
		if (!validates(inputMessage)) {
			return super.readInternal(clazz, inputMessage);
		}
		ValidatingInputMessage validating = new ValidatingInputMessage(inputMessage);
		Object value = super.readInternal(clazz, validating);
		validating.checkRest();
		return value;
	}

	// Other charsets are decoded by a Reader, which replaces what it cannot decode; JSON
	// is UTF-8 (RFC 8259).
	private boolean validates(HttpInputMessage inputMessage) {
		return this.strictUtf8 && StandardCharsets.UTF_8.equals(getCharset(inputMessage.getHeaders().getContentType()));
	}

	private static final class ValidatingInputMessage implements HttpInputMessage {

		private final HttpInputMessage message;

		private @Nullable Utf8ValidatingInputStream body;

		ValidatingInputMessage(HttpInputMessage message) {
			this.message = message;
		}

		@Override
		public InputStream getBody() throws IOException {
			if (this.body == null) {
				this.body = new Utf8ValidatingInputStream(this.message.getBody());
			}
			return this.body;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.message.getHeaders();
		}

		// Jackson stops reading after the JSON value: the bytes after it must be UTF-8
		// too.
		void checkRest() throws IOException {
			if (this.body == null) {
				return;
			}
			try {
				this.body.skip(Long.MAX_VALUE);
			}
			catch (MalformedUtf8Exception ex) {
				throw new HttpMessageNotReadableException(ex.getMessage(), ex, this.message);
			}
		}

	}

}
