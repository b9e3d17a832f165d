#!/usr/bin/env bash
# The appliance's package, end to end on this machine: CPack makes it from the build's own binaries, its contents
# and control files are what docs/install.md says, lintian finds no error, and it installs, starts the kiosk as
# its own user (SDL without a display, then under cage's headless backend and under Xvfb when they are here),
# upgrades to a newer version (the configuration kept, the old database migrated after its safety copy), removes
# keeping the data, and purges.
# Usage: deb_package_test.sh BUILD_DIR VERSION WORK_DIR. Exits 77 (skipped) when it cannot run here: it needs root
# and dpkg, and never touches a village-kiosk already installed.
set -euo pipefail
build=$1 version=$2 work=$3
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../storage/fixtures"
source "$here/package_test_common.sh"
source "$here/../x11_socket_folder.sh"
require_a_machine_for village-kiosk dpkg dpkg-deb lintian cpack runuser sqlite3 /usr/bin/python3

echo "== build the package from the build's binaries"
deb=$(build_packages_for village-kiosk "$build" "$version" "$work")
cd "$work"
ls -l "$deb"

echo "== contents"
dpkg-deb -c "$deb" | awk '{print $1, $2, $NF}' > contents.txt
for path in ./usr/bin/village-kiosk ./lib/systemd/system/village-kiosk.service \
            ./lib/systemd/system/village-kiosk-backup.service ./lib/systemd/system/village-kiosk-backup.timer \
            ./lib/systemd/system/village-kiosk-purge.service ./lib/systemd/system/village-kiosk-purge.timer \
            ./lib/udev/rules.d/70-village-kiosk.rules ./usr/lib/sysusers.d/village-kiosk.conf \
            ./etc/village-kiosk/kiosk.toml ./usr/share/doc/village-kiosk/copyright \
            ./usr/share/doc/village-kiosk/changelog.gz ./usr/share/doc/village-kiosk/install.md; do
  grep -q " $path\$" contents.txt || { cat contents.txt; fail "the package lacks $path"; }
done
grep -q "^-rwxr-xr-x root/root ./usr/bin/village-kiosk$" contents.txt || fail "the binary is not root's, mode 0755"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for library in libsdl2 libsqlite3 libcurl libsystemd0 cage; do
  [[ "$depends" == *"$library"* ]] || fail "Depends lacks $library (shlibdeps)"
done
dpkg-deb -e "$deb" control
grep -qx /etc/village-kiosk/kiosk.toml control/conffiles || fail "kiosk.toml is not a conffile"

echo "== lintian"
expect_no_lintian_error "$deb"

echo "== install"
# Whatever happens next, what this test installed does not stay on the machine.
trap 'dpkg -P village-kiosk > /dev/null 2>&1 || true' EXIT
dpkg -i "$deb" > install.log 2>&1 || { cat install.log; fail "dpkg -i (are its Depends installed?)"; }
id village-kiosk
for group in lp input video render; do
  id -nG village-kiosk | tr ' ' '\n' | grep -qx "$group" || fail "village-kiosk is not in group $group"
done
[ "$(stat -c '%U %a' /var/lib/village-kiosk)" = "village-kiosk 700" ] || fail "/var/lib/village-kiosk is not the kiosk's, 0700"
for link in graphical.target.wants/village-kiosk.service timers.target.wants/village-kiosk-backup.timer \
            timers.target.wants/village-kiosk-purge.timer; do
  [ -L "/etc/systemd/system/$link" ] || fail "postinst did not enable $link"
done

echo "== the installed kiosk as its user"
kiosk() { runuser -u village-kiosk -- env -u XDG_CONFIG_HOME -u XDG_DATA_HOME HOME=/var/lib/village-kiosk "$@"; }
kiosk env SDL_VIDEODRIVER=dummy village-kiosk --report-first-frame --quit-after-ms 1500 > dummy.log 2>&1 \
  || { cat dummy.log; fail "the installed kiosk did not start as village-kiosk"; }
grep -q "first-frame-monotonic-us" dummy.log || { cat dummy.log; fail "no first frame"; }
[ "$(stat -c %U /var/lib/village-kiosk/village-kiosk.db)" = village-kiosk ] || fail "the database is not the kiosk's"
# A fresh install has no demo village and no staff account: the kiosk asks for its first admin.
accounts=$(kiosk village-kiosk staff list)
[ -z "$accounts" ] || fail "a fresh install has staff accounts: $accounts"
kiosk village-kiosk doctor > doctor.txt || { cat doctor.txt; fail "doctor finds a fault on a fresh install"; }
cat doctor.txt
# From a root shell the commands act as the data folder's owner: nothing in it becomes root's.
village-kiosk backup /var/lib/village-kiosk/backups/ > backup.log 2>&1 || { cat backup.log; fail "backup"; }
if find /var/lib/village-kiosk -user root | grep -q .; then
  find /var/lib/village-kiosk -user root; fail "a command run as root left root's files in the data folder"
fi
village-kiosk status --json | grep -q '"areas":\[' || fail "status --json"

# Xwayland, started by cage, wants /tmp/.X11-unix to be root's (tests/x11_socket_folder.sh says why).
x11_socket_folder_for_root
runtime_dir=$(mktemp -d /tmp/vk-runtime.XXXXXX)
chown village-kiosk: "$runtime_dir" && chmod 0700 "$runtime_dir"
if command -v cage > /dev/null; then
  echo "== under cage (headless)"
  kiosk env XDG_RUNTIME_DIR="$runtime_dir" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
    SDL_VIDEODRIVER=wayland timeout 60 cage -- village-kiosk --renderer accelerated --report-first-frame \
    --quit-after-ms 2000 > cage.log 2>&1 || { cat cage.log; fail "the kiosk under cage"; }
  grep -q "first-frame-monotonic-us" cage.log || { cat cage.log; fail "no first frame under cage"; }
  grep "renderer-name" cage.log
else
  echo "cage is not installed: not run under cage"
fi
if command -v xvfb-run > /dev/null; then
  echo "== under Xvfb"
  kiosk env SDL_VIDEODRIVER=x11 timeout 60 xvfb-run -a -s "-screen 0 1024x600x24" village-kiosk --renderer software \
    --report-first-frame --quit-after-ms 2000 > xvfb.log 2>&1 || { cat xvfb.log; fail "the kiosk under Xvfb"; }
  grep -q "first-frame-monotonic-us" xvfb.log || { cat xvfb.log; fail "no first frame under Xvfb"; }
fi
rm -rf "$runtime_dir"

echo "== upgrade: a newer package over this one, on a database of an older schema and an edited configuration"
# The same binaries under a higher version stand in for the next release: what is tested is what dpkg and the
# maintainer scripts do, and what the kiosk does at its first start after them.
next_version="${version}+upgrade1"
cpack --config "$build/CPackConfig.cmake" -B "$work/out-next" -D CPACK_PACKAGE_VERSION="$next_version" \
  > cpack-next.log 2>&1 || { cat cpack-next.log; fail "cpack of the next version"; }
next_deb=$(ls "$work"/out-next/village-kiosk_*_amd64.deb)
[ "$(dpkg-deb -f "$next_deb" Version)" = "$next_version" ] || fail "the next package is not version $next_version"
# The village's data as an older kiosk left it: schema 14 (from its recorded fixture) with a resident's post.
old_db=/var/lib/village-kiosk/village-kiosk.db
rm -f "$old_db" "$old_db-wal" "$old_db-shm"
runuser -u village-kiosk -- /usr/bin/python3 "$here/make_old_database.py" "$fixtures/schema_v14.sql" 14 "$old_db" \
  || fail "cannot make a database at schema 14"
runuser -u village-kiosk -- sqlite3 "$old_db" "INSERT INTO kiosk_meta(key, value) VALUES ('upgrade-test', 'kept');" \
  || fail "cannot write into the schema-14 database"
echo "# edited by the technician" >> /etc/village-kiosk/kiosk.toml
dpkg -i "$next_deb" > upgrade.log 2>&1 || { cat upgrade.log; fail "dpkg -i of the next version over this one"; }
[ "$(dpkg-query -W -f='${Version}' village-kiosk)" = "$next_version" ] || fail "the upgrade did not install $next_version"
grep -qx "# edited by the technician" /etc/village-kiosk/kiosk.toml || fail "the upgrade replaced the edited kiosk.toml"
[ -f "$old_db" ] || fail "the upgrade deleted the database"
for link in graphical.target.wants/village-kiosk.service timers.target.wants/village-kiosk-backup.timer; do
  [ -L "/etc/systemd/system/$link" ] || fail "the upgrade left $link disabled"
done
# The first start after the upgrade (what postinst's try-restart gives on a running system) copies the old
# database aside, then migrates it, keeping what it held.
kiosk env SDL_VIDEODRIVER=dummy village-kiosk --report-first-frame --quit-after-ms 1500 > upgraded.log 2>&1 \
  || { cat upgraded.log; fail "the upgraded kiosk did not start on the schema-14 database"; }
latest=$(kiosk village-kiosk status --json | sed -n 's/.*"schema_version":\([0-9]*\).*/\1/p')
[ -n "$latest" ] || { kiosk village-kiosk status --json; fail "status --json gives no schema_version"; }
[ "$(sqlite3 "$old_db" 'PRAGMA user_version')" = "$latest" ] || fail "the database was not migrated to schema $latest"
[ "$(sqlite3 "$old_db" "SELECT value FROM kiosk_meta WHERE key = 'upgrade-test'")" = kept ] \
  || fail "the migration lost what the old database held"
copy="$old_db.before-schema-v$latest"
[ -f "$copy" ] || { ls -l /var/lib/village-kiosk; fail "no safety copy $copy before the migration"; }
[ "$(sqlite3 "$copy" 'PRAGMA user_version')" = 14 ] || fail "the safety copy is not the schema-14 database"
[ "$(stat -c %U "$copy")" = village-kiosk ] || fail "the safety copy is not the kiosk's"
kiosk village-kiosk doctor > doctor-upgraded.txt || { cat doctor-upgraded.txt; fail "doctor finds a fault after the upgrade"; }

echo "== remove keeps the data and the configuration"
dpkg -r village-kiosk > remove.log 2>&1 || { cat remove.log; fail "dpkg -r"; }
[ ! -e /usr/bin/village-kiosk ] || fail "the binary is still there"
[ -f /var/lib/village-kiosk/village-kiosk.db ] || fail "removing the package deleted the database"
[ -f /etc/village-kiosk/kiosk.toml ] || fail "removing the package deleted the configuration"

echo "== purge removes them"
dpkg -P village-kiosk > purge.log 2>&1 || { cat purge.log; fail "dpkg -P"; }
[ ! -e /var/lib/village-kiosk ] || fail "purging left /var/lib/village-kiosk"
[ ! -e /etc/village-kiosk ] || fail "purging left /etc/village-kiosk"
[ ! -e /etc/systemd/system/graphical.target.wants/village-kiosk.service ] || fail "purging left the unit enabled"
echo "package: ok"
