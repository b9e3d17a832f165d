#!/usr/bin/python3
"""Plays systemd's side of Type=notify for one run of the kiosk: a notify socket, WATCHDOG_USEC, and a check of
what the kiosk said: READY=1 after its first frame, WATCHDOG=1 about every quarter period while it runs,
STOPPING=1 on the way out.

  notify_listener.py KIOSK ARGS...   (exit 0 when the kiosk spoke as a Type=notify service should)
"""
import os, socket, subprocess, sys, tempfile, time

WATCHDOG_SECONDS = 2
RUN_MS = 3000


def main():
    folder = tempfile.mkdtemp(prefix="vk-notify-")
    path = os.path.join(folder, "notify")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(path)
    listener.settimeout(0.2)
    env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC=str(WATCHDOG_SECONDS * 1_000_000),
               SDL_VIDEODRIVER="dummy")
    kiosk = subprocess.Popen(sys.argv[1:] + ["--quit-after-ms", str(RUN_MS)], env=env)
    messages = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            messages.append((time.monotonic(), listener.recv(4096).decode()))
        except socket.timeout:
            if kiosk.poll() is not None:
                break
    kiosk.wait(10)
    listener.close()
    os.unlink(path)
    os.rmdir(folder)

    said = [text for _, text in messages]
    print("the kiosk said:", said)
    failures = []
    if kiosk.returncode != 0:
        failures.append(f"the kiosk exited with {kiosk.returncode}")
    if not said or not said[0].startswith("READY=1"):
        failures.append("its first message is not READY=1")
    pings = [at for at, text in messages if text == "WATCHDOG=1"]
    # A 2 s watchdog, fed every 0.5 s for 3 s: at least 3 (a loaded machine may lose one), never 2 s apart.
    if len(pings) < 3:
        failures.append(f"only {len(pings)} WATCHDOG=1 in {RUN_MS} ms")
    gaps = [b - a for a, b in zip(pings, pings[1:])]
    if gaps and max(gaps) >= WATCHDOG_SECONDS:
        failures.append(f"the watchdog went {max(gaps):.1f} s without food")
    if not said or said[-1] != "STOPPING=1":
        failures.append("its last message is not STOPPING=1")
    for failure in failures:
        print("FAILED:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
