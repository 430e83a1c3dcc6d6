package dev.redisl2.hibernate.codec;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * Keeps the allow-list in force inside beans. A bean property annotated {@code @JsonTypeInfo(use = CLASS)} makes
 * Jackson load and initialise whatever class the JSON names, and Jackson's default validator allows them all.
 * The verdict is given on the name alone, never "indeterminate": that answer makes Jackson load the class
 * before asking again (Jackson 2.23 loads without initialising, but nothing in its contract promises that).
 */
final class AllowListTypeValidator extends PolymorphicTypeValidator.Base {

	private static final long serialVersionUID = 1L;

	/** Transient: Jackson validators are Serializable, this one is never serialized. */
	private final transient TypeAllowList allowList;

	AllowListTypeValidator(TypeAllowList allowList) {
		this.allowList = allowList;
	}

	@Override
	public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
		return allowList.allowsBeanProperty( subClassName ) ? Validity.ALLOWED : Validity.DENIED;
	}

	@Override
	public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
		return allowList.allowsBeanProperty( subType.getRawClass().getName() ) ? Validity.ALLOWED : Validity.DENIED;
	}
}
