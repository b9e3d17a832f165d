// The grocery's volunteer shifts, tapped through headless on the demo village: from the orders' first step to the
// week, a member signs up by name and code with a reminder, and the week never shows a name.

#include "kiosk/screens/shifts/shifts_screens.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/shifts/shifts_area.h"
#include "ui_fixture.h"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <optional>

using namespace vk;
using vk::test::UiFixture;

TEST_CASE("a member signs up for a shift at the kiosk by name and code, and the week shows no name", "[ui][shifts]") {
    UiFixture f(1024, 600);
    auto& book = f.runtime.area<services::shifts::ShiftsServices>().shifts;
    const auto marcel = f.runtime.area<services::board::BoardServices>().members.list("Marcel Roux");
    REQUIRE(marcel.size() == 1);
    f.tap("home.tile.orders");
    f.tap("orders.shifts");
    REQUIRE(f.kiosk.state().screen == screens::kShiftsWeekScreen);
    f.kiosk.frames(2);
    CHECK_FALSE(f.kiosk.shows("Marcel Roux"));
    CHECK_FALSE(f.kiosk.shows("Odile Perrin"));
    // The first week with a free shift Marcel is not on: this one, or the next.
    const std::string thisMonday =
        services::health::mondayOf(services::health::localDay(f.runtime.clock.nowMs()));
    std::vector<services::shifts::Shift> week;
    int chosen = -1;
    for (int w = 0; w < 2 && chosen < 0; ++w) {
        week = book.shiftsOfWeek(services::health::addDays(thisMonday, 7 * w));
        for (std::size_t i = 0; i < week.size() && chosen < 0; ++i) {
            bool marcelOn = false;
            for (const auto& place : book.signUpsOf(week[i].id))
                marcelOn = marcelOn || (place.memberId == marcel[0].id &&
                                        place.state == services::shifts::ShiftSignUpState::SignedUp);
            if (!book.hasStarted(week[i]) && week[i].placesLeft() > 0 && !marcelOn) chosen = static_cast<int>(i);
        }
        if (chosen < 0) f.tap("shifts.week.next");
    }
    REQUIRE(chosen >= 0);
    const std::string shiftId = week[static_cast<std::size_t>(chosen)].id;
    const int takenBefore = week[static_cast<std::size_t>(chosen)].taken;
    f.tap("shifts.shift." + std::to_string(chosen));
    f.tap("shifts.sign_up");
    for (const char c : std::string("Marcel Roux")) {
        if (c == ' ') f.tap("kbd.space");
        else f.tap(std::string("kbd.") + static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    f.tap("kbd.done");
    for (const char digit : std::string("3579")) f.tap(std::string("pad.") + digit);
    f.tap("pad.ok");
    f.tap("shifts.confirm.reminder");
    f.kiosk.frames(2);
    CHECK(f.kiosk.shows("C’est noté, merci !"));
    CHECK_FALSE(f.kiosk.shows("Marcel Roux"));
    CHECK(book.shift(shiftId)->taken == takenBefore + 1);
    bool remindMarcel = false;
    for (const auto& place : book.signUpsOf(shiftId))
        if (place.memberId == marcel[0].id) remindMarcel = place.reminderWanted;
    CHECK(remindMarcel);
}

namespace {

// Pictures for docs/shifts.md, with VK_SCREENSHOT_DIR.
void capture(UiFixture& f, const char* name) {
    if (const char* dir = std::getenv("VK_SCREENSHOT_DIR"))
        CHECK(f.kiosk.savePng(std::filesystem::path(dir) / (std::string(name) + ".png")));
}

}  // namespace

TEST_CASE("the coordinator publishes a shift with buttons only, marks an absence and reads who is short of hours",
          "[ui][shifts]") {
    UiFixture f(1024, 600);
    auto& book = f.runtime.area<services::shifts::ShiftsServices>().shifts;
    f.signIn("Julien Girard", "1357");
    f.tap("staff.home.shifts");
    REQUIRE(f.kiosk.state().screen == screens::kShiftsCoordinatorScreen);
    // In staff mode the names show: the demo's members on this week's shifts.
    CHECK(f.kiosk.shows("   Marcel Roux"));
    capture(f, "shifts-coordinator");

    // A started shift's member marked absent: the first « Absent » button on the week.
    std::string absentButton;
    for (const auto& item : f.kiosk.drawn())
        if (item.tappable && item.id.rfind("shifts.coord.absent.", 0) == 0 && absentButton.empty()) absentButton = item.id;
    if (!absentButton.empty()) {
        f.tap(absentButton);
        CHECK(f.kiosk.shows("Absence notée : ses heures ne comptent pas."));
        const std::string signUpId = absentButton.substr(std::string("shifts.coord.absent.").size());
        bool marked = false;
        for (const auto& shift : book.shiftsOfWeek(services::health::mondayOf(
                 services::health::localDay(f.runtime.clock.nowMs()))))
            for (const auto& place : book.signUpsOf(shift.id))
                marked = marked || (place.id == signUpId && place.state == services::shifts::ShiftSignUpState::Absent);
        CHECK(marked);
    }

    f.tap("shifts.coord.tab.publish");
    f.tap("shifts.coord.kind.delivery");
    f.tap("shifts.coord.day.plus");  // the day after tomorrow
    f.tap("shifts.coord.start.plus");  // 09:30, and the end follows: 11:30
    f.tap("shifts.coord.places.plus");  // 3 places
    f.tap("shifts.coord.publish");
    const std::string day = services::health::addDays(services::health::localDay(f.runtime.clock.nowMs()), 2);
    std::optional<services::shifts::Shift> published;
    for (const auto& shift : book.shiftsOfWeek(services::health::mondayOf(day)))
        if (shift.details.day == day && shift.details.startsAt == "09:30" && shift.details.endsAt == "11:30" &&
            shift.details.places == 3 && shift.details.kind == storage::ShiftKind::Delivery)
            published = shift;
    REQUIRE(published);
    capture(f, "shifts-coordinator-publish");
    CHECK(f.kiosk.shows("Créneau publié : " + screens::shifts_ui::whenLabel(*published) + "."));

    f.tap("shifts.coord.tab.hours");
    CHECK(f.kiosk.shows("Heures données cette année"));
    capture(f, "shifts-coordinator-hours");

    // The medical assistant has no such tool.
    UiFixture assistant(1024, 600);
    assistant.signIn("Claire Moreau", "2580");
    CHECK_FALSE(assistant.kiosk.find("staff.home.shifts"));
}
