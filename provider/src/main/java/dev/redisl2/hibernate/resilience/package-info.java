/**
 * Resilience: Redis failures never reach the application. Reads degrade to misses, writes are dropped,
 * and the logs get one warning per burst instead of a stack trace per operation.
 */
package dev.redisl2.hibernate.resilience;
