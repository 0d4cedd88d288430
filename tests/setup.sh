#!/usr/bin/env sh
# What the tests need beyond pip, installed once at set-up (part of the README's test command):
#   - YASGUI for the web page and Debian's chromium for its browser test (kg/server/static/install.sh);
#   - Debian's virtuoso-opensource for the Virtuoso tests in tests/test_remote.py.
# Without root or sudo the Debian packages are skipped with a note, and their tests skip too.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
sh "$here/../kg/server/static/install.sh" --browser
if ! command -v virtuoso-t >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null 2>&1 \
            || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null; }
    elif command -v sudo >/dev/null 2>&1; then
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null
    else
        echo "setup.sh: virtuoso-t is missing and this user cannot apt-get install it; the Virtuoso tests will be skipped" >&2
    fi
fi
