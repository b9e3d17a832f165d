// check_in_bench: how long a resident waits for the kiosk to find their appointment, in a year's worth of them.
// Fills a file-backed database (WAL, synchronous FULL, as on the kiosk) with 100 000 appointments over a year,
// then times the check-in lookups (birth date + first letters, appointment code, linked card) through the real
// CheckIn service, at an hour when every window is still closed, so that only lookups are timed, never a write.
// Prints median, p99 and max; asserts nothing (timings on a shared machine are for reading).
//
//   ./build/dev/tests/bench/check_in_bench [--appointments N] [--lookups N] [--keep]

#include "kiosk/services/clock.h"
#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/health/check_in.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/pin_hasher.h"
#include "kiosk/services/staff_service.h"
#include "storage/appointment_store.h"
#include "storage/database.h"

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
#include <unordered_set>
#include <vector>

namespace vk::bench {
namespace {

namespace fs = std::filesystem;
using namespace vk::services;
using namespace vk::services::health;
using SteadyClock = std::chrono::steady_clock;

constexpr const char* kFirstDay = "2030-01-01";
constexpr const char* kMeasuredDay = "2030-07-03";  // a Wednesday mid-year
constexpr std::string_view kCodeAlphabet = "346789ACDEFGHJKMNPQRTUVWXY";

const char* const kSurnames[] = {
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
    "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
    "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André",
    "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
    "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
    "Le Gall", "Lefèvre-Dupont", "D'Arras", "Œillet", "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire",
};
const char* const kGivenNames[] = {"Marie", "Jean", "Pierre", "Anne", "Louis", "Jeanne", "Paul", "Léa",
                                   "Hugo", "Rose", "Yann", "Éloïse", "Noël", "Zoé", "Luc", "Inès"};

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

// Times `count` lookups one by one; counts those whose outcome `expected` refuses.
std::vector<double> timeLookups(int count, const std::function<CheckInOutcome(int)>& lookup,
                                const std::function<bool(CheckInOutcome)>& expected, int& unexpected) {
    std::vector<double> samples;
    samples.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const auto start = SteadyClock::now();
        const CheckInOutcome outcome = lookup(i);
        const auto end = SteadyClock::now();
        if (!expected(outcome)) ++unexpected;
        samples.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
    return samples;
}

void print(const char* what, const Figures& f, int unexpected) {
    std::printf("  %-34s median %7.1f µs   p99 %7.1f µs   max %8.1f µs%s\n", what, f.medianUs, f.p99Us, f.maxUs,
                unexpected ? "   (some outcomes not as expected, see below)" : "");
}

int run(int argc, char** argv) {
    int appointmentCount = 100'000;
    int lookups = 2000;
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--appointments") == 0 && i + 1 < argc) appointmentCount = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--lookups") == 0 && i + 1 < argc) lookups = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--keep") == 0) keep = true;
        else {
            std::fprintf(stderr, "usage: check_in_bench [--appointments N] [--lookups N] [--keep]\n");
            return 2;
        }
    }

    char folderTemplate[] = "/tmp/check_in_bench-XXXXXX";
    if (!mkdtemp(folderTemplate)) {
        std::perror("mkdtemp");
        return 1;
    }
    const fs::path folder = folderTemplate;
    const fs::path file = folder / "village-kiosk.db";
    storage::Database db = storage::Database::open(file);
    storage::AppointmentStore store(db);
    std::mt19937_64 random(20300703);

    // A year of appointments: about 270 a day from 08:00, every two or three minutes; patients born between
    // 1930 and 2024, so that a birth date holds a few appointments a year, as in a real practice.
    const auto fillStart = SteadyClock::now();
    std::unordered_set<std::string> codes;
    std::vector<storage::Appointment> measuredDay;
    const int perDay = (appointmentCount + 364) / 365;
    const std::int64_t firstDayMs = *localToUnixMs(kFirstDay, "00:00");
    store.inTransaction([&] {
        for (int n = 0; n < appointmentCount; ++n) {
            const int dayIndex = n / perDay;
            const int slot = n % perDay;
            const std::string day = addDays(kFirstDay, dayIndex);
            const int minutes = 8 * 60 + slot * 11 * 60 / perDay;  // 08:00 to 19:00
            char clock[32];
            std::snprintf(clock, sizeof clock, "%02d:%02d", minutes / 60, minutes % 60);
            storage::NewAppointment fresh;
            fresh.source = storage::AppointmentSource::Csv;
            fresh.sourceKey = "bench-" + std::to_string(n);
            auto& d = fresh.details;
            d.startsAt = *localToUnixMs(day, clock);
            d.surname = kSurnames[random() % std::size(kSurnames)];
            d.givenName = kGivenNames[random() % std::size(kGivenNames)];
            d.surnameKey = surnameKey(d.surname);
            char birth[16];
            std::snprintf(birth, sizeof birth, "%04d-%02d-%02d", 1930 + static_cast<int>(random() % 95),
                          1 + static_cast<int>(random() % 12), 1 + static_cast<int>(random() % 28));
            d.birthDate = birth;
            std::string code;
            do {
                code.clear();
                for (int k = 0; k < 6; ++k) code += kCodeAlphabet[random() % kCodeAlphabet.size()];
            } while (!codes.insert(code).second);
            d.code = code;
            const storage::Appointment stored = store.insert(fresh, firstDayMs);
            if (day == kMeasuredDay) measuredDay.push_back(stored);
        }
    });
    const double fillSeconds = std::chrono::duration<double>(SteadyClock::now() - fillStart).count();
    db.sql().exec("ANALYZE");

    // Cards for the day's patients, linked as the assistant would (setup, not timed).
    for (std::size_t i = 0; i < measuredDay.size(); ++i)
        store.linkCard(cardDigest("04BE" + std::to_string(1000 + i)), measuredDay[i].surnameKey,
                       *measuredDay[i].birthDate, firstDayMs);

    // 06:00: every window of the day is still closed, so a found appointment is TooEarly and nothing is written.
    ManualClock clock(*localToUnixMs(kMeasuredDay, "06:00"));
    StaffService staff(db, clock, PinHasher(PinHasher::Strength::FastForTests), PinPolicy{});
    CheckIn checkIn(db, clock, staff);
    std::vector<std::string> allCodes(codes.begin(), codes.end());
    std::shuffle(allCodes.begin(), allCodes.end(), random);
    std::vector<std::size_t> picks;
    for (int i = 0; i < lookups + 200; ++i) picks.push_back(random() % measuredDay.size());

    const auto byBirth = [&](int i) {
        const auto& a = measuredDay[picks[static_cast<std::size_t>(i)]];
        return checkIn.byBirthDate(*a.birthDate, a.surnameKey.substr(0, 3)).outcome;
    };
    const auto byCode = [&](int i) { return checkIn.byCode(allCodes[static_cast<std::size_t>(i) % allCodes.size()]).outcome; };
    const auto byCard = [&](int i) {
        return checkIn.byCard("04BE" + std::to_string(1000 + picks[static_cast<std::size_t>(i)])).outcome;
    };
    const auto noMatch = [&](int i) { return checkIn.byBirthDate("1929-01-" + std::to_string(10 + i % 18), "ZZ").outcome; };

    const auto tooEarly = [](CheckInOutcome o) { return o == CheckInOutcome::TooEarly; };
    // Codes of the whole year: before the measured day too early, after it too late; either way a lookup only.
    const auto notToday = [](CheckInOutcome o) { return o == CheckInOutcome::TooEarly || o == CheckInOutcome::TooLate; };
    const auto noneFound = [](CheckInOutcome o) { return o == CheckInOutcome::NoMatch; };

    int warmUp = 0;
    timeLookups(200, byBirth, tooEarly, warmUp);  // page cache and statement preparation

    int unexpectedBirth = 0;
    int unexpectedCode = 0;
    int unexpectedCard = 0;
    int unexpectedNone = 0;
    const Figures birth = summarize(timeLookups(lookups, byBirth, tooEarly, unexpectedBirth));
    const Figures code = summarize(timeLookups(lookups, byCode, notToday, unexpectedCode));
    const Figures card = summarize(timeLookups(lookups, byCard, tooEarly, unexpectedCard));
    const Figures none = summarize(timeLookups(lookups, noMatch, noneFound, unexpectedNone));
    const int written = db.sql().execAndGet("SELECT count(*) FROM queue_counter").getInt() +
                        db.sql().execAndGet("SELECT count(*) FROM appointment WHERE status != 'booked'").getInt();

    std::printf("check_in_bench: %d appointments over a year in %s (%.1f MiB), filled in %.1f s\n",
                appointmentCount, file.c_str(), static_cast<double>(fs::file_size(file)) / (1024.0 * 1024.0),
                fillSeconds);
    std::printf("%zu appointments on %s; %d lookups each, timed through CheckIn (SQLite %s)\n", measuredDay.size(),
                kMeasuredDay, lookups, db.sql().execAndGet("SELECT sqlite_version()").getString().c_str());
    print("birth date + 3 letters", birth, unexpectedBirth);
    print("appointment code (any day)", code, unexpectedCode);
    print("linked card", card, unexpectedCard);
    print("no match (unknown birth date)", none, unexpectedNone);
    std::printf("rows written by the lookups: %d (expected 0)\n", written);
    if (unexpectedBirth + unexpectedCode + unexpectedCard + unexpectedNone > 0)
        std::printf("other outcomes: birth %d, code %d, card %d, none %d (two patients of one day sharing a birth "
                    "date and letters give SeveralMatches)\n",
                    unexpectedBirth, unexpectedCode, unexpectedCard, unexpectedNone);
    std::printf("query plans:\n");
    for (const std::string& plan : store.checkInQueryPlans()) std::printf("  %s\n", plan.c_str());

    if (keep) {
        std::printf("kept %s\n", folder.c_str());
    } else {
        std::error_code ignored;
        fs::remove_all(folder, ignored);
    }
    return 0;
}

}  // namespace
}  // namespace vk::bench

int main(int argc, char** argv) { return vk::bench::run(argc, argv); }
