package dev.redisl2.it.bootstrap;

import java.io.Serializable;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/**
 * An entity with negative caching whose state the codec refuses: its inserts are never cached, so they must
 * still remove "not found" markers.
 */
@Entity
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE, region = "unencodable")
public class UnencodableMissing {

	/** Hibernate stores it serialized; the cache cannot (no property Jackson could write or read back). */
	public static class Token implements Serializable {
		private final String text;

		Token(String text) {
			this.text = text;
		}

		@Override
		public String toString() {
			return text;
		}
	}

	@Id
	Long id;

	Token token;

	protected UnencodableMissing() {
	}

	UnencodableMissing(Long id, String token) {
		this.id = id;
		this.token = new Token( token );
	}
}
