#!/usr/bin/env bash
# The territory hub's package, end to end on this machine: CPack makes it beside the kiosk's from the build's own
# binaries, its contents, Depends and conffile are what docs/install.md says, lintian finds no error, and it
# installs (its user, hub.toml readable by that user's group only, the hub and its purge timer enabled), its
# installed units pass `systemd-analyze verify`, the installed binary run as its user serves a kiosk against a
# real PostgreSQL (started here as in tests/hub, when PostgreSQL 15 is installed), an upgrade keeps an edited
# hub.toml, removing keeps the configuration and purging deletes it.
# Usage: hub_package_test.sh BUILD_DIR VERSION WORK_DIR. Exits 77 (skipped) when it cannot run here: it needs root
# and dpkg, and never touches a village-hub already installed.
set -euo pipefail
build=$1 version=$2 work=$3
source "$(cd "$(dirname "$0")" && pwd)/package_test_common.sh"
require_a_machine_for village-hub dpkg dpkg-deb lintian cpack runuser setpriv curl systemd-analyze

echo "== build the packages from the build's binaries"
deb=$(build_packages_for village-hub "$build" "$version" "$work")
cd "$work"
[ -f "$work/out/village-kiosk_${version}_amd64.deb" ] || fail "the same cpack run no longer makes the kiosk's package"
ls -l "$deb"

echo "== contents"
dpkg-deb -c "$deb" | awk '{print $1, $2, $NF}' > contents.txt
for path in ./usr/bin/village-hub ./lib/systemd/system/village-hub.service \
            ./lib/systemd/system/village-hub-purge.service ./lib/systemd/system/village-hub-purge.timer \
            ./usr/lib/sysusers.d/village-hub.conf ./etc/village-hub/hub.toml \
            ./usr/share/doc/village-hub/copyright ./usr/share/doc/village-hub/changelog.gz \
            ./usr/share/doc/village-hub/hub.md; do
  grep -q " $path\$" contents.txt || { cat contents.txt; fail "the package lacks $path"; }
done
grep -q "^-rwxr-xr-x root/root ./usr/bin/village-hub$" contents.txt || fail "the binary is not root's, mode 0755"
grep -q "^-rw-r----- root/root ./etc/village-hub/hub.toml$" contents.txt || fail "hub.toml is not mode 0640"
if grep -q "village-kiosk" contents.txt; then grep village-kiosk contents.txt; fail "the hub's package holds kiosk files"; fi
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for library in libpqxx libcpp-httplib systemd; do
  [[ "$depends" == *"$library"* ]] || fail "Depends lacks $library"
done
# A territory may keep its PostgreSQL on another machine: the server is recommended, never required.
if [[ ", $depends" == *", postgresql"* ]]; then fail "Depends requires the PostgreSQL server"; fi
[[ "$(dpkg-deb -f "$deb" Recommends)" == *postgresql* ]] || fail "Recommends lacks postgresql"
dpkg-deb -e "$deb" control
grep -qx /etc/village-hub/hub.toml control/conffiles || fail "hub.toml is not a conffile"

echo "== lintian"
expect_no_lintian_error "$deb"
if grep -q "non-standard-file-perm" lintian.txt; then fail "lintian's override for hub.toml's mode is not applied"; fi

pg_bin=/usr/lib/postgresql/15/bin
pg_dir=""
cleanup() {
  [ -n "${hub_pid:-}" ] && kill "$hub_pid" 2>/dev/null || true
  if [ -n "$pg_dir" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop > /dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
  dpkg -P village-hub > /dev/null 2>&1 || true
}
# Whatever happens next, what this test installed or started does not stay on the machine.
trap cleanup EXIT

echo "== install"
dpkg -i "$deb" > install.log 2>&1 || { cat install.log; fail "dpkg -i (are its Depends installed?)"; }
id village-hub
[ "$(stat -c '%U %G %a' /etc/village-hub/hub.toml)" = "root village-hub 640" ] \
  || fail "hub.toml is $(stat -c '%U %G %a' /etc/village-hub/hub.toml), not root's, group village-hub, 0640"
for link in multi-user.target.wants/village-hub.service timers.target.wants/village-hub-purge.timer; do
  [ -L "/etc/systemd/system/$link" ] || fail "postinst did not enable $link"
done

echo "== the installed units"
systemd-analyze verify /lib/systemd/system/village-hub.service /lib/systemd/system/village-hub-purge.service \
  /lib/systemd/system/village-hub-purge.timer > verify.log 2>&1 || { cat verify.log; fail "systemd-analyze verify"; }
[ ! -s verify.log ] || { cat verify.log; fail "systemd-analyze verify complained about the installed units"; }

echo "== the installed hub as its user"
hub() { runuser -u village-hub -- "$@"; }
hub village-hub --help | grep -q "add-kiosk" || fail "the installed village-hub does not run as village-hub"
# Its configuration is its group's only: another unprivileged user cannot read the database's password.
if runuser -u nobody -- village-hub --config /etc/village-hub/hub.toml purge > nobody.log 2>&1; then
  fail "nobody could use the hub's configuration"
fi
grep -q "cannot be read" nobody.log || { cat nobody.log; fail "no clear message when hub.toml cannot be read"; }
# The shipped configuration is usable as it stands: against no database it fails with a message, not a crash.
if hub village-hub --config /etc/village-hub/hub.toml purge > no-database.log 2>&1; then
  fail "purge succeeded with no database"
fi
cat no-database.log
grep -q "^village-hub: " no-database.log || fail "no clear message when the database is not there"

if [ -x "$pg_bin/initdb" ] && [ -x "$pg_bin/pg_ctl" ]; then
  echo "== against a real PostgreSQL"
  pg_dir=$(mktemp -d /tmp/vk-hub-package-pg.XXXXXX)
  chown postgres "$pg_dir"
  runuser -u postgres -- "$pg_bin/initdb" --no-sync --auth=trust -U postgres -E UTF8 -D "$pg_dir/data" \
    > "$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; fail "initdb"; }
  free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
  pg_port=$(free_port)
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" start > /dev/null \
    || { cat "$pg_dir/server.log"; fail "PostgreSQL did not start"; }
  # As docs/install.md says: a role named like the service's user, owning the hub's database.
  "$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
    -c 'CREATE ROLE "village-hub" LOGIN' -c 'CREATE DATABASE hub OWNER "village-hub"' || fail "cannot make the database"
  hub_port=$(free_port)
  # The technician's edit: where the database is, which port to serve.
  sed -i -e "s|^database_url = .*|database_url = \"host=127.0.0.1 port=$pg_port dbname=hub\"|" \
         -e "s|^listen = .*|listen = \"127.0.0.1:$hub_port\"|" /etc/village-hub/hub.toml
  credential=$(hub village-hub --config /etc/village-hub/hub.toml add-kiosk --territory val-de-loue --village Saint-Aubin)
  [[ "$credential" =~ ^[A-Za-z0-9-]+\.[A-Za-z0-9_-]+$ ]] || fail "add-kiosk printed « $credential », not ID.SECRET"
  # setpriv execs the hub itself (runuser would stay its parent and answer SIGTERM for it).
  setpriv --reuid village-hub --regid village-hub --init-groups village-hub --config /etc/village-hub/hub.toml \
    > serve.log 2>&1 &
  hub_pid=$!
  for _ in $(seq 1 50); do grep -q "serving" serve.log && break; sleep 0.2; done
  grep -q "serving http on 127.0.0.1:$hub_port" serve.log || { cat serve.log; fail "the installed hub does not serve"; }
  url="http://127.0.0.1:$hub_port"
  [ "$(curl -s "$url/v1/health")" = '{"ok":true}' ] || fail "/v1/health"
  status=$(curl -s -o pull.json -w '%{http_code}' -H "Authorization: Bearer $credential" \
    -H "X-Kiosk-Id: package-test-kiosk" "$url/v1/pull?after=0")
  [ "$status" = 200 ] || { cat pull.json; fail "a pull with the new credential was answered $status"; }
  grep -q '"changes":\[\]' pull.json || { cat pull.json; fail "a new territory's pull is not empty"; }
  status=$(curl -s -o refused.json -w '%{http_code}' -H "X-Kiosk-Id: package-test-kiosk" "$url/v1/pull?after=0")
  [ "$status" = 401 ] || fail "a pull without a credential was answered $status"
  kill -TERM "$hub_pid"
  wait "$hub_pid" || { cat serve.log; fail "the hub did not stop cleanly on SIGTERM"; }
  hub_pid=""
  hub village-hub --config /etc/village-hub/hub.toml purge | grep -q "record(s) forgotten" || fail "purge"
else
  echo "PostgreSQL 15 is not installed: the installed hub was not run against a database"
  echo "# edited by the technician" >> /etc/village-hub/hub.toml
fi

echo "== upgrade keeps the edited configuration"
next_version="${version}+upgrade1"
cpack --config "$build/CPackConfig.cmake" -B "$work/out-next" -D CPACK_PACKAGE_VERSION="$next_version" \
  > cpack-next.log 2>&1 || { cat cpack-next.log; fail "cpack of the next version"; }
cp /etc/village-hub/hub.toml edited-hub.toml
dpkg -i "$work/out-next/village-hub_${next_version}_amd64.deb" > upgrade.log 2>&1 || { cat upgrade.log; fail "upgrade"; }
cmp -s edited-hub.toml /etc/village-hub/hub.toml || fail "the upgrade replaced the edited hub.toml"
[ "$(stat -c '%G %a' /etc/village-hub/hub.toml)" = "village-hub 640" ] || fail "the upgrade changed hub.toml's group or mode"

echo "== remove keeps the configuration"
dpkg -r village-hub > remove.log 2>&1 || { cat remove.log; fail "dpkg -r"; }
[ ! -e /usr/bin/village-hub ] || fail "the binary is still there"
[ -f /etc/village-hub/hub.toml ] || fail "removing the package deleted the configuration"

echo "== purge removes it"
dpkg -P village-hub > purge.log 2>&1 || { cat purge.log; fail "dpkg -P"; }
[ ! -e /etc/village-hub ] || fail "purging left /etc/village-hub"
[ ! -e /etc/systemd/system/multi-user.target.wants/village-hub.service ] || fail "purging left the unit enabled"
echo "hub package: ok"
