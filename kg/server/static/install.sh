#!/usr/bin/env sh
# Install what the web pages and their browser test need; run at set-up, from any directory.
#   sh kg/server/static/install.sh            YASGUI (@zazuko/yasgui from the npm registry) into vendor/
#   sh kg/server/static/install.sh --browser  also Debian's chromium (apt-get, as root) if /usr/bin/chromium is missing
# The vendored files are git-ignored (kg/server/static/vendor/): never commit them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
version=4.6.2
vendor="$here/vendor"
if [ ! -f "$vendor/yasgui.min.js" ] || [ "$(cat "$vendor/VERSION" 2>/dev/null)" != "$version" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    npm install --silent --no-audit --no-fund --prefix "$work" "@zazuko/yasgui@$version" >/dev/null
    mkdir -p "$vendor"
    cp "$work/node_modules/@zazuko/yasgui/build/yasgui.min.js" "$work/node_modules/@zazuko/yasgui/build/yasgui.min.css" "$vendor/"
    cp "$work/node_modules/@zazuko/yasgui/LICENSE" "$vendor/LICENSE" 2>/dev/null || true
    echo "$version" > "$vendor/VERSION"
    echo "install.sh: YASGUI $version in $vendor"
fi
if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    elif command -v sudo >/dev/null 2>&1; then
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "install.sh: /usr/bin/chromium is missing and this user cannot apt-get install it; the browser test will be skipped" >&2
    fi
fi
