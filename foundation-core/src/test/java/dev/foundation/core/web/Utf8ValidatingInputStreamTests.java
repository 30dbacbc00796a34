package dev.foundation.core.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class Utf8ValidatingInputStreamTests {

	@ParameterizedTest
	@ValueSource(strings = { "", "41", "00", "7f", "c280", "dfbf", "e0a080", "efbfbf", "ed9fbf", "ee8080", "f0908080",
			"f48fbfbf", "f3bfbfbf", "e282ac", "f09f9880" })
	void wellFormedSequencesPass(String hex) throws IOException {
		byte[] bytes = HexFormat.of().parseHex(hex);
		assertThat(readAll(bytes)).isEqualTo(bytes);
	}

	@ParameterizedTest
	@ValueSource(strings = { "c0af", "c080", "c1bf", "e080bc", "e09fbf", "f08fbfbf", "eda080", "edbfbf", "f4908080",
			"f5808080", "ff", "fe", "80", "41bf42", "e282", "f09f98", "c2", "c241", "e228a1" })
	void malformedSequencesFail(String hex) {
		assertThatExceptionOfType(MalformedUtf8Exception.class).isThrownBy(() -> readAll(HexFormat.of().parseHex(hex)))
			.withMessage("The request body is not valid UTF-8");
	}

	@Test
	void singleByteReadsAndSkipsAreCheckedToo() throws IOException {
		try (InputStream in = new Utf8ValidatingInputStream(
				new ByteArrayInputStream(new byte[] { 'a', (byte) 0xC0 }))) {
			assertThat(in.read()).isEqualTo('a');
			assertThatExceptionOfType(MalformedUtf8Exception.class).isThrownBy(in::read);
		}
		try (InputStream in = new Utf8ValidatingInputStream(
				new ByteArrayInputStream(new byte[] { 'a', (byte) 0x80 }))) {
			assertThatExceptionOfType(MalformedUtf8Exception.class).isThrownBy(() -> in.skip(10));
		}
	}

	@Test
	void sequenceCutByTheEndOfAChunkIsCompletedBeforeItIsHandedOut() throws IOException {
		byte[] euro = { 'a', (byte) 0xE2, (byte) 0x82, (byte) 0xAC, 'b' };
		try (InputStream in = new Utf8ValidatingInputStream(new TrickleInputStream(euro, new Random(1), 2))) {
			assertThat(in.readAllBytes()).isEqualTo(euro);
		}
		byte[] cut = { 'a', (byte) 0xE2, (byte) 0x82 };
		try (InputStream in = new Utf8ValidatingInputStream(new TrickleInputStream(cut, new Random(1), 2))) {
			byte[] buffer = new byte[2];
			// The first chunk, "a" and the lead byte, hands out only "a"; completing the
			// character hits the end.
			assertThatExceptionOfType(MalformedUtf8Exception.class).isThrownBy(() -> in.read(buffer, 0, 2));
		}
	}

	@Test
	void agreesWithTheJdksStrictDecoderOnRandomInput() throws IOException {
		Random random = new Random(20260501L);
		for (int i = 0; i < 20_000; i++) {
			byte[] bytes = new byte[random.nextInt(12)];
			for (int j = 0; j < bytes.length; j++) {
				// Mostly bytes around the UTF-8 boundaries, where the mistakes are.
				bytes[j] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
			}
			boolean jdkAccepts = strictlyDecodable(bytes);
			boolean accepted;
			try (InputStream in = new Utf8ValidatingInputStream(new TrickleInputStream(bytes, random, 3))) {
				assertThat(in.readAllBytes()).isEqualTo(bytes);
				accepted = true;
			}
			catch (MalformedUtf8Exception ex) {
				accepted = false;
			}
			assertThat(accepted).as(HexFormat.of().formatHex(bytes)).isEqualTo(jdkAccepts);
		}
	}

	/** Hands out at most a few bytes per read, as a network stream may. */
	private static final class TrickleInputStream extends InputStream {

		private final byte[] bytes;

		private final Random random;

		private final int largestChunk;

		private int position;

		TrickleInputStream(byte[] bytes, Random random, int largestChunk) {
			this.bytes = bytes;
			this.random = random;
			this.largestChunk = largestChunk;
		}

		@Override
		public int read() {
			return (this.position < this.bytes.length) ? this.bytes[this.position++] & 0xFF : -1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.position >= this.bytes.length) {
				return -1;
			}
			int count = Math.min(Math.min(length, 1 + this.random.nextInt(this.largestChunk)),
					this.bytes.length - this.position);
			System.arraycopy(this.bytes, this.position, buffer, offset, count);
			this.position += count;
			return count;
		}

	}

	private static boolean strictlyDecodable(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static byte[] readAll(byte[] bytes) throws IOException {
		try (InputStream in = new Utf8ValidatingInputStream(new ByteArrayInputStream(bytes))) {
			return in.readAllBytes();
		}
	}

}
