#include "kiosk/services/health/local_days.h"
#include "kiosk/services/impact/impact_area.h"
#include "kiosk/services/impact/impact_counts.h"
#include "kiosk/services/impact/impact_report.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/timebank/timebank_area.h"
#include "services/impact/impact_fixture.h"
#include "services/timebank/time_bank_fixture.h"
#include "storage/retention.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>


using namespace vk;
using namespace vk::services;
using namespace vk::services::impact;

namespace {

class SimulatedSource final : public UsageSource {
public:
    explicit SimulatedSource(std::vector<ServiceUse> uses) : uses_(std::move(uses)) {}
    std::vector<ServiceUse> usesBetween(const std::string& fromDay, const std::string& toDay) const override {
        std::vector<ServiceUse> inSpan;
        for (const ServiceUse& use : uses_) {
            if (use.month >= fromDay.substr(0, 7) && use.month <= toDay.substr(0, 7)) inSpan.push_back(use);
        }
        return inSpan;
    }

private:
    std::vector<ServiceUse> uses_;
};

const ImpactLine* lineOf(const std::vector<ImpactLine>& lines, const std::string& service, const std::string& kind) {
    for (const ImpactLine& line : lines) {
        if (line.service == service && line.kind == kind) return &line;
    }
    return nullptr;
}

const std::vector<ServiceUse> kAutumn{
    {"doctor", "check_ins", "2026-10", 12, 0},
    {"doctor", "check_ins", "2026-11", 8, 0},
    {"relay", "parcels_handed_over", "2026-11", 5, 0},
    {"exchange", "time_bank_exchanges", "2026-11", 3, 4.5},
    {"doctor", "check_ins", "2026-12", 99, 0},  // outside the span asked for
};
const std::map<std::string, double> kDistances{{"doctor", 14.5}, {"relay", 9}, {"bakery", 6}};

}  // namespace

TEST_CASE("the impact report counts km as distance times uses, per month, year and service", "[impact]") {
    const auto report = buildImpactReport(kAutumn, kDistances, "2026-10-01", "2026-11-30");
    REQUIRE(report);
    REQUIRE(report->months.size() == 2);
    CHECK(report->months[0].month == "2026-10");
    CHECK(report->months[0].uses == 12);
    CHECK(report->months[0].km == Approx(174.0));
    CHECK(report->months[1].month == "2026-11");
    CHECK(report->months[1].uses == 16);
    CHECK(report->months[1].km == Approx(8 * 14.5 + 5 * 9));
    CHECK(report->uses == 28);
    CHECK(report->hours == Approx(4.5));
    CHECK(report->km == Approx(335.0));
    REQUIRE(report->years.size() == 1);
    CHECK(report->years[0].km == Approx(335.0));

    // Known services first, in the report's order: the doctor, the relay point, then the exchanges.
    REQUIRE(report->totals.size() == 3);
    CHECK(report->totals[0].service == "doctor");
    CHECK(report->totals[0].uses == 20);
    CHECK(report->totals[1].service == "relay");
    CHECK(report->totals[2].service == "exchange");
    const ImpactLine* exchanges = lineOf(report->totals, "exchange", "time_bank_exchanges");
    REQUIRE(exchanges);
    CHECK_FALSE(exchanges->km.has_value());
    CHECK(report->servicesWithoutDistance == std::vector<std::string>{"exchange"});
    // Only the distances of what was counted are shown as used.
    CHECK(report->distancesKm.count("bakery") == 0);
    CHECK(report->distancesKm.at("doctor") == Approx(14.5));
}

TEST_CASE("an impact report keeps every month of its span, across a new year, even with no use", "[impact]") {
    const std::vector<ServiceUse> uses{{"relay", "parcels_sent", "2026-01", 2, 0}};
    const auto report = buildImpactReport(uses, kDistances, "2025-11-15", "2026-01-10");
    REQUIRE(report);
    REQUIRE(report->months.size() == 3);
    CHECK(report->months[0].month == "2025-11");
    CHECK(report->months[1].month == "2025-12");
    CHECK(report->months[1].lines.empty());
    CHECK(report->months[2].km == Approx(18.0));
    REQUIRE(report->years.size() == 2);
    CHECK(report->years[0].year == "2025");
    CHECK(report->years[0].uses == 0);
    CHECK(report->years[1].year == "2026");
    CHECK(report->years[1].km == Approx(18.0));
}

TEST_CASE("an impact report refuses a span it cannot count and says why", "[impact][bad-input]") {
    CHECK_FALSE(buildImpactReport(kAutumn, kDistances, "2026-02-30", "2026-03-31"));
    CHECK(describeSpanProblem("2026-02-30", "2026-03-31").find("2026-02-30") != std::string::npos);
    CHECK(describeSpanProblem("2026-11-01", "2026-10-01").find("comes after") != std::string::npos);
    CHECK(describeSpanProblem("1er novembre", "2026-11-30").find("YYYY-MM-DD") != std::string::npos);
    CHECK(describeSpanProblem("2000-01-01", "2026-11-30").find("ten years") != std::string::npos);
    CHECK(describeSpanProblem("2026-11-01", "2026-11-01").empty());
}

TEST_CASE("the impact report as CSV: one header, dot decimals, empty km where no distance, quoting", "[impact]") {
    std::vector<ServiceUse> uses = kAutumn;
    uses.push_back({"café, terrasse", "say \"hi\"", "2026-11", 1, 0});
    const auto report = buildImpactReport(uses, kDistances, "2026-11-01", "2026-11-30");
    REQUIRE(report);
    const std::string csv = impactCsv(*report);
    CHECK(csv.rfind("month,service,kind,uses,hours,distance_km,km_saved\r\n", 0) == 0);
    CHECK(csv.find("\"2026-11\",\"doctor\",\"check_ins\",8,0,14.5,116\r\n") != std::string::npos);
    CHECK(csv.find("\"2026-11\",\"exchange\",\"time_bank_exchanges\",3,4.5,,\r\n") != std::string::npos);
    CHECK(csv.find("\"2026-11\",\"café, terrasse\",\"say \"\"hi\"\"\",1,0,,\r\n") != std::string::npos);
    CHECK(csv.find("\"total\",\"relay\",\"parcels_handed_over\",5,0,9,45\r\n") != std::string::npos);
    CHECK(csv.find("2026-10") == std::string::npos);
}

TEST_CASE("[impact.distances_km] is read per service, a wrong one refused with its key", "[impact][config]") {
    const ConfigLoad good = parseConfig("[impact.distances_km]\ndoctor = 14.5\nrelay = 9\npost_office = 12\n",
                                        "kiosk.toml");
    CHECK(good.usable());
    const auto& distances = good.config.areas.get<ImpactSettings>().distancesKm;
    CHECK(distances.at("doctor") == Approx(14.5));
    CHECK(distances.at("post_office") == Approx(12));

    const ConfigLoad negative = parseConfig("[impact.distances_km]\ndoctor = -3\n", "kiosk.toml");
    CHECK_FALSE(negative.usable());
    REQUIRE_FALSE(negative.problems.empty());
    CHECK(negative.problems.front().key == "impact.distances_km.doctor");
    CHECK(negative.problems.front().line == 2);

    CHECK_FALSE(parseConfig("[impact.distances_km]\nbakery = \"6 km\"\n", "kiosk.toml").usable());
    CHECK_FALSE(parseConfig("[impact.distances_km]\nDoctor = 3\n", "kiosk.toml").usable());
    CHECK_FALSE(parseConfig("[impact.distances_km]\ndoctor = 5000\n", "kiosk.toml").usable());
    CHECK_FALSE(parseConfig("[impact]\ndistances_km = 12\n", "kiosk.toml").usable());

    // A service no area counts yet is said, but does not stop the kiosk.
    const ConfigLoad unknown = parseConfig("[impact.distances_km]\npiscine = 20\n", "kiosk.toml");
    CHECK(unknown.usable());
    REQUIRE(unknown.problems.size() == 1);
    CHECK_FALSE(unknown.problems.front().fatal);
    CHECK(unknown.config.areas.get<ImpactSettings>().distancesKm.at("piscine") == Approx(20));
}

namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

// A kiosk with records made as its users make them: through the command line's commands.
struct RecordsFixture {
    RecordsFixture() {
        runtime.area<timebank::TimeBankServices>().useMembers(std::make_unique<timebank::testing::SimulatedMembers>());
    }
    static KioskConfig configWithDistances() {
        ConfigLoad load = parseConfig("[kiosk]\ndemo_data = false\n[impact.distances_km]\nrelay = 9\nevents = 25\n",
                                      "kiosk.toml");
        REQUIRE(load.usable());
        return load.config;
    }
    ImpactReport june() {
        const auto report = runtime.area<ImpactServices>().report("2030-06-01", "2030-06-30");
        REQUIRE(report);
        return *report;
    }

    ManualClock clock{*health::localToUnixMs("2030-06-12", "09:00")};
    KioskRuntime runtime{configWithDistances(), RuntimeOptions{true, PinHasher::Strength::FastForTests, &clock}};
    testing::CommandLine cli{runtime};
};

}  // namespace

TEST_CASE("the impact report counts the kiosk's own records: handed over, exchanged, signed up", "[impact]") {
    RecordsFixture f;
    f.cli.receiveAndHandOver("MR00012345");
    f.cli.succeed("parcels", {"receive", "--carrier", "mondial-relay", "--tracking", "MR00067890", "--recipient", "Paul Roux"});
    using timebank::testing::kAnne;
    using timebank::testing::kBruno;
    f.cli.succeed("timebank", {"transfer", "--from", kAnne, "--to", kBruno, "--minutes", "90", "--what", "Taille de la haie"});
    f.cli.succeed("timebank", {"transfer", "--from", kBruno, "--to", kAnne, "--minutes", "600", "--what", "Erreur", "--json"});
    const std::string mistaken = f.cli.json()["id"];
    f.cli.succeed("timebank", {"correct", mistaken});
    f.cli.succeed("agenda", {"add", "--title", "Loto", "--day", "2030-06-14", "--time", "15:00", "--json"});
    const std::string loto = f.cli.json()["id"];
    f.cli.succeed("agenda", {"sign-up", "--event", loto, "--name", "Gérard Blanc"});
    f.cli.succeed("agenda", {"sign-up", "--event", loto, "--name", "Lise Martin"});
    f.cli.succeed("agenda", {"add", "--title", "Cinéma", "--day", "2030-06-21", "--time", "21:00", "--json"});
    const std::string cinema = f.cli.json()["id"];
    f.cli.succeed("agenda", {"sign-up", "--event", cinema, "--name", "Gérard Blanc"});
    f.cli.succeed("agenda", {"cancel-event", "--event", cinema});

    const ImpactReport report = f.june();
    const ImpactLine* handedOver = lineOf(report.totals, "relay", "parcels_handed_over");
    REQUIRE(handedOver);
    CHECK(handedOver->uses == 1);  // the parcel still on the shelf is no use yet
    CHECK(handedOver->km == Approx(9.0));
    const ImpactLine* exchanges = lineOf(report.totals, "exchange", "time_bank_exchanges");
    REQUIRE(exchanges);
    CHECK(exchanges->uses == 1);  // the mistaken exchange and its correction count for nothing
    CHECK(exchanges->hours == Approx(1.5));
    CHECK_FALSE(exchanges->km);
    const ImpactLine* signUps = lineOf(report.totals, "events", "event_sign_ups");
    REQUIRE(signUps);
    CHECK(signUps->uses == 2);  // the cancelled film counts none
    CHECK(report.km == Approx(9.0 + 2 * 25.0));
    CHECK(lineOf(report.totals, "doctor", "check_ins") == nullptr);

    // Nothing in the report names anyone.
    const std::string csv = impactCsv(report);
    for (const char* name : {"Jeanne", "Moulin", "Gérard", "Lise", "Anne", "Bruno", "haie", "Loto"})
        CHECK(csv.find(name) == std::string::npos);
}

TEST_CASE("the counts of past days are kept before retention erases the records they came from",
          "[impact][retention]") {
    RecordsFixture f;
    f.cli.receiveAndHandOver("MR00012345");
    f.clock.advanceMs(kDayMs);  // 13 June
    f.cli.receiveAndHandOver("MR00022222");
    CHECK(lineOf(f.june().totals, "relay", "parcels_handed_over")->uses == 2);

    ImpactCounts counts = ImpactCounts::ofEveryArea(f.runtime.database);
    CHECK(counts.keepThrough("2030-06-12", f.clock.nowMs()) == 12);  // the first keeping starts at June's first day
    CHECK(counts.keepThrough("2030-06-12", f.clock.nowMs()) == 0);  // kept once

    // Retention erases both parcels: the 12th was kept, the 13th was not.
    storage::purgeExpired(f.runtime.database, {{"parcels_days", 1}}, f.clock.nowMs() + 30 * kDayMs);
    CHECK(lineOf(f.june().totals, "relay", "parcels_handed_over")->uses == 1);

    // A day after the kept one still counts from the records.
    f.cli.receiveAndHandOver("MR00033333");
    CHECK(lineOf(f.june().totals, "relay", "parcels_handed_over")->uses == 2);
    const auto kept = counts.usesBetween("2030-06-12", "2030-06-12");
    REQUIRE(kept.size() == 1);
    CHECK(kept.front().uses == 1);
}

TEST_CASE("the retention job keeps the impact counts up to yesterday before it purges", "[impact][retention]") {
    RecordsFixture f;
    f.cli.receiveAndHandOver("MR00012345");
    f.clock.advanceMs(40 * kDayMs);  // 22 July: the job keeps the counts through the 21st
    f.runtime.retention.runIfDue();
    storage::purgeExpired(f.runtime.database, {{"parcels_days", 1}}, f.clock.nowMs());
    const ImpactLine* handedOver = lineOf(f.june().totals, "relay", "parcels_handed_over");
    REQUIRE(handedOver);
    CHECK(handedOver->uses == 1);
}
