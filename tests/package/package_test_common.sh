# What both package tests (deb_package_test.sh, hub_package_test.sh) start with, sourced by them: skipping where
# they cannot run, a clean work folder, and one cpack run that makes both packages.

skip() { echo "SKIPPED: $*" >&2; exit 77; }
fail() { echo "FAILED: $*" >&2; exit 1; }

# Root, the tools named, and PACKAGE not already installed (the test would replace it), or exit 77.
require_a_machine_for() {
  local package=$1; shift
  [ "$(id -u)" -eq 0 ] || skip "installing a package needs root (CI runs as root)"
  for tool in "$@"; do
    command -v "$tool" >/dev/null || skip "$tool is missing (./install-deps.sh --tests)"
  done
  if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
    skip "$package is installed on this machine; the test would replace it"
  fi
}

# (They speak on standard error, as build_packages_for runs in a command substitution.)
# Empties WORK, goes into it, and makes the packages of BUILD into WORK/out; prints PACKAGE's .deb of VERSION.
build_packages_for() {
  local package=$1 build=$2 version=$3 work=$4
  rm -rf "$work" && mkdir -p "$work"
  cd "$work" || fail "cannot enter $work"
  cpack --config "$build/CPackConfig.cmake" -B "$work/out" > cpack.log 2>&1 || { cat cpack.log >&2; fail "cpack"; }
  local deb="$work/out/${package}_${version}_amd64.deb"
  [ -f "$deb" ] || { ls -l "$work/out" >&2; fail "no $deb"; }
  echo "$deb"
}

# lintian on DEB, its report in lintian.txt and on the output; no error (E:) passes.
expect_no_lintian_error() {
  lintian --tag-display-limit 0 "$1" > lintian.txt 2>&1 || true
  cat lintian.txt
  if grep -q "^E: " lintian.txt; then fail "lintian reports errors"; fi
}
