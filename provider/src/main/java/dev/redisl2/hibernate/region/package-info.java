/**
 * Regions: Hibernate's entity, collection, natural-id, query-results and update-timestamps regions,
 * each a thin view over Redis keys laid out by {@link dev.redisl2.hibernate.redis.KeyLayout}.
 */
package dev.redisl2.hibernate.region;
