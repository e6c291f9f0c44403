package org.bikeguard.common.config;

/**
 * A configuration value is missing or invalid; the message names the key (the environment
 * variable) and the value at fault. An {@link IllegalArgumentException}, so callers that guard a
 * start with {@code catch (IllegalArgumentException e)} see it too. Immutable.
 */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
