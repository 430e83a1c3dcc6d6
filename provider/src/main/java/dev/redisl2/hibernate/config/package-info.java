/**
 * Configuration: reads and validates every {@code hibernate.cache.redis.*} setting once, at startup,
 * failing fast with the setting's name, and hands the rest of the provider immutable values.
 */
package dev.redisl2.hibernate.config;
