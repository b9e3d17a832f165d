#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/screen_hours.h"

#include <catch2/catch.hpp>

using namespace vk::services;

namespace {
std::tm at(int weekday, int hour, int minute) {
    std::tm local{};
    local.tm_wday = weekday;  // 0 = Sunday
    local.tm_hour = hour;
    local.tm_min = minute;
    return local;
}
}  // namespace

TEST_CASE("the screen is lit within its hours on its days, and dark outside them", "[screen-hours]") {
    std::string problem;
    const auto hours = parseScreenHours("07:30-21:00", {"tue", "wed", "thu", "fri", "sat", "sun"}, problem);
    REQUIRE(hours);
    CHECK(hours->litAt(at(2, 7, 30)));   // Tuesday at opening
    CHECK(hours->litAt(at(2, 20, 59)));
    CHECK_FALSE(hours->litAt(at(2, 21, 0)));
    CHECK_FALSE(hours->litAt(at(2, 7, 29)));
    CHECK_FALSE(hours->litAt(at(1, 12, 0)));  // Monday: closed all day
    CHECK(hours->litAt(at(0, 12, 0)));        // Sunday
}

TEST_CASE("screen hours past midnight belong to the evening they start", "[screen-hours]") {
    std::string problem;
    const auto hours = parseScreenHours("18:00-02:00", {"fri"}, problem);
    REQUIRE(hours);
    CHECK(hours->litAt(at(5, 23, 0)));       // Friday night
    CHECK(hours->litAt(at(6, 1, 30)));       // the small hours of Saturday, still Friday's evening
    CHECK_FALSE(hours->litAt(at(6, 2, 0)));
    CHECK_FALSE(hours->litAt(at(6, 19, 0)));  // Saturday evening: not a day of the list
    CHECK_FALSE(hours->litAt(at(5, 1, 0)));   // the small hours of Friday belong to Thursday
}

TEST_CASE("an idle kiosk goes dark outside its hours, never while someone uses it nor without hours",
          "[screen-hours]") {
    std::string problem;
    const auto hours = parseScreenHours("00:00-00:01", {}, problem);  // lit one minute a day
    REQUIRE(hours);
    // 2026-12-02 12:00 UTC: well outside 00:00–00:01 in any zone within ±11 h.
    const std::int64_t noon = 1'796'212'800'000;
    CHECK(screenShouldBeDark(*hours, noon, noon - 91'000, 90'000));
    CHECK_FALSE(screenShouldBeDark(*hours, noon, noon - 30'000, 90'000));
    CHECK_FALSE(screenShouldBeDark(ScreenHours{}, noon, 0, 90'000));
}

TEST_CASE("screen hours that cannot be read leave the screen lit, with a warning naming the key",
          "[screen-hours][config][bad-input]") {
    std::string problem;
    CHECK_FALSE(parseScreenHours("7h30 à 21h", {}, problem));
    CHECK_THAT(problem, Catch::Contains("07:30-21:00"));
    CHECK_FALSE(parseScreenHours("07:30-21:00", {"lundi"}, problem));
    CHECK_THAT(problem, Catch::Contains("\"lundi\""));
    CHECK_FALSE(parseScreenHours("25:00-26:00", {}, problem));

    const ConfigLoad load = parseConfig("[kiosk]\nscreen_on_hours = \"toujours\"\n", "kiosk.toml");
    REQUIRE(load.problems.size() == 1);
    CHECK_FALSE(load.problems[0].fatal);
    CHECK_THAT(describeProblem(load.problems[0], load.source), Catch::Contains("kiosk.screen_on_hours"));
    CHECK(load.config.screenHours.alwaysOn());
    const ConfigLoad good = parseConfig("[kiosk]\nscreen_on_hours = \"08:00-19:00\"\nscreen_on_days = [\"mon\"]\n",
                                        "kiosk.toml");
    CHECK(good.problems.empty());
    CHECK(good.config.screenHours.fromMinute == 8 * 60);
    CHECK_FALSE(good.config.screenHours.days[2]);
}
