#include "kiosk/report/impact_text.h"
#include "kiosk/screens/impact/impact_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/demo_data.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/impact/impact_area.h"
#include "ui_fixture.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

using namespace vk;
using vk::test::UiFixture;

namespace {

const services::impact::ImpactReport reportOf(UiFixture& f, const std::string& from, const std::string& to) {
    const auto report = f.runtime.area<services::impact::ImpactServices>().report(from, to);
    REQUIRE(report);
    return *report;
}

}  // namespace

TEST_CASE("the café manager reads the impact report, changes its span and prints its summary", "[ui][impact]") {
    UiFixture f;
    REQUIRE(f.runtime.previewPrinter);
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.impact");
    REQUIRE(f.kiosk.state().screen == screens::kImpactReportScreen);

    const std::string today = services::health::localDay(f.clock.nowMs());
    const auto year = reportOf(f, today.substr(0, 4) + "-01-01", today);
    REQUIRE(year.km > 0);  // the demo village has a year behind it
    CHECK(f.kiosk.shows(report::formatNumber(year.km)));
    CHECK(f.kiosk.shows(report::formatNumber(static_cast<double>(year.uses))));
    CHECK(f.kiosk.shows("Médecin"));
    CHECK(f.kiosk.shows("kilomètres évités"));

    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(f.kiosk.savePng(std::filesystem::path(dir) / "impact-report.png"));

    f.tap("impact.span.last_month");
    const std::string lastDay = services::health::addDays(today.substr(0, 8) + "01", -1);
    const auto lastMonth = reportOf(f, lastDay.substr(0, 8) + "01", lastDay);
    CHECK(f.kiosk.shows("Du " + report::dateText(lastMonth.fromDay) + " au " + report::dateText(lastDay)));
    CHECK(f.kiosk.shows(report::formatNumber(lastMonth.km)));
    CHECK(lastMonth.km < year.km);

    f.tap("impact.print");
    CHECK(f.kiosk.shows("Le résumé est parti à l’imprimante."));
    const auto receipts = f.runtime.previewPrinter->lastReceipts();
    const auto printed = std::count_if(receipts.begin(), receipts.end(),
                                       [](const hardware::Receipt& r) { return r.kind == "impact_summary"; });
    CHECK(printed == 1);

    f.tap("common.back");
    CHECK(f.kiosk.state().screen == screens::kStaffHomeScreen);
}

TEST_CASE("the impact report names nobody, and the medical assistant has no tool for it", "[ui][impact][privacy]") {
    UiFixture f;
    f.openScreen(screens::kImpactReportScreen);
    REQUIRE(f.kiosk.state().screen == screens::kImpactReportScreen);
    REQUIRE(f.kiosk.shows("Médecin"));
    for (const auto& item : f.kiosk.drawn()) {
        for (const auto& patient : services::demoPatients())
            CHECK(item.text.find(patient.surname) == std::string::npos);
        for (const auto& member : services::demoMembers()) CHECK(item.text.find(member.name) == std::string::npos);
    }

    UiFixture assistant;
    assistant.signIn("Claire Moreau", "2580");
    CHECK_FALSE(assistant.kiosk.find("staff.home.impact"));
}
