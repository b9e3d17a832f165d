#!/usr/bin/env bash
# The appliance's units pass `systemd-analyze verify` without a single complaint (it exits 0 on an unknown key, so
# any output fails the test too), and its sysusers file creates the user in the groups the udev rules use.
# Usage: verify_units.sh SOURCE_DIR KIOSK_BINARY WORK_DIR
set -euo pipefail
source_dir=$1 kiosk=$2 work=$3
rm -rf "$work" && mkdir -p "$work/units" "$work/root/etc"

# verify checks that every ExecStart= program exists: the built binary stands in for /usr/bin/village-kiosk.
for unit in "$source_dir"/systemd/units/*; do
  sed "s|/usr/bin/village-kiosk|$kiosk|g" "$unit" > "$work/units/$(basename "$unit")"
done
if ! systemd-analyze verify "$work"/units/* > "$work/verify.log" 2>&1; then
  cat "$work/verify.log"; echo "systemd-analyze verify failed"; exit 1
fi
if [ -s "$work/verify.log" ]; then
  cat "$work/verify.log"; echo "systemd-analyze verify complained"; exit 1
fi
echo "verified: $(cd "$work/units" && echo *)"

# What the watchdog and the restart policy rest on, said once here so that an edit cannot drop it unnoticed.
service="$source_dir/systemd/units/village-kiosk.service"
for line in Type=notify NotifyAccess=all WatchdogSec= Restart=always StartLimitIntervalSec=0 User=village-kiosk \
            ProtectSystem=strict PrivateTmp=yes NoNewPrivileges=yes StateDirectory= DevicePolicy=closed; do
  grep -q "^$line" "$service" || { echo "village-kiosk.service lacks $line"; exit 1; }
done

# The user, in a scratch root: sysusers must create it with its groups.
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$work/root/etc/passwd"
printf 'root:x:0:\nlp:x:7:\nvideo:x:44:\n' > "$work/root/etc/group"
systemd-sysusers --root="$work/root" "$source_dir/systemd/sysusers/village-kiosk.conf" > "$work/sysusers.log" 2>&1 \
  || { cat "$work/sysusers.log"; echo "systemd-sysusers failed"; exit 1; }
for group in lp input video render; do
  grep -q "^$group:.*village-kiosk" "$work/root/etc/group" || { echo "village-kiosk is not in group $group"; exit 1; }
done
grep -q '^village-kiosk:x:[0-9]*:[0-9]*:[^:]*:/var/lib/village-kiosk:/usr/sbin/nologin$' "$work/root/etc/passwd" \
  || { echo "sysusers did not create the village-kiosk user as expected"; exit 1; }
echo "units and user: ok"
