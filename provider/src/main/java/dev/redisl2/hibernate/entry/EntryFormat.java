package dev.redisl2.hibernate.entry;

/**
 * The version of the stored entry format: the header layout, the payload's JSON encoding and the meaning
 * of each field. It is mixed into the schema fingerprint that every value header carries, so an entry
 * written by a provider build with another format has another fingerprint and is a miss for this one,
 * never decoded under rules it was not written with; like an entry of another mapping shape, it is
 * replaced by the next load (invariant 8 of entry.lua) and shares its key, so a write by either build
 * still locks or invalidates it. Raise it with every release that changes what an entry means; see
 * docs/versioning.md.
 */
public final class EntryFormat {

	/** The JSON format of earlier builds (0.1.0), still written and read when configured. */
	public static final int JSON = 1;

	/** The binary format (one-byte tags, derived name codes; {@code codec.CompactWriter}). */
	public static final int COMPACT = 2;

	/** The entry format this build writes and reads by default ({@code hibernate.cache.redis.entry_format}). */
	public static final int VERSION = COMPACT;

	private EntryFormat() {
	}
}
