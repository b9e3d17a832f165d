// board_bench: how long a resident waits for a search of the exchange board with 100 000 posts in it.
// Fills a file-backed database (WAL, synchronous FULL, as on the kiosk) with posts made of everyday French words
// (nine in ten approved, the rest pending), then times ExchangeBoard::search (FTS5, prefix terms, best first, the
// public filter) for queries residents type, and the newest-first browse. Prints median, p99 and max per query;
// asserts nothing (timings on a shared machine are for reading). Target: p99 ≤ 2 ms.
//
//   ./build/dev/tests/bench/board_bench [--posts N] [--runs N] [--filler N] [--keep]

#include "kiosk/services/board/board_text.h"
#include "kiosk/services/board/exchange_board.h"
#include "kiosk/services/board/member_registry.h"
#include "kiosk/services/clock.h"
#include "kiosk/services/pin_hasher.h"
#include "kiosk/services/staff_service.h"
#include "storage/board_store.h"
#include "storage/database.h"
#include "storage/member_store.h"

#include <SQLiteCpp/Transaction.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace vk::bench {
namespace {

namespace fs = std::filesystem;
using namespace vk::services;
using namespace vk::services::board;
using SteadyClock = std::chrono::steady_clock;

const char* const kWords[] = {
    "jardin", "jardinage", "pelouse", "tonte", "haies", "potager", "bêcher", "arrosage", "fleurs", "rosiers",
    "courses", "marché", "voiture", "gare", "médecin", "pharmacie", "transport", "trajet", "ville", "covoiturage",
    "repas", "soupe", "gâteau", "confiture", "œufs", "légumes", "cuisine", "pain", "tarte", "café",
    "ordinateur", "téléphone", "tablette", "internet", "messagerie", "photos", "imprimante", "démarches", "impôts", "banque",
    "compagnie", "lecture", "promenade", "enfants", "école", "devoirs", "garde", "mercredi", "samedi", "dimanche",
    "ménage", "repassage", "bricolage", "étagère", "robinet", "peinture", "déménagement", "bois", "chauffage", "cœur",
    "chien", "chat", "poules", "lapins", "vélo", "réparation", "couture", "tricot", "musique", "piano",
};
const char* const kVillages[] = {"Saint-Aubin", "Les Forges", "Le Bourg", "La Croix", "Montclar", "Villeneuve"};
const char* const kQueries[] = {"jardin", "oeuf", "coeur velo", "cafe", "l'école", "a", "ordinateur tablette",
                                "NEAR(", "\"", "xyzzy", "saint-aubin", "ménage repassage"};

struct Figures {
    double medianUs = 0;
    double p99Us = 0;
    double maxUs = 0;
};

Figures measure(int runs, const std::function<void()>& work) {
    std::vector<double> times;
    times.reserve(static_cast<std::size_t>(runs));
    for (int i = 0; i < runs; ++i) {
        const auto start = SteadyClock::now();
        work();
        times.push_back(std::chrono::duration<double, std::micro>(SteadyClock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    Figures figures;
    figures.medianUs = times[times.size() / 2];
    figures.p99Us = times[std::min(times.size() - 1, times.size() * 99 / 100)];
    figures.maxUs = times.back();
    return figures;
}

// `filler` other words (« mot17 »…) stand for the rest of a real vocabulary: with 0, every post is made of the
// 70 words above and a query word is in a third of all posts (the worst case); with the default 2000, three
// words in four are filler and a query word is in a few hundred to a few thousand posts, as in a real board.
std::string sentence(std::mt19937& random, int words, int filler) {
    std::uniform_int_distribution<std::size_t> pick(0, std::size(kWords) - 1);
    std::uniform_int_distribution<int> other(0, std::max(0, filler - 1));
    std::uniform_int_distribution<int> quarter(0, 3);
    std::string text;
    for (int i = 0; i < words; ++i) {
        text += i ? " " : "";
        if (filler > 0 && quarter(random) != 0)
            text += "mot" + std::to_string(other(random));
        else
            text += kWords[pick(random)];
    }
    return text;
}

int run(int argc, char** argv) {
    int posts = 100'000;
    int runs = 200;
    int filler = 2000;
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--posts") && i + 1 < argc) posts = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--filler") && i + 1 < argc) filler = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--keep")) keep = true;
    }
    const fs::path folder = fs::temp_directory_path() / ("vk-board-bench-" + std::to_string(getpid()));
    fs::create_directories(folder);
    const fs::path file = folder / "village-kiosk.db";
    const std::int64_t now = 1'900'000'000'000;
    {
        storage::Database db = storage::Database::open(file);
        ManualClock clock(now);
        StaffService staff(db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{});
        const BoardSettings settings;
        ExchangeBoard board(db, clock, staff, settings);
        storage::MemberStore members(db);
        storage::BoardStore store(db);

        const auto fillStart = SteadyClock::now();
        std::mt19937 random(42);
        std::vector<std::string> memberIds;
        {
            SQLite::Transaction transaction(db.sql());
            for (int m = 0; m < 500; ++m) {
                storage::MemberDetails details;
                details.displayName = "Membre " + std::to_string(m);
                details.nameKey = memberNameKey(details.displayName);
                details.village = kVillages[static_cast<std::size_t>(m) % std::size(kVillages)];
                memberIds.push_back(members.create(details, std::nullopt, now - 400LL * 86'400'000).id);
            }
            const auto& categories = defaultCategories();
            for (int p = 0; p < posts; ++p) {
                storage::NewPost post;
                post.memberId = memberIds[static_cast<std::size_t>(p) % memberIds.size()];
                post.direction = p % 3 == 0 ? storage::PostDirection::Request : storage::PostDirection::Offer;
                post.content.category = categories[static_cast<std::size_t>(p) % categories.size()];
                post.content.title = sentence(random, 4, filler);
                post.content.body = sentence(random, 25, filler);
                post.village = kVillages[static_cast<std::size_t>(p) % std::size(kVillages)];
                // Spread over the last 30 days, so that all of them are still on the board.
                const std::int64_t createdAt = now - 30LL * 86'400'000 + static_cast<std::int64_t>(p) * 25'000;
                post.expiresAt = createdAt + 30LL * 86'400'000 + 86'400'000;
                const auto stored = store.insert(post, createdAt);
                if (p % 10 != 0) store.setStatus(stored.id, {}, storage::PostStatus::Approved, createdAt);
            }
            transaction.commit();
        }
        const double fillSeconds = std::chrono::duration<double>(SteadyClock::now() - fillStart).count();
        std::printf("board_bench: %d posts, %d filler words (%s build), filled in %.1f s, database %.1f MB\n", posts,
                    filler,
#ifdef NDEBUG
                    "optimised",
#else
                    "debug",
#endif
                    fillSeconds, static_cast<double>(fs::file_size(file)) / 1e6);
        std::printf("%-24s %8s %10s %10s %10s\n", "search", "found", "median", "p99", "max");
        std::vector<double> all;
        for (const char* query : kQueries) {
            std::size_t found = 0;
            const Figures figures = measure(runs, [&] { found = board.search(query).size(); });
            std::printf("%-24s %8zu %8.0f µs %8.0f µs %8.0f µs\n", query, found, figures.medianUs, figures.p99Us,
                        figures.maxUs);
        }
        const Figures overall = measure(runs * 4, [&, i = 0]() mutable {
            board.search(kQueries[static_cast<std::size_t>(i++) % std::size(kQueries)]);
        });
        std::printf("%-24s %8s %8.0f µs %8.0f µs %8.0f µs\n", "all queries", "", overall.medianUs, overall.p99Us,
                    overall.maxUs);
        const Figures browse = measure(runs, [&] { board.browse(storage::PostDirection::Offer, std::string("garden")); });
        std::printf("%-24s %8s %8.0f µs %8.0f µs %8.0f µs\n", "browse garden offers", "", browse.medianUs, browse.p99Us,
                    browse.maxUs);
    }
    if (keep)
        std::printf("database kept in %s\n", file.c_str());
    else
        fs::remove_all(folder);
    return 0;
}

}  // namespace
}  // namespace vk::bench

int main(int argc, char** argv) { return vk::bench::run(argc, argv); }
