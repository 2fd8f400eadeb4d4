# SPDX-FileCopyrightText: 2026 CallBridge contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by scripts/demo and scripts/test: Debian packages, configure, build.

set -euo pipefail

CALLBRIDGE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# What building needs, and what running the tests needs on top.
CALLBRIDGE_BUILD_PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libqt6sql6-sqlite libqt6sql6-psql
    libphonenumber-dev libprotobuf-dev libssl-dev
    qt6-multimedia-dev libsndfile1-dev qtkeychain-qt6-dev qt6-tools-dev qt6-l10n-tools
    qt6-tools-dev-tools
    qt6-qpa-plugins gstreamer1.0-plugins-base gstreamer1.0-plugins-good
)
CALLBRIDGE_TEST_PACKAGES=(dbus dbus-daemon gnome-keyring libsecret-tools xvfb xauth trayer postgresql)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the Debian packages that are missing; does nothing (and needs no network) when all are there.
ensure_packages() {
    local missing=()
    local package
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "Installing Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "error: run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
        sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# configure_and_build BUILD_DIR BUILD_TYPE [extra cmake args...]
configure_and_build() {
    local build_dir=$1 build_type=$2
    shift 2
    local flags=()
    # CI treats warnings as errors; a developer's build only shows them.
    if [ "${CI:-}" = "true" ]; then
        flags+=(-DCMAKE_CXX_FLAGS=-Werror)
    fi
    say "Configuring ($build_type) in $build_dir"
    cmake -S "$CALLBRIDGE_ROOT" -B "$build_dir" -G Ninja \
        -DCMAKE_BUILD_TYPE="$build_type" \
        -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
        -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
        "${flags[@]}" "$@" >/dev/null
    say "Building"
    cmake --build "$build_dir" --parallel "$(nproc)"
}
