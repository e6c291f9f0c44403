package org.bikeguard.common.web;

/** 401 {@code unauthorized}: no, bad or expired credentials. Immutable; thread-safe. */
public class UnauthenticatedException extends ApiException {

    public UnauthenticatedException(String message) {
        super(401, ErrorCodes.UNAUTHORIZED, message, null);
    }
}
