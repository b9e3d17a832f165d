// kiosk_bench: how fast village-kiosk shows its first frame, what it costs when nobody touches it, how much
// memory it holds and how long a frame takes, printed next to the targets. It never fails on a figure: timings
// on a shared machine are for reading, not for asserting. docs/benchmarks.md explains each figure.

#include "kiosk/app/headless_kiosk.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/kiosk_runtime.h"

#include <imgui.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace vk::bench {
namespace {

namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

// The window and the headless surface: 1280×800 unless --size says otherwise.
int kWidth = 1280;
int kHeight = 800;

// Targets and, for scale, a Chromium kiosk showing the same home screen on this machine type under Xvfb.
constexpr double kTargetFirstFrameMs = 100;
constexpr double kTargetIdlePercent = 0.1;
constexpr double kTargetPssMiB = 40;
constexpr double kTargetFrameMs = 4;
constexpr const char* kChromiumFirstPaint = "633 ms";
constexpr const char* kChromiumIdle = "0.3 %";
constexpr const char* kChromiumPss = "381 MiB, 11 procs";

// The kiosk prints its first frame's time with steady_clock, which is CLOCK_MONOTONIC as ours is.
std::int64_t monotonicUs() {
    using namespace std::chrono;
    return duration_cast<microseconds>(SteadyClock::now().time_since_epoch()).count();
}

std::optional<long long> parseNumber(std::string_view text) {
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// `value` with `decimals` digits after the point, then `unit`.
std::string fixed(double value, int decimals, const std::string& unit = "") {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text + unit;
}

// ---------------------------------------------------------------------------------------------------------
// Options

struct Options {
    fs::path kiosk = VK_KIOSK_BINARY;
    int runs = 10;
    int idleSeconds = 60;
    int settleSeconds = 3;
    int frames = 300;
    std::vector<std::string> renderers{"software", "accelerated"};
    std::string display;  // empty: start our own Xvfb
    fs::path dataDir;     // empty: a fresh temporary folder, warmed before measuring
    bool help = false;
    bool headlessOnly = false;  // the in-memory figures only: no display, no cold starts
    std::string error;
};

constexpr const char* kUsage = R"(usage: kiosk_bench [options]
  --kiosk PATH            the village-kiosk binary (default: the one this build made)
  --runs N                cold starts per renderer, after one untimed start (default 10)
  --idle-seconds N        how long the kiosk is left alone for the idle figures (default 60)
  --settle-seconds N      wait after the first frame before the idle period starts (default 3)
  --frames N              frames for the busy figures (default 300)
  --renderer R            software, accelerated or both (default both)
  --display :N            use this X display instead of starting an Xvfb of our own
  --data-dir DIR          use this data folder instead of a fresh one (it is warmed first either way)
  --size WxH              the window and the drawing surface (1280x800)
  --headless-only         the in-memory figures only (busy frame, large text): no display needed
Prints figures only; it never fails because of one.
)";

Options parseOptions(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument == "--help" || argument == "-h") {
            options.help = true;
            return options;
        }
        if (argument == "--headless-only") {
            options.headlessOnly = true;
            continue;
        }
        if (i + 1 >= argc) {
            options.error = argument + " needs a value (or is unknown)";
            return options;
        }
        const std::string value = argv[++i];
        auto positive = [&](int& into) {
            const auto number = parseNumber(value);
            if (!number || *number <= 0 || *number > 100000) options.error = argument + " takes a positive number";
            else into = static_cast<int>(*number);
        };
        if (argument == "--kiosk") options.kiosk = value;
        else if (argument == "--runs") positive(options.runs);
        else if (argument == "--idle-seconds") positive(options.idleSeconds);
        else if (argument == "--settle-seconds") positive(options.settleSeconds);
        else if (argument == "--frames") positive(options.frames);
        else if (argument == "--renderer") {
            if (value == "both") options.renderers = {"software", "accelerated"};
            else if (value == "software" || value == "accelerated") options.renderers = {value};
            else options.error = "--renderer is software, accelerated or both";
        } else if (argument == "--display") options.display = value;
        else if (argument == "--data-dir") options.dataDir = value;
        else if (argument == "--size") {
            const auto x = value.find('x');
            const auto w = parseNumber(value.substr(0, x == std::string::npos ? 0 : x));
            const auto h = x == std::string::npos ? std::nullopt : parseNumber(value.substr(x + 1));
            if (!w || !h || *w < 320 || *h < 240 || *w > 7680 || *h > 4320) options.error = "--size takes WxH, such as 1920x1080";
            else {
                kWidth = static_cast<int>(*w);
                kHeight = static_cast<int>(*h);
            }
        } else options.error = "unknown option " + argument;
        if (!options.error.empty()) return options;
    }
    return options;
}

// ---------------------------------------------------------------------------------------------------------
// Child processes

// A process we started, read line by line from one of its file descriptors. Every wait has a deadline, and a
// child still running when this object goes away is killed, so the bench never leaves a kiosk behind.
class ChildProcess {
public:
    ChildProcess() = default;
    ~ChildProcess() {
        if (pid_ > 0 && !reaped_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, &status_, 0);
        }
        if (output_ >= 0) close(output_);
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Starts argv with env. The child's descriptor `outputFd` is a pipe that readLine() reads; its standard
    // output and error otherwise go to the end of `logFile`. The start time is taken just before the spawn.
    bool start(const std::vector<std::string>& argv, const std::vector<std::string>& env, int outputFd,
               const fs::path& logFile) {
        int ends[2];
        if (pipe2(ends, O_CLOEXEC) != 0) return false;
        // Out of the way of the descriptor numbers the child is given.
        const int writeEnd = fcntl(ends[1], F_DUPFD_CLOEXEC, 10);
        close(ends[1]);
        if (writeEnd < 0) {
            close(ends[0]);
            return false;
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        posix_spawn_file_actions_adddup2(&actions, writeEnd, outputFd);

        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        std::vector<char*> envp;
        for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
        envp.push_back(nullptr);

        startedUs_ = monotonicUs();
        const int failed = posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), envp.data());
        posix_spawn_file_actions_destroy(&actions);
        close(writeEnd);
        if (failed) {
            pid_ = -1;
            close(ends[0]);
            return false;
        }
        output_ = ends[0];
        return true;
    }

    // The next line the child wrote, or nothing when the deadline passes or the child closes its end.
    std::optional<std::string> readLine(SteadyClock::time_point deadline) {
        for (;;) {
            const auto newline = buffer_.find('\n');
            if (newline != std::string::npos) {
                std::string line = buffer_.substr(0, newline);
                buffer_.erase(0, newline + 1);
                return line;
            }
            const auto left = std::chrono::duration_cast<milliseconds>(deadline - SteadyClock::now()).count();
            if (left <= 0) return std::nullopt;
            pollfd ready{output_, POLLIN, 0};
            const int polled = poll(&ready, 1, static_cast<int>(left));
            if (polled < 0 && errno == EINTR) continue;
            if (polled <= 0) return std::nullopt;
            char chunk[4096];
            const ssize_t got = read(output_, chunk, sizeof chunk);
            if (got <= 0) return std::nullopt;
            buffer_.append(chunk, static_cast<std::size_t>(got));
        }
    }

    // Reads lines until one starts with `prefix`; returns the rest of that line.
    std::optional<std::string> waitForLine(const std::string& prefix, SteadyClock::time_point deadline) {
        while (auto line = readLine(deadline))
            if (line->starts_with(prefix)) return line->substr(prefix.size());
        return std::nullopt;
    }

    bool running() {
        if (pid_ <= 0 || reaped_) return false;
        if (waitpid(pid_, &status_, WNOHANG) == pid_) reaped_ = true;
        return !reaped_;
    }

    // SIGTERM (SDL turns it into SDL_QUIT), then SIGKILL after `grace`. True when it left on SIGTERM.
    bool stop(milliseconds grace) {
        if (!running()) return true;
        kill(pid_, SIGTERM);
        const auto deadline = SteadyClock::now() + grace;
        while (running() && SteadyClock::now() < deadline) std::this_thread::sleep_for(milliseconds(5));
        if (!running()) return true;
        kill(pid_, SIGKILL);
        waitpid(pid_, &status_, 0);
        reaped_ = true;
        return false;
    }

    // Sleeps, checking that the child is still there. False if it ended meanwhile.
    bool sleepWhileRunning(milliseconds duration) {
        const auto until = SteadyClock::now() + duration;
        while (SteadyClock::now() < until) {
            if (!running()) return false;
            std::this_thread::sleep_for(std::min<milliseconds>(
                milliseconds(200), std::chrono::duration_cast<milliseconds>(until - SteadyClock::now())));
        }
        return running();
    }

    std::string exitDescription() const {
        if (!reaped_) return "still running";
        if (WIFEXITED(status_)) return "exited with status " + std::to_string(WEXITSTATUS(status_));
        if (WIFSIGNALED(status_)) return std::string("killed by ") + strsignal(WTERMSIG(status_));
        return "ended";
    }

    pid_t pid() const { return pid_; }
    std::int64_t startedUs() const { return startedUs_; }

private:
    pid_t pid_ = -1;
    int output_ = -1;
    int status_ = 0;
    bool reaped_ = false;
    std::string buffer_;
    std::int64_t startedUs_ = 0;
};

// Our own Xvfb. -displayfd lets Xvfb pick a free display number itself and tells it once it accepts clients,
// so two benches (or a bench and a test run) on one machine never race for a number.
class VirtualDisplay {
public:
    bool start(const fs::path& logFile, std::string& error) {
        constexpr int kDisplayFd = 9;
        const std::vector<std::string> argv{"Xvfb", "-displayfd", std::to_string(kDisplayFd), "-screen", "0",
                                            std::to_string(kWidth) + "x" + std::to_string(kHeight) + "x24",
                                            "-nolisten", "tcp"};
        std::vector<std::string> env;
        for (char** e = environ; *e; ++e) env.emplace_back(*e);
        if (!xvfb_.start(argv, env, kDisplayFd, logFile)) {
            error = "cannot start Xvfb (apt install xvfb, or give --display)";
            return false;
        }
        const auto number = xvfb_.readLine(SteadyClock::now() + seconds(15));
        if (!number || !parseNumber(*number)) {
            error = "Xvfb did not start (" + xvfb_.exitDescription() + "; see " + logFile.string() + ")";
            return false;
        }
        name_ = ":" + *number;
        return true;
    }
    void stop() { xvfb_.stop(seconds(5)); }
    const std::string& name() const { return name_; }

private:
    ChildProcess xvfb_;
    std::string name_;
};

// ---------------------------------------------------------------------------------------------------------
// What /proc says about a process

std::string readFile(const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A "Key:   1234 kB" line of /proc/PID/status or smaps_rollup.
std::optional<long long> procField(const fs::path& file, const std::string& key) {
    std::istringstream lines(readFile(file));
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.starts_with(key)) continue;
        std::istringstream fields(line.substr(key.size()));
        long long value = 0;
        if (fields >> value) return value;
    }
    return std::nullopt;
}

struct CpuSample {
    long long ticks = 0;           // utime + stime, all threads, in clock ticks
    long long runNs = 0;           // the scheduler's own count, summed over threads: finer than ticks
    long long contextSwitches = 0; // voluntary + involuntary, summed over threads: about one per wake-up
    int threads = 0;
    bool ok = false;
};

CpuSample sampleCpu(pid_t pid) {
    CpuSample sample;
    const fs::path proc = "/proc/" + std::to_string(pid);
    // Fields 14 and 15 (utime, stime) of /proc/PID/stat, counted after the ")" that ends the command name.
    const std::string stat = readFile(proc / "stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) return sample;
    std::istringstream fields(stat.substr(close + 1));
    std::string field;
    for (int index = 3; index <= 15 && fields >> field; ++index) {
        if (index == 14) sample.ticks += parseNumber(field).value_or(0);
        if (index == 15) sample.ticks += parseNumber(field).value_or(0);
    }
    std::error_code ec;
    for (const auto& task : fs::directory_iterator(proc / "task", ec)) {
        std::istringstream schedstat(readFile(task.path() / "schedstat"));
        long long runNs = 0;
        if (schedstat >> runNs) sample.runNs += runNs;
        sample.contextSwitches += procField(task.path() / "status", "voluntary_ctxt_switches:").value_or(0);
        sample.contextSwitches += procField(task.path() / "status", "nonvoluntary_ctxt_switches:").value_or(0);
        ++sample.threads;
    }
    sample.ok = true;
    return sample;
}

// ---------------------------------------------------------------------------------------------------------
// Measurements

struct Statistics {
    double mean = 0;
    double median = 0;
    double p99 = 0;
    double worst = 0;
    std::size_t count = 0;
};

Statistics statistics(std::vector<double> values) {
    Statistics result;
    if (values.empty()) return result;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    result.count = n;
    result.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(n);
    result.median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    // Nearest rank: the smallest value with at least 99 % of the values at or below it.
    const std::size_t rank = (99 * n + 99) / 100;
    result.p99 = values[std::max<std::size_t>(rank, 1) - 1];
    result.worst = values.back();
    return result;
}

struct Setup {
    Options options;
    std::string display;
    fs::path config;
    fs::path dataDir;
    fs::path kioskLog;
};

std::vector<std::string> kioskEnvironment(const Setup& setup, const std::string& renderer) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string entry = *e;
        // Whatever the shell had must not choose the display, the video driver or the renderer for us.
        bool ours = false;
        for (const char* name : {"DISPLAY=", "WAYLAND_DISPLAY=", "SDL_VIDEODRIVER=", "SDL_RENDER_DRIVER=",
                                 "SDL_FRAMEBUFFER_ACCELERATION="})
            ours = ours || entry.starts_with(name);
        if (!ours) env.push_back(entry);
    }
    env.push_back("DISPLAY=" + setup.display);
    env.push_back("SDL_VIDEODRIVER=x11");
    // The kiosk sets this hint itself for the software renderer; said again so a reader of the bench sees it.
    if (renderer == "software") env.push_back("SDL_FRAMEBUFFER_ACCELERATION=0");
    return env;
}

std::vector<std::string> kioskArguments(const Setup& setup, const std::string& renderer) {
    return {setup.options.kiosk.string(),
            "--config",
            setup.config.string(),
            "--data-dir",
            setup.dataDir.string(),
            "--windowed",
            std::to_string(kWidth) + "x" + std::to_string(kHeight),
            "--renderer",
            renderer,
            "--report-first-frame",
            // The demo village, as `./setup.sh run` shows it: the home screen with its notices and data.
            "--demo"};
}

// A running kiosk that has shown its first frame.
struct StartedKiosk {
    double firstFrameMs = 0;   // from just before the spawn to the first SDL_RenderPresent
    std::string rendererName;  // what SDL actually drew with
    std::string error;
};

StartedKiosk startKiosk(ChildProcess& kiosk, const Setup& setup, const std::string& renderer,
                        std::vector<std::string> extraArguments, seconds timeout) {
    StartedKiosk started;
    auto argv = kioskArguments(setup, renderer);
    argv.insert(argv.end(), extraArguments.begin(), extraArguments.end());
    if (!kiosk.start(argv, kioskEnvironment(setup, renderer), 1, setup.kioskLog)) {
        started.error = "cannot start " + setup.options.kiosk.string();
        return started;
    }
    const auto deadline = SteadyClock::now() + timeout;
    const auto frameUs = kiosk.waitForLine("first-frame-monotonic-us ", deadline);
    const auto frameAt = frameUs ? parseNumber(*frameUs) : std::nullopt;
    if (!frameAt) {
        kiosk.stop(seconds(5));
        started.error = "no first frame within " + std::to_string(timeout.count()) + " s (" +
                        kiosk.exitDescription() + "; see " + setup.kioskLog.string() + ")";
        return started;
    }
    started.firstFrameMs = static_cast<double>(*frameAt - kiosk.startedUs()) / 1000.0;
    // Printed right after the first frame's time.
    started.rendererName = kiosk.waitForLine("renderer-name ", SteadyClock::now() + seconds(2)).value_or("?");
    return started;
}

struct ColdStart {
    std::vector<double> ms;
    std::string rendererName = "?";
    std::string error;
};

ColdStart measureColdStart(const Setup& setup, const std::string& renderer) {
    ColdStart result;
    // One untimed start first: it loads the renderer's libraries (llvmpipe) into the page cache.
    for (int run = 0; run <= setup.options.runs; ++run) {
        ChildProcess kiosk;
        const StartedKiosk started = startKiosk(kiosk, setup, renderer, {}, seconds(20));
        kiosk.stop(seconds(5));
        if (!started.error.empty()) {
            result.error = started.error;
            continue;
        }
        result.rendererName = started.rendererName;
        if (run > 0) result.ms.push_back(started.firstFrameMs);
    }
    return result;
}

struct Idle {
    double cpuPercent = 0;       // (utime + stime) / wall time
    double schedCpuPercent = 0;  // the same from the scheduler's nanosecond count
    double wakeupsPerSecond = 0;
    int threads = 0;
    double peakRssMiB = 0;
    double pssMiB = 0;
    std::string rendererName = "?";
    std::string error;
};

Idle measureIdle(const Setup& setup, const std::string& renderer) {
    Idle result;
    ChildProcess kiosk;
    const StartedKiosk started = startKiosk(kiosk, setup, renderer, {}, seconds(20));
    if (!started.error.empty()) {
        result.error = started.error;
        return result;
    }
    result.rendererName = started.rendererName;
    if (!kiosk.sleepWhileRunning(seconds(setup.options.settleSeconds))) {
        result.error = "the kiosk " + kiosk.exitDescription() + " while settling";
        return result;
    }
    const CpuSample before = sampleCpu(kiosk.pid());
    const auto from = SteadyClock::now();
    const bool stayed = kiosk.sleepWhileRunning(seconds(setup.options.idleSeconds));
    const CpuSample after = sampleCpu(kiosk.pid());
    const double wallSeconds = std::chrono::duration<double>(SteadyClock::now() - from).count();
    if (!stayed || !before.ok || !after.ok) {
        result.error = "the kiosk " + kiosk.exitDescription() + " during the idle period";
        return result;
    }
    const fs::path proc = "/proc/" + std::to_string(kiosk.pid());
    const double ticksPerSecond = static_cast<double>(sysconf(_SC_CLK_TCK));
    result.cpuPercent = 100.0 * static_cast<double>(after.ticks - before.ticks) / ticksPerSecond / wallSeconds;
    result.schedCpuPercent = 100.0 * static_cast<double>(after.runNs - before.runNs) / 1e9 / wallSeconds;
    result.wakeupsPerSecond = static_cast<double>(after.contextSwitches - before.contextSwitches) / wallSeconds;
    result.threads = after.threads;
    result.peakRssMiB = static_cast<double>(procField(proc / "status", "VmHWM:").value_or(0)) / 1024.0;
    result.pssMiB = static_cast<double>(procField(proc / "smaps_rollup", "Pss:").value_or(0)) / 1024.0;
    if (!kiosk.stop(seconds(5))) result.error = "did not leave on SIGTERM within 5 s (killed)";
    return result;
}

struct BusyWindow {
    double meanMs = 0;
    std::string error;
};

BusyWindow measureBusyWindow(const Setup& setup, const std::string& renderer) {
    BusyWindow result;
    ChildProcess kiosk;
    const int frames = setup.options.frames;
    const StartedKiosk started =
        startKiosk(kiosk, setup, renderer, {"--busy-frames", std::to_string(frames)}, seconds(20));
    if (!started.error.empty()) {
        result.error = started.error;
        return result;
    }
    // Up to a fifth of a second per frame, which is fifty times the target.
    const auto deadline = SteadyClock::now() + seconds(10) + milliseconds(200) * frames;
    const auto line = kiosk.waitForLine("busy-frames ", deadline);
    kiosk.stop(seconds(5));
    const auto totalAt = line ? line->find("total-us ") : std::string::npos;
    const auto totalUs = totalAt != std::string::npos ? parseNumber(line->substr(totalAt + 9)) : std::nullopt;
    if (!totalUs) {
        result.error = "no busy-frames line (" + kiosk.exitDescription() + ")";
        return result;
    }
    result.meanMs = static_cast<double>(*totalUs) / 1000.0 / frames;
    return result;
}

// The home screen drawn into memory by the software renderer, as the tests and screenshots draw it: the cost
// of ImGui and our screens alone, without a display or a present.
Statistics measureHeadless(int frames, std::string& error) {
    i18n::setLanguage("fr");
    services::RuntimeOptions runtimeOptions;
    runtimeOptions.inMemoryDatabase = true;
    runtimeOptions.pinStrength = services::PinHasher::Strength::FastForTests;
    runtimeOptions.seedDemoData = true;
    services::KioskRuntime runtime(services::KioskConfig{}, runtimeOptions);
    app::KioskServices services(runtime);
    app::HeadlessKiosk kiosk(&services, runtime.config, kWidth, kHeight);
    // The first frames build the font texture and settle the layout; the kiosk draws them once at start.
    kiosk.frames(5);
    if (kiosk.state().screen != app::kHomeScreen) error = "not on the home screen";
    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(frames));
    for (int i = 0; i < frames; ++i) {
        const std::int64_t from = monotonicUs();
        kiosk.frame();
        ms.push_back(static_cast<double>(monotonicUs() - from) / 1000.0);
    }
    return statistics(std::move(ms));
}

// Large text (the home screen's toggle): the fonts are made again 1.4 times larger, between two frames. What that
// costs: the frame that rebuilds them, the font atlas's size (the texture the renderer keeps), and a busy frame.
struct LargeText {
    int normalAtlasWidth = 0;
    int normalAtlasHeight = 0;
    int largeAtlasWidth = 0;
    int largeAtlasHeight = 0;
    Statistics toggleMs;  // the frame after the tap, fonts rebuilt and uploaded
    Statistics busyMs;    // home screen frames in large text
    std::string error;
};

LargeText measureLargeText(int frames) {
    LargeText result;
    i18n::setLanguage("fr");
    services::RuntimeOptions runtimeOptions;
    runtimeOptions.inMemoryDatabase = true;
    runtimeOptions.pinStrength = services::PinHasher::Strength::FastForTests;
    runtimeOptions.seedDemoData = true;
    services::KioskRuntime runtime(services::KioskConfig{}, runtimeOptions);
    app::KioskServices services(runtime);
    app::HeadlessKiosk kiosk(&services, runtime.config, kWidth, kHeight);
    kiosk.frames(5);
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    result.normalAtlasWidth = atlas->TexWidth;
    result.normalAtlasHeight = atlas->TexHeight;
    std::vector<double> toggles;
    for (int i = 0; i < 10; ++i) {
        kiosk.state().largeText = !kiosk.state().largeText;
        const std::int64_t from = monotonicUs();
        kiosk.frame();
        toggles.push_back(static_cast<double>(monotonicUs() - from) / 1000.0);
        if (kiosk.state().largeText) {
            result.largeAtlasWidth = ImGui::GetIO().Fonts->TexWidth;
            result.largeAtlasHeight = ImGui::GetIO().Fonts->TexHeight;
        }
    }
    result.toggleMs = statistics(std::move(toggles));
    kiosk.state().largeText = true;
    kiosk.frames(5);
    if (!kiosk.find("home.large_text")) result.error = "no large-text button on the home screen";
    std::vector<double> ms;
    for (int i = 0; i < frames; ++i) {
        const std::int64_t from = monotonicUs();
        kiosk.frame();
        ms.push_back(static_cast<double>(monotonicUs() - from) / 1000.0);
    }
    result.busyMs = statistics(std::move(ms));
    return result;
}

void printLargeText(const LargeText& figures) {
    if (!figures.error.empty()) {
        std::printf("large text: %s\n", figures.error.c_str());
        return;
    }
    auto mib = [](int w, int h) { return fixed(static_cast<double>(w) * h * 4 / (1024.0 * 1024.0), 2, " MiB"); };
    std::printf("\nlarge text at %dx%d (in memory):\n", kWidth, kHeight);
    std::printf("  font atlas, usual   %dx%d RGBA = %s\n", figures.normalAtlasWidth, figures.normalAtlasHeight,
                mib(figures.normalAtlasWidth, figures.normalAtlasHeight).c_str());
    std::printf("  font atlas, large   %dx%d RGBA = %s (one atlas at a time: the other is freed)\n",
                figures.largeAtlasWidth, figures.largeAtlasHeight,
                mib(figures.largeAtlasWidth, figures.largeAtlasHeight).c_str());
    std::printf("  the frame of the toggle, fonts rebuilt, mean/med/p99: %s / %s / %s\n", fixed(figures.toggleMs.mean, 1).c_str(),
                fixed(figures.toggleMs.median, 1).c_str(), fixed(figures.toggleMs.p99, 1, " ms").c_str());
    std::printf("  busy frame in large text, mean/med/p99: %s / %s / %s\n", fixed(figures.busyMs.mean, 2).c_str(),
                fixed(figures.busyMs.median, 2).c_str(), fixed(figures.busyMs.p99, 2, " ms").c_str());
}

// ---------------------------------------------------------------------------------------------------------
// Printing

std::string machineDescription() {
    std::string cpu = "unknown CPU";
    std::istringstream lines(readFile("/proc/cpuinfo"));
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.starts_with("model name")) continue;
        cpu = line.substr(line.find(':') + 2);
        break;
    }
    char date[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M", std::localtime(&now));
    utsname system{};
    uname(&system);
    return std::to_string(std::thread::hardware_concurrency()) + " cores, " + cpu + ", Linux " + system.release +
           ", " + date;
}

struct RendererFigures {
    std::string renderer;
    ColdStart cold;
    Idle idle;
    BusyWindow busy;
};

void printRow(const std::string& label, const std::vector<std::string>& cells, const std::string& target,
              const std::string& reference) {
    std::printf("%-36s", label.c_str());
    for (const auto& cell : cells) std::printf("%-17s", cell.c_str());
    std::printf("%-12s%s\n", target.c_str(), reference.c_str());
}

void printTable(const std::vector<RendererFigures>& all, const Statistics& headless, const std::string& headlessError,
                int frames) {
    auto cells = [&](auto figure) {
        std::vector<std::string> row;
        for (const auto& figures : all) row.push_back(figure(figures));
        return row;
    };
    auto orFailed = [](const std::string& error, const std::string& text) { return error.empty() ? text : "failed"; };
    std::printf("\n");
    std::vector<std::string> header;
    for (const auto& figures : all) header.push_back(figures.renderer);
    printRow("", header, "target", "Chromium kiosk (reference)");
    printRow("SDL renderer that drew", cells([](const RendererFigures& f) { return f.cold.rendererName; }), "", "");
    printRow("first frame, median of runs", cells([&](const RendererFigures& f) {
                 return f.cold.ms.empty() ? "failed" : fixed(statistics(f.cold.ms).median, 0, " ms");
             }),
             "<= " + fixed(kTargetFirstFrameMs, 0, " ms"), kChromiumFirstPaint);
    printRow("first frame, worst", cells([&](const RendererFigures& f) {
                 return f.cold.ms.empty() ? "failed" : fixed(statistics(f.cold.ms).worst, 0, " ms");
             }),
             "", "");
    printRow("idle CPU, % of one core", cells([&](const RendererFigures& f) {
                 return orFailed(f.idle.error, fixed(f.idle.cpuPercent, 3, " %"));
             }),
             "<= " + fixed(kTargetIdlePercent, 1, " %"), kChromiumIdle);
    printRow("  same, scheduler ns count", cells([&](const RendererFigures& f) {
                 return orFailed(f.idle.error, fixed(f.idle.schedCpuPercent, 3, " %"));
             }),
             "", "");
    printRow("  wake-ups per second", cells([&](const RendererFigures& f) {
                 return orFailed(f.idle.error, fixed(f.idle.wakeupsPerSecond, 2));
             }),
             "", "");
    printRow("  threads", cells([&](const RendererFigures& f) {
                 return orFailed(f.idle.error, std::to_string(f.idle.threads));
             }),
             "", "");
    printRow("peak RSS (VmHWM)", cells([&](const RendererFigures& f) {
                 return orFailed(f.idle.error, fixed(f.idle.peakRssMiB, 1, " MiB"));
             }),
             "", "");
    printRow("PSS (smaps_rollup)", cells([&](const RendererFigures& f) {
                 return orFailed(f.idle.error, fixed(f.idle.pssMiB, 1, " MiB"));
             }),
             "<= " + fixed(kTargetPssMiB, 0, " MB"), kChromiumPss);
    printRow("busy frame, windowed, mean", cells([&](const RendererFigures& f) {
                 return orFailed(f.busy.error, fixed(f.busy.meanMs, 2, " ms"));
             }),
             "<= " + fixed(kTargetFrameMs, 0, " ms"), "");
    const std::string headlessCell =
        headlessError.empty() ? fixed(headless.mean, 2) + " / " + fixed(headless.median, 2) + " / " +
                                    fixed(headless.p99, 2, " ms")
                              : "failed";
    std::printf("%-36s%-34s%-12s\n", "busy frame, in memory, mean/med/p99", headlessCell.c_str(),
                ("<= " + fixed(kTargetFrameMs, 0, " ms")).c_str());
    std::printf("\n(in memory: HeadlessKiosk, software renderer into a surface, no present, %d frames)\n", frames);
}

// ---------------------------------------------------------------------------------------------------------

int run(const Options& options) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    std::string buildType = VK_BUILD_TYPE;
    if (buildType.empty()) buildType = "no build type";
    std::printf("village-kiosk benchmark, %dx%d, %s build\n%s\nkiosk: %s\n", kWidth, kHeight, buildType.c_str(),
                machineDescription().c_str(), options.kiosk.c_str());
    if (!fs::exists(options.kiosk)) {
        std::printf("kiosk_bench: %s not found (build village-kiosk, or give --kiosk)\n", options.kiosk.c_str());
        return 1;
    }

    Setup setup;
    setup.options = options;
    char folderTemplate[] = "/tmp/kiosk-bench-XXXXXX";
    const char* folder = mkdtemp(folderTemplate);
    if (!folder) {
        std::printf("kiosk_bench: cannot make a temporary folder\n");
        return 1;
    }
    const fs::path workFolder = folder;
    // The embedded defaults, whatever /etc/village-kiosk or ~/.config hold on this machine.
    setup.config = workFolder / "kiosk.toml";
    std::ofstream(setup.config) << "# kiosk_bench: the embedded defaults\n";
    setup.dataDir = options.dataDir.empty() ? workFolder / "data" : options.dataDir;
    setup.kioskLog = workFolder / "kiosk.log";

    // In memory first: it needs no display.
    std::printf("\nbusy frame in memory: %d frames of the home screen...\n", options.frames);
    std::string headlessError;
    Statistics headless;
    try {
        headless = measureHeadless(options.frames, headlessError);
    } catch (const std::exception& error) {
        headlessError = error.what();
    }
    if (!headlessError.empty()) std::printf("  %s\n", headlessError.c_str());
    LargeText largeText;
    try {
        largeText = measureLargeText(options.frames);
    } catch (const std::exception& error) {
        largeText.error = error.what();
    }
    printLargeText(largeText);
    if (options.headlessOnly) {
        printTable({}, headless, headlessError, options.frames);
        return 0;
    }

    VirtualDisplay xvfb;
    setup.display = options.display;
    if (setup.display.empty()) {
        std::string error;
        if (!xvfb.start(workFolder / "xvfb.log", error)) {
            std::printf("kiosk_bench: %s\n", error.c_str());
            printTable({}, headless, headlessError, options.frames);
            return 1;
        }
        setup.display = xvfb.name();
    }
    std::printf("display %s%s, data folder %s, kiosk output in %s\n", setup.display.c_str(),
                options.display.empty() ? " (our own Xvfb)" : "", setup.dataDir.c_str(), setup.kioskLog.c_str());

    // The first start into an empty folder creates and seeds the database (argon2id hashes): not measured.
    {
        std::printf("warming the data folder...\n");
        ChildProcess kiosk;
        const StartedKiosk started = startKiosk(kiosk, setup, "software", {}, seconds(120));
        kiosk.stop(seconds(5));
        if (!started.error.empty()) std::printf("  %s\n", started.error.c_str());
    }

    std::vector<RendererFigures> all;
    for (const auto& renderer : options.renderers) {
        RendererFigures figures;
        figures.renderer = renderer;
        std::printf("\n%s: %d cold starts...\n", renderer.c_str(), options.runs);
        figures.cold = measureColdStart(setup, renderer);
        std::printf("  first frame after (ms):");
        for (const double ms : figures.cold.ms) std::printf(" %.0f", ms);
        std::printf("%s%s\n", figures.cold.error.empty() ? "" : "  error: ", figures.cold.error.c_str());
        std::printf("%s: idle for %d s after %d s settling...\n", renderer.c_str(), options.idleSeconds,
                    options.settleSeconds);
        figures.idle = measureIdle(setup, renderer);
        if (!figures.idle.error.empty()) std::printf("  %s\n", figures.idle.error.c_str());
        std::printf("%s: %d frames back to back in the window...\n", renderer.c_str(), options.frames);
        figures.busy = measureBusyWindow(setup, renderer);
        if (!figures.busy.error.empty()) std::printf("  %s\n", figures.busy.error.c_str());
        all.push_back(std::move(figures));
    }
    if (options.display.empty()) xvfb.stop();

    printTable(all, headless, headlessError, options.frames);
    std::printf("Figures only: nothing here fails a build. The kiosk's own process is measured; the X server is "
                "not.\n");
    bool failures = !headlessError.empty();
    for (const auto& figures : all)
        failures = failures || !figures.cold.error.empty() || !figures.idle.error.empty() || !figures.busy.error.empty();
    // A given data folder is the caller's; ours goes, unless its logs explain a failure.
    std::error_code ec;
    if (failures) std::printf("Logs kept in %s\n", workFolder.c_str());
    else fs::remove_all(workFolder, ec);
    return 0;
}

}  // namespace
}  // namespace vk::bench

int main(int argc, char** argv) {
    const vk::bench::Options options = vk::bench::parseOptions(argc, argv);
    if (options.help) {
        std::printf("%s", vk::bench::kUsage);
        return 0;
    }
    if (!options.error.empty()) {
        std::fprintf(stderr, "kiosk_bench: %s\n\n%s", options.error.c_str(), vk::bench::kUsage);
        return 2;
    }
    return vk::bench::run(options);
}
