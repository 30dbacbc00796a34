/**
 * Inbound SMS, as a telephony provider's webhook delivers it: the tenant is resolved from
 * the number that was called, by an application-provided {@code TenantResolver}.
 */
@NullMarked
package dev.foundation.sample.sms;

import org.jspecify.annotations.NullMarked;
