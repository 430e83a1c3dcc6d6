/**
 * redisl2: a Hibernate second-level cache on Redis. The public surface is {@link dev.redisl2.hibernate.RedisRegionFactory}
 * and the setting names in {@link dev.redisl2.hibernate.RedisCacheSettings}; everything else is internal.
 */
package dev.redisl2.hibernate;
