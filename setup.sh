#!/usr/bin/env bash
# The two set-up commands of the README:
#   ./setup.sh run    install what is needed, build, and run the kiosk on its embedded default
#   ./setup.sh test   install what is needed, build with warnings as errors, and run the whole test suite
# Anything after the command is passed on to the kiosk (run) or to ctest (test).
set -euo pipefail
cd "$(dirname "$0")"

command="${1:-}"
shift || true
jobs="$(nproc 2>/dev/null || echo 2)"

case "$command" in
  test) ./install-deps.sh --tests ;;
  *) ./install-deps.sh ;;
esac

case "$command" in
  run)
    cmake --preset dev >/dev/null
    cmake --build --preset dev -j "$jobs"
    args=("$@")
    # On a developer's desktop a window is friendlier than taking over the whole screen.
    if [ ${#args[@]} -eq 0 ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
      args=(--windowed 1280x800)
    fi
    exec ./build/dev/village-kiosk "${args[@]}"
    ;;
  test)
    cmake --preset ci >/dev/null
    cmake --build --preset ci -j "$jobs"
    exec ctest --preset ci "$@"
    ;;
  *)
    echo "usage: ./setup.sh run [kiosk options] | ./setup.sh test [ctest options]" >&2
    exit 2
    ;;
esac
