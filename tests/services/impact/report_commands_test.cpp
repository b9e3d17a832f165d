#include "services/impact/impact_fixture.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/impact/impact_area.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/kiosk_runtime.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

using namespace vk;
using namespace vk::services;

namespace {

namespace fs = std::filesystem;

struct ReportFixture {
    explicit ReportFixture(bool demo = false)
        : runtime(config(demo), RuntimeOptions{true, PinHasher::Strength::FastForTests, &clock, false, demo}) {
        fs::remove_all(folder);
        fs::create_directories(folder);
    }
    ~ReportFixture() {
        i18n::setLanguage("fr");
        // VK_REPORT_DIR keeps the files, to look at them.
        if (const char* keep = std::getenv("VK_REPORT_DIR")) {
            fs::create_directories(keep);
            for (const auto& file : fs::directory_iterator(folder))
                if (file.is_regular_file())
                    fs::copy_file(file.path(), fs::path(keep) / file.path().filename(),
                                  fs::copy_options::overwrite_existing);
        }
        fs::remove_all(folder);
    }
    static KioskConfig config(bool demo) {
        if (demo) return KioskConfig{};
        ConfigLoad load = parseConfig("[impact.distances_km]\nrelay = 9\n", "kiosk.toml");
        REQUIRE(load.usable());
        return load.config;
    }
    std::string path(const std::string& name) const { return (folder / name).string(); }

    ManualClock clock{*health::localToUnixMs("2030-06-12", "09:00")};
    fs::path folder = fs::temp_directory_path() / ("vk-report-test-" + std::to_string(::getpid()));
    KioskRuntime runtime;
    impact::testing::CommandLine cli{runtime};
};

std::string readFile(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The PDF's text as poppler reads it back (poppler-utils, installed by ./setup.sh test).
std::string pdfText(const std::string& file) {
    REQUIRE(fs::exists("/usr/bin/pdftotext"));
    const std::string command = "/usr/bin/pdftotext -enc UTF-8 '" + file + "' -";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
    REQUIRE(pipe);
    std::string text;
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) text.append(buffer, n);
    return text;
}

}  // namespace

TEST_CASE("report impact writes the CSV and a PDF whose text holds the figures", "[impact][cli]") {
    ReportFixture f;
    f.cli.receiveAndHandOver("MR00012345");
    f.cli.receiveAndHandOver("MR00067890");
    REQUIRE(f.cli.run("report", {"impact", "--from", "2030-06-01", "--to", "2030-06-30", "--csv", f.path("impact.csv"),
                             "--pdf", f.path("impact.pdf")}) == 0);
    CHECK(f.cli.out.str().find("Point relais colis — Colis remis: 2, 18 km") != std::string::npos);

    const std::string csv = readFile(f.path("impact.csv"));
    CHECK(csv.find("\"2030-06\",\"relay\",\"parcels_handed_over\",2,0,9,18\r\n") != std::string::npos);

    const std::string pdf = readFile(f.path("impact.pdf"));
    REQUIRE(pdf.size() > 1000);
    CHECK(pdf.rfind("%PDF-", 0) == 0);
    CHECK(pdf.find("%%EOF") != std::string::npos);
    const std::string text = pdfText(f.path("impact.pdf"));
    CHECK(text.find("Rapport d’impact — Saint-Aubin-des-Prés") != std::string::npos);
    CHECK(text.find("Du 1er juin 2030 au 30 juin 2030") != std::string::npos);
    CHECK(text.find("Point relais colis") != std::string::npos);
    CHECK(text.find("18 km") != std::string::npos);
    CHECK(text.find("méthode du réseau 1000 cafés") != std::string::npos);
    CHECK(text.find("Jeanne") == std::string::npos);
    // Nothing half written is left beside them.
    for (const auto& file : fs::directory_iterator(f.folder))
        CHECK(file.path().string().find(".part") == std::string::npos);
}

TEST_CASE("report impact --language en --json gives the figures in English and as JSON", "[impact][cli]") {
    ReportFixture f;
    f.cli.receiveAndHandOver("MR00012345");
    REQUIRE(f.cli.run("report", {"impact", "--from", "2030-05-01", "--to", "2030-06-30", "--language", "en", "--json",
                             "--pdf", f.path("impact-en.pdf")}) == 0);
    const auto answer = nlohmann::json::parse(f.cli.out.str());
    CHECK(answer["km_saved"] == Approx(9.0));
    CHECK(answer["uses"] == 1);
    REQUIRE(answer["months"].size() == 2);
    CHECK(answer["months"][0]["month"] == "2030-05");
    CHECK(answer["months"][0]["uses"] == 0);
    CHECK(answer["written"]["pdf"] == f.path("impact-en.pdf"));
    const std::string text = pdfText(f.path("impact-en.pdf"));
    CHECK(text.find("Impact report") != std::string::npos);
    CHECK(text.find("Parcel relay point") != std::string::npos);
    CHECK(text.find("Kilometres saved per month") != std::string::npos);
}

TEST_CASE("report impact refuses bad dates, languages and files with a clear message and writes nothing",
          "[impact][cli][bad-input]") {
    ReportFixture f;
    CHECK(f.cli.run("report", {"impact", "--from", "2030-13-01", "--to", "2030-06-30"}) == 2);
    CHECK(f.cli.err.str().find("2030-13-01") != std::string::npos);
    CHECK(f.cli.run("report", {"impact", "--from", "2030-07-01", "--to", "2030-06-30"}) == 2);
    CHECK(f.cli.err.str().find("comes after") != std::string::npos);
    CHECK(f.cli.run("report", {"impact", "--language", "xx"}) == 2);
    CHECK(f.cli.run("report", {"visits"}) == 2);
    CHECK(f.cli.err.str().find("unknown report") != std::string::npos);

    const std::string nowhere = f.path("no-such-folder/impact.pdf");
    CHECK(f.cli.run("report", {"impact", "--from", "2030-06-01", "--to", "2030-06-30", "--pdf", nowhere}) == 1);
    CHECK(f.cli.err.str().find("cannot write " + nowhere) != std::string::npos);
    CHECK(f.cli.run("report", {"impact", "--from", "2030-06-01", "--to", "2030-06-30", "--csv",
                           f.path("no-such-folder/impact.csv")}) == 1);
    CHECK(fs::is_empty(f.folder));

    // An older report stays whole when the new one cannot be written in its place (a folder stands there).
    fs::create_directories(f.path("impact.pdf"));
    CHECK(f.cli.run("report", {"impact", "--pdf", f.path("impact.pdf")}) == 1);
    CHECK(fs::is_directory(f.path("impact.pdf")));
}

TEST_CASE("the demo village's report has a year behind it, with kilometres", "[impact][demo]") {
    ReportFixture f(true);
    const std::string today = health::localDay(f.clock.nowMs());
    const std::string from = health::addDays(today.substr(0, 8) + "01", -330).substr(0, 8) + "01";
    REQUIRE(f.cli.run("report", {"impact", "--from", from, "--to", today, "--json", "--pdf", f.path("demo.pdf")}) == 0);
    const auto answer = nlohmann::json::parse(f.cli.out.str());
    REQUIRE(answer["months"].size() == 12);
    int monthsWithUses = 0;
    for (const auto& month : answer["months"]) monthsWithUses += month["uses"].get<int>() > 0 ? 1 : 0;
    CHECK(monthsWithUses >= 11);
    CHECK(answer["km_saved"].get<double>() > 1000);
    CHECK(answer["distances_km"]["doctor"] == Approx(14));
}
