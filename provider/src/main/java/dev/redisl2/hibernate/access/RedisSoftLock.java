package dev.redisl2.hibernate.access;

import org.hibernate.cache.spi.access.SoftLock;

/** Identifies a read-write lock in Redis: the node that created it and its number there. */
record RedisSoftLock(String owner, String lockId) implements SoftLock {
}
