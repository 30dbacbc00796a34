package dev.foundation.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

import org.erdtman.jcs.JsonCanonicalizer;
import org.jspecify.annotations.Nullable;

/**
 * The canonical form of a stored event and its hash, exactly as docs/audit.md describes
 * them for outside auditors:
 * {@code hash = lowercase hex SHA-256 of the UTF-8 bytes of the RFC 8785 (JCS) form of}
 * the JSON object holding every column but {@code hash}, plus {@code "v":1}, with times
 * in UTC at microsecond precision ({@code 2026-01-31T23:59:59.123456Z}), ids as lowercase
 * UUID strings, {@code seq} as a number and missing values as {@code null}.
 */
public final class CanonicalForm {

	/** The previous hash of a chain's first event. */
	public static final String GENESIS = "0".repeat(64);

	/** The version of the canonical form, part of every document. */
	public static final int VERSION = 1;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(CanonicalForm::sha256);

	private CanonicalForm() {
	}

	/**
	 * Formats a time as the canonical form does.
	 * @param time the time (already at microsecond precision)
	 * @return the text
	 */
	public static String time(Instant time) {
		return TIME.format(time.truncatedTo(ChronoUnit.MICROS));
	}

	/**
	 * Returns the canonical document's bytes.
	 * @param row the event's columns
	 * @return RFC 8785 UTF-8 bytes
	 */
	public static byte[] canonical(Row row) {
		// Written directly in RFC 8785 form: the keys in their sorted order, strings
		// escaped as RFC 8785 section 3.2.2.2 prescribes, and the details already
		// canonical (they are canonicalized when recorded and when read back). This keeps
		// the single writer thread's work per event to string building and one SHA-256;
		// CanonicalFormTests checks the result against the RFC 8785 library.
		StringBuilder json = new StringBuilder(512);
		json.append("{\"action\":");
		canonicalString(json, row.action());
		json.append(",\"actor_id\":");
		canonicalNullable(json, row.actorId());
		json.append(",\"actor_kind\":");
		canonicalString(json, row.actorKind());
		json.append(",\"client_ip\":");
		canonicalNullable(json, row.clientIp());
		json.append(",\"correlation_id\":");
		canonicalNullable(json, row.correlationId());
		json.append(",\"details\":").append(row.details());
		json.append(",\"id\":\"").append(row.id()).append('"');
		json.append(",\"occurred_at\":\"").append(time(row.occurredAt())).append('"');
		json.append(",\"outcome\":");
		canonicalString(json, row.outcome());
		json.append(",\"prev_hash\":");
		canonicalString(json, row.prevHash());
		json.append(",\"resource_id\":");
		canonicalNullable(json, row.resourceId());
		json.append(",\"resource_type\":");
		canonicalNullable(json, row.resourceType());
		json.append(",\"seq\":").append(row.seq());
		json.append(",\"tenant_id\":");
		if (row.tenantId() == null) {
			json.append("null");
		}
		else {
			json.append('"').append(row.tenantId()).append('"');
		}
		json.append(",\"user_agent\":");
		canonicalNullable(json, row.userAgent());
		json.append(",\"v\":").append(VERSION).append('}');
		return json.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Returns the canonical document the slow way, through the RFC 8785 library, for
	 * tests comparing it with {@link #canonical(Row)}.
	 * @param row the event's columns
	 * @return RFC 8785 UTF-8 bytes
	 */
	static byte[] canonicalByLibrary(Row row) {
		return canonicalize(new String(canonical(row), StandardCharsets.UTF_8));
	}

	private static void canonicalNullable(StringBuilder out, @Nullable String text) {
		if (text == null) {
			out.append("null");
		}
		else {
			canonicalString(out, text);
		}
	}

	// RFC 8785 3.2.2.2: the ECMAScript JSON.stringify escaping; everything else as is.
	private static void canonicalString(StringBuilder out, String text) {
		JsonText.appendEscaped(out, text);
	}

	/**
	 * Canonicalizes a JSON text with RFC 8785.
	 * @param json the text
	 * @return the canonical UTF-8 bytes
	 */
	static byte[] canonicalize(String json) {
		try {
			return new JsonCanonicalizer(json).getEncodedUTF8();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Not canonicalizable JSON", ex);
		}
	}

	/**
	 * Canonicalizes a JSON object text (the details) to a string.
	 * @param json the text
	 * @return its RFC 8785 form
	 */
	public static String canonicalText(String json) {
		return new String(canonicalize(json), StandardCharsets.UTF_8);
	}

	/**
	 * Computes an event's hash.
	 * @param row the event's columns
	 * @return lowercase hex SHA-256 of its canonical form
	 */
	public static String hash(Row row) {
		MessageDigest digest = SHA256.get();
		digest.reset();
		return HexFormat.of().formatHex(digest.digest(canonical(row)));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * The hashed columns of an event.
	 *
	 * @param id the id
	 * @param tenantId the tenant
	 * @param seq the sequence number
	 * @param occurredAt the time, microsecond precision
	 * @param actorId the actor
	 * @param actorKind the actor's kind code
	 * @param action the action
	 * @param resourceType the resource type
	 * @param resourceId the resource id
	 * @param outcome the outcome code
	 * @param correlationId the correlation id
	 * @param clientIp the client address
	 * @param userAgent the user agent
	 * @param details the details JSON object text
	 * @param prevHash the previous hash
	 */
	public record Row(UUID id, @Nullable UUID tenantId, long seq, Instant occurredAt, @Nullable String actorId,
			String actorKind, String action, @Nullable String resourceType, @Nullable String resourceId, String outcome,
			@Nullable String correlationId, @Nullable String clientIp, @Nullable String userAgent, String details,
			String prevHash) {

	}

}
