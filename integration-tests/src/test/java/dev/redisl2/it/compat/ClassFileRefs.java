package dev.redisl2.it.compat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The classes, methods and fields one class file refers to, read from its constant pool (JVMS 4.4): what
 * the JVM will have to find when it links the class. Pure logic over the class file format.
 */
final class ClassFileRefs {

	enum Kind { CLASS, FIELD, METHOD, INTERFACE_METHOD }

	/** One symbolic reference; {@code owner} in binary form with dots, {@code name}/{@code descriptor} null for a class. */
	record Ref(Kind kind, String owner, String name, String descriptor) {
		@Override
		public String toString() {
			return kind == Kind.CLASS ? owner : owner + "." + name + descriptor;
		}
	}

	private ClassFileRefs() {
	}

	static List<Ref> read(byte[] classFile) throws IOException {
		DataInputStream in = new DataInputStream( new ByteArrayInputStream( classFile ) );
		if ( in.readInt() != 0xCAFEBABE ) {
			throw new IOException( "not a class file" );
		}
		in.readUnsignedShort();
		in.readUnsignedShort();
		int count = in.readUnsignedShort();
		int[] tag = new int[count];
		int[] a = new int[count];
		int[] b = new int[count];
		String[] utf8 = new String[count];
		for ( int i = 1; i < count; i++ ) {
			tag[i] = in.readUnsignedByte();
			switch ( tag[i] ) {
				case 1 -> utf8[i] = in.readUTF();
				case 7, 8, 16, 19, 20 -> a[i] = in.readUnsignedShort();
				case 3, 4 -> in.readInt();
				case 5, 6 -> {
					in.readLong();
					i++; // a long or double takes two entries
				}
				case 9, 10, 11, 12, 17, 18 -> {
					a[i] = in.readUnsignedShort();
					b[i] = in.readUnsignedShort();
				}
				case 15 -> {
					in.readUnsignedByte();
					a[i] = in.readUnsignedShort();
				}
				default -> throw new IOException( "unknown constant pool tag " + tag[i] );
			}
		}
		List<Ref> refs = new ArrayList<>();
		for ( int i = 1; i < count; i++ ) {
			if ( tag[i] == 7 ) {
				String name = utf8[a[i]];
				if ( !name.startsWith( "[" ) ) {
					refs.add( new Ref( Kind.CLASS, name.replace( '/', '.' ), null, null ) );
				}
			}
			else if ( tag[i] == 9 || tag[i] == 10 || tag[i] == 11 ) {
				String owner = utf8[a[a[i]]];
				if ( owner.startsWith( "[" ) ) {
					continue; // array methods (clone) always exist
				}
				int nameAndType = b[i];
				Kind kind = tag[i] == 9 ? Kind.FIELD : tag[i] == 10 ? Kind.METHOD : Kind.INTERFACE_METHOD;
				refs.add( new Ref( kind, owner.replace( '/', '.' ), utf8[a[nameAndType]], utf8[b[nameAndType]] ) );
			}
		}
		return refs;
	}
}
