#!/usr/bin/env bash
# The appliance's and the hub's units pass `systemd-analyze verify` without a single complaint (it exits 0 on an
# unknown key, so any output fails the test too), and their sysusers files create the users (the kiosk's in the
# groups the udev rules use).
# Usage: verify_units.sh SOURCE_DIR KIOSK_BINARY HUB_BINARY WORK_DIR
set -euo pipefail
source_dir=$1 kiosk=$2 hub=$3 work=$4
rm -rf "$work" && mkdir -p "$work/units" "$work/root/etc"

# verify checks that every ExecStart= program exists: the built binaries stand in for /usr/bin/village-kiosk and
# /usr/bin/village-hub.
for unit in "$source_dir"/systemd/units/*; do
  sed -e "s|/usr/bin/village-kiosk|$kiosk|g" -e "s|/usr/bin/village-hub|$hub|g" "$unit" \
    > "$work/units/$(basename "$unit")"
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
hub_service="$source_dir/systemd/units/village-hub.service"
for line in "ExecStart=/usr/bin/village-hub --config /etc/village-hub/hub.toml$" Restart=on-failure User=village-hub \
            ProtectSystem=strict PrivateTmp=yes NoNewPrivileges=yes CapabilityBoundingSet=$; do
  grep -q "^$line" "$hub_service" || { echo "village-hub.service lacks $line"; exit 1; }
done
grep -q "^ExecStart=.* purge$" "$source_dir/systemd/units/village-hub-purge.service" \
  || { echo "village-hub-purge.service does not run village-hub … purge"; exit 1; }

# The user, in a scratch root: sysusers must create it with its groups.
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$work/root/etc/passwd"
printf 'root:x:0:\nlp:x:7:\nvideo:x:44:\n' > "$work/root/etc/group"
systemd-sysusers --root="$work/root" "$source_dir/systemd/sysusers/village-kiosk.conf" \
  "$source_dir/systemd/sysusers/village-hub.conf" > "$work/sysusers.log" 2>&1 \
  || { cat "$work/sysusers.log"; echo "systemd-sysusers failed"; exit 1; }
for group in lp input video render; do
  grep -q "^$group:.*village-kiosk" "$work/root/etc/group" || { echo "village-kiosk is not in group $group"; exit 1; }
done
grep -q '^village-kiosk:x:[0-9]*:[0-9]*:[^:]*:/var/lib/village-kiosk:/usr/sbin/nologin$' "$work/root/etc/passwd" \
  || { echo "sysusers did not create the village-kiosk user as expected"; exit 1; }
grep -q '^village-hub:x:[0-9]*:[0-9]*:[^:]*:/:/usr/sbin/nologin$' "$work/root/etc/passwd" \
  || { echo "sysusers did not create the village-hub user as expected"; exit 1; }
grep -q '^village-hub:x:' "$work/root/etc/group" || { echo "sysusers did not create the village-hub group"; exit 1; }
echo "units and users: ok"
