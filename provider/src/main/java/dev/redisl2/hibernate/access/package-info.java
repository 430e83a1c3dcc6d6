/**
 * Access strategies: read-only (cache-aside), nonstrict-read-write (invalidation) and read-write
 * (soft locks), each a thin layer that turns Hibernate's callbacks into single atomic steps in Redis.
 */
package dev.redisl2.hibernate.access;
