package dev.redisl2.hibernate.codec;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * LZ4 for large format-2 payloads (collections of hundreds, query results), never for small ones: below a
 * few hundred bytes an LZ4 block saves little and costs a copy (see docs/internals.md for the measured
 * threshold). A payload is stored compressed only when that makes it smaller. Reading accepts both forms
 * whatever this node's threshold, so nodes configured differently share entries.
 *
 * <p>The pure-Java LZ4 implementation: no native library to load into an application server, and fast
 * enough at these sizes.
 */
public final class Compression {

	/** Never compress (but still read compressed payloads other nodes wrote). */
	public static final Compression NONE = new Compression( Integer.MAX_VALUE );

	/** LZ4 cannot expand more than 255 to 1; a claimed length beyond that is corrupt, not a reason to allocate. */
	private static final long MAX_RATIO = 255;
	private static final int MAX_UNPACKED = 512 * 1024 * 1024; // Redis's largest string

	private final int threshold;
	private final LZ4Compressor compressor;
	private final LZ4SafeDecompressor decompressor;

	private Compression(int threshold) {
		this.threshold = threshold;
		LZ4Factory lz4 = LZ4Factory.safeInstance();
		this.compressor = lz4.fastCompressor();
		this.decompressor = lz4.safeDecompressor();
	}

	/** Compresses payloads of at least {@code thresholdBytes} bytes. */
	public static Compression above(int thresholdBytes) {
		if ( thresholdBytes < 1 ) {
			throw new IllegalArgumentException( "threshold must be positive" );
		}
		return new Compression( thresholdBytes );
	}

	public int threshold() {
		return threshold;
	}

	/** The payload: {@code out} as it is (its first byte is {@link CompactTags#PLAIN}) or LZ4-compressed. */
	byte[] pack(CompactOutput out) {
		int rawLength = out.size() - 1;
		if ( rawLength < threshold ) {
			return out.toByteArray();
		}
		CompactOutput header = new CompactOutput( 6 );
		header.writeByte( CompactTags.LZ4 );
		header.writeVarLong( rawLength );
		int at = header.size();
		byte[] packed = new byte[at + compressor.maxCompressedLength( rawLength )];
		System.arraycopy( header.buffer(), 0, packed, 0, at );
		int length = compressor.compress( out.buffer(), 1, rawLength, packed, at, packed.length - at );
		if ( at + length >= out.size() ) {
			return out.toByteArray(); // incompressible: plain is smaller
		}
		return java.util.Arrays.copyOf( packed, at + length );
	}

	/** The value bytes of a format-2 payload starting at {@code offset}, uncompressed. */
	CompactInput unpack(byte[] bytes, int offset) {
		int kind = bytes[offset] & 0xFF;
		if ( kind == CompactTags.PLAIN ) {
			return new CompactInput( bytes, offset + 1, bytes.length );
		}
		if ( kind != CompactTags.LZ4 ) {
			throw Json.corrupt( "not a format-2 payload" );
		}
		CompactInput header = new CompactInput( bytes, offset + 1, bytes.length );
		long rawLength = header.readVarLong();
		int start = header.skip( 0 );
		int compressedLength = bytes.length - start;
		if ( rawLength < 1 || rawLength > MAX_UNPACKED || rawLength > MAX_RATIO * compressedLength ) {
			throw Json.corrupt( "implausible uncompressed length " + rawLength );
		}
		byte[] raw = new byte[(int) rawLength];
		try {
			int written = decompressor.decompress( bytes, start, compressedLength, raw, 0 );
			if ( written != rawLength ) {
				throw Json.corrupt( "uncompressed length differs from the header" );
			}
		}
		catch (LZ4Exception e) {
			throw new CorruptEntryException( "Corrupt cache entry: malformed LZ4 block", e );
		}
		return new CompactInput( raw, 0, raw.length );
	}
}
