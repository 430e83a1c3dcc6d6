/**
 * Redis access: the one {@code UnifiedJedis} per factory (any topology), the key layout, and the Lua
 * scripts through which every state change of an entry happens in a single atomic step.
 */
package dev.redisl2.hibernate.redis;
