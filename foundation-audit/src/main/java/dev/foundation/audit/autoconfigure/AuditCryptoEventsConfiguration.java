package dev.foundation.audit.autoconfigure;

import java.util.UUID;

import dev.foundation.audit.AuditEventBuilder;
import dev.foundation.audit.AuditLog;
import dev.foundation.audit.WriteMode;
import dev.foundation.crypto.CryptoEvent;
import dev.foundation.crypto.ReEncryptionReport;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Records the crypto module's key operations ({@link CryptoEvent}) in the audit log:
 * {@code crypto.key.rotated} (data keys re-wrapped under the active master key) and
 * {@code crypto.reencryption.started}/{@code .finished} in the system chain,
 * {@code crypto.data-key.rotated} and {@code crypto.tenant.shredded} in the tenant's
 * chain. Written in batched mode (a transaction of their own, committed when the call
 * returns): the key operation has already happened, and a failure to record it makes the
 * operation's call fail, so it can be repeated.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(CryptoEvent.class)
class AuditCryptoEventsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CryptoEventAuditor cryptoEventAuditor(AuditLog log) {
		return new CryptoEventAuditor(log);
	}

	static final class CryptoEventAuditor {

		private final AuditLog log;

		CryptoEventAuditor(AuditLog log) {
			this.log = log;
		}

		@EventListener
		void on(CryptoEvent event) {
			if (event instanceof CryptoEvent.DataKeysRewrapped rewrapped) {
				event("crypto.key.rotated").system()
					.resource("master-key", rewrapped.activeMasterKeyId())
					.detail("data_keys_rewrapped", rewrapped.rewrapped())
					.detail("data_keys_failed", rewrapped.failed())
					.record();
			}
			else if (event instanceof CryptoEvent.DataKeyRotated rotated) {
				UUID tenant = rotated.tenantId();
				AuditEventBuilder builder = event("crypto.data-key.rotated");
				((tenant != null) ? builder.tenant(tenant) : builder.system()).resource("data-key", rotated.version())
					.record();
			}
			else if (event instanceof CryptoEvent.TenantShredded shredded) {
				event("crypto.tenant.shredded").tenant(shredded.tenantId())
					.resource("tenant", shredded.tenantId())
					.record();
			}
			else if (event instanceof CryptoEvent.ReEncryptionStarted started) {
				event("crypto.reencryption.started").system().resource("table", started.table()).record();
			}
			else if (event instanceof CryptoEvent.ReEncryptionFinished finished) {
				ReEncryptionReport report = finished.report();
				event("crypto.reencryption.finished").system()
					.resource("table", finished.table())
					.detail("rows_scanned", report.rowsScanned())
					.detail("values_reencrypted", report.valuesReEncrypted())
					.detail("values_quarantined", report.valuesQuarantined())
					.detail("complete", report.finished())
					.record();
			}
		}

		// The actor is the caller's (an operator at the actuator endpoint), or the
		// system's
		// for a job.
		private AuditEventBuilder event(String action) {
			return this.log.event(action).mode(WriteMode.BATCHED);
		}

	}

}
