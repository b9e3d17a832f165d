// parcels_bench: how long the relay point takes to find a parcel in years of them. Fills a file-backed database
// (WAL, synchronous FULL, as on the kiosk) with 1 000 000 parcels, of which a few hundred are on the shelf (the
// rest picked up, returned or sent, as after years of use), then times through the real store and desk:
// lookup by tracking number (the scanner, on the shelf and in the history), by pickup code (the counter and the
// public keypad), the morning's returns list, and one intake with its messages. Prints median, p99 and max;
// asserts nothing (timings on a shared machine are for reading).
//
//   ./build/dev/tests/bench/parcels_bench [--parcels N] [--lookups N] [--keep]

#include "hardware/receipt.h"
#include "kiosk/services/clock.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/parcels/parcel_desk.h"
#include "kiosk/services/pin_hasher.h"
#include "kiosk/services/staff_service.h"
#include "storage/database.h"
#include "storage/parcel_store.h"
#include "storage/record_id.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace vk;
using namespace vk::services;
using SteadyClock = std::chrono::steady_clock;

constexpr const char* kMeasuredDay = "2030-07-03";
constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

struct Figures {
    double medianUs = 0;
    double p99Us = 0;
    double maxUs = 0;
};

Figures summarize(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    const auto at = [&](double q) {
        return samples[std::min(samples.size() - 1, static_cast<std::size_t>(q * static_cast<double>(samples.size())))];
    };
    return {at(0.5), at(0.99), samples.back()};
}

Figures timeEach(int count, const std::function<void(int)>& work) {
    std::vector<double> samples;
    samples.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const auto start = SteadyClock::now();
        work(i);
        samples.push_back(std::chrono::duration<double, std::micro>(SteadyClock::now() - start).count());
    }
    return summarize(std::move(samples));
}

void print(const char* what, const Figures& f) {
    std::printf("  %-44s median %8.1f us   p99 %8.1f us   max %8.1f us\n", what, f.medianUs, f.p99Us, f.maxUs);
}

std::string trackingOf(int i) { return "BX" + std::to_string(100'000'000 + i) + "FR"; }

std::string codeOf(std::mt19937& random) {
    std::string code;
    for (int i = 0; i < 6; ++i)
        code += parcels::kPickupCodeAlphabet[random() % parcels::kPickupCodeAlphabet.size()];
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    int parcelCount = 1'000'000;
    int lookups = 2000;
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--parcels") == 0 && i + 1 < argc) parcelCount = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--lookups") == 0 && i + 1 < argc) lookups = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--keep") == 0) keep = true;
    }
    const fs::path folder = fs::temp_directory_path() / ("vk-parcels-bench-" + std::to_string(getpid()));
    fs::create_directories(folder);
    const fs::path file = folder / "village-kiosk.db";

    const std::int64_t now = *health::localToUnixMs(kMeasuredDay, "08:30");
    ManualClock clock(now);
    auto db = storage::Database::open(file);
    std::vector<std::string> shelfCodes;
    std::vector<std::string> shelfTracking;
    {
        const auto fillStart = SteadyClock::now();
        storage::ParcelStore store(db);
        const auto carriers = store.carriers();
        std::mt19937 random(42);
        SQLite::Transaction transaction(db.sql());
        SQLite::Statement insert(db.sql(),
                                 "INSERT INTO parcel(id, origin_kiosk, direction, carrier_id, tracking, status, "
                                 "recipient_name, recipient_phone, shelf_place, pickup_code, received_at, deadline_day, "
                                 "picked_up_at, closed_at, created_at, updated_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        // Oldest first, a day's worth of parcels after another, the last few hundred still on the shelf.
        const int onShelf = std::min(parcelCount, 300);
        const std::int64_t spanMs = 5 * 365 * kDayMs;
        for (int i = 0; i < parcelCount; ++i) {
            const std::int64_t receivedAt = now - spanMs + spanMs * static_cast<std::int64_t>(i) / parcelCount;
            const bool shelf = i >= parcelCount - onShelf;
            const bool outgoing = !shelf && i % 7 == 0;
            const std::string tracking = trackingOf(i);
            insert.bind(1, storage::newRecordId(receivedAt));
            insert.bind(2, db.kioskId());
            insert.bind(3, outgoing ? "outgoing" : "incoming");
            insert.bind(4, carriers[static_cast<std::size_t>(i) % carriers.size()].id);
            insert.bind(5, tracking);
            insert.bind(6, shelf ? "on_shelf" : outgoing ? "collected" : (i % 11 == 0 ? "returned" : "picked_up"));
            insert.bind(7, "Résident " + std::to_string(i % 5000));
            insert.bind(8, "06" + std::to_string(10'000'000 + i % 90'000'000));
            // Twenty of the shelf's parcels are a day late: the morning's returns.
            const int shelfIndex = i - (parcelCount - onShelf);
            insert.bind(9, std::string(1, static_cast<char>('A' + (i % 10))) + std::to_string(1 + i % 30));
            std::string code = codeOf(random);
            insert.bind(10, code);
            insert.bind(11, receivedAt);
            insert.bind(12, health::addDays(kMeasuredDay, shelf ? (shelfIndex < 20 ? -1 : 1 + shelfIndex % 7)
                                                               : -1 - (parcelCount - i) / 200));
            if (shelf) {
                insert.bind(13);
                insert.bind(14);
                shelfCodes.push_back(code);
                shelfTracking.push_back(tracking);
            } else {
                insert.bind(13, receivedAt + kDayMs);
                insert.bind(14, receivedAt + kDayMs);
            }
            insert.bind(15, receivedAt);
            insert.bind(16, receivedAt);
            insert.exec();
            insert.reset();
        }
        transaction.commit();
        db.sql().exec("ANALYZE");
        const double fillSeconds = std::chrono::duration<double>(SteadyClock::now() - fillStart).count();
        std::printf("parcels_bench: %d parcels (%zu on the shelf) written in %.1f s; database %.0f MB\n", parcelCount,
                    shelfCodes.size(), fillSeconds, static_cast<double>(fs::file_size(file)) / 1e6);
    }

    StaffService staff(db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{});
    hardware::PreviewPrinter printer;
    parcels::ParcelDesk desk(db, clock, staff, printer, parcels::ParcelsSettings{});
    storage::ParcelStore& store = desk.store();
    std::mt19937 random(7);
    int missed = 0;

    std::printf("lookups (%d each), on %s at 08:30:\n", lookups, kMeasuredDay);
    print("tracking number, parcel on the shelf", timeEach(lookups, [&](int i) {
              if (!store.onShelfByTracking(shelfTracking[static_cast<std::size_t>(i) % shelfTracking.size()])) ++missed;
          }));
    print("tracking number, in the history", timeEach(lookups, [&](int) {
              if (store.byTracking(trackingOf(static_cast<int>(random() % static_cast<unsigned>(parcelCount)))).empty()) ++missed;
          }));
    print("tracking number, unknown (a new parcel)", timeEach(lookups, [&](int i) {
              if (store.onShelfByTracking("ZZ" + std::to_string(i))) ++missed;
          }));
    print("pickup code at the counter", timeEach(lookups, [&](int i) {
              if (desk.onShelfByCode(shelfCodes[static_cast<std::size_t>(i) % shelfCodes.size()]).empty()) ++missed;
          }));
    print("pickup code, wrong (a guess)", timeEach(lookups, [&](int) { desk.onShelfByCode(codeOf(random)); }));
    std::size_t due = 0;
    print("the morning's returns list", timeEach(std::max(20, lookups / 20), [&](int) {
              due = 0;
              for (const auto& batch : desk.dueForReturn()) due += batch.parcels.size();
          }));
    std::printf("  (%zu parcels due for return)\n", due);
    const StaffSession& actor = systemActor(SystemActor::CommandLine);
    print("an intake with its SMS and e-mail queued", timeEach(std::min(200, lookups), [&](int i) {
              parcels::IntakeInput input;
              input.tracking = "NEW" + std::to_string(1'000'000 + i);
              input.carrierCode = "dpd";
              input.recipient = "Nouveau Résident";
              input.phone = "0612345678";
              input.email = "resident@example.fr";
              input.place = "SOL";
              if (!desk.receive(&actor, input).ok()) ++missed;
          }));
    if (missed > 0) std::printf("  %d lookups did not find what they should have\n", missed);
    for (const std::string& plan : store.lookupQueryPlans()) std::printf("  plan: %s\n", plan.c_str());

    if (keep) {
        std::printf("database kept at %s\n", file.c_str());
    } else {
        std::error_code ignored;
        fs::remove_all(folder, ignored);
    }
    return 0;
}
