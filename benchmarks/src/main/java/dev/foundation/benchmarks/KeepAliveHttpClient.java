package dev.foundation.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A minimal blocking HTTP/1.1 client on one keep-alive connection with
 * {@code TCP_NODELAY}, for {@link TenancyReadBenchmark} and
 * {@link FilterChainHttpBenchmark}: it writes each request in one piece and reads the
 * response on the calling thread.
 * <p>
 * Why not {@code java.net.http.HttpClient}: it hands every exchange to a selector thread
 * and an executor, hand-offs that compete with Tomcat and PostgreSQL for the same two
 * cores; a blocking exchange on the benchmark thread keeps the client's share of each
 * measured request small and the same for both variants.
 */
final class KeepAliveHttpClient implements AutoCloseable {

	private final String host;

	private final int port;

	private @Nullable Socket socket;

	private @Nullable InputStream in;

	private @Nullable OutputStream out;

	KeepAliveHttpClient(String host, int port) {
		this.host = host;
		this.port = port;
	}

	/**
	 * Encodes a {@code GET} request once, to be sent many times.
	 * @param path the path
	 * @param authorization the {@code Authorization} header, or {@code null} for none
	 * @return the request bytes
	 */
	byte[] get(String path, @Nullable String authorization) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Accept", "application/json");
		headers.put("User-Agent", "foundation-benchmarks");
		if (authorization != null) {
			headers.put("Authorization", authorization);
		}
		return request(path, headers);
	}

	/**
	 * Encodes a {@code PUT} request with a JSON body once, to be sent many times.
	 * @param path the path
	 * @param authorization the {@code Authorization} header
	 * @param json the body
	 * @return the request bytes
	 */
	byte[] put(String path, String authorization, String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		String head = "PUT " + path + " HTTP/1.1\r\nHost: " + this.host + ':' + this.port
				+ "\r\nAccept: application/json\r\nUser-Agent: foundation-benchmarks\r\nAuthorization: " + authorization
				+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
		byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
		byte[] request = new byte[headBytes.length + body.length];
		System.arraycopy(headBytes, 0, request, 0, headBytes.length);
		System.arraycopy(body, 0, request, headBytes.length, body.length);
		return request;
	}

	/**
	 * Encodes a {@code GET} request with the given headers (and {@code Host}) once, to be
	 * sent many times.
	 * @param path the path
	 * @param headers the headers, in order
	 * @return the request bytes
	 */
	byte[] request(String path, Map<String, String> headers) {
		StringBuilder request = new StringBuilder("GET ").append(path)
			.append(" HTTP/1.1\r\nHost: ")
			.append(this.host)
			.append(':')
			.append(this.port)
			.append("\r\n");
		headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Sends a request and reads the whole response.
	 * @param request bytes from {@link #get(String, String)}
	 * @return the response
	 */
	Response send(byte[] request) {
		try {
			connectIfNeeded();
			this.out.write(request);
			this.out.flush();
			return read(this.in);
		}
		catch (IOException ex) {
			close();
			throw new UncheckedIOException(ex);
		}
	}

	private void connectIfNeeded() throws IOException {
		if (this.socket == null) {
			Socket socket = new Socket();
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress(this.host, this.port), 5000);
			socket.setSoTimeout(30_000);
			this.socket = socket;
			this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
			this.out = socket.getOutputStream();
		}
	}

	private Response read(InputStream in) throws IOException {
		String statusLine = line(in);
		int status = Integer.parseInt(statusLine.substring(9, 12));
		int contentLength = -1;
		boolean chunked = false;
		boolean closes = false;
		List<String> headers = new ArrayList<>();
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			headers.add(header);
			String lower = header.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				contentLength = Integer.parseInt(header.substring(15).trim());
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
			else if (lower.startsWith("connection:") && lower.contains("close")) {
				closes = true;
			}
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (chunked) {
			for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(),
					16)) {
				body.write(in.readNBytes(size));
				line(in);
			}
			line(in);
		}
		else if (contentLength > 0) {
			body.write(in.readNBytes(contentLength));
		}
		if (closes) {
			close();
		}
		return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c == -1) {
				throw new IOException("Connection closed by the server");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// Closing anyway.
			}
			this.socket = null;
			this.in = null;
			this.out = null;
		}
	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param headers the header lines ({@code Name: value}), in order
	 * @param body the body as UTF-8 text
	 */
	record Response(int status, List<String> headers, String body) {

		/**
		 * The value of a header.
		 * @param name the header's name, in any case
		 * @return its first value, or {@code null} when absent
		 */
		@Nullable String header(String name) {
			for (String line : this.headers) {
				int colon = line.indexOf(':');
				if (colon == name.length() && line.regionMatches(true, 0, name, 0, colon)) {
					return line.substring(colon + 1).trim();
				}
			}
			return null;
		}

	}

}
