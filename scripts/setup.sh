#!/usr/bin/env bash
# One-time set-up on a fresh Debian machine with Node 20: system packages, npm packages, build.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# keytar (a Theia dependency) compiles against libsecret; the browser tests drive Debian's Chromium;
# the output tests print to CUPS's reference IPP printer (ippeveprinter), which needs avahi and D-Bus;
# the PostgreSQL store's tests start throwaway clusters of Debian's PostgreSQL (and backups use pg_dump).
packages=(libsecret-1-dev pkg-config python3 make g++ chromium cups-ipp-utils avahi-daemon dbus poppler-utils postgresql)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "Installing system packages: ${missing[*]}"
    sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

npm ci --no-audit --no-fund
npm run build
echo "Presswork is set up: run 'npm start' and open http://127.0.0.1:3000"
