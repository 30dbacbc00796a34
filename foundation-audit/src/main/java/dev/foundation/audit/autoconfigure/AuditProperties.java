package dev.foundation.audit.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the audit log.
 */
@ConfigurationProperties("foundation.audit")
@Validated
public class AuditProperties {

	/**
	 * Whether the audit log is enabled.
	 */
	private boolean enabled = true;

	/**
	 * Largest details object of one event (its canonical JSON); larger ones are refused
	 * before anything is written, never truncated.
	 */
	private DataSize maxDetailsSize = DataSize.ofKilobytes(8);

	/**
	 * How many months of partitions ahead of the current one are created at startup and
	 * at every partition maintenance.
	 */
	@Min(1)
	@Max(120)
	private int partitionsAhead = 12;

	/**
	 * How often the running application creates the partitions of the coming months
	 * (partitions-ahead of them), so that it never meets a month without one.
	 */
	private Duration partitionMaintenanceInterval = Duration.ofDays(1);

	/**
	 * Group-commit writer (batched mode).
	 */
	private final Batch batch = new Batch();

	/**
	 * Automatic security and error events.
	 */
	private final Security security = new Security();

	/**
	 * HTTP endpoints listing events and verifying the tenant's chain.
	 */
	private final Web web = new Web();

	/**
	 * Signed checkpoints and retention.
	 */
	private final Checkpoints checkpoints = new Checkpoints();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public DataSize getMaxDetailsSize() {
		return this.maxDetailsSize;
	}

	public void setMaxDetailsSize(DataSize maxDetailsSize) {
		this.maxDetailsSize = maxDetailsSize;
	}

	public int getPartitionsAhead() {
		return this.partitionsAhead;
	}

	public void setPartitionsAhead(int partitionsAhead) {
		this.partitionsAhead = partitionsAhead;
	}

	public Duration getPartitionMaintenanceInterval() {
		return this.partitionMaintenanceInterval;
	}

	public void setPartitionMaintenanceInterval(Duration partitionMaintenanceInterval) {
		this.partitionMaintenanceInterval = partitionMaintenanceInterval;
	}

	public Batch getBatch() {
		return this.batch;
	}

	public Security getSecurity() {
		return this.security;
	}

	public Web getWeb() {
		return this.web;
	}

	public Checkpoints getCheckpoints() {
		return this.checkpoints;
	}

	/**
	 * Signed checkpoints.
	 */
	public static class Checkpoints {

		/**
		 * Ed25519 private key signing checkpoints (the active key), PKCS#8 PEM. Without
		 * it there are no checkpoints and no retention.
		 */
		private @Nullable String privateKey;

		/**
		 * Ed25519 public key of the private key, X.509 PEM; what holders of exported
		 * checkpoints verify them with, and a trusted key of the verifier (set alone on
		 * an instance that only verifies).
		 */
		private @Nullable String publicKey;

		/**
		 * Key id of the active key, named by every checkpoint it signs: 1 to 64 of A-Z
		 * a-z 0-9 . _ : - (a date, say). Defaults to "ed25519:" and 16 hex digits of the
		 * SHA-256 of the public key, the id checkpoints signed before ids were
		 * configurable name; never change the id of a key that has signed.
		 */
		private @Nullable String keyId;

		/**
		 * Verification-only public keys: keys that signed checkpoints before the active
		 * one replaced them. The verifier accepts a checkpoint signed by the active key
		 * or by one of these, by the key id the checkpoint names; remove a key to stop
		 * trusting its checkpoints.
		 */
		private List<TrustedKey> trustedKeys = new ArrayList<>();

		public @Nullable String getPrivateKey() {
			return this.privateKey;
		}

		public void setPrivateKey(@Nullable String privateKey) {
			this.privateKey = privateKey;
		}

		public @Nullable String getPublicKey() {
			return this.publicKey;
		}

		public void setPublicKey(@Nullable String publicKey) {
			this.publicKey = publicKey;
		}

		public @Nullable String getKeyId() {
			return this.keyId;
		}

		public void setKeyId(@Nullable String keyId) {
			this.keyId = keyId;
		}

		public List<TrustedKey> getTrustedKeys() {
			return this.trustedKeys;
		}

		public void setTrustedKeys(List<TrustedKey> trustedKeys) {
			this.trustedKeys = trustedKeys;
		}

	}

	/**
	 * A verification-only checkpoint key.
	 */
	public static class TrustedKey {

		/**
		 * Key id that the key's checkpoints name. Defaults to "ed25519:" and 16 hex
		 * digits of the SHA-256 of the public key (what a key whose id was not configured
		 * signed with).
		 */
		private @Nullable String id;

		/**
		 * Ed25519 public key, X.509 PEM.
		 */
		private @Nullable String publicKey;

		public @Nullable String getId() {
			return this.id;
		}

		public void setId(@Nullable String id) {
			this.id = id;
		}

		public @Nullable String getPublicKey() {
			return this.publicKey;
		}

		public void setPublicKey(@Nullable String publicKey) {
			this.publicKey = publicKey;
		}

		@Override
		public String toString() {
			return "TrustedKey[id=" + this.id + "]";
		}

	}

	/**
	 * Group-commit writer settings.
	 */
	public static class Batch {

		/**
		 * Events that may wait to be written; a caller finding the queue full waits up to
		 * offer-timeout, then gets an error.
		 */
		@Min(1)
		private int capacity = 10_000;

		/**
		 * Most events written in one batch (one insert per chain).
		 */
		@Min(1)
		@Max(10_000)
		private int size = 1000;

		/**
		 * Writer threads, each with one connection while it writes: while one batch waits
		 * for its commit, the next is prepared and sent.
		 */
		@Min(1)
		@Max(16)
		private int writers = 1;

		/**
		 * How long a caller waits for room in a full queue before failing.
		 */
		private Duration offerTimeout = Duration.ofSeconds(1);

		/**
		 * How long a caller waits for the commit of its batch before failing.
		 */
		private Duration ackTimeout = Duration.ofSeconds(10);

		public int getCapacity() {
			return this.capacity;
		}

		public void setCapacity(int capacity) {
			this.capacity = capacity;
		}

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			this.size = size;
		}

		public int getWriters() {
			return this.writers;
		}

		public void setWriters(int writers) {
			this.writers = writers;
		}

		public Duration getOfferTimeout() {
			return this.offerTimeout;
		}

		public void setOfferTimeout(Duration offerTimeout) {
			this.offerTimeout = offerTimeout;
		}

		public Duration getAckTimeout() {
			return this.ackTimeout;
		}

		public void setAckTimeout(Duration ackTimeout) {
			this.ackTimeout = ackTimeout;
		}

	}

	/**
	 * Automatic security and error events.
	 */
	public static class Security {

		/**
		 * Whether authentication failures (401), refusals (403) and server errors (5xx)
		 * are recorded automatically.
		 */
		private boolean enabled = true;

		/**
		 * Whether the request thread of an error response waits for the commit of its
		 * security event (batched mode: a finished request has its event stored, or the
		 * event is counted as dropped). Off, events are handed to the writer without
		 * waiting: error responses do not wait for the database, but an event is lost if
		 * the process dies before its batch commits.
		 */
		private boolean waitForCommit = true;

		/**
		 * Window of flood aggregation: per action and client address, the first
		 * flood-threshold events of a window are recorded one by one, the rest as one
		 * security.flood event with their count when the window ends.
		 */
		private Duration floodWindow = Duration.ofMinutes(1);

		/**
		 * Events per action and client address recorded one by one in a flood window.
		 */
		@Min(1)
		private int floodThreshold = 10;

		/**
		 * Events recorded one by one in a flood window across all actions and client
		 * addresses; beyond it, events are only counted (one security.flood event with
		 * the overflow key when the window ends), so rotating addresses cannot fill the
		 * disk.
		 */
		@Min(1)
		private int floodMaxEvents = 1000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isWaitForCommit() {
			return this.waitForCommit;
		}

		public void setWaitForCommit(boolean waitForCommit) {
			this.waitForCommit = waitForCommit;
		}

		public int getFloodMaxEvents() {
			return this.floodMaxEvents;
		}

		public void setFloodMaxEvents(int floodMaxEvents) {
			this.floodMaxEvents = floodMaxEvents;
		}

		public Duration getFloodWindow() {
			return this.floodWindow;
		}

		public void setFloodWindow(Duration floodWindow) {
			this.floodWindow = floodWindow;
		}

		public int getFloodThreshold() {
			return this.floodThreshold;
		}

		public void setFloodThreshold(int floodThreshold) {
			this.floodThreshold = floodThreshold;
		}

	}

	/**
	 * HTTP endpoints.
	 */
	public static class Web {

		/**
		 * Whether GET /api/v1/audit-events and GET /api/v1/audit-events/verification are
		 * offered (tenant owners and admins only; needs foundation-tenancy).
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
