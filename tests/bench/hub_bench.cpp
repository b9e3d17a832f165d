// hub_bench: the territory hub's figures (docs/hub.md). Starts its own PostgreSQL (as the hub's tests do) and the
// real village-hub binary on 127.0.0.1, then measures:
//   1. a new kiosk catching up with 10 000 posts (target 2 s);
//   2. many simulated kiosks, each syncing once a minute (a push of what it did, then a pull): p50 and p99 of a
//      round (target p99 100 ms), and the hub's CPU and memory meanwhile.
// Prints, asserts nothing:  build/dev/tests/bench/hub_bench [--posts N] [--kiosks N] [--minutes M] [--speedup S]
// --speedup S squeezes each simulated minute into 60/S seconds (the same rounds, S times the rate).

#include "hub_harness.h"
#include "net/http_client.h"
#include "net/hub/hub_client.h"
#include "storage/record_id.h"
#include "storage/transaction.h"

#include <pqxx/pqxx>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

using namespace vk;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// utime + stime of a process, in seconds; and its resident memory now and at most, in MB.
struct ProcessUse {
    double cpuSeconds = 0;
    double rssMb = 0;
    double peakRssMb = 0;
};

ProcessUse processUse(int pid) {
    ProcessUse use;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    unsigned long long utime = 0;
    unsigned long long stime = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14) utime = std::stoull(field);
        if (i == 15) stime = std::stoull(field);
    }
    use.cpuSeconds = static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) use.rssMb = std::stod(line.substr(6)) / 1024.0;
        if (line.rfind("VmHWM:", 0) == 0) use.peakRssMb = std::stod(line.substr(6)) / 1024.0;
    }
    return use;
}

// PostgreSQL's backends serving the hub, summed (each connection of the hub is one process).
double postgresCpuSeconds(int port) {
    double total = 0;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        const std::string name = entry.path().filename();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream cmdline(entry.path() / "cmdline");
        std::string command((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
        std::replace(command.begin(), command.end(), '\0', ' ');
        if (command.find("postgres") == std::string::npos) continue;
        std::ifstream stat(entry.path() / "stat");
        std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        (void)port;
        if (text.find("(postgres)") == std::string::npos) continue;
        total += processUse(std::stoi(name)).cpuSeconds;
    }
    return total;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

int argument(int argc, char** argv, const std::string& name, int fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name) return std::stoi(argv[i + 1]);
    return fallback;
}

}  // namespace

int main(int argc, char** argv) {
    const int posts = argument(argc, argv, "--posts", 10'000);
    const int kiosks = argument(argc, argv, "--kiosks", 1'000);
    const int minutes = argument(argc, argv, "--minutes", 2);
    const int speedup = std::max(1, argument(argc, argv, "--speedup", 6));
    std::string whyNot;
    test::TestPostgres* pg = test::TestPostgres::shared(whyNot);
    if (!pg) {
        std::cout << "hub_bench: " << whyNot << "\n";
        return 0;
    }
    test::TempFolder folder;
    const std::string url = pg->newDatabase();
    const int port = test::freeLoopbackPort();
    test::HubProcess hub(folder.path, url, port);
    hub.start();
    storage::hub::HubStore store(url);
    std::cout << "hub_bench (" << VK_BUILD_TYPE << " build), PostgreSQL 15 and village-hub on 127.0.0.1\n";

    // 1. Catch-up of a new kiosk.
    std::filesystem::create_directories(folder.path / "writer");
    std::filesystem::create_directories(folder.path / "newcomer");
    test::TestKiosk writer(folder.path / "writer", hub.url(), store.addKiosk("bench", ""));
    const std::string member = writer.addMember("Marie Dupont");
    storage::inTransaction(writer.db, [&] {
        for (int i = 0; i < posts; ++i) writer.post(member, "Annonce numéro " + std::to_string(i));
    });
    auto start = Clock::now();
    const auto pushed = writer.sync();
    std::printf("push of %d posts by one kiosk: %.0f ms (%s)\n", posts + 1, msSince(start),
                pushed.ok ? "ok" : pushed.error.c_str());
    test::TestKiosk newcomer(folder.path / "newcomer", hub.url(), store.addKiosk("bench", ""));
    // Where the catch-up's time goes: the hub's and PostgreSQL's CPU meanwhile; the rest is the kiosk's own.
    const double hubBeforeCatchUp = processUse(hub.pid()).cpuSeconds;
    const double pgBeforeCatchUp = postgresCpuSeconds(pg->port());
    start = Clock::now();
    const auto caughtUp = newcomer.sync();
    const double catchUpMs = msSince(start);
    std::printf("catch-up of a new kiosk: %d changes pulled, %d posts live, %.0f ms (target 2000 ms) (%s)\n",
                caughtUp.pulled, newcomer.livePosts(), catchUpMs, caughtUp.ok ? "ok" : caughtUp.error.c_str());
    std::printf("  of which CPU: village-hub %.0f ms, PostgreSQL %.0f ms\n",
                1000.0 * (processUse(hub.pid()).cpuSeconds - hubBeforeCatchUp),
                1000.0 * (postgresCpuSeconds(pg->port()) - pgBeforeCatchUp));

    // 2. Many kiosks of one territory, each a round a minute: push 0 or 1 post, then pull what is new for it.
    struct Simulated {
        net::hub::HubEndpoint endpoint;
        std::int64_t cursor = 0;
    };
    std::vector<Simulated> simulated(static_cast<std::size_t>(kiosks));
    for (int i = 0; i < kiosks; ++i) {
        auto& kiosk = simulated[static_cast<std::size_t>(i)];
        kiosk.endpoint = {hub.url(), store.addKiosk("bench", ""), storage::newRecordId(storage::nowUnixMs()), ""};
    }
    // Each simulated kiosk starts where the territory is now, as one that has been running for a while.
    {
        pqxx::connection connection(url);
        pqxx::read_transaction txn(connection);
        const auto last = txn.exec1("SELECT coalesce(max(seq), 0) FROM hub_change")[0].as<std::int64_t>();
        for (auto& kiosk : simulated) kiosk.cursor = last;
    }
    const double windowMs = 60'000.0 / speedup;
    std::vector<double> latencies;
    std::mutex latenciesMutex;
    std::atomic<int> failures{0};
    const auto hubBefore = processUse(hub.pid());
    const double pgBefore = postgresCpuSeconds(pg->port());
    const auto loadStart = Clock::now();
    constexpr int kThreads = 32;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            const net::HttpClient client;
            std::vector<double> mine;
            for (int minute = 0; minute < minutes; ++minute) {
                for (int i = t; i < kiosks; i += kThreads) {
                    // Kiosk i's round falls at its own moment of the minute.
                    const double due = windowMs * (minute + static_cast<double>(i) / kiosks);
                    const double now = msSince(loadStart);
                    if (due > now)
                        std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long>((due - now) * 1000)));
                    auto& kiosk = simulated[static_cast<std::size_t>(i)];
                    const auto roundStart = Clock::now();
                    bool ok = true;
                    if ((i + minute) % 5 == 0) {  // one kiosk in five has something to push this minute
                        const std::string id = storage::newRecordId(storage::nowUnixMs());
                        const std::string changeId = storage::newRecordId(storage::nowUnixMs());
                        nlohmann::json row{{"id", id},           {"origin_kiosk", kiosk.endpoint.kioskId},
                                           {"title", "Offre"},   {"body", "Le mardi."},
                                           {"member_id", member}, {"updated_at", storage::nowUnixMs()}};
                        net::hub::PushRequest push{kiosk.endpoint.kioskId, {{changeId, "board_post", id, 0, row}}};
                        ok = client.get(net::hub::pushRequest(kiosk.endpoint, push)).outcome == net::HttpOutcome::Ok;
                    }
                    bool more = true;
                    while (ok && more) {
                        const auto answer = client.get(net::hub::pullRequest(kiosk.endpoint, kiosk.cursor));
                        std::string problem;
                        const auto pulled = answer.outcome == net::HttpOutcome::Ok
                                                ? net::hub::decodePullResponse(answer.body, problem)
                                                : std::nullopt;
                        ok = pulled.has_value();
                        if (ok) {
                            kiosk.cursor = pulled->upTo;
                            more = pulled->more;
                        }
                    }
                    if (!ok) ++failures;
                    mine.push_back(msSince(roundStart));
                }
            }
            std::lock_guard lock(latenciesMutex);
            latencies.insert(latencies.end(), mine.begin(), mine.end());
        });
    }
    for (auto& thread : threads) thread.join();
    const double wallSeconds = msSince(loadStart) / 1000.0;
    const auto hubAfter = processUse(hub.pid());
    const double pgAfter = postgresCpuSeconds(pg->port());
    std::printf("%d kiosks x %d rounds (a round a minute, played %dx faster: %.0f rounds/s; the real rate is %.1f/s)\n",
                kiosks, minutes, speedup, static_cast<double>(latencies.size()) / wallSeconds, kiosks / 60.0);
    std::printf("  round latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 100 ms); %d failed\n",
                percentile(latencies, 0.5), percentile(latencies, 0.99), percentile(latencies, 1.0), failures.load());
    std::printf("  village-hub: %.1f%% of one core (%.2f s CPU in %.1f s), memory %.1f MB (peak %.1f MB)\n",
                100.0 * (hubAfter.cpuSeconds - hubBefore.cpuSeconds) / wallSeconds,
                hubAfter.cpuSeconds - hubBefore.cpuSeconds, wallSeconds, hubAfter.rssMb, hubAfter.peakRssMb);
    std::printf("  PostgreSQL: %.1f%% of one core (%.2f s CPU)\n", 100.0 * (pgAfter - pgBefore) / wallSeconds,
                pgAfter - pgBefore);
    std::printf("  (at the real rate the same rounds cost %dx less CPU per second)\n", speedup);
    return 0;
}
