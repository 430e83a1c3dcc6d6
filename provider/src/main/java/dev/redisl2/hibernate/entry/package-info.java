/**
 * The stored form of a cache entry: a one-line text header that Lua scripts read without decoding the
 * payload (kind, region generation, timestamp, version, schema fingerprint, lock fields), then the payload.
 */
package dev.redisl2.hibernate.entry;
