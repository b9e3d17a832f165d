#include "kiosk/app/app_state.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/shifts/shifts_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace vk::screens {

using i18n::tr;
namespace shifts = services::shifts;
namespace days = services::health;
using namespace shifts_ui;

namespace {

// "09:30" moved by `minutes`, kept within the day (06:00 to 22:00: a grocery's hours).
std::string movedTime(const std::string& time, int minutes) {
    const int moved = std::clamp(days::minutesOf(time) + minutes, 6 * 60, 22 * 60);
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", (moved / 60) % 100, moved % 60);
    return text;
}

// "novembre 2026" for "2026-11".
std::string monthName(const std::string& month) {
    return std::string(tr("date.month." + std::to_string(std::stoi(month.substr(5, 2))))) + " " + month.substr(0, 4);
}

// The coordinator's screen (staff tool « Créneaux : coordination »): the week with who is on each shift and the
// absences to mark, a shift published with buttons only (kind, day, times, places: no keyboard needed), and the
// month's members short of their hours with the year's hours per month. Names show here, in staff mode only.
class ShiftsCoordinatorScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isCafeStaff(staff->role);
    }
    void open(app::ScreenContext& context) override {
        tab_ = Tab::Week;
        monday_ = thisMonday(context.services);
        form_ = {};
        form_.kind = "opening";
        form_.day = days::addDays(days::localDay(context.services.clock.nowMs()), 1);
        form_.startsAt = "09:00";
        form_.endsAt = "11:00";
        form_.places = 2;
        message_.clear();
        reload(context.services);
    }
    void draw(app::ScreenContext& context) override;

private:
    enum class Tab { Week, Publish, Hours };
    struct Row {
        shifts::Shift shift;
        bool started = false;
        std::vector<std::pair<shifts::ShiftSignUp, std::string>> places;  // with the member's name
    };
    struct MemberLine {
        std::string name;
        shifts::MemberMonth month;
    };

    void reload(app::KioskServices& services);
    void say(const std::string& words, bool error) {
        message_ = words;
        messageIsError_ = error;
    }
    void drawWeek(app::ScreenContext& context, ImVec2 area);
    void drawPublish(app::ScreenContext& context, ImVec2 area);
    void drawHours(ImVec2 area);

    Tab tab_ = Tab::Week;
    std::string monday_;
    std::vector<Row> rows_;
    std::vector<MemberLine> short_;
    std::vector<storage::MonthMinutes> year_;
    std::string month_;
    shifts::ShiftForm form_;
    std::string message_;
    bool messageIsError_ = false;
};

void ShiftsCoordinatorScreen::reload(app::KioskServices& services) {
    auto& area = shiftsOf(services);
    rows_.clear();
    for (const shifts::Shift& shift : area.shifts.shiftsOfWeek(monday_)) {
        Row row{shift, area.shifts.hasStarted(shift), {}};
        for (const shifts::ShiftSignUp& place : area.shifts.signUpsOf(shift.id)) {
            if (place.state != shifts::ShiftSignUpState::SignedUp && place.state != shifts::ShiftSignUpState::Absent)
                continue;
            const auto member = area.members().find(place.memberId);
            row.places.emplace_back(place, member ? member->name : std::string(tr("shifts.coordinator.unknown")));
        }
        rows_.push_back(std::move(row));
    }
    const std::string today = days::localDay(services.clock.nowMs());
    month_ = today.substr(0, 7);
    std::vector<std::string> ids;
    std::map<std::string, std::string> names;
    for (const auto& member : services.area<services::board::BoardServices>().members.list()) {
        ids.push_back(member.id);
        names[member.id] = member.displayName;
    }
    short_.clear();
    for (const shifts::MemberMonth& month : area.shifts.shortOfHours(month_, ids))
        short_.push_back({names[month.memberId], month});
    year_ = area.shifts.minutesPerMonth(today.substr(0, 4));
}

void ShiftsCoordinatorScreen::drawWeek(app::ScreenContext& context, ImVec2 area) {
    const ui::Fonts& fonts = ui::fonts();
    const float gap = ui::em(0.4f);
    const ImVec2 step(ui::em(6.5f), ui::em(2.0f));
    if (ui::button("shifts.coord.previous", tr("shifts.week.previous"), step))
        context.later([this](app::ScreenContext& later) {
            monday_ = days::addDays(monday_, -7);
            reload(later.services);
        });
    ImGui::SameLine(0.0f, gap);
    ui::textCentered(i18n::trf("shifts.week.of", {{"day", dayLabel(monday_)}}), area.x - 2 * (step.x + gap),
                     fonts.body);
    ImGui::SameLine(0.0f, gap);
    if (ui::button("shifts.coord.next", tr("shifts.week.next"), step))
        context.later([this](app::ScreenContext& later) {
            monday_ = days::addDays(monday_, 7);
            reload(later.services);
        });
    const float listHeight = ImGui::GetContentRegionAvail().y - ui::em(1.8f);
    ImGui::BeginChild("shifts.coord.week", ImVec2(area.x, listHeight), false, ImGuiWindowFlags_NoScrollWithMouse);
    const float inner = ImGui::GetContentRegionAvail().x;
    if (rows_.empty()) ui::text(tr("shifts.week.empty"), fonts.body, ui::colors::kTextMuted);
    const ImVec2 small(ui::em(5.5f), ui::em(1.7f));
    for (const Row& row : rows_) {
        ImGui::Separator();
        ui::textWrapped(kindLabel(row.shift) + "  ·  " + whenLabel(row.shift) + "  ·  " +
                            i18n::trf("shifts.coordinator.taken", {{"taken", std::to_string(row.shift.taken)},
                                                                   {"places", std::to_string(row.shift.details.places)}}),
                        inner, fonts.body);
        if (row.places.empty()) ui::text(tr("shifts.coordinator.nobody"), fonts.small, ui::colors::kTextMuted);
        for (const auto& [place, name] : row.places) {
            const bool absent = place.state == shifts::ShiftSignUpState::Absent;
            std::string line = "   " + name;
            if (absent) line += "  ·  " + std::string(tr("shifts.coordinator.absent"));
            else if (place.offeredAt) line += "  ·  " + std::string(tr("shifts.coordinator.offered"));
            ui::text(line, fonts.small, absent ? ui::colors::kTextMuted : ui::colors::kText);
            if (row.started && !absent) {
                ImGui::SameLine(inner - small.x);
                const std::string id = "shifts.coord.absent." + place.id;
                if (ui::button(id.c_str(), tr("shifts.coordinator.mark_absent"), small))
                    context.later([this, signUpId = place.id](app::ScreenContext& later) {
                        const auto result = shiftsOf(later.services).shifts.markAbsent(&*later.state.staff, signUpId);
                        say(result.ok() ? tr("shifts.coordinator.marked_absent") : refusalText(result.error),
                            !result.ok());
                        reload(later.services);
                    });
            }
        }
    }
    ui::dragToScroll();
    ImGui::EndChild();
}

void ShiftsCoordinatorScreen::drawPublish(app::ScreenContext& context, ImVec2 area) {
    const ui::Fonts& fonts = ui::fonts();
    const float gap = ui::em(0.4f);
    const float label = ui::em(6.0f);
    const ImVec2 step(ui::em(3.0f), ui::em(1.8f));
    const auto stepper = [&](const char* id, const char* labelKey, const std::string& value, auto change) {
        ui::text(tr(labelKey), fonts.body, ui::colors::kTextMuted);
        ImGui::SameLine(label);
        const std::string minus = std::string(id) + ".minus";
        if (ui::button(minus.c_str(), "−", step)) change(-1);
        ImGui::SameLine(0.0f, gap);
        ui::textCentered(value, ui::em(12.0f), fonts.body);
        ImGui::SameLine(0.0f, gap);
        const std::string plus = std::string(id) + ".plus";
        if (ui::button(plus.c_str(), "+", step)) change(1);
    };
    ui::text(tr("shifts.coordinator.kind"), fonts.body, ui::colors::kTextMuted);
    ImGui::SameLine(label);
    const ImVec2 kindButton((area.x - label - 2 * gap) / 3, ui::em(2.0f));
    const char* kinds[] = {"opening", "stocking", "delivery"};
    for (int i = 0; i < 3; ++i) {
        if (i > 0) ImGui::SameLine(0.0f, gap);
        const std::string id = std::string("shifts.coord.kind.") + kinds[i];
        if (ui::button(id.c_str(), tr(std::string("shifts.kind.") + kinds[i]), kindButton,
                       form_.kind == kinds[i] ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
            form_.kind = kinds[i];
    }
    stepper("shifts.coord.day", "shifts.coordinator.day", dayLabel(form_.day),
            [this](int by) { form_.day = days::addDays(form_.day, by); });
    stepper("shifts.coord.start", "shifts.coordinator.start", movedTime(form_.startsAt, 0), [this](int by) {
        const int length = days::minutesOf(form_.endsAt) - days::minutesOf(form_.startsAt);
        form_.startsAt = movedTime(form_.startsAt, 30 * by);
        form_.endsAt = movedTime(form_.startsAt, std::max(30, length));
    });
    stepper("shifts.coord.end", "shifts.coordinator.end", movedTime(form_.endsAt, 0),
            [this](int by) { form_.endsAt = movedTime(form_.endsAt, 30 * by); });
    stepper("shifts.coord.places", "shifts.coordinator.places", std::to_string(form_.places),
            [this](int by) { form_.places = std::clamp(form_.places + by, 1, shifts::kMaxPlaces); });
    if (ui::button("shifts.coord.publish", tr("shifts.coordinator.publish"), ImVec2(ui::em(10.0f), ui::em(2.0f)),
                   ui::ButtonKind::Primary))
        context.later([this](app::ScreenContext& later) {
            const auto result = shiftsOf(later.services).shifts.publish(&*later.state.staff, form_);
            if (result.ok()) {
                say(i18n::trf("shifts.coordinator.published", {{"when", whenLabel(*result.shift)}}), false);
                monday_ = days::mondayOf(form_.day);
            } else {
                say(refusalText(result.error), true);
            }
            reload(later.services);
        });
    // Beside the button: below it, the form would push the answer off a 1024×600 screen.
    if (!message_.empty()) {
        ImGui::SameLine(0.0f, ui::em(0.8f));
        ui::textWrapped(message_, area.x - ui::em(11.0f), fonts.small,
                        messageIsError_ ? ui::colors::kDanger : ui::colors::kSuccess);
    }
}

void ShiftsCoordinatorScreen::drawHours(ImVec2 area) {
    const ui::Fonts& fonts = ui::fonts();
    const float gap = ui::em(1.0f);
    const float half = (area.x - gap) * 0.5f;
    const float height = ImGui::GetContentRegionAvail().y - ui::em(1.8f);
    ImGui::BeginChild("shifts.coord.short", ImVec2(half, height), false, ImGuiWindowFlags_NoScrollWithMouse);
    ui::textWrapped(i18n::trf("shifts.coordinator.short_title", {{"month", monthName(month_)}}), half - ui::em(1.2f),
                    fonts.body);
    if (short_.empty()) ui::text(tr("shifts.coordinator.nobody_short"), fonts.small, ui::colors::kTextMuted);
    for (const MemberLine& line : short_) {
        ImGui::Separator();
        ui::textWrapped(line.name + "  ·  " + hoursLabel(line.month.doneMinutes) + " / " +
                            hoursLabel(line.month.committedMinutes),
                        half - ui::em(1.2f), fonts.small);
    }
    ui::dragToScroll();
    ImGui::EndChild();
    ImGui::SameLine(0.0f, gap);
    ImGui::BeginChild("shifts.coord.year", ImVec2(half, height), false, ImGuiWindowFlags_NoScrollWithMouse);
    ui::text(tr("shifts.coordinator.year_title"), fonts.body);
    int total = 0;
    for (const storage::MonthMinutes& month : year_) {
        total += month.minutes;
        ImGui::Separator();
        ui::text(monthName(month.month) + "  ·  " + hoursLabel(month.minutes) + "  ·  " +
                     i18n::trf("shifts.coordinator.attendances", {{"count", std::to_string(month.shifts)}}),
                 fonts.small);
    }
    ImGui::Separator();
    ui::text(i18n::trf("shifts.coordinator.year_total", {{"hours", hoursLabel(total)}}), fonts.body);
    ui::dragToScroll();
    ImGui::EndChild();
}

void ShiftsCoordinatorScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("shifts.coordinator.title"), true)) {
        context.open(kStaffHomeScreen);
        return;
    }
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float gap = ui::em(0.4f);
    const ImVec2 tab((area.x - 2 * gap) / 3, ui::em(2.0f));
    const std::pair<Tab, const char*> tabs[] = {{Tab::Week, "week"}, {Tab::Publish, "publish"}, {Tab::Hours, "hours"}};
    for (const auto& [which, name] : tabs) {
        if (which != Tab::Week) ImGui::SameLine(0.0f, gap);
        const std::string id = std::string("shifts.coord.tab.") + name;
        if (ui::button(id.c_str(), tr(std::string("shifts.coordinator.tab.") + name), tab,
                       tab_ == which ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
            context.later([this, which = which](app::ScreenContext& later) {
                tab_ = which;
                message_.clear();
                reload(later.services);
            });
    }
    const ImVec2 below = ImGui::GetContentRegionAvail();
    switch (tab_) {
    case Tab::Week: drawWeek(context, below); break;
    case Tab::Publish: drawPublish(context, below); break;
    case Tab::Hours: drawHours(below); break;
    }
    if (!message_.empty() && tab_ != Tab::Publish)
        ui::textWrapped(message_, area.x, ui::fonts().small, messageIsError_ ? ui::colors::kDanger : ui::colors::kSuccess);
}

}  // namespace

void registerShiftsCoordinatorScreen(app::ScreenRegistry& registry) {
    registry.add<ShiftsCoordinatorScreen>(kShiftsCoordinatorScreen);
    // On the café manager's home, as the agenda's: an admin's home is full, and the screen still lets one in.
    registry.addStaffTool({"staff.home.shifts", "staff.home.shifts", kShiftsCoordinatorScreen,
                           [](services::StaffRole role) { return role == services::StaffRole::CafeManager; }, false});
}

}  // namespace vk::screens
