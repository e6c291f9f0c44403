/**
 * The one command-line flag parser of the simulator and the benchmarks:
 * {@link org.bikeguard.common.cli.FlagParser} declares the flags ({@code --name value} or
 * {@code --name=value}, switches {@code --flag}, help names) and parses a command line into
 * {@link org.bikeguard.common.cli.ParsedFlags}, whose typed getters take defaults;
 * {@link org.bikeguard.common.cli.FlagValues} converts text (integers, numbers, durations,
 * {@code host:port}, choices). Every problem is a {@link org.bikeguard.common.cli.UsageException}
 * whose message names the flag and can be shown to the user as is.
 */
package org.bikeguard.common.cli;
