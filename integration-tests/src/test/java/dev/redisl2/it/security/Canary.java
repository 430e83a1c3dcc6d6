package dev.redisl2.it.security;

import java.io.Serializable;

/**
 * A class on the application's class path but on no allow-list, named by forged cache entries. Nothing may
 * load, initialise or construct it while decoding them; the tests only ever name it as a string.
 */
public class Canary implements Serializable {

	private static final long serialVersionUID = 1L;

	static {
		CanaryFlags.initialised = true;
	}

	public String name;

	public Canary() {
		CanaryFlags.constructed = true;
	}
}
