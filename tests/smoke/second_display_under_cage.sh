#!/usr/bin/env bash
# The real kiosk under cage's headless backend with two outputs (the touch screen and the waiting room's TV). cage
# 0.1.4 spreads the kiosk's one window over both outputs; the kiosk draws its screens in the touch screen's part and
# the calling screen in the TV's. grim takes each output's picture, and the test reads them: one output shows the
# kiosk (its blue header), the other the calling screen (its words on the light ground, the health colour, no
# header). With calling_display = "off" the TV's output stays black; with one output the kiosk has it all. cage
# refuses to run as root: the kiosk runs as `nobody`, in a data folder of its own.
# Usage: second_display_under_cage.sh VILLAGE_KIOSK WORK_DIR. Exits 77 (skipped) without cage, grim or runuser.
set -euo pipefail
kiosk=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../x11_socket_folder.sh"
skip() { echo "SKIPPED: $*"; exit 77; }
fail() { echo "FAILED: $*"; exit 1; }
command -v cage > /dev/null || skip "cage is not installed (./install-deps.sh --tests)"
command -v grim > /dev/null || skip "grim is not installed (./install-deps.sh --tests)"
runas=()
if [[ $(id -u) == 0 ]]; then
  command -v runuser > /dev/null || skip "root without runuser: cage refuses to run as root"
  runas=(runuser -u nobody --)
fi
# Xwayland, started by cage, wants /tmp/.X11-unix to be root's (tests/x11_socket_folder.sh says why).
x11_socket_folder_for_root
rm -rf "$work" && mkdir -p "$work" && chmod 0777 "$work"
runtime=$(mktemp -d /tmp/vk-cage.XXXXXX)
trap 'rm -rf "$runtime"' EXIT
if [[ $(id -u) == 0 ]]; then chown nobody "$runtime"; fi
chmod 0700 "$runtime"
printf '[health]\ncalling_display = "auto"\n' > "$work/auto.toml"
printf '[health]\ncalling_display = "off"\n' > "$work/off.toml"

# Inside cage: the kiosk in the background, and once it has drawn, a picture of each output.
cat > "$work/inside.sh" <<'INSIDE'
#!/usr/bin/env bash
kiosk=$1 config=$2 out=$3
"$kiosk" --config "$config" --data-dir "$out/data" --demo --renderer accelerated --report-first-frame \
  --quit-after-ms 8000 > "$out/kiosk.log" 2>&1 &
for _ in $(seq 50); do grep -q first-frame-monotonic-us "$out/kiosk.log" 2> /dev/null && break; sleep 0.1; done
sleep 2  # the window widened over every output and both parts drawn
for output in HEADLESS-1 HEADLESS-2; do grim -t ppm -o "$output" "$out/$output.ppm" 2>> "$out/grim.log" || true; done
wait
INSIDE
chmod 0755 "$work/inside.sh"

run() {  # OUTPUTS CONFIG NAME
  local out="$work/$3"
  mkdir -p "$out" && chmod 0777 "$out"
  "${runas[@]}" env XDG_RUNTIME_DIR="$runtime" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
    WLR_HEADLESS_OUTPUTS="$1" SDL_VIDEODRIVER=wayland SDL_AUDIODRIVER=dummy \
    timeout 60 cage -- "$work/inside.sh" "$kiosk" "$2" "$out" > "$out/cage.log" 2>&1 ||
    { cat "$out/kiosk.log" "$out/cage.log"; fail "the kiosk under cage with $1 output(s), $2"; }
  grep -q "first-frame-monotonic-us" "$out/kiosk.log" || { cat "$out/kiosk.log"; fail "no first frame with $1 output(s), $2"; }
  grep "calling screen\|window covers" "$out/kiosk.log" || true
}

# What an output shows: kiosk (the header's blue along its top), calling (the light ground at the top, the health
# colour somewhere, no header), black, or something else.
shows() { /usr/bin/python3 "$here/output_shows.py" "$1"; }

run 2 "$work/auto.toml" two-auto
grep -q "the calling screen is on display 1 (.*), in its part of the kiosk's window" "$work/two-auto/kiosk.log" ||
  fail "auto with two outputs: the calling screen did not take the TV's part of the window"
pictures="$(shows "$work/two-auto/HEADLESS-1.ppm") $(shows "$work/two-auto/HEADLESS-2.ppm")"
echo "two outputs, auto: $pictures"
[[ $pictures == "kiosk calling" || $pictures == "calling kiosk" ]] ||
  fail "two outputs, auto: each output should show one part, they show: $pictures"

run 2 "$work/off.toml" two-off
grep -q "the calling screen is on display" "$work/two-off/kiosk.log" && fail "calling_display off opened a calling screen"
pictures="$(shows "$work/two-off/HEADLESS-1.ppm") $(shows "$work/two-off/HEADLESS-2.ppm")"
echo "two outputs, off: $pictures"
[[ $pictures == "kiosk black" || $pictures == "black kiosk" ]] ||
  fail "two outputs, off: the kiosk on one output and the other black expected, they show: $pictures"

run 1 "$work/auto.toml" one
grep -q "the calling screen is on display" "$work/one/kiosk.log" && fail "a calling screen with one output only"
pictures=$(shows "$work/one/HEADLESS-1.ppm")
echo "one output: $pictures"
[[ $pictures == "kiosk" ]] || fail "one output: the kiosk expected, it shows: $pictures"
echo "two outputs: the kiosk on one, the calling screen on the other (black with off); one output: the kiosk"
