#include "kiosk/screens/timebank/member_identification.h"

#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/timebank/timebank_area.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;
namespace timebank = services::timebank;

MemberIdentification::MemberIdentification(Directory directory) : directory_(std::move(directory)) {}

void MemberIdentification::reset() { *this = MemberIdentification(std::move(directory_)); }

timebank::MemberDirectory& MemberIdentification::members(app::ScreenContext& context) {
    return directory_ ? directory_(context) : context.services.area<timebank::TimeBankServices>().members();
}

bool MemberIdentification::draw(app::ScreenContext& context, const char* question, Found found,
                                std::pair<const char*, const char*> aside) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ui::text(question, ui::fonts().title);
    bool asideTapped = false;
    if (aside.first) {
        // Beside the question when both fit, narrower if need be (large text: the keyboard below needs the
        // height), else under it.
        const float room = area.x - ImGui::GetItemRectSize().x - ui::em(0.8f);
        const ImVec2 size(std::min(ui::em(13.0f), std::max(room, ui::em(6.0f))), ui::em(1.7f));
        if (size.x <= room) {
            ImGui::SameLine(0.0f, 0.0f);
            ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x - size.x, ImGui::GetCursorScreenPos().y));
        }
        asideTapped = ui::button(aside.first, aside.second, size);
    }
    // The hint in the smaller type where the body's would leave the keyboard too low for its keys (large text).
    ui::textWrappedWithin(tr("timebank.identify.card_hint"), area.x, ui::fonts().body->FontSize * 1.2f,
                          ui::colors::kTextMuted);
    const float gap = ui::em(0.8f);
    const float pinWidth = ui::em(9.0f);
    if (ui::textField("timebank.identify.name", name_, tr("timebank.identify.name"), field_ == Field::Name, false,
                      area.x - pinWidth - gap))
        field_ = Field::Name;
    ImGui::SameLine(0.0f, gap);
    if (ui::textField("timebank.identify.pin", pin_, tr("timebank.identify.pin"), field_ == Field::Pin, true, pinWidth))
        field_ = Field::Pin;
    if (!message_.empty()) ui::text(message_, ui::fonts().body, ui::colors::kDanger);

    const float top = ImGui::GetCursorScreenPos().y + ui::em(0.3f);
    // The keyboard takes what is left, so that its « Suivant » (the pad's « Valider ») is in view without a drag;
    // in large text on a small screen its keys are lower and their words take a smaller type.
    const float height = origin.y + area.y - top;
    bool submit = false;
    if (field_ == Field::Name) {
        const std::string before = name_;
        ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
        if (ui::drawKeyboard(name_, keyboard_, 80, ImVec2(area.x, height), tr("common.next"))) field_ = Field::Pin;
        if (name_ != before) message_.clear();
    } else {
        const std::string before = pin_;
        const float padWidth = std::min(area.x * 0.5f, height * 1.6f);
        ImGui::SetCursorScreenPos(ImVec2(origin.x + (area.x - padWidth) * 0.5f, top));
        submit = ui::drawNumericKeypad(pin_, kMaxPinDigits, ImVec2(padWidth, height), tr("common.ok"),
                                       !pin_.empty() && !name_.empty());
        if (pin_ != before) message_.clear();
    }
    if (!submit) return asideTapped;
    context.later([this, found = std::move(found)](app::ScreenContext& later) {
        const auto lookup = members(later).byNameAndPin(name_, pin_);
        pin_.clear();
        if (lookup.lockedUntil > 0) {
            message_ = i18n::trf("timebank.identify.locked", {{"time", i18n::spokenClockTime(lookup.lockedUntil)}});
            return;
        }
        if (!lookup.member) {
            message_ = tr("timebank.identify.not_found");
            return;
        }
        found(later, *lookup.member);
    });
    return asideTapped;
}

void MemberIdentification::onCard(app::ScreenContext& context, const std::string& uidHex, const Found& found) {
    const auto member = members(context).byCard(uidHex);
    if (!member) {
        message_ = tr("timebank.identify.card_unknown");
        return;
    }
    found(context, *member);
}

}  // namespace vk::screens
