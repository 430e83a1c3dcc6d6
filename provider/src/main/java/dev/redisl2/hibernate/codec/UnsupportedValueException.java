package dev.redisl2.hibernate.codec;

/**
 * A value the codec cannot represent faithfully. Callers skip caching it: a missing entry costs a database
 * read, a wrong one costs correctness.
 */
public class UnsupportedValueException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public UnsupportedValueException(String message) {
		super( message );
	}

	public UnsupportedValueException(String message, Throwable cause) {
		super( message, cause );
	}
}
