/**
 * The randomized proof that tenants stay isolated across every way the application
 * reaches the database: Spring Data repositories, JPQL, native SQL through JPA and plain
 * JDBC, checked against an in-memory model and the superuser's view of the table.
 */
@NullMarked
package dev.foundation.tenancy.isolation;

import org.jspecify.annotations.NullMarked;
