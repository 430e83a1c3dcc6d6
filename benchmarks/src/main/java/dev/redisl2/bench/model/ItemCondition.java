package dev.redisl2.bench.model;

/** The enum attribute of {@link Item}. */
public enum ItemCondition {
	NEW, USED, REFURBISHED
}
