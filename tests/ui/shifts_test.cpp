// The grocery's volunteer shifts, tapped through headless on the demo village: from the orders' first step to the
// week, a member signs up by name and code with a reminder, and the week never shows a name.

#include "kiosk/screens/shifts/shifts_screens.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/shifts/shifts_area.h"
#include "ui_fixture.h"

#include <cctype>

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
