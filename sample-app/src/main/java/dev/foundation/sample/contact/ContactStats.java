package dev.foundation.sample.contact;

/**
 * Figures about the current tenant's contacts.
 *
 * @param count how many contacts the tenant has
 */
public record ContactStats(long count) {
}
