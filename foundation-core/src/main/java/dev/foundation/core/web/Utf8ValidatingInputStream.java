package dev.foundation.core.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through while checking that they are well-formed UTF-8 (Unicode 15, table
 * 3-7), failing with {@link MalformedUtf8Exception} at the first byte that is not.
 * Rejects what lenient decoders let through: overlong forms ({@code C0 AF} for
 * {@code /}), encoded surrogates ({@code ED A0 80}), code points above U+10FFFF, lone
 * continuation bytes and sequences cut short by the end of the body. Jackson decodes
 * overlong forms as the character they spell, so a check in front of it is the only way
 * to refuse them.
 * <p>
 * A sequence cut by the end of a chunk is held back and completed from the stream before
 * it is handed out, so that a body cut short in the middle of a character fails here
 * rather than in the parser.
 */
final class Utf8ValidatingInputStream extends FilterInputStream {

	private int remaining;

	private int lower = 0x80;

	private int upper = 0xBF;

	// Bytes of the sequence being read: its lead byte and the continuation bytes seen so
	// far.
	private int seen;

	private final byte[] held = new byte[4];

	private int heldCount;

	private int heldPosition;

	Utf8ValidatingInputStream(InputStream in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		if (this.heldPosition < this.heldCount) {
			return this.held[this.heldPosition++] & 0xFF;
		}
		int b = super.read();
		if (b < 0) {
			endOfInput();
		}
		else {
			check(b);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.heldPosition < this.heldCount) {
			return takeHeld(buffer, offset, length);
		}
		int count = super.read(buffer, offset, length);
		if (count < 0) {
			endOfInput();
			return count;
		}
		for (int i = 0; i < count; i++) {
			check(buffer[offset + i] & 0xFF);
		}
		if (this.remaining == 0) {
			return count;
		}
		int cut = this.seen;
		System.arraycopy(buffer, offset + count - cut, this.held, 0, cut);
		this.heldCount = cut;
		this.heldPosition = 0;
		while (this.remaining > 0) {
			int b = this.in.read();
			if (b < 0) {
				throw new MalformedUtf8Exception();
			}
			check(b);
			this.held[this.heldCount++] = (byte) b;
		}
		return (count > cut) ? count - cut : takeHeld(buffer, offset, length);
	}

	private int takeHeld(byte[] buffer, int offset, int length) {
		int count = Math.min(length, this.heldCount - this.heldPosition);
		System.arraycopy(this.held, this.heldPosition, buffer, offset, count);
		this.heldPosition += count;
		return count;
	}

	@Override
	public int available() throws IOException {
		return (this.heldCount - this.heldPosition) + super.available();
	}

	// Skipped bytes are read, so that they are checked too.
	@Override
	public long skip(long n) throws IOException {
		byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
		long skipped = 0;
		while (skipped < n) {
			int count = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
			if (count < 0) {
				break;
			}
			skipped += count;
		}
		return skipped;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	@Override
	public synchronized void mark(int readLimit) {
	}

	@Override
	public synchronized void reset() throws IOException {
		throw new IOException("mark/reset not supported");
	}

	private void endOfInput() throws MalformedUtf8Exception {
		if (this.remaining > 0) {
			throw new MalformedUtf8Exception();
		}
	}

	private void check(int b) throws MalformedUtf8Exception {
		if (this.remaining > 0) {
			if (b < this.lower || b > this.upper) {
				throw new MalformedUtf8Exception();
			}
			this.remaining--;
			this.seen = (this.remaining > 0) ? this.seen + 1 : 0;
			this.lower = 0x80;
			this.upper = 0xBF;
			return;
		}
		if (b < 0x80) {
			return;
		}
		if (b >= 0xC2 && b <= 0xDF) {
			expect(1, 0x80, 0xBF);
		}
		else if (b == 0xE0) {
			expect(2, 0xA0, 0xBF);
		}
		else if (b == 0xED) {
			expect(2, 0x80, 0x9F);
		}
		else if (b >= 0xE1 && b <= 0xEF) {
			expect(2, 0x80, 0xBF);
		}
		else if (b == 0xF0) {
			expect(3, 0x90, 0xBF);
		}
		else if (b >= 0xF1 && b <= 0xF3) {
			expect(3, 0x80, 0xBF);
		}
		else if (b == 0xF4) {
			expect(3, 0x80, 0x8F);
		}
		else {
			throw new MalformedUtf8Exception();
		}
	}

	private void expect(int continuationBytes, int firstLower, int firstUpper) {
		this.remaining = continuationBytes;
		this.seen = 1;
		this.lower = firstLower;
		this.upper = firstUpper;
	}

}
