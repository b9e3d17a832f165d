#!/usr/bin/env bash
# The all-day event without a name (tests/reliability/corpus/ical/nameless_all_day_*.ics; the weekly ones have an
# occurrence in the import's window whatever the date) served as a feed on
# 127.0.0.1: `rota import URL` refuses that event with a message and exits, and the running kiosk, whose feed worker
# fetches it right after start, keeps running until it is told to quit (it once aborted 0.04 s after start).
# usage: nameless_feed.sh KIOSK CORPUS_DIR WORK_DIR
set -euo pipefail
# Only loopback here: no proxy between the kiosk and the test server.
unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY=127.0.0.1 no_proxy=127.0.0.1
kiosk=$1 corpus=$2 work=$3
rm -rf "$work" && mkdir -p "$work/data" "$work/config/village-kiosk"
/usr/bin/python3 -u -m http.server --bind 127.0.0.1 --directory "$corpus" 0 >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
port=""
for _ in $(seq 50); do
  port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$work/server.log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "FAIL: the test server did not start"; cat "$work/server.log"; exit 1; }
for file in nameless_all_day_weekly_empty_summary.ics nameless_all_day_weekly_no_summary.ics; do
  url="http://127.0.0.1:$port/$file"
  set +e
  XDG_CONFIG_HOME="$work/config" "$kiosk" --data-dir "$work/data" rota import "$url" >"$work/out" 2>"$work/err"
  code=$?
  set -e
  # Nothing usable in the feed: refused with the reason, exit 1, never an abort (134) or a signal.
  if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then echo "FAIL: rota import $file exited $code"; cat "$work/err"; exit 1; fi
  grep -q "no title (SUMMARY)" "$work/out" "$work/err" || { echo "FAIL: no message for $file"; cat "$work/out" "$work/err"; exit 1; }
done
printf '[health]\nrota_feed_url = "http://127.0.0.1:%s/nameless_all_day_weekly_empty_summary.ics"\n' "$port" \
  >"$work/config/village-kiosk/kiosk.toml"
set +e
XDG_CONFIG_HOME="$work/config" SDL_VIDEODRIVER=dummy "$kiosk" --data-dir "$work/data" --windowed 1024x600 \
  --quit-after-ms 2500 >"$work/kiosk.out" 2>"$work/kiosk.err"
code=$?
set -e
[ "$code" -eq 0 ] || { echo "FAIL: the kiosk exited $code with the feed"; cat "$work/kiosk.err"; exit 1; }
grep -q "GET /nameless_all_day_weekly_empty_summary.ics" "$work/server.log" || { echo "FAIL: the feed was never fetched"; cat "$work/server.log"; exit 1; }
echo "the nameless feed was refused with a message by rota import and by the running kiosk"
