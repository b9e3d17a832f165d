#include "kiosk/services/devices/device_settings.h"
#include "kiosk/services/health/health_settings.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/staff/staff_settings.h"

#include <catch2/catch.hpp>

using namespace vk::services;

namespace {
const ConfigProblem* problemFor(const ConfigLoad& load, const std::string& key) {
    for (const auto& problem : load.problems)
        if (problem.key == key) return &problem;
    return nullptr;
}
}  // namespace

TEST_CASE("an empty file gives the embedded defaults", "[config]") {
    const ConfigLoad load = parseConfig("", "kiosk.toml");
    CHECK(load.usable());
    CHECK(load.problems.empty());
    CHECK(load.config.language == "fr");
    CHECK(load.config.idleTimeoutSeconds == 90);
    CHECK(load.config.renderer == RendererChoice::Software);
    // The demo village, with its published PINs, is never a default.
    CHECK_FALSE(load.config.demoData);
}

TEST_CASE("every documented key is read", "[config]") {
    const ConfigLoad load = parseConfig(R"(
[village]
name = "Lavardin"
language = "en"

[kiosk]
data_dir = "/var/lib/village-kiosk"
demo_data = true
fullscreen = false
renderer = "accelerated"
font = "/usr/share/fonts/a.ttf"
font_bold = "/usr/share/fonts/b.ttf"
text_scale = 1.25
idle_timeout_seconds = 45

[staff]
idle_timeout_seconds = 240
pin_attempts_before_lockout = 4
pin_lockout_minutes = 10
admin_pin_digits = 8

[retention]
audit_log_days = 180
removed_staff_days = 30

[devices]
printer = "usb:04b8:0202"
reader = "/dev/input/by-id/usb-reader-event-kbd"
)",
                                        "kiosk.toml");
    INFO(load.problems.size());
    REQUIRE(load.usable());
    CHECK(load.problems.empty());
    const KioskConfig& c = load.config;
    CHECK(c.villageName == "Lavardin");
    CHECK(c.language == "en");
    CHECK(c.dataDir == "/var/lib/village-kiosk");
    CHECK(c.demoData);
    CHECK_FALSE(c.fullscreen);
    CHECK(c.renderer == RendererChoice::Accelerated);
    CHECK(c.textScale == Approx(1.25));
    CHECK(c.idleTimeoutSeconds == 45);
    const auto& staff = c.areas.get<StaffSettings>();
    CHECK(staff.idleTimeoutSeconds == 240);
    CHECK(staff.pinAttemptsBeforeLockout == 4);
    CHECK(staff.pinLockoutMinutes == 10);
    CHECK(staff.adminPinDigits == 8);
    CHECK(c.retentionDays.at("audit_log_days") == 180);
    CHECK(c.retentionDays.at("removed_staff_days") == 30);
    CHECK(c.areas.get<DeviceSettings>().printerUri == "usb:04b8:0202");
    CHECK(c.databaseFile() == "/var/lib/village-kiosk/village-kiosk.db");
}

TEST_CASE("a value of the wrong type is refused with its line and key", "[config][bad-input]") {
    const ConfigLoad load = parseConfig("[kiosk]\n\nidle_timeout_seconds = \"quatre-vingt-dix\"\n", "kiosk.toml");
    CHECK_FALSE(load.usable());
    const ConfigProblem* problem = problemFor(load, "kiosk.idle_timeout_seconds");
    REQUIRE(problem);
    CHECK(problem->line == 3);
    const std::string message = describeProblem(*problem, load.source);
    CHECK(message == "kiosk.toml, line 3, key kiosk.idle_timeout_seconds: must be a whole number of seconds, not text");
}

TEST_CASE("a number out of range is refused and says the range", "[config][bad-input]") {
    const ConfigLoad load = parseConfig("[staff]\npin_attempts_before_lockout = 1000\n", "kiosk.toml");
    CHECK_FALSE(load.usable());
    const ConfigProblem* problem = problemFor(load, "staff.pin_attempts_before_lockout");
    REQUIRE(problem);
    CHECK(problem->line == 2);
    CHECK_THAT(problem->message, Catch::Contains("between 3 and 20"));
}

TEST_CASE("an admin PIN length outside 4 to 8 digits is refused", "[config][bad-input]") {
    const ConfigLoad load = parseConfig("[staff]\nadmin_pin_digits = 3\n", "kiosk.toml");
    CHECK_FALSE(load.usable());
    const ConfigProblem* problem = problemFor(load, "staff.admin_pin_digits");
    REQUIRE(problem);
    CHECK_THAT(problem->message, Catch::Contains("between 4 and 8"));
    CHECK(parseConfig("", "kiosk.toml").config.areas.get<StaffSettings>().adminPinDigits == 6);
}

TEST_CASE("broken TOML is refused with the line of the mistake", "[config][bad-input]") {
    const ConfigLoad load = parseConfig("[village]\nname = \"Lavardin\n[kiosk]\n", "kiosk.toml");
    CHECK_FALSE(load.usable());
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].line == 2);
    CHECK_THAT(load.problems[0].message, Catch::Contains("not valid TOML"));
}

TEST_CASE("an unknown key is a warning that names it, not a refusal", "[config][bad-input]") {
    const ConfigLoad load = parseConfig("[kiosk]\nidle_timout_seconds = 30\n", "kiosk.toml");
    CHECK(load.usable());
    const ConfigProblem* problem = problemFor(load, "kiosk.idle_timout_seconds");
    REQUIRE(problem);
    CHECK_FALSE(problem->fatal);
    CHECK(problem->line == 2);
    CHECK(load.config.idleTimeoutSeconds == 90);
}

TEST_CASE("a renderer that does not exist lists the choices", "[config][bad-input]") {
    const ConfigLoad load = parseConfig("[kiosk]\nrenderer = \"vulkan\"\n", "kiosk.toml");
    CHECK_FALSE(load.usable());
    const ConfigProblem* problem = problemFor(load, "kiosk.renderer");
    REQUIRE(problem);
    CHECK_THAT(problem->message, Catch::Contains("\"software\", \"accelerated\""));
}

TEST_CASE("a missing configuration file is reported, not silently replaced by defaults", "[config][bad-input]") {
    const ConfigLoad load = loadConfigFile("/nonexistent/village-kiosk/kiosk.toml");
    CHECK_FALSE(load.usable());
    CHECK_THAT(describeProblem(load.problems.at(0), load.source), Catch::Contains("/nonexistent/village-kiosk/kiosk.toml"));
}

TEST_CASE("the documented example configuration is read without a single problem", "[config][docs]") {
    const ConfigLoad load = loadConfigFile(std::string(VK_SOURCE_DIR) + "/docs/kiosk.example.toml");
    for (const auto& problem : load.problems) INFO(describeProblem(problem, load.source));
    CHECK(load.problems.empty());
    CHECK(load.usable());
    CHECK(load.config.areas.get<health::HealthSettings>().rotaRefreshMinutes == 60);
    CHECK(retentionPeriods(load.config).at("appointments_days") == 30);
}

TEST_CASE("a rota feed that is not an http(s) address is refused", "[config][bad-input]") {
    const ConfigLoad load = parseConfig("[health]\nrota_feed_url = \"file:///etc/passwd\"\n", "kiosk.toml");
    CHECK_FALSE(load.usable());
    CHECK(load.problems.at(0).key == "health.rota_feed_url");
    CHECK(load.problems.at(0).line == 2);
}

TEST_CASE("an unknown time zone is a warning and falls back to the system's", "[config][bad-input]") {
    const ConfigLoad load = parseConfig("[village]\ntime_zone = \"Mars/Olympus_Mons\"\n", "kiosk.toml");
    CHECK(load.usable());
    REQUIRE(load.problems.size() == 1);
    CHECK_FALSE(load.problems[0].fatal);
    CHECK(load.config.timeZone.empty());
    CHECK_FALSE(effectiveTimeZone(load.config).empty());
}

TEST_CASE("the centre's usual hours are read as sessions, and a wrong one is refused with its line",
          "[config][health]") {
    const ConfigLoad good =
        parseConfig("[health]\nusual_hours = [\"08:30-12:30\", \"14:00 – 19:00\"]\n", "kiosk.toml");
    CHECK(good.problems.empty());
    const auto& usual = good.config.areas.get<health::HealthSettings>().usualHours;
    REQUIRE(usual.size() == 2);
    CHECK(usual[0].opens == "08:30");
    CHECK(usual[0].closes == "12:30");
    CHECK(usual[1].opens == "14:00");
    CHECK(usual[1].closes == "19:00");

    for (const std::string bad : {"[\"9h-12h\"]", "[\"12:00-09:00\"]", "[\"14:00-18:00\", \"09:00-12:00\"]",
                                  "[\"09:00-12:00\", \"11:00-13:00\"]", "[\"25:00-26:00\"]", "[]"}) {
        INFO(bad);
        const ConfigLoad load = parseConfig("[health]\nusual_hours = " + bad + "\n", "kiosk.toml");
        CHECK_FALSE(load.usable());
        const ConfigProblem* problem = problemFor(load, "health.usual_hours");
        REQUIRE(problem);
        CHECK(problem->line == 2);
        CHECK(load.config.areas.get<health::HealthSettings>().usualHours.size() == 2);  // the default stays
    }
}

// Found by the fuzzer (tests/fuzz/corpus/kiosk_config/bare_accent_*.toml): Debian's toml++ 3.3 reaches undefined
// behaviour on such letters, so the file never gets to it.
TEST_CASE("an accented value written without quotes is refused with its line, and quoted text keeps its accents",
          "[config][bad-input]") {
    const ConfigLoad bare = parseConfig("[village]\nname = Saint-Aubin-des-Prés\n", "kiosk.toml");
    CHECK_FALSE(bare.usable());
    REQUIRE(bare.problems.size() == 1);
    CHECK(bare.problems[0].line == 2);
    CHECK_THAT(bare.problems[0].message, Catch::Contains("outside quotes"));
    const ConfigLoad afterBackslash =
        parseConfig("[village]\nname = \"\"\"Saint-Aubin, \\\n  Église\"\"\"\n", "kiosk.toml");
    CHECK_FALSE(afterBackslash.usable());

    const ConfigLoad quoted = parseConfig("# Le café de la place\n[village]\nname = \"Saint-Aubin-des-Prés\"\n"
                                          "[parcels]\nrelay_name = '''Café « Chez Léa »'''\n",
                                          "kiosk.toml");
    CHECK(quoted.usable());
    CHECK(quoted.config.villageName == "Saint-Aubin-des-Prés");
}

TEST_CASE("a section header commented out inside its brackets is refused with its line", "[config][bad-input]") {
    for (const char* text : {"[village]\nname = \"X\"\n[#health]\n", "[ # health\n", "[[ #orders]]\n"}) {
        const ConfigLoad load = parseConfig(text, "kiosk.toml");
        CHECK_FALSE(load.usable());
        REQUIRE(load.problems.size() == 1);
        CHECK_THAT(load.problems[0].message, Catch::Contains("must start with its name"));
    }
    // Arrays in values may start lines with brackets of their own.
    const ConfigLoad arrays = parseConfig("[parcels]\nshelves = [\n  \"A\",\n  \"B\",\n]\n", "kiosk.toml");
    CHECK(arrays.usable());
}

TEST_CASE("a closing brace where a value of a list should stand is refused with its line", "[config][bad-input]") {
    for (const char* text : {"[village]\nname = \"X\"\ns = [}\n", "[village]\ns = [1, }\n", "[village]\ns = [\n\n  }\n",
                             "[village]\ns = [{a = 1}, [}]]\n"}) {
        const ConfigLoad load = parseConfig(text, "kiosk.toml");
        CHECK_FALSE(load.usable());
        REQUIRE(load.problems.size() == 1);
        CHECK(load.problems[0].line >= 2);
        CHECK_THAT(load.problems[0].message, Catch::Contains("inside a list"));
    }
    // Inline tables close with their brace, inside a list or not.
    const ConfigLoad tables = parseConfig("[village]\nname = \"X\"\n[orders]\nproducers = [{ name = \"Le fournil\" }, "
                                          "{ name = \"La ferme\" }]\n",
                                          "kiosk.toml");
    for (const ConfigProblem& problem : tables.problems) CHECK_THAT(problem.message, !Catch::Contains("inside a list"));
    CHECK(tables.usable());
}

TEST_CASE("a quote or a bracket in the middle of a word or a number is refused with its line", "[config][bad-input]") {
    for (const char* text : {"[village]\ns=-\"é\"\n", "[village]\nname = Saint-\"Aubin\"\n", "[village]\nx = 1.'é'\n",
                             "[village]\ns=-[\"é\"]\n", "[village]\nname = \"A\"\"B\"\n",
                             "[village]\ns = 1='''§'''\n", "[village]\nv={i=1=\"§\n", "[village]\nv = {a = 1, b = 2 = 'é'}\n"}) {
        const ConfigLoad load = parseConfig(text, "kiosk.toml");
        CHECK_FALSE(load.usable());
        REQUIRE(load.problems.size() == 1);
        CHECK(load.problems[0].line == 2);
        CHECK_THAT(load.problems[0].message, Catch::Contains("in the middle of a word"));
    }
    // Quotes where TOML starts strings: values, lists, inline tables, quoted and dotted keys, headers.
    const ConfigLoad quoted = parseConfig("\"village\".name = \"Saint-Aubin\"\n[\"parcels\"]\nshelves = [ \"A\",\"B\" ]\n"
                                          "[ orders . \"x\" ]\ny = { a = \"b\", c = [\"d\"], e = { f = \"g\" } }\n",
                                          "kiosk.toml");
    for (const ConfigProblem& problem : quoted.problems)
        CHECK_THAT(problem.message, !Catch::Contains("in the middle of a word"));
    CHECK(quoted.config.villageName == "Saint-Aubin");
}

TEST_CASE("a backslash before an accented letter in a long text, and a key in three quotes, are refused",
          "[config][bad-input]") {
    const ConfigLoad escape = parseConfig("[village]\nname = \"\"\"Saint\\é\"\"\"\n", "kiosk.toml");
    CHECK_FALSE(escape.usable());
    REQUIRE(escape.problems.size() == 1);
    CHECK(escape.problems[0].line == 2);
    CHECK_THAT(escape.problems[0].message, Catch::Contains("backslash"));
    const ConfigLoad key = parseConfig("\"\"\"\\§", "kiosk.toml");
    CHECK_FALSE(key.usable());
    REQUIRE(key.problems.size() == 1);
    CHECK_THAT(key.problems[0].message, Catch::Contains("three"));
    // A backslash that ends its line stays for toml++ to read.
    const ConfigLoad continued = parseConfig("[village]\nname = \"\"\"Saint-\\\n  Aubin\"\"\"\n", "kiosk.toml");
    CHECK(continued.usable());
    CHECK(continued.config.villageName == "Saint-Aubin");
}

TEST_CASE("a date followed by a lone digit is refused with its line, a date and its time are read", "[config][bad-input]") {
    for (const char* text : {"[village]\ns = 1979-05-27 7\n", "[village]\ns = [1979-05-27 7]\n",
                             "[village]\ns=0004-04-0f 5 # c\n", "[village]\ns = 2026-12-05 9,\n"}) {
        const ConfigLoad load = parseConfig(text, "kiosk.toml");
        CHECK_FALSE(load.usable());
        REQUIRE(load.problems.size() == 1);
        CHECK(load.problems[0].line == 2);
        CHECK_THAT(load.problems[0].message, Catch::Contains("lone digit"));
    }
    for (const char* text : {"[village]\ns = 1979-05-27 07:32:00\n", "[village]\ns = 12 5\n",
                             "[village]\nname = \"1979-05-27 7\"\n"}) {
        const ConfigLoad load = parseConfig(text, "kiosk.toml");
        for (const ConfigProblem& problem : load.problems) CHECK_THAT(problem.message, !Catch::Contains("lone digit"));
    }
}

TEST_CASE("a control character in kiosk.toml, quoted or not, is refused with its line and its byte",
          "[config][bad-input]") {
    // Found by the kiosk.toml fuzzer: toml++ 3.3 asserts on this one (a NUL, then what looks like a date).
    const std::string found("s=0=\0" "4-04-0f 5 ", 15);
    const ConfigLoad fuzzed = parseConfig(found, "kiosk.toml");
    CHECK_FALSE(fuzzed.usable());
    REQUIRE(fuzzed.problems.size() == 1);
    CHECK(fuzzed.problems[0].line == 1);
    CHECK_THAT(fuzzed.problems[0].message, Catch::Contains("control character (byte 0x00)"));
    for (const std::string& text : {std::string("[village]\nname = \"Saint\x1B[2J\"\n"),
                                    std::string("[village]\n# a comment\x7F\nname = \"x\"\n"),
                                    std::string("[village]\nname = '''a\x07" "b'''\n")}) {
        const ConfigLoad load = parseConfig(text, "kiosk.toml");
        CHECK_FALSE(load.usable());
        REQUIRE(load.problems.size() == 1);
        CHECK(load.problems[0].line == 2);
        CHECK_THAT(load.problems[0].message, Catch::Contains("control character (byte 0x"));
    }
    // A tab, a CRLF line end and an escaped NUL are TOML's own and stay readable.
    const ConfigLoad fine = parseConfig("[village]\r\nname\t= \"Saint-Aubin\\u0000\"\r\n", "kiosk.toml");
    for (const ConfigProblem& problem : fine.problems) CHECK_THAT(problem.message, !Catch::Contains("control"));
    CHECK(fine.config.villageName.starts_with("Saint-Aubin"));
}

TEST_CASE("a screen mounted turned is set by kiosk.rotation in quarter turns, and any other angle leaves it upright",
          "[config][rotation]") {
    CHECK(parseConfig("", "kiosk.toml").config.rotationDegrees == 0);
    const ConfigLoad turned = parseConfig("[kiosk]\nrotation = 270\n", "kiosk.toml");
    CHECK(turned.problems.empty());
    CHECK(turned.config.rotationDegrees == 270);

    const ConfigLoad askew = parseConfig("[kiosk]\nrotation = 45\n", "kiosk.toml");
    CHECK(askew.usable());
    CHECK(askew.config.rotationDegrees == 0);
    REQUIRE(askew.problems.size() == 1);
    CHECK_THAT(describeProblem(askew.problems[0], askew.source),
               Catch::Contains("line 2") && Catch::Contains("must be 0, 90, 180 or 270"));

    const ConfigLoad wrongType = parseConfig("[kiosk]\nrotation = \"left\"\n", "kiosk.toml");
    REQUIRE(wrongType.problems.size() == 1);
    CHECK_THAT(describeProblem(wrongType.problems[0], wrongType.source), Catch::Contains("whole number of degrees"));
}
