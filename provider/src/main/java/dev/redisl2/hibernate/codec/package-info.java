/**
 * Cache value codec: Hibernate's cache entries to compact, readable JSON and back, with no Java serialization
 * and no class loaded unless an {@link dev.redisl2.hibernate.codec.TypeAllowList} names it. The format's tags
 * are listed on {@link dev.redisl2.hibernate.codec.ValueCodec}; {@link dev.redisl2.hibernate.codec.VersionText}
 * gives versions a text form the Lua scripts can compare.
 */
package dev.redisl2.hibernate.codec;
