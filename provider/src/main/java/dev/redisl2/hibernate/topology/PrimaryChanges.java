package dev.redisl2.hibernate.topology;

/**
 * Tells whether a primary was replaced since the previous look. Implementations keep what they saw last;
 * the first look only records it.
 */
interface PrimaryChanges {

	/**
	 * Looks once. Returns a description of the replacement seen since the previous look, or null when
	 * there was none or Redis could not be asked (then nothing is recorded).
	 */
	String check();
}
