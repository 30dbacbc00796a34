package dev.foundation.core.auth.apikey;

/**
 * Published (as a Spring application event) when an API key was issued, in the thread and
 * transaction of the call that issued it. Carries the key's description, never its
 * secret.
 *
 * @param key the issued key
 */
public record ApiKeyIssuedEvent(ApiKey key) {

}
