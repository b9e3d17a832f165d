// orders_bench: how long the café manager waits for a supplier's list on a busy day. Fills a file-backed database
// (WAL, synchronous FULL, as on the kiosk) with 2 000 orders of 1 to 3 items for one baker's delivery day, among
// 60 days of 300 orders each, then times the baker's list for that day (totals per item and per customer), its
// printed receipt, and an order placed at the kiosk (its commit included). Prints median, p99 and max; asserts
// nothing (timings on a shared machine are for reading). Target: the list within 10 ms.
//
//   ./build/dev/tests/bench/orders_bench [--orders N] [--runs N] [--keep]

#include "kiosk/services/clock.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/orders/order_book.h"
#include "kiosk/services/orders/supplier_list_output.h"
#include "kiosk/services/pin_hasher.h"
#include "kiosk/services/staff_service.h"
#include "storage/database.h"

#include <time.h>
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
using namespace vk::services::orders;
using SteadyClock = std::chrono::steady_clock;

double threadCpuMs() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
}

// The CPU time of the calls, beside the wall time: on a shared machine the wall time also counts the others' work.
std::vector<double> cpuTimes;

double millisecondsOf(const std::function<void()>& work) {
    const double cpuStart = threadCpuMs();
    const auto start = SteadyClock::now();
    work();
    cpuTimes.push_back(threadCpuMs() - cpuStart);
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

void printFigures(const char* what, std::vector<double> times) {
    std::sort(times.begin(), times.end());
    const auto at = [&](double fraction) { return times[static_cast<std::size_t>(fraction * static_cast<double>(times.size() - 1))]; };
    std::printf("%-44s n=%-6zu median %8.3f ms   p99 %8.3f ms   max %8.3f ms\n", what, times.size(), at(0.5), at(0.99),
                times.back());
}

// 500 members, as the board would have them; the bench needs their ids and names only.
class BenchMembers final : public timebank::MemberDirectory {
public:
    std::optional<timebank::TimeBankMember> find(const std::string& id) override {
        if (id.rfind("member-", 0) != 0) return std::nullopt;
        return timebank::TimeBankMember{id, "Membre " + id.substr(7)};
    }
    std::optional<timebank::TimeBankMember> byCard(const std::string&) override { return std::nullopt; }
    timebank::NameAndPinLookup byNameAndPin(const std::string&, const std::string&) override { return {}; }
};

}  // namespace

int main(int argc, char** argv) {
    int dayOrders = 2000;
    int runs = 200;
    bool keep = false;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--keep") == 0) keep = true;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--orders") == 0) dayOrders = std::max(1, std::atoi(argv[i + 1]));
        if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
    }
    const auto folder = std::filesystem::temp_directory_path() / ("orders_bench_" + std::to_string(getpid()));
    std::filesystem::create_directories(folder);
    {
        vk::storage::Database db = vk::storage::Database::open(folder / "village-kiosk.db");
        const std::string firstDay = "2030-01-01";
        ManualClock clock(*health::localToUnixMs(firstDay, "09:00"));
        StaffService staff(db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{});
        const StaffSession& actor = systemActor(SystemActor::CommandLine);
        BenchMembers members;
        const parcels::OpeningCalendar everyDay({}, {});
        OrderBook book(db, clock, staff, members, everyDay, OrdersSettings{});
        SupplierForm form{"Boulangerie Morel", "", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}, "18:00", 1, true};
        const std::string baker = book.addSupplier(&actor, form).supplier->id;
        std::vector<CatalogueItem> items;
        for (const char* name : {"Baguette", "Pain de campagne", "Croissant", "Pain au chocolat", "Brioche", "Ficelle",
                                 "Pain complet", "Chausson aux pommes", "Tarte aux pommes", "Pain aux noix"})
            items.push_back(*book.addItem(&actor, baker, name, 110 + static_cast<int>(items.size()) * 40).item);

        // The history and the busy day, written straight into the store in a few transactions: placing them one
        // by one would time the disk's flushes, not the list.
        const std::string busyDay = health::addDays(firstDay, 61);
        int serial = 0;
        const auto fill = [&](const std::string& day, int count) {
            book.store().inTransaction([&] {
                for (int n = 0; n < count; ++n, ++serial) {
                    vk::storage::NewOrder order;
                    order.dedupeKey = "bench-" + std::to_string(serial);
                    order.supplierId = baker;
                    order.customerMemberId = "member-" + std::to_string(serial % 500);
                    order.customerName = "Membre " + std::to_string(serial % 500);
                    order.deliveryDay = day;
                    for (int line = 0; line <= serial % 3; ++line) {
                        const auto& item = items[static_cast<std::size_t>((serial + line * 3) % 10)];
                        order.lines.push_back({item.id, item.name, 1 + (serial + line) % 4, item.priceCents});
                    }
                    book.store().insertOrder(order, clock.nowMs());
                }
            });
        };
        const double fillMs = millisecondsOf([&] {
            for (int day = 1; day <= 60; ++day) fill(health::addDays(firstDay, day), 300);
            fill(busyDay, dayOrders);
        });
        std::printf("orders_bench: %d orders in the database (%d on %s), written in %.0f ms\n", serial, dayOrders,
                    busyDay.c_str(), fillMs);

        // The manager looks at the list the morning before the cut-off.
        clock.setMs(*health::localToUnixMs(health::addDays(busyDay, -1), "09:00"));
        std::vector<double> listTimes;
        std::vector<double> receiptTimes;
        int quantity = 0;
        std::vector<double> listCpu;
        for (int run = 0; run < runs; ++run) {
            SupplierList list;
            listTimes.push_back(millisecondsOf([&] { list = book.supplierList(baker, busyDay); }));
            listCpu.push_back(cpuTimes.back());
            quantity = list.totalQuantity;
            receiptTimes.push_back(millisecondsOf([&] { supplierListReceipt(list, "Saint-Aubin"); }));
        }
        std::printf("the list: %d items in %zu orders\n", quantity, book.supplierList(baker, busyDay).orders.size());
        printFigures("supplier's list for the day (target 10 ms)", listTimes);
        printFigures("  the same, CPU time of the thread", listCpu);
        printFigures("its printed receipt, per customer", receiptTimes);

        std::vector<double> placeTimes;
        for (int run = 0; run < std::min(runs, 100); ++run) {
            PlaceRequest request;
            request.supplierId = baker;
            request.customer.memberId = "member-" + std::to_string(run);
            request.day = busyDay;
            request.items = {{items[static_cast<std::size_t>(run % 10)].id, 2}};
            request.source = OrderSource::Kiosk;
            placeTimes.push_back(millisecondsOf([&] { book.place(&actor, request); }));
        }
        printFigures("an order placed (commit included)", placeTimes);
    }
    if (keep) std::printf("kept %s\n", folder.c_str());
    else std::filesystem::remove_all(folder);
    return 0;
}
