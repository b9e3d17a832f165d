#!/usr/bin/env bash
# The real kiosk under cage's headless backend with two outputs (the touch screen and the waiting room's TV). SDL
# reports two displays. cage 0.1.4 stretches every window over all its outputs, so with calling_display = "auto"
# the kiosk opens no second window (it would cover the touch screen) and says why; with calling_display = "1" it
# opens the calling screen there as asked. With one output it opens none. cage refuses to run as root: the kiosk
# runs as `nobody`, in a data folder of its own.
# Usage: second_display_under_cage.sh VILLAGE_KIOSK WORK_DIR. Exits 77 (skipped) without cage or runuser.
set -euo pipefail
kiosk=$1 work=$2
skip() { echo "SKIPPED: $*"; exit 77; }
fail() { echo "FAILED: $*"; exit 1; }
command -v cage > /dev/null || skip "cage is not installed (./install-deps.sh --tests)"
runas=()
if [[ $(id -u) == 0 ]]; then
  command -v runuser > /dev/null || skip "root without runuser: cage refuses to run as root"
  runas=(runuser -u nobody --)
fi
rm -rf "$work" && mkdir -p "$work" && chmod 0777 "$work"
runtime=$(mktemp -d /tmp/vk-cage.XXXXXX)
trap 'rm -rf "$runtime"' EXIT
if [[ $(id -u) == 0 ]]; then chown nobody "$runtime"; fi
chmod 0700 "$runtime"
printf '[health]\ncalling_display = "auto"\n' > "$work/auto.toml"
printf '[health]\ncalling_display = "1"\n' > "$work/second.toml"

run() {  # OUTPUTS CONFIG LOG
  "${runas[@]}" env XDG_RUNTIME_DIR="$runtime" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
    WLR_HEADLESS_OUTPUTS="$1" SDL_VIDEODRIVER=wayland SDL_AUDIODRIVER=dummy \
    timeout 60 cage -- "$kiosk" --config "$2" --data-dir "$work/data" --renderer accelerated --report-first-frame \
    --quit-after-ms 2500 > "$3" 2>&1 || { cat "$3"; fail "the kiosk under cage with $1 output(s), $2"; }
  grep -q "first-frame-monotonic-us" "$3" || { cat "$3"; fail "no first frame with $1 output(s), $2"; }
  grep "calling screen" "$3" || true
}

run 2 "$work/auto.toml" "$work/two-auto.log"
grep -q "the calling screen is on display" "$work/two-auto.log" && fail "auto opened a window cage stretches over the touch screen"
grep -q "2 displays under Wayland" "$work/two-auto.log" || fail "auto under Wayland did not say why it opened nothing"

run 2 "$work/second.toml" "$work/two-second.log"
grep -q "the calling screen is on display 1" "$work/two-second.log" || fail "no calling screen on the display asked for"

run 1 "$work/second.toml" "$work/one.log"
grep -q "the calling screen is on display" "$work/one.log" && fail "a calling window with one output only"
echo "two outputs: none with auto, the calling screen on the second when asked; one output: none"
