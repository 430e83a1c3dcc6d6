package dev.redisl2.it.security;

import java.io.Serializable;

/**
 * Serialized by the test and renamed in the bytes to {@code Canary} (same name length, same shape), so that a
 * Java-serialized stream naming the canary exists without the canary ever being loaded.
 */
public class Twin00 implements Serializable {

	private static final long serialVersionUID = 1L;

	public String name = "twin";
}
