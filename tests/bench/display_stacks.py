#!/usr/bin/python3
"""The appliance's display stacks side by side (docs/benchmarks.md, "Display stacks"): for each, the first frame
from the display server's spawn (cage starts the kiosk; Xvfb is started, then the kiosk), then idle CPU and PSS
of the kiosk and of its display server over a quiet period.

  cage: cage's headless backend (wlroots, pixman), SDL's Wayland driver, the accelerated renderer (llvmpipe/EGL);
  xvfb: Xvfb (the X server without hardware, standing in for Xorg), SDL's X11 driver, the software renderer.

KMS/DRM is not measured: these machines have no DRM device. cage refuses to run as root: run as root, this script
runs both stacks as an unprivileged user (--user, `nobody` by default) with runuser, in a scratch folder of its
own. On demand only (about 2.5 minutes with the defaults); it prints figures and asserts nothing.

  /usr/bin/python3 tests/bench/display_stacks.py build/dev/village-kiosk [--idle-seconds 60] [--runs 5]
"""
import argparse, os, pwd, re, shutil, signal, statistics, subprocess, sys, tempfile, time

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def pss_mib(pid):
    for line in open(f"/proc/{pid}/smaps_rollup"):
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def children(pid):
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            found += [int(c) for c in open(f"/proc/{pid}/task/{task}/children").read().split()]
        except OSError:
            pass
    return found


def name(pid):
    return open(f"/proc/{pid}/comm").read().strip()


class Stack:
    def __init__(self, kind, kiosk, user, work):
        self.kind, self.kiosk, self.user, self.work = kind, kiosk, user, work
        self.server = None
        # What the stacks say on stderr, kept for when a start fails.
        self.log = open(f"{work}/{kind}.log", "a")

    def as_user(self, argv, env):
        prefix = ["runuser", "-u", self.user, "--"] if os.geteuid() == 0 else []
        return prefix + ["env", "-i"] + [f"{k}={v}" for k, v in env.items()] + argv

    def base_env(self):
        return {"PATH": "/usr/bin:/bin", "HOME": self.work, "XDG_RUNTIME_DIR": f"{self.work}/run",
                "XDG_CONFIG_HOME": f"{self.work}/config", "LANG": "C.UTF-8"}

    def kiosk_argv(self, extra):
        return [self.kiosk, "--data-dir", f"{self.work}/data", "--demo", "--windowed", "1280x800",
                "--report-first-frame"] + extra

    def start(self, extra):
        """Starts the stack with the kiosk; returns (process, spawn time in monotonic us)."""
        env = self.base_env()
        if self.kind == "cage":
            env.update(WLR_BACKENDS="headless", WLR_LIBINPUT_NO_DEVICES="1", WLR_RENDERER="pixman",
                       WLR_HEADLESS_OUTPUTS="1", SDL_VIDEODRIVER="wayland")
            argv = ["cage", "--"] + self.kiosk_argv(["--renderer", "accelerated"] + extra)
            spawned = time.monotonic_ns() // 1000
            proc = subprocess.Popen(self.as_user(argv, env), stdout=subprocess.PIPE, stderr=self.log,
                                    text=True, start_new_session=True)
            return proc, spawned
        # A new Xvfb each time, timed from its spawn as cage is: the server's start is part of the stack's.
        self.close()
        spawned = time.monotonic_ns() // 1000
        for attempt in range(3):
            read, write = os.pipe()
            self.server = subprocess.Popen(self.as_user(["Xvfb", "-displayfd", str(write), "-screen", "0",
                                                         "1280x800x24", "-nolisten", "tcp"], env),
                                           pass_fds=(write,), stderr=self.log, start_new_session=True)
            os.close(write)
            number = b""
            while not number.endswith(b"\n"):
                chunk = os.read(read, 16)
                if not chunk:
                    break
                number += chunk
            os.close(read)
            if number.strip():
                break
            # Xvfb gave no display (the previous one still going away): try again.
            self.close()
        self.display = ":" + number.decode().strip()
        env.update(DISPLAY=self.display, SDL_VIDEODRIVER="x11", SDL_FRAMEBUFFER_ACCELERATION="0")
        argv = self.kiosk_argv(["--renderer", "software"] + extra)
        proc = subprocess.Popen(self.as_user(argv, env), stdout=subprocess.PIPE, stderr=self.log,
                                text=True, start_new_session=True)
        return proc, spawned

    def first_frame(self, proc, spawned):
        deadline = time.time() + 30
        renderer = "?"
        while time.time() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("renderer-name"):
                renderer = line.split()[1]
            match = re.match(r"first-frame-monotonic-us (\d+)", line)
            if match:
                frame = int(match.group(1))
                line = proc.stdout.readline()
                if line.startswith("renderer-name"):
                    renderer = line.split()[1]
                return (frame - spawned) / 1000, renderer
        return None, renderer

    def pids(self, proc):
        """(kiosk pid, [display server pids])."""
        top = proc.pid
        # runuser → (env execs) → cage → kiosk (and Xwayland); or runuser → kiosk.
        chain = [top] + children(top)
        flat = set(chain)
        for pid in list(flat):
            flat.update(children(pid))
        for pid in list(flat):
            flat.update(children(pid))
        kiosk = [p for p in flat if name(p).startswith("village-kiosk")]
        servers = [p for p in flat if name(p) in ("cage", "Xwayland")]
        if self.kind == "xvfb":
            servers = [self.server.pid] + children(self.server.pid)
            servers = [p for p in servers if name(p) == "Xvfb"]
        return kiosk[0] if kiosk else None, servers

    def stop(self, proc):
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def close(self):
        if self.server:
            os.killpg(self.server.pid, signal.SIGTERM)
            self.server.wait(10)
            self.server = None


def measure(kind, args, work):
    stack = Stack(kind, os.path.abspath(args.kiosk), args.user, work)
    firsts, renderer = [], "?"
    try:
        for run in range(args.runs + 1):  # the first start fills the data folder and the page cache: not counted
            proc, spawned = stack.start(["--quit-after-ms", "1500"])
            ms, renderer = stack.first_frame(proc, spawned)
            proc.wait(30)
            if ms is None:
                print(f"  {kind}: start {run} showed no frame; its output is in {work}/{kind}.log", file=sys.stderr)
            elif run > 0:
                firsts.append(ms)
        proc, spawned = stack.start([])
        stack.first_frame(proc, spawned)
        time.sleep(args.settle_seconds)
        kiosk, servers = stack.pids(proc)
        if kiosk is None:
            raise RuntimeError("kiosk process not found")
        watched = [kiosk] + servers
        cpu0 = {p: cpu_seconds(p) for p in watched}
        t0 = time.monotonic()
        time.sleep(args.idle_seconds)
        wall = time.monotonic() - t0
        cpu = {p: 100 * (cpu_seconds(p) - cpu0[p]) / wall for p in watched}
        pss = {p: pss_mib(p) for p in watched}
        names = {p: name(p) for p in watched}
        stack.stop(proc)
    finally:
        stack.close()
    return {"renderer": renderer, "first": firsts, "kiosk": (cpu[kiosk], pss[kiosk]),
            "servers": [(names[p], cpu[p], pss[p]) for p in servers]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kiosk")
    parser.add_argument("--idle-seconds", type=int, default=60)
    parser.add_argument("--settle-seconds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--user", default="nobody")
    parser.add_argument("--stacks", default="cage,xvfb")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder and the stacks' output")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="vk-display-stacks-")
    for sub in ("run", "config", "data"):
        os.makedirs(f"{work}/{sub}")
    if os.geteuid() == 0:
        # Made by Xvfb running as the user, /tmp/.X11-unix would be the user's, and every X server or Xwayland
        # started later by another user (root included) would refuse it.
        if not os.path.isdir("/tmp/.X11-unix"):
            os.mkdir("/tmp/.X11-unix")
            os.chmod("/tmp/.X11-unix", 0o1777)
        entry = pwd.getpwnam(args.user)
        for root, dirs, _ in os.walk(work):
            os.chown(root, entry.pw_uid, entry.pw_gid)
        os.chmod(f"{work}/run", 0o700)
    try:
        for kind in args.stacks.split(","):
            result = measure(kind, args, work)
            firsts = result["first"]
            print(f"{kind}: renderer {result['renderer']}")
            if firsts:
                print(f"  first frame from spawn: median {statistics.median(firsts):.0f} ms, "
                      f"worst {max(firsts):.0f} ms ({len(firsts)} runs)")
            print(f"  kiosk: idle CPU {result['kiosk'][0]:.3f} % of a core over {args.idle_seconds} s, "
                  f"PSS {result['kiosk'][1]:.1f} MiB")
            for server, cpu, pss in result["servers"]:
                print(f"  {server}: idle CPU {cpu:.3f} %, PSS {pss:.1f} MiB")
            shutil.rmtree(f"{work}/data", ignore_errors=True)
            os.makedirs(f"{work}/data")
            if os.geteuid() == 0:
                entry = pwd.getpwnam(args.user)
                os.chown(f"{work}/data", entry.pw_uid, entry.pw_gid)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
