#include "kiosk/app/app_state.h"
#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/staff/staff_screens.h"
#include "kiosk/screens/timebank/member_identification.h"
#include "kiosk/screens/timebank/timebank_screens.h"
#include "kiosk/screens/timebank/timebank_text.h"
#include "kiosk/services/timebank/timebank_area.h"
#include "kiosk/ui/widgets.h"

#include <cstdio>

namespace vk::screens {

using i18n::tr;
using i18n::trf;
namespace timebank = services::timebank;

namespace {

std::string addMonths(const std::string& month, int count) {
    int year = std::stoi(month.substr(0, 4));
    int number = std::stoi(month.substr(5, 2)) - 1 + count;
    year += number >= 0 ? number / 12 : (number - 11) / 12;
    number = ((number % 12) + 12) % 12;
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d", year, number + 1);
    return text;
}

std::string monthName(const std::string& month) {
    return std::string(tr("date.month." + std::to_string(std::stoi(month.substr(5, 2))))) + " " + month.substr(0, 4);
}

// A member's balance and one month of their statement, with the way to print it.
class TimeBankBalanceScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override {
        return staff && isCafeStaff(staff->role);
    }
    void open(app::ScreenContext& context) override {
        identify_.reset();
        member_.reset();
        statement_.reset();
        message_.clear();
        month_ = timebank::localMonth(context.services.clock.nowMs());
    }
    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override {
        if (event.kind != hardware::ReadKind::CardUid || member_) return false;
        identify_.onCard(context, event.value, identified());
        return true;
    }
    void draw(app::ScreenContext& context) override;

private:
    MemberIdentification::Found identified() {
        return [this](app::ScreenContext& context, const timebank::TimeBankMember& member) {
            member_ = member;
            identify_.reset();
            load(context);
        };
    }
    void load(app::ScreenContext& context) {
        auto& area = context.services.area<timebank::TimeBankServices>();
        balance_ = area.bank.balance(member_->id);
        statement_ = area.bank.monthlyStatement(member_->id, month_);
    }
    void drawStatement(app::ScreenContext& context);

    MemberIdentification identify_;
    std::optional<timebank::TimeBankMember> member_;
    std::int64_t balance_ = 0;
    std::string month_;
    std::optional<timebank::MonthlyStatement> statement_;
    std::string message_;
};

void TimeBankBalanceScreen::drawStatement(app::ScreenContext& context) {
    const float width = ImGui::GetContentRegionAvail().x;
    ui::text(trf("timebank.balance.title", {{"name", member_->name}}) + " : " + signedTime(balance_), ui::fonts().title);
    const ImVec2 nav(ui::em(8.0f), ui::em(1.9f));
    if (ui::button("timebank.balance.previous", tr("timebank.balance.previous"), nav)) {
        context.later([this](app::ScreenContext& later) {
            month_ = addMonths(month_, -1);
            message_.clear();
            load(later);
        });
    }
    ImGui::SameLine(0.0f, ui::em(0.6f));
    ui::text(trf("timebank.balance.month", {{"month", monthName(month_)}}), ui::fonts().body);
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - nav.x);
    if (ui::button("timebank.balance.next", tr("timebank.balance.next"), nav)) {
        context.later([this](app::ScreenContext& later) {
            month_ = addMonths(month_, 1);
            message_.clear();
            load(later);
        });
    }
    if (!statement_) return;
    ui::text(std::string(tr("timebank.statement.opening")) + " : " + signedTime(statement_->openingMinutes),
             ui::fonts().body, ui::colors::kTextMuted);

    const float footer = ui::em(2.6f) + (message_.empty() ? 0.0f : ui::em(1.3f)) + ui::em(1.4f);
    ImGui::BeginChild("timebank.statement", ImVec2(0, ImGui::GetContentRegionAvail().y - footer), false,
                      ImGuiWindowFlags_NoScrollWithMouse);
    const float rowWidth = ImGui::GetContentRegionAvail().x;
    if (statement_->entries.empty()) ui::text(tr("timebank.statement.none"), ui::fonts().body, ui::colors::kTextMuted);
    for (const auto& entry : statement_->entries) {
        ImGui::Separator();
        const std::string who = entry.otherMemberName.empty() ? tr("timebank.statement.unknown_member") : entry.otherMemberName;
        const std::string amount = signedTime(entry.minutes);
        const float amountWidth = ui::em(5.0f);
        ui::textWrapped(i18n::shortDateTime(entry.at).substr(0, 5) + "  " + who +
                            (entry.correction ? " (" + std::string(tr("timebank.statement.correction")) + ")" : "") +
                            " – " + entry.what,
                        rowWidth - amountWidth - ui::em(0.6f), ui::fonts().body);
        ImGui::SameLine(rowWidth - amountWidth);
        ui::text(amount, ui::fonts().body, entry.minutes > 0 ? ui::colors::kSuccess : ui::colors::kText);
    }
    ui::dragToScroll();
    ImGui::EndChild();
    ui::text(std::string(tr("timebank.statement.closing")) + " : " + signedTime(statement_->closingMinutes),
             ui::fonts().body);
    if (!message_.empty()) ui::text(message_, ui::fonts().body, ui::colors::kSuccess);
    const float gap = ui::em(0.8f);
    const ImVec2 size((width - gap) * 0.5f, ui::em(2.3f));
    if (ui::button("timebank.balance.print", tr("timebank.balance.print"), size, ui::ButtonKind::Primary)) {
        context.later([this](app::ScreenContext& later) {
            if (later.services.area<timebank::TimeBankServices>().printStatement(member_->id, month_))
                message_ = tr("timebank.balance.printed");
        });
    }
    ImGui::SameLine(0.0f, gap);
    if (ui::button("timebank.balance.other_member", tr("timebank.balance.other_member"), size))
        context.later([this](app::ScreenContext& later) { open(later); });
}

void TimeBankBalanceScreen::draw(app::ScreenContext& context) {
    if (ui::headerBar(tr("timebank.see_balance"), true)) {
        if (member_)
            context.later([this](app::ScreenContext& later) { open(later); });
        else
            context.open(kTimeBankExchangeScreen);
        return;
    }
    if (member_)
        drawStatement(context);
    else
        identify_.draw(context, tr("timebank.step.member"), identified());
}

}  // namespace

void registerTimeBankBalanceScreen(app::ScreenRegistry& registry) {
    registry.add<TimeBankBalanceScreen>(kTimeBankBalanceScreen);
}

}  // namespace vk::screens
