#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/meals/meals_screens.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/services/board/board_area.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>
#include <map>
#include <set>

namespace vk::screens {

using i18n::tr;
using i18n::trf;
using i18n::trn;
namespace meals = services::meals;

namespace {

// A day's meals: who eats at the café and at home, with the diets; the drivers of the day and whose round each
// delivery is in (tap to give it to the next driver); the lists printed for the kitchen and for the drivers; the
// day confirmed served, once it has come, with anyone absent unticked.
class MealsDayScreen final : public app::Screen {
public:
    enum class Step { Day, Drivers, ConfirmServe };

    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return meals_ui::mayManage(staff);
    }
    void open(app::ScreenContext& context) override {
        step_ = Step::Day;
        message_.clear();
        day_ = meals_ui::mealsOf(context.services).meals.today();
        absent_.clear();
        reload(context);
    }
    void draw(app::ScreenContext& context) override;

private:
    void reload(app::ScreenContext& context) {
        auto& book = meals_ui::mealsOf(context.services).meals;
        plan_ = book.plan(&*context.state.staff, day_);
        kitchen_ = book.kitchenList(&*context.state.staff, day_);
        served_ = book.serviceDay(day_);
        roundOf_.clear();
        for (std::size_t i = 0; i < plan_.rounds.size(); ++i)
            for (const auto& stop : plan_.rounds[i].stops) roundOf_[stop.id] = i;
    }
    void say(std::string words, bool error) {
        message_ = std::move(words);
        messageIsError_ = error;
    }
    void drawMessage(float width) {
        if (!message_.empty())
            ui::textWrapped(message_, width, ui::fonts().body, messageIsError_ ? ui::colors::kDanger : ui::colors::kSuccess);
    }
    void moveDay(app::ScreenContext& context, int days) {
        day_ = services::health::addDays(day_, days);
        absent_.clear();
        message_.clear();
        reload(context);
    }
    void drawDay(app::ScreenContext& context);
    void drawRecipient(app::ScreenContext& context, const meals::MealRecipient& r, std::size_t index, float width);
    void drawDrivers(app::ScreenContext& context);
    void drawConfirmServe(app::ScreenContext& context);
    int presentCount() const { return static_cast<int>(plan_.atCafe.size() + plan_.atHome.size() - absent_.size()); }

    Step step_ = Step::Day;
    std::string day_;
    meals::DayPlan plan_;
    meals::KitchenList kitchen_;
    std::optional<storage::MealServiceDay> served_;
    std::map<std::string, std::size_t> roundOf_;  // recipient id → index in plan_.rounds
    std::set<std::string> absent_;
    std::string message_;
    bool messageIsError_ = false;
};

std::string modeCount(const char* key, int portions, const std::vector<meals::DietCount>& diets) {
    std::string text = trf(key, {{"count", std::to_string(portions)}});
    if (!diets.empty()) text += " " + trf("meals.day.of_which", {{"diets", meals::dietSummary(diets)}});
    return text;
}

void MealsDayScreen::drawRecipient(app::ScreenContext& context, const meals::MealRecipient& r, std::size_t index,
                                   float width) {
    const float gap = ui::em(0.4f);
    const bool open = !served_;
    const bool absent = absent_.count(r.id) > 0;
    const ImVec2 tick(ui::em(5.5f), ui::em(1.8f));
    const std::string tickId = "meals.day.present." + std::to_string(index);
    if (ui::button(tickId.c_str(), tr(absent ? "meals.day.absent" : "meals.day.present"), tick,
                   absent ? ui::ButtonKind::Danger : ui::ButtonKind::Normal, open)) {
        const std::string id = r.id;
        context.later([this, id] {
            if (!absent_.erase(id)) absent_.insert(id);
        });
    }
    ImGui::SameLine(0.0f, gap);
    const bool home = r.details.mode == meals::MealMode::Home;
    const float driverWidth = home && !plan_.rounds.empty() ? ui::em(9.0f) : 0.0f;
    std::string line = r.details.name + "  ·  " + meals_ui::modeLabel(r.details.mode);
    if (!r.details.diet.empty()) line += "  ·  " + r.details.diet;
    const float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(y + std::max(0.0f, (tick.y - ImGui::GetFontSize()) * 0.5f));
    ui::textWrapped(line, width - tick.x - gap * 2.0f - driverWidth, ui::fonts().body,
                    absent ? ui::colors::kTextMuted : ui::colors::kText);
    const float below = ImGui::GetCursorPosY();
    if (driverWidth > 0.0f) {
        ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + width - driverWidth, y));
        const auto found = roundOf_.find(r.id);
        const std::size_t round = found == roundOf_.end() ? 0 : found->second;
        const std::string driverId = "meals.day.driver." + std::to_string(index);
        // A tap gives the delivery to the next driver of the day.
        if (ui::button(driverId.c_str(), plan_.rounds[round].driverName.c_str(), ImVec2(driverWidth, tick.y),
                       ui::ButtonKind::Quiet, open)) {
            const std::string recipientId = r.id;
            const std::string nextDriver = plan_.rounds[(round + 1) % plan_.rounds.size()].memberId;
            context.later([this, recipientId, nextDriver](app::ScreenContext& later) {
                const auto error = meals_ui::mealsOf(later.services)
                                       .meals.assignStop(&*later.state.staff, day_, recipientId, nextDriver);
                if (error != meals::MealError::None) say(meals_ui::refusalText(error), true);
                reload(later);
            });
        }
    }
    ImGui::SetCursorPosY(std::max(below, y + tick.y) + ui::em(0.25f));
}

void MealsDayScreen::drawDay(app::ScreenContext& context) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ui::em(0.5f);
    const ImVec2 nav((avail.x - gap * 2.0f) / 4.0f, ui::em(1.8f));
    const float labelWidth = avail.x - 2.0f * (nav.x + gap);
    if (ui::button("meals.day.previous", tr("meals.day.previous"), nav)) moveDay(context, -1);
    ImGui::SameLine(0.0f, gap);
    const float labelX = ImGui::GetCursorPosX();
    const float labelY = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(labelY + (nav.y - ImGui::GetFontSize()) * 0.5f);
    ui::textCentered(meals_ui::weekdayLabel(day_), labelWidth, ui::fonts().body);
    ImGui::SetCursorPos(ImVec2(labelX + labelWidth + gap, labelY));
    if (ui::button("meals.day.next", tr("meals.day.next"), nav)) moveDay(context, 1);

    ui::textWrapped(modeCount("meals.day.at_cafe", kitchen_.atCafe, kitchen_.cafeDiets) + "   ·   " +
                        modeCount("meals.day.at_home", kitchen_.atHome, kitchen_.homeDiets),
                    avail.x, ui::fonts().body);
    std::string drivers;
    for (const auto& round : plan_.rounds)
        drivers += (drivers.empty() ? "" : ", ") +
                   trf("meals.day.driver_stops", {{"driver", round.driverName}, {"count", std::to_string(round.stops.size())}});
    ui::textWrapped(plan_.rounds.empty() ? std::string(tr(plan_.atHome.empty() ? "meals.day.no_delivery" : "meals.day.no_driver"))
                                         : trf("meals.day.drivers", {{"drivers", drivers}}),
                    avail.x, ui::fonts().body, plan_.rounds.empty() && !plan_.atHome.empty() ? ui::colors::kDanger
                                                                                              : ui::colors::kTextMuted);

    const ImVec2 action((avail.x - gap * 3.0f) / 4.0f, ui::em(2.2f));
    if (ui::button("meals.day.print_kitchen", tr("meals.day.print_kitchen"), action, ui::ButtonKind::Normal,
                   kitchen_.total() > 0)) {
        context.later([this](app::ScreenContext& later) {
            const auto result = meals_ui::mealsOf(later.services).meals.printKitchen(&*later.state.staff, day_);
            say(result.ok() ? std::string(tr("meals.day.printed_kitchen")) : meals_ui::refusalText(result.error),
                !result.ok());
        });
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("meals.day.print_drivers", tr("meals.day.print_drivers"), action, ui::ButtonKind::Normal,
                   !plan_.rounds.empty())) {
        context.later([this](app::ScreenContext& later) {
            const auto result = meals_ui::mealsOf(later.services).meals.printDrivers(&*later.state.staff, day_);
            say(result.ok() ? trn("meals.day.printed_drivers", result.receipts, {{"count", std::to_string(result.receipts)}})
                            : meals_ui::refusalText(result.error),
                !result.ok());
        });
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("meals.day.drivers_button", tr("meals.day.drivers_button"), action, ui::ButtonKind::Normal, !served_)) {
        message_.clear();
        step_ = Step::Drivers;
    }
    ImGui::SameLine(0.0f, gap);
    const bool come = day_ <= meals_ui::mealsOf(context.services).meals.today();
    if (ui::button("meals.day.serve", tr("meals.day.serve"), action, ui::ButtonKind::Primary,
                   !served_ && come && kitchen_.total() > 0)) {
        message_.clear();
        step_ = Step::ConfirmServe;
    }
    if (served_)
        ui::textWrapped(trf("meals.day.served", {{"served", std::to_string(served_->served)},
                                                 {"absent", std::to_string(served_->absent)},
                                                 {"by", served_->confirmedBy}}),
                        avail.x, ui::fonts().body, ui::colors::kSuccess);
    drawMessage(avail.x);
    if (kitchen_.total() == 0) ui::textWrapped(tr("meals.day.nobody"), avail.x, ui::fonts().body, ui::colors::kTextMuted);
    ImGui::BeginChild("meals.day.list", ImVec2(avail.x, ImGui::GetContentRegionAvail().y), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    const float width = ImGui::GetContentRegionAvail().x;
    std::size_t index = 0;
    for (const auto& r : plan_.atCafe) drawRecipient(context, r, index++, width);
    for (const auto& r : plan_.atHome) drawRecipient(context, r, index++, width);
    ui::dragToScroll();
    ImGui::EndChild();
}

void MealsDayScreen::drawDrivers(app::ScreenContext& context) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ui::textWrapped(trf("meals.drivers.question", {{"day", meals_ui::weekdayLabel(day_)}}), avail.x, ui::fonts().title);
    ui::textWrapped(tr("meals.drivers.hint"), avail.x, ui::fonts().body, ui::colors::kTextMuted);
    drawMessage(avail.x);
    std::set<std::string> driving;
    for (const auto& round : plan_.rounds) driving.insert(round.memberId);
    const auto members = context.services.area<services::board::BoardServices>().members.list();
    if (members.empty()) ui::textWrapped(tr("meals.drivers.no_members"), avail.x, ui::fonts().body, ui::colors::kTextMuted);
    const float bottomHeight = ui::em(2.4f);
    ImGui::BeginChild("meals.drivers.list", ImVec2(avail.x, ImGui::GetContentRegionAvail().y - bottomHeight), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    const float gap = ui::em(0.4f);
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 cell((width - gap) * 0.5f, ui::em(1.9f));
    for (std::size_t i = 0; i < members.size(); ++i) {
        if (i % 2 == 1) ImGui::SameLine(0.0f, gap);
        const auto& m = members[i];
        const bool on = driving.count(m.id) > 0;
        const std::string id = "meals.drivers.member." + std::to_string(i);
        const std::string label = on ? trf("meals.drivers.driving", {{"name", m.displayName}}) : m.displayName;
        if (ui::button(id.c_str(), label.c_str(), cell, on ? ui::ButtonKind::Primary : ui::ButtonKind::Normal)) {
            const std::string memberId = m.id;
            context.later([this, memberId, on](app::ScreenContext& later) {
                auto& book = meals_ui::mealsOf(later.services).meals;
                const auto error = on ? book.removeDriver(&*later.state.staff, day_, memberId)
                                      : book.addDriver(&*later.state.staff, day_, memberId);
                if (error != meals::MealError::None) say(meals_ui::refusalText(error), true);
                else message_.clear();
                reload(later);
            });
        }
    }
    ui::dragToScroll();
    ImGui::EndChild();
    if (ui::button("meals.drivers.done", tr("meals.drivers.done"), ImVec2(avail.x, ui::em(2.0f)), ui::ButtonKind::Primary))
        step_ = Step::Day;
}

void MealsDayScreen::drawConfirmServe(app::ScreenContext& context) {
    const float width = ImGui::GetContentRegionAvail().x;
    ui::textWrapped(trf("meals.serve.question", {{"day", meals_ui::weekdayLabel(day_)}}), width, ui::fonts().title);
    ui::textWrapped(trf("meals.serve.summary", {{"served", std::to_string(presentCount())},
                                                {"absent", std::to_string(absent_.size())}}),
                    width, ui::fonts().body);
    ui::textWrapped(tr("meals.serve.hint"), width, ui::fonts().body, ui::colors::kTextMuted);
    const float gap = ui::em(0.8f);
    const ImVec2 size((width - gap) * 0.5f, ui::em(2.4f));
    if (ui::button("meals.serve.back", tr("meals.serve.back"), size)) step_ = Step::Day;
    ImGui::SameLine(0.0f, gap);
    if (ui::button("meals.serve.confirm", tr("meals.serve.confirm"), size, ui::ButtonKind::Primary)) {
        context.later([this](app::ScreenContext& later) {
            const std::vector<std::string> absent(absent_.begin(), absent_.end());
            const auto result = meals_ui::mealsOf(later.services).meals.confirmServed(&*later.state.staff, day_, absent);
            if (result.ok())
                say(trf("meals.serve.done", {{"served", std::to_string(result.served)},
                                             {"absent", std::to_string(result.absent)}}),
                    false);
            else say(meals_ui::refusalText(result.error), true);
            reload(later);
            step_ = Step::Day;
        });
    }
}

void MealsDayScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("meals.day.title"), true)) {
        message_.clear();
        if (step_ == Step::Day) context.open(kMealsRegisterScreen);
        else step_ = Step::Day;
        return;
    }
    switch (step_) {
    case Step::Day: drawDay(context); break;
    case Step::Drivers: drawDrivers(context); break;
    case Step::ConfirmServe: drawConfirmServe(context); break;
    }
}

}  // namespace

void registerMealsDayScreen(app::ScreenRegistry& registry) { registry.add<MealsDayScreen>(kMealsDayScreen); }

}  // namespace vk::screens
