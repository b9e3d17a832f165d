#!/usr/bin/env bash
# The two set-up commands of the README:
#   ./setup.sh run    install what is needed, build the kiosk alone (preset "run": optimised, no tests, in
#                     build/run), and run it on its embedded defaults with the demo village
#   ./setup.sh test   install what is needed, build everything with warnings as errors (preset "ci"), and run the
#                     whole test suite; this is what CI runs
# Anything after the command is passed on to the kiosk (run) or to ctest (test). CMAKE_BUILD_PARALLEL_LEVEL, when
# set, is the number of compile jobs (all cores otherwise).
set -euo pipefail
cd "$(dirname "$0")"

command="${1:-}"
shift || true
jobs="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc 2>/dev/null || echo 2)}"

case "$command" in
  test) ./install-deps.sh --tests ;;
  *) ./install-deps.sh ;;
esac

case "$command" in
  run)
    # Only what runs: the kiosk's own libraries and executable, not the test suite (which ./setup.sh test builds).
    cmake --preset run >/dev/null
    cmake --build --preset run -j "$jobs"
    # The demo village (its staff PINs are in the README) fills a new, empty database; an installed kiosk never
    # gets it.
    args=(--demo "$@")
    # On a developer's desktop a window is friendlier than taking over the whole screen.
    if [ $# -eq 0 ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
      args+=(--windowed 1280x800)
    fi
    exec ./build/run/village-kiosk "${args[@]}"
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
