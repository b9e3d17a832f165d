// The headless kiosk on the demo village, tapped for a long time: every tap lands on a widget the last frame drew
// (a button, a row, a key of the on-screen keyboard, chosen at random), the clock moves a few seconds after each
// and ten minutes every 25 taps, so that idle returns, the minute's redraws and the background work happen as on a
// counter. Every thousand taps it
// prints the resident memory and the open file descriptors. On demand, not in CI (docs/reliability.md):
//   reliability_soak [--taps N] [--every N] [--seed S] [--data-dir DIR]
// It asserts nothing: the figures are for reading. It stops with exit 1 only if the kiosk cannot be driven at all.

#include "kiosk/app/headless_kiosk.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/kiosk_runtime.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;
using namespace vk;

namespace {

long residentKiB() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    statm >> pages >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

int openDescriptors() {
    int count = 0;
    std::error_code ec;
    for (fs::directory_iterator entry("/proc/self/fd", ec); !ec && entry != fs::directory_iterator(); entry.increment(ec))
        ++count;
    return count;
}

}  // namespace

int main(int argc, char** argv) {
    long taps = 100'000;
    long every = 1000;
    unsigned seed = 1;
    fs::path dataDir = fs::temp_directory_path() / ("vk-soak-" + std::to_string(getpid()));
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--taps") taps = std::stol(argv[i + 1]);
        else if (flag == "--every") every = std::max(1L, std::stol(argv[i + 1]));
        else if (flag == "--seed") seed = static_cast<unsigned>(std::stoul(argv[i + 1]));
        else if (flag == "--data-dir") dataDir = argv[i + 1];
        else {
            std::cerr << "usage: reliability_soak [--taps N] [--every N] [--seed S] [--data-dir DIR]\n";
            return 2;
        }
    }
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setvbuf(stdout, nullptr, _IOLBF, 0);
    i18n::setLanguage("fr");
    fs::remove_all(dataDir);
    services::KioskConfig config;
    config.dataDir = dataDir;
    services::ManualClock clock{static_cast<std::int64_t>(std::time(nullptr)) * 1000};
    services::RuntimeOptions options;
    options.pinStrength = services::PinHasher::Strength::FastForTests;
    options.clock = &clock;
    options.seedDemoData = true;
    services::KioskRuntime runtime(config, options);
    app::KioskServices kioskServices(runtime);
    app::HeadlessKiosk kiosk(&kioskServices, runtime.config, 1280, 800);
    kiosk.frames(5);

    std::mt19937 random(seed);
    std::printf("soak: %ld taps, seed %u, database %s\n", taps, seed, runtime.database.file().c_str());
    const auto started = std::chrono::steady_clock::now();
    std::printf("%10s %12s %8s %s\n", "taps", "RSS KiB", "fds", "screen");
    long firstRss = 0;
    long lastRss = 0;
    int firstFds = 0;
    int lastFds = 0;
    long missed = 0;
    for (long tap = 1; tap <= taps; ++tap) {
        std::vector<const ui::DrawnItem*> targets;
        for (const auto& item : kiosk.drawn())
            if (item.tappable && !item.id.empty()) targets.push_back(&item);
        if (targets.empty()) {
            // A countdown or a message with nothing to tap: let time pass.
            ++missed;
            clock.advanceMs(30'000);
            kiosk.frames(2);
            continue;
        }
        const std::string id = targets[std::uniform_int_distribution<std::size_t>(0, targets.size() - 1)(random)]->id;
        kiosk.tap(id);
        clock.advanceMs(std::uniform_int_distribution<int>(200, 20'000)(random));
        kiosk.frame();
        // Now and then the visitor walks away: the idle timeout takes the kiosk home, and the next tap starts
        // another task there instead of typing on the same keyboard for ever.
        if (tap % 25 == 0) {
            clock.advanceMs(10 * 60'000);
            kiosk.frames(3);
        }
        if (tap % every == 0) {
            lastRss = residentKiB();
            lastFds = openDescriptors();
            // The first report is the end of the warm-up: fonts, textures, the first drawing of most screens.
            if (tap == every) {
                firstRss = lastRss;
                firstFds = lastFds;
            }
            std::printf("%10ld %12ld %8d %s\n", tap, lastRss, lastFds, std::string(kiosk.state().screen.name).c_str());
            std::fflush(stdout);
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("after warm-up: RSS %+ld KiB, descriptors %+d; %ld moments with nothing to tap; %.0f taps/s\n",
                lastRss - firstRss, lastFds - firstFds, missed, static_cast<double>(taps) / seconds);
    runtime.stop();
    fs::remove_all(dataDir);
    return missed == taps ? 1 : 0;
}
