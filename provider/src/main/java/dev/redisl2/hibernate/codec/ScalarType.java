package dev.redisl2.hibernate.codec;

import java.io.IOException;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;

/**
 * A leaf type written as the one field of a tagged object, {@code {"tag": <json>}}. Matched on the exact
 * runtime class: a subclass (a {@code java.sql.Date} is a {@code java.util.Date}) may carry state its
 * superclass's form would lose, so it needs its own entry or it is not a scalar at all.
 */
final class ScalarType<T> {

	@FunctionalInterface
	interface Writer<T> {
		void write(JsonGenerator out, T value) throws IOException;
	}

	/** Reads the value whose first token is the parser's current token, leaving the parser on its last token. */
	@FunctionalInterface
	interface Reader<T> {
		T read(JsonParser in) throws IOException;
	}

	private final String tag;
	private final Class<T> type;
	private final Writer<T> writer;
	private final Reader<T> reader;

	private ScalarType(String tag, Class<T> type, Writer<T> writer, Reader<T> reader) {
		this.tag = tag;
		this.type = type;
		this.writer = writer;
		this.reader = reader;
	}

	static <T> ScalarType<T> of(String tag, Class<T> type, Writer<T> writer, Reader<T> reader) {
		return new ScalarType<>( tag, type, writer, reader );
	}

	/** A value whose canonical text form parses back to an equal value of the same class. */
	static <T> ScalarType<T> text(String tag, Class<T> type, Function<T, String> format, Function<String, T> parse) {
		return of(
				tag,
				type,
				(out, value) -> out.writeString( format.apply( value ) ),
				in -> parse.apply( Json.text( in ) )
		);
	}

	/** A value that is exactly a long within [min, max]. */
	static <T> ScalarType<T> integral(
			String tag, Class<T> type, ToLongFunction<T> toLong, LongFunction<T> fromLong, long min, long max) {
		return of(
				tag,
				type,
				(out, value) -> out.writeNumber( toLong.applyAsLong( value ) ),
				in -> fromLong.apply( Json.longValue( in, min, max ) )
		);
	}

	String tag() {
		return tag;
	}

	Class<T> type() {
		return type;
	}

	void write(JsonGenerator out, Object value) throws IOException {
		writer.write( out, type.cast( value ) );
	}

	T read(JsonParser in) throws IOException {
		return reader.read( in );
	}
}
