// The headless kiosk on the demo village, tapped for a long time, with the resident memory and the open file
// descriptors printed every thousand taps (docs/reliability.md):
//   reliability_soak [--taps N] [--every N] [--seed S] [--data-dir DIR] [--random] [--max-growth-kib K]
//                    [--paint-every N]
//
// By default it plays a scripted week of use, in a database file: each day residents check in for the doctor,
// look at the health centre's week, type a parcel's pickup code, read the board and open the orders; the café
// manager signs in, sells stamps, scans parcels in and signs out; the medical assistant opens the appointments;
// between tasks the clock moves a few minutes, idle returns take the kiosk home, and after each day's tasks it
// moves to the next morning. With --random every tap lands instead on any widget the last frame drew.
// It reports the steps whose widget was not on screen (a script that lost its way) and exits 1 when the kiosk
// could not be driven at all, or when --max-growth-kib is given and the memory after warm-up grew more, or the
// descriptors grew (the short CI run). --paint-every N paints one frame in N (SDL's software renderer, most of the
// time of a frame): every frame is still built, its widgets laid out and its taps applied.

#include "kiosk/app/headless_kiosk.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/kiosk_runtime.h"
#include "hardware/reader_events.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
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

// One step of a task: a tap on a widget, digits or letters on a keypad, a barcode from the scanner.
struct Driver {
    app::HeadlessKiosk& kiosk;
    services::KioskRuntime& runtime;
    services::ManualClock& clock;
    long taps = 0;
    long missedSteps = 0;
    std::map<std::string, long> missedById;

    bool tap(const std::string& id) {
        ++taps;
        if (!kiosk.tap(id)) {
            ++missedSteps;
            ++missedById[id];
            return false;
        }
        clock.advanceMs(1500);
        kiosk.frame();
        return true;
    }
    bool keys(const std::string& prefix, const std::string& text) {
        for (const char c : text)
            if (!tap(prefix + c)) return false;
        return true;
    }
    void scan(const std::string& barcode) {
        hardware::SimulatedReader(runtime.readers).scanBarcode(barcode);
        kiosk.frames(2);
    }
    bool signIn(const std::string& name, const std::string& pin) {
        std::string id;
        for (const auto& account : runtime.staff.accounts())
            if (account.displayName == name) id = account.id;
        return tap("home.staff_entry") && tap("staff.sign_in.account." + id) && keys("pad.", pin) && tap("pad.ok");
    }
    // The visitor walks away: the idle timeout takes the kiosk home (and signs staff out).
    void leave() {
        clock.advanceMs(5 * 60'000);
        kiosk.frames(3);
        if (kiosk.state().screen != app::kHomeScreen || kiosk.state().staff) {
            kiosk.ui().returnHome("soak");
            kiosk.frames(2);
        }
    }
};

// The week's tasks, as residents and staff do them. Each starts at home and leaves the kiosk to go home.
void residentChecksIn(Driver& d) {
    d.tap("home.tile.health") && d.tap("health.check_in") && d.tap("check_in.by_birth_date") &&
        d.keys("pad.", "14031950") && d.tap("pad.ok") && d.keys("letters.", "MO") && d.tap("letters.ok") &&
        d.tap("check_in.finish");
}
void residentReadsTheHealthWeek(Driver& d) { d.tap("home.tile.health") && d.tap("common.back"); }
void residentTypesAPickupCode(Driver& d, std::mt19937& random) {
    static constexpr std::string_view kAlphabet = "346789ACDEFGHJKMNPQRTUVWXY";
    std::string code = "K7M4PQ";
    // Most days a code from a real SMS, sometimes a slip of the finger.
    if (random() % 3 == 0)
        for (char& c : code) c = kAlphabet[random() % kAlphabet.size()];
    d.tap("home.tile.parcels") && d.keys("parcels.key.", code) && d.tap("parcels.key.ok") &&
        d.tap("parcels.pickup.finish");
}
void residentReadsTheBoard(Driver& d) { d.tap("home.tile.board") && d.tap("common.back"); }
void residentLooksAtOrders(Driver& d) { d.tap("home.tile.orders") && d.tap("common.back"); }
void managerSellsStamps(Driver& d) {
    d.signIn("Julien Girard", "1357") && d.tap("staff.home.postal_sale") && d.tap("postal.item.lettre_verte") &&
        d.tap("postal.plus.lettre_verte") && d.tap("postal.card") && d.tap("postal.checkout") &&
        d.tap("common.back") && d.tap("staff.home.sign_out");
}
void managerScansParcelsIn(Driver& d, long& parcelNumber) {
    if (!(d.signIn("Julien Girard", "1357") && d.tap("staff.home.parcels"))) return;
    for (int i = 0; i < 2; ++i) {
        char tracking[24];
        std::snprintf(tracking, sizeof tracking, "6A%011ld", ++parcelNumber);
        d.scan(tracking);
        if (!(d.keys("kbd.", "rose") && d.tap("parcels.intake.save"))) break;
    }
    d.tap("common.back") && d.tap("staff.home.sign_out");
}
void assistantOpensTheAppointments(Driver& d) {
    d.signIn("Claire Moreau", "2580") && d.tap("staff.home.appointments") && d.tap("common.back") &&
        d.tap("staff.home.sign_out");
}

int main(int argc, char** argv) {
    long taps = 100'000;
    long every = 1000;
    unsigned seed = 1;
    bool randomTaps = false;
    long maxGrowthKiB = -1;
    int paintEvery = 1;
    fs::path dataDir = fs::temp_directory_path() / ("vk-soak-" + std::to_string(getpid()));
    for (int i = 1; i < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--random") {
            randomTaps = true;
            --i;
            continue;
        }
        if (i + 1 >= argc) {
            std::cerr << "reliability_soak: " << flag << " needs a value\n";
            return 2;
        }
        if (flag == "--taps") taps = std::stol(argv[i + 1]);
        else if (flag == "--every") every = std::max(1L, std::stol(argv[i + 1]));
        else if (flag == "--seed") seed = static_cast<unsigned>(std::stoul(argv[i + 1]));
        else if (flag == "--data-dir") dataDir = argv[i + 1];
        else if (flag == "--max-growth-kib") maxGrowthKiB = std::stol(argv[i + 1]);
        else if (flag == "--paint-every") paintEvery = std::stoi(argv[i + 1]);
        else {
            std::cerr << "usage: reliability_soak [--taps N] [--every N] [--seed S] [--data-dir DIR] [--random] "
                         "[--max-growth-kib K] [--paint-every N]\n";
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
    kiosk.paintOneFrameIn(paintEvery);
    kiosk.frames(5);

    std::mt19937 random(seed);
    std::printf("soak: %ld taps (%s), seed %u, database %s\n", taps, randomTaps ? "random" : "a scripted week", seed,
                runtime.database.file().c_str());
    const auto started = std::chrono::steady_clock::now();
    std::printf("%10s %12s %8s %6s %s\n", "taps", "RSS KiB", "fds", "day", "screen");
    long firstRss = 0;
    long lastRss = 0;
    int firstFds = 0;
    int lastFds = 0;
    long missed = 0;
    long nextReport = every;
    Driver driver{kiosk, runtime, clock, 0, 0, {}};
    long parcelNumber = 0;
    int day = 0;
    int tasksToday = 0;
    const auto report = [&] {
        lastRss = residentKiB();
        lastFds = openDescriptors();
        // The first report is the end of the warm-up: fonts, textures, the first drawing of most screens.
        if (nextReport == every) {
            firstRss = lastRss;
            firstFds = lastFds;
        }
        std::printf("%10ld %12ld %8d %6d %s\n", driver.taps, lastRss, lastFds, day + 1,
                    std::string(kiosk.state().screen.name).c_str());
        std::fflush(stdout);
        nextReport += every;
    };
    while (driver.taps < taps) {
        if (randomTaps) {
            std::vector<const ui::DrawnItem*> targets;
            for (const auto& item : kiosk.drawn())
                if (item.tappable && !item.id.empty()) targets.push_back(&item);
            if (targets.empty()) {
                // A countdown or a message with nothing to tap: let time pass.
                ++missed;
                ++driver.taps;
                clock.advanceMs(30'000);
                kiosk.frames(2);
            } else {
                driver.tap(targets[std::uniform_int_distribution<std::size_t>(0, targets.size() - 1)(random)]->id);
                clock.advanceMs(std::uniform_int_distribution<int>(200, 20'000)(random));
                // Now and then the visitor walks away, and the next tap starts another task at home.
                if (driver.taps % 25 == 0) driver.leave();
            }
        } else {
            // A day at the café: residents in the morning and all day, the manager and the assistant between them.
            switch (std::uniform_int_distribution<int>(0, 8)(random)) {
            case 0:
            case 1: residentChecksIn(driver); break;
            case 2: residentReadsTheHealthWeek(driver); break;
            case 3: residentTypesAPickupCode(driver, random); break;
            case 4: residentReadsTheBoard(driver); break;
            case 5: residentLooksAtOrders(driver); break;
            case 6: managerSellsStamps(driver); break;
            case 7: managerScansParcelsIn(driver, parcelNumber); break;
            case 8: assistantOpensTheAppointments(driver); break;
            }
            driver.leave();
            // Forty tasks a day, then the next morning (the night's background work: reminders, retention).
            if (++tasksToday == 40) {
                tasksToday = 0;
                day = (day + 1) % 7;
                clock.advanceMs(13LL * 60 * 60'000);
                runtime.pollAreas(clock.nowMs());
                kiosk.frames(3);
            }
        }
        if (driver.taps >= nextReport) report();
    }
    missed += driver.missedSteps;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("after warm-up: RSS %+ld KiB, descriptors %+d; %ld steps whose widget was not on screen; %.0f taps/s\n",
                lastRss - firstRss, lastFds - firstFds, missed, static_cast<double>(driver.taps) / seconds);
    for (const auto& [id, times] : driver.missedById) std::printf("  not on screen %ld times: %s\n", times, id.c_str());
    runtime.stop();
    fs::remove_all(dataDir);
    if (missed >= driver.taps) return 1;
    if (maxGrowthKiB >= 0 && (lastRss - firstRss > maxGrowthKiB || lastFds > firstFds)) {
        std::printf("FAILED: more than %ld KiB of memory, or descriptors, kept after the warm-up\n", maxGrowthKiB);
        return 1;
    }
    return 0;
}
