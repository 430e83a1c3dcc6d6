package dev.redisl2.hibernate.codec;

/**
 * Bytes that are not a value this codec wrote, or that name a type the allow-list refuses. Callers treat the
 * entry as a miss: anything else would let a damaged or hostile Redis entry break a session.
 */
public class CorruptEntryException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public CorruptEntryException(String message) {
		super( message );
	}

	public CorruptEntryException(String message, Throwable cause) {
		super( message, cause );
	}
}
