#include "kiosk/app/app_state.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/parcels/parcels_screens.h"
#include "kiosk/screens/parcels/parcels_ui.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>
#include <set>

namespace vk::screens {

using i18n::tr;
namespace parcels = services::parcels;

namespace {

// Handing parcels over: the code the resident typed at the kiosk (listed at the top), or one typed or scanned
// here, or the recipient's name; then the identity check, and who takes it if not the recipient.
class ParcelCounterScreen final : public app::Screen {
public:
    bool allowed(const std::optional<services::StaffSession>& staff) const override { return parcels_ui::mayUse(staff); }
    void open(app::ScreenContext& context) override {
        view_ = {};
        requests_ = parcels_ui::parcelsOf(context.services).pickup.recentRequests();
    }
    void draw(app::ScreenContext& context) override;
    bool onRead(app::ScreenContext& context, const hardware::ReaderEvent& event) override {
        if (event.kind != hardware::ReadKind::Barcode) return false;
        context.later([this, value = event.value](app::ScreenContext& later) { search(later, value); });
        return true;
    }

private:
    enum class Mode { Results, Typing, Collector, Signature };
    struct View {
        Mode mode = Mode::Results;
        std::string query;
        bool searched = false;
        std::vector<parcels::Parcel> found;
        std::set<std::string> chosen;
        bool idChecked = false;
        bool someoneElse = false;
        std::string collector;
        parcels::Signature signature;
        ui::KeyboardState keyboard;
        std::string message;
        bool messageIsError = false;
    };

    void search(app::ScreenContext& context, const std::string& query) {
        auto& desk = parcels_ui::parcelsOf(context.services).desk;
        view_ = {};
        view_.query = query;
        view_.searched = true;
        const std::string code = parcels::normalizePickupCode(query);
        view_.found = parcels::isPickupCodeShape(code) ? desk.onShelfByCode(code) : desk.onShelfNamed(query);
        // A code names one resident's parcels: all of them are handed over unless the manager says otherwise.
        if (parcels::isPickupCodeShape(code))
            for (const auto& parcel : view_.found) view_.chosen.insert(parcel.id);
    }
    void handOver(app::ScreenContext& context);
    void drawSignaturePad(const ImVec2& area);
    void drawResults(app::ScreenContext& context, const ImVec2& area);

    View view_;
    std::vector<parcels::PickupRequest> requests_;
};

void ParcelCounterScreen::handOver(app::ScreenContext& context) {
    auto& area = parcels_ui::parcelsOf(context.services);
    parcels::HandOverInput input;
    input.parcelIds.assign(view_.chosen.begin(), view_.chosen.end());
    input.idChecked = view_.idChecked;
    if (view_.someoneElse) input.collectedBy = view_.collector.empty() ? " " : view_.collector;
    input.signature = view_.signature;
    const parcels::HandOverResult result = area.desk.handOver(&*context.state.staff, input);
    if (!result.ok()) {
        view_.messageIsError = true;
        view_.message = parcels_ui::errorText(result.error);
        return;
    }
    for (const auto& parcel : result.parcels)
        if (parcel.pickupCode) area.pickup.forget(*parcel.pickupCode);
    requests_ = area.pickup.recentRequests();
    view_ = {};
    view_.message = result.codCents > 0
                        ? i18n::trn("parcels.counter.done_cod", result.parcels.size(), {{"count", std::to_string(result.parcels.size())},
                                                                 {"amount", parcels::formatEuros(result.codCents)}})
                        : i18n::trn("parcels.counter.done", result.parcels.size(), {{"count", std::to_string(result.parcels.size())}});
}

// The recipient signs with a finger; the strokes are kept in the pad's own coordinates and printed on the proof.
void ParcelCounterScreen::drawSignaturePad(const ImVec2& area) {
    ui::text(tr("parcels.counter.sign_here"), ui::fonts().body);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 size(area.x, std::max(ui::em(4.0f), area.y - ui::em(4.2f)));
    ImGui::InvisibleButton("parcels.counter.signature_pad", size);
    if (ImGui::IsItemActivated()) view_.signature.emplace_back();
    if (ImGui::IsItemActive() && !view_.signature.empty()) {
        const ImVec2 at = ImGui::GetIO().MousePos;
        const parcels::SignaturePoint point{static_cast<std::int16_t>(std::clamp(at.x - min.x, 0.0f, size.x)),
                                            static_cast<std::int16_t>(std::clamp(at.y - min.y, 0.0f, size.y))};
        auto& stroke = view_.signature.back();
        if (stroke.empty() || !(stroke.back() == point)) stroke.push_back(point);
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    draw->AddRectFilled(min, max, ui::colors::kButton);
    draw->AddRect(min, max, ui::colors::kButtonBorder, 0.0f, 0, 2.0f);
    for (const auto& stroke : view_.signature)
        for (std::size_t i = 1; i < stroke.size(); ++i)
            draw->AddLine(ImVec2(min.x + stroke[i - 1].x, min.y + stroke[i - 1].y),
                          ImVec2(min.x + stroke[i].x, min.y + stroke[i].y), ui::colors::kText, ui::em(0.12f));
    ImGui::Dummy(ui::em(1.0f, 0.3f));
    if (ui::button("parcels.counter.signature_clear", tr("parcels.counter.signature_clear"), ui::em(9.0f, 2.0f)))
        view_.signature.clear();
    ImGui::SameLine(0.0f, ui::em(0.6f));
    if (ui::button("parcels.counter.signature_done", tr("common.ok"), ui::em(9.0f, 2.0f), ui::ButtonKind::Primary))
        view_.mode = Mode::Results;
}

void ParcelCounterScreen::drawResults(app::ScreenContext& context, const ImVec2& area) {
    const float gap = ui::em(0.8f);
    const float left = (area.x - gap) * 0.58f;
    const float right = area.x - gap - left;
    const ImVec2 origin = ImGui::GetCursorScreenPos();

    ImGui::BeginGroup();
    if (!view_.searched) {
        ui::textWrapped(tr("parcels.counter.how"), left, ui::fonts().body, ui::colors::kTextMuted);
    } else if (view_.found.empty()) {
        ui::textWrapped(tr("parcels.counter.none"), left, ui::fonts().body, ui::colors::kTextMuted);
    }
    ImGui::BeginChild("parcels.counter.found", ImVec2(left, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
    for (const parcels::Parcel& parcel : view_.found) {
        const bool chosen = view_.chosen.count(parcel.id) > 0;
        const std::string id = "parcels.counter.parcel." + parcel.id;
        const std::string label = parcel.shelfPlace.value_or("-") + "  " + parcel.recipientName;
        if (ui::button(id.c_str(), label.c_str(), ImVec2(ImGui::GetContentRegionAvail().x, ui::em(1.9f)),
                       chosen ? ui::ButtonKind::Primary : ui::ButtonKind::Normal)) {
            if (chosen) view_.chosen.erase(parcel.id);
            else view_.chosen.insert(parcel.id);
        }
        std::string detail = parcels_ui::carrierName(context.services, parcel.carrierId) + " · " + parcel.tracking;
        if (parcel.codCents > 0) detail += " · " + i18n::trf("parcels.counter.cod", {{"amount", parcels::formatEuros(parcel.codCents)}});
        ui::textWrapped(detail, ImGui::GetContentRegionAvail().x, ui::fonts().small, ui::colors::kTextMuted);
    }
    ui::dragToScroll();
    ImGui::EndChild();
    ImGui::EndGroup();

    ImGui::SetCursorScreenPos(ImVec2(origin.x + left + gap, origin.y));
    ImGui::BeginGroup();
    const ImVec2 wide(right, ui::em(2.0f));
    if (ui::button("parcels.counter.id_checked", tr(view_.idChecked ? "parcels.counter.id_checked_yes" : "parcels.counter.id_checked"),
                   wide, view_.idChecked ? ui::ButtonKind::Primary : ui::ButtonKind::Normal))
        view_.idChecked = !view_.idChecked;
    if (ui::button("parcels.counter.someone_else", tr("parcels.counter.someone_else"), wide,
                   view_.someoneElse ? ui::ButtonKind::Primary : ui::ButtonKind::Normal)) {
        view_.someoneElse = !view_.someoneElse;
        if (view_.someoneElse) {
            view_.mode = Mode::Collector;
            view_.keyboard = {};
            view_.keyboard.shift = true;
        }
    }
    if (ui::button("parcels.counter.sign", tr(view_.signature.empty() ? "parcels.counter.sign" : "parcels.counter.signed"),
                   wide))
        view_.mode = Mode::Signature;
    if (view_.someoneElse && !view_.collector.empty())
        ui::textWrapped(i18n::trf("parcels.counter.collector", {{"name", view_.collector}}), right, ui::fonts().small);
    const std::string handLabel = i18n::trf("parcels.counter.hand_over", {{"count", std::to_string(view_.chosen.size())}});
    if (ui::button("parcels.counter.hand_over", handLabel.c_str(), ImVec2(right, ui::em(2.4f)), ui::ButtonKind::Primary,
                   !view_.chosen.empty() && view_.idChecked))
        context.later([this](app::ScreenContext& later) { handOver(later); });
    ImGui::EndGroup();
}

void ParcelCounterScreen::draw(app::ScreenContext& context) {
    if (!parcels_ui::drawStaffHeader(context, kParcelCounterScreen, "parcels.counter.title")) return;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    if (view_.mode == Mode::Signature) {
        drawSignaturePad(area);
        return;
    }
    if (view_.mode == Mode::Collector) {
        ui::text(tr("parcels.counter.collector_name"), ui::fonts().body);
        ui::textField("parcels.counter.collector_field", view_.collector, "", true, false, area.x);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y;
        ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + ui::em(0.3f)));
        if (ui::drawKeyboard(view_.collector, view_.keyboard, 120, ImVec2(area.x, bottom - at.y - ui::em(0.3f)), tr("common.ok")))
            view_.mode = Mode::Results;
        return;
    }
    // The codes residents typed at the kiosk, newest first: one tap finds their parcels.
    ui::text(tr(requests_.empty() ? "parcels.counter.no_requests" : "parcels.counter.requests"), ui::fonts().small,
             ui::colors::kTextMuted);
    for (std::size_t i = 0; i < requests_.size() && i < 4; ++i) {
        ImGui::SameLine(0.0f, ui::em(0.4f));
        const std::string id = "parcels.counter.request." + requests_[i].code;
        if (ui::button(id.c_str(), requests_[i].code.c_str(), ui::em(5.0f, 1.6f)))
            context.later([this, code = requests_[i].code](app::ScreenContext& later) { search(later, code); });
    }
    const float fieldWidth = area.x - ui::em(9.0f);
    if (ui::textField("parcels.counter.search", view_.query, tr("parcels.counter.search_hint"), view_.mode == Mode::Typing,
                      false, fieldWidth)) {
        view_.mode = Mode::Typing;
        view_.keyboard = {};
    }
    ImGui::SameLine(0.0f, ui::em(0.5f));
    if (ui::button("parcels.counter.find", tr("parcels.counter.find"), ui::em(8.5f, 2.0f), ui::ButtonKind::Primary))
        context.later([this, query = view_.query](app::ScreenContext& later) { search(later, query); });
    // What the last action did, above the lists, where it is always in sight.
    if (!view_.message.empty())
        ui::textWrapped(view_.message, area.x, ui::fonts().body, view_.messageIsError ? ui::colors::kDanger : ui::colors::kSuccess);
    ImGui::Dummy(ui::em(1.0f, 0.2f));
    if (view_.mode == Mode::Typing) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y;
        if (ui::drawKeyboard(view_.query, view_.keyboard, 60, ImVec2(area.x, bottom - at.y), tr("parcels.counter.find")))
            context.later([this, query = view_.query](app::ScreenContext& later) { search(later, query); });
        return;
    }
    drawResults(context, ImVec2(area.x, ImGui::GetContentRegionAvail().y));
}

}  // namespace

void registerParcelCounterScreen(app::ScreenRegistry& registry) { registry.add<ParcelCounterScreen>(kParcelCounterScreen); }

}  // namespace vk::screens
