#!/bin/sh
# Print the path of a Chromium binary, installing Debian's `chromium` when none is found.
#
# Looks for $CHROMIUM (when set, it must resolve), then `chromium`, then `chromium-browser`.
# When none is found it installs Debian's package with apt-get, quietly and without questions,
# through sudo when not root. Fast and silent when a binary is already there.
#
# Exit status: 0 with the path on stdout; 3 when Chromium cannot be installed on this machine
# (no apt-get, or neither root nor password-less sudo); any other non-zero status is a failure.
set -eu

CANNOT_INSTALL=3

say() {
    echo "ensure-chromium: $*" >&2
}

# The absolute path of an executable named by a path or a command name.
resolve() {
    case "$1" in
        */*) [ -f "$1" ] && [ -x "$1" ] && echo "$1" ;;
        *) command -v "$1" ;;
    esac
}

find_chromium() {
    if [ -n "${CHROMIUM:-}" ]; then
        resolve "$CHROMIUM" && return 0
        say "CHROMIUM=$CHROMIUM is not an executable"
        exit 1
    fi
    for name in chromium chromium-browser; do
        resolve "$name" && return 0
    done
    return 1
}

find_chromium && exit 0

if ! command -v apt-get > /dev/null 2>&1; then
    say "no chromium found and no apt-get to install it; set CHROMIUM to a Chromium binary"
    exit "$CANNOT_INSTALL"
fi
if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo > /dev/null 2>&1 && sudo -n true 2> /dev/null; then
    as_root="sudo -n"
else
    say "no chromium found, and installing it needs root or password-less sudo"
    exit "$CANNOT_INSTALL"
fi

say "installing Debian's chromium with apt-get (first time only)"
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null

find_chromium || {
    say "apt-get installed chromium but no chromium binary is on PATH"
    exit 1
}
