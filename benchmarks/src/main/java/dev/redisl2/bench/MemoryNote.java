package dev.redisl2.bench;

/**
 * Redis memory of one configuration's cached products: the bytes of one stored value (STRLEN, or the hash
 * field's value for Redisson), Redis's own estimate for one entry ({@code MEMORY USAGE} of the key, or of
 * Redisson's region hash divided by its entry count), and the growth of {@code used_memory} per product
 * while the products were first cached.
 */
record MemoryNote(String db, ContenderKind kind, long valueBytes, long entryBytes, double usedMemoryPerRow) {
}
