package dev.redisl2.hibernate.config;

/**
 * How entries are laid out in Redis: the entry format, when payloads are compressed, and the key layout.
 *
 * @param entryFormat 2 (binary, the default) or 1 (the JSON of earlier releases)
 * @param compressionThreshold format-2 payloads of at least this many bytes are LZ4-compressed; 0 never
 * @param compactKeys whether keys carry derived region codes instead of region and entity names
 */
public record StorageSettings(int entryFormat, int compressionThreshold, boolean compactKeys) {

	public static final StorageSettings DEFAULT = new StorageSettings( dev.redisl2.hibernate.entry.EntryFormat.VERSION, 512, false );
}
