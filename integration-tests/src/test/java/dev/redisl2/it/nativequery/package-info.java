/** Cacheable native SQL queries: their results (with Hibernate's column metadata) are query cache hits on H2 and PostgreSQL. */
package dev.redisl2.it.nativequery;
