package com.minishop.order;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link PayState} as its numeric code. */
@Converter
public class PayStateConverter implements AttributeConverter<PayState, Integer> {
    @Override
    public Integer convertToDatabaseColumn(PayState state) {
        return state == null ? null : state.code();
    }

    @Override
    public PayState convertToEntityAttribute(Integer code) {
        return code == null ? null : PayState.ofCode(code);
    }
}
