// postal_bench: how long the café manager waits at the postal counter, with a year of sales in the books.
// Fills a file-backed database (WAL, synchronous FULL, as on the kiosk) with 300 days of 40 sales each through the
// real PostalCounter, then times a sale (its commit included), the day's report and the day's closing on a busy
// day of 400 sales, and what the impact report costs over that year (counted live, kept, read back). Prints
// median, p99 and max; asserts nothing (timings on a shared machine are for reading).
//
//   ./build/dev/tests/bench/postal_bench [--days N] [--sales-per-day N]

#include "kiosk/services/clock.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/impact/impact_counts.h"
#include "kiosk/services/pin_hasher.h"
#include "kiosk/services/postal/postal_counter.h"
#include "kiosk/services/staff_service.h"
#include "storage/database.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace vk::services;
using namespace vk::services::postal;
using SteadyClock = std::chrono::steady_clock;

double millisecondsOf(const std::function<void()>& work) {
    const auto start = SteadyClock::now();
    work();
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

void printFigures(const char* what, std::vector<double> times) {
    std::sort(times.begin(), times.end());
    const auto at = [&](double fraction) { return times[static_cast<std::size_t>(fraction * static_cast<double>(times.size() - 1))]; };
    std::printf("%-44s n=%-6zu median %8.3f ms   p99 %8.3f ms   max %8.3f ms\n", what, times.size(), at(0.5), at(0.99),
                times.back());
}

}  // namespace

int main(int argc, char** argv) {
    int days = 300;
    int salesPerDay = 40;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--days") == 0) days = std::max(1, std::atoi(argv[i + 1]));
        if (std::strcmp(argv[i], "--sales-per-day") == 0) salesPerDay = std::max(1, std::atoi(argv[i + 1]));
    }
    const auto folder = std::filesystem::temp_directory_path() / ("postal_bench_" + std::to_string(getpid()));
    std::filesystem::create_directories(folder);
    {
        vk::storage::Database db = vk::storage::Database::open(folder / "village-kiosk.db");
        const std::string firstDay = "2030-01-01";
        ManualClock clock(*health::localToUnixMs(firstDay, "09:00"));
        StaffService staff(db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{});
        const StaffSession& actor = systemActor(SystemActor::CommandLine);
        PostalCounter counter(db, clock, staff);
        counter.seedDefaultCatalogue();
        std::vector<std::string> items;
        for (const CatalogueEntry& entry : counter.catalogue())
            if (entry.item.kind != PostalItemKind::Registered) items.push_back(entry.item.id);
        const std::string registered = counter.itemByCode("recommande")->id;

        long long letterSerial = 0;
        const auto sale = [&](int n) {
            SaleRequest request;
            request.lines = {{items[static_cast<std::size_t>(n) % items.size()], 1 + n % 5}};
            if (n % 4 == 0) {
                char number[16];
                std::snprintf(number, sizeof number, "1A%011lld", letterSerial++);
                request.letters = {{registered, number, "Blois"}};
            }
            request.method = static_cast<PaymentMethod>(n % 3);
            return counter.sell(&actor, request);
        };

        std::printf("Filling %d days of %d sales…\n", days, salesPerDay);
        std::vector<double> fillTimes;
        for (int day = 0; day < days; ++day) {
            const std::string date = health::addDays(firstDay, day);
            clock.setMs(*health::localToUnixMs(date, "09:00"));
            for (int n = 0; n < salesPerDay; ++n) {
                clock.advanceMs(60'000);
                fillTimes.push_back(millisecondsOf([&] { sale(n); }));
            }
            counter.closeDay(&actor, date);
        }
        printFigures("sale (commit included), while filling", fillTimes);

        const std::string busy = health::addDays(firstDay, days);
        clock.setMs(*health::localToUnixMs(busy, "08:00"));
        std::vector<double> saleTimes;
        for (int n = 0; n < 400; ++n) {
            clock.advanceMs(30'000);
            saleTimes.push_back(millisecondsOf([&] { sale(n); }));
        }
        printFigures("sale on a busy day, 400 sales", saleTimes);
        std::vector<double> reportTimes;
        for (int n = 0; n < 50; ++n) reportTimes.push_back(millisecondsOf([&] { counter.report(busy); }));
        printFigures("report of the busy day (400 sales)", reportTimes);
        std::vector<double> pastTimes;
        for (int n = 0; n < 50; ++n)
            pastTimes.push_back(millisecondsOf([&] { counter.report(health::addDays(firstDay, n % days)); }));
        printFigures("report of a closed day", pastTimes);
        printFigures("close-day of the busy day", {millisecondsOf([&] { counter.closeDay(&actor, busy); })});

        // The impact report over the same year: first counted from the records, then the first keeping of every
        // past day (the retention job's, at the first start after an upgrade), then read from the kept counts.
        impact::ImpactCounts counts = impact::ImpactCounts::ofEveryArea(db);
        const std::string lastDay = busy;
        std::vector<double> liveTimes;
        for (int n = 0; n < 10; ++n)
            liveTimes.push_back(millisecondsOf([&] { (void)counts.usesBetween(firstDay, lastDay); }));
        printFigures("impact: the year's uses, from records", liveTimes);
        int keptDays = 0;
        printFigures("impact: first keeping of every past day",
                     {millisecondsOf([&] {
                         keptDays = counts.keepThrough(health::addDays(lastDay, -1), clock.nowMs());
                     })});
        std::printf("%-44s %d days\n", "  days kept", keptDays);
        std::vector<double> keptTimes;
        for (int n = 0; n < 10; ++n)
            keptTimes.push_back(millisecondsOf([&] { (void)counts.usesBetween(firstDay, lastDay); }));
        printFigures("impact: the year's uses, from kept counts", keptTimes);
    }
    std::filesystem::remove_all(folder);
    return 0;
}
