package dev.foundation.crypto;

/**
 * What one run of the re-encryption job did to one table.
 *
 * @param rowsScanned rows looked at in this run
 * @param valuesReEncrypted values moved to their tenant's active data key (and
 * re-indexed)
 * @param valuesQuarantined values that failed to decrypt: left untouched in their row and
 * listed in {@code foundation.crypto_quarantine}
 * @param finished whether the table was walked to its end (otherwise the next run resumes
 * where this one stopped)
 */
public record ReEncryptionReport(long rowsScanned, long valuesReEncrypted, long valuesQuarantined, boolean finished) {

}
