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
		StringBuilder json = new StringBuilder(512);
		json.append("{\"action\":");
		JsonText.appendString(json, "action", row.action());
		json.append(",\"actor_id\":");
		JsonText.appendNullable(json, "actor_id", row.actorId());
		json.append(",\"actor_kind\":");
		JsonText.appendString(json, "actor_kind", row.actorKind());
		json.append(",\"client_ip\":");
		JsonText.appendNullable(json, "client_ip", row.clientIp());
		json.append(",\"correlation_id\":");
		JsonText.appendNullable(json, "correlation_id", row.correlationId());
		json.append(",\"details\":").append(row.details());
		json.append(",\"id\":\"").append(row.id()).append('"');
		json.append(",\"occurred_at\":\"").append(time(row.occurredAt())).append('"');
		json.append(",\"outcome\":");
		JsonText.appendString(json, "outcome", row.outcome());
		json.append(",\"prev_hash\":");
		JsonText.appendString(json, "prev_hash", row.prevHash());
		json.append(",\"resource_id\":");
		JsonText.appendNullable(json, "resource_id", row.resourceId());
		json.append(",\"resource_type\":");
		JsonText.appendNullable(json, "resource_type", row.resourceType());
		json.append(",\"seq\":").append(row.seq());
		json.append(",\"tenant_id\":");
		if (row.tenantId() == null) {
			json.append("null");
		}
		else {
			json.append('"').append(row.tenantId()).append('"');
		}
		json.append(",\"user_agent\":");
		JsonText.appendNullable(json, "user_agent", row.userAgent());
		json.append(",\"v\":").append(VERSION).append('}');
		return canonicalize(json.toString());
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
