/**
 * The benchmark's domain: products with a lazy supplier and a cached collection of reviews, and accounts
 * with a cached natural id. Rows are inserted with plain JDBC ({@code Database.Dataset}), so ids are
 * assigned, not generated.
 */
package dev.redisl2.bench.model;
