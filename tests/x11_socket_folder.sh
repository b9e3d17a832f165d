# Sourced by the tests that start cage as another user (tests/smoke/second_display_under_cage.sh,
# tests/package/deb_package_test.sh). cage starts Xwayland, and Xwayland wants /tmp/.X11-unix to be root's (1777).
# If that folder is missing when an X server runs as another user, that server makes it as its own, and every later
# one then fails with "/tmp/.X11-unix not owned by root or us". CTest may run either test first, so as root each
# one makes the folder root's before it starts cage, or gives it back to root.
x11_socket_folder_for_root() {
  [[ $(id -u) == 0 ]] || return 0
  if [[ -d /tmp/.X11-unix ]]; then
    [[ $(stat -c %u /tmp/.X11-unix) == 0 ]] || chown root:root /tmp/.X11-unix
    chmod 1777 /tmp/.X11-unix
  else
    install -d -o root -g root -m 1777 /tmp/.X11-unix
  fi
}
