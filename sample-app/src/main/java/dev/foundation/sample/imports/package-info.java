/**
 * Importing contacts from a CSV upload as a background job whose progress the client
 * follows over Server-Sent Events ({@code GET /api/v1/jobs/{id}/events}).
 */
@NullMarked
package dev.foundation.sample.imports;

import org.jspecify.annotations.NullMarked;
