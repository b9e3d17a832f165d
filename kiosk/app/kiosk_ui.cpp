#include "kiosk/app/kiosk_ui.h"

#include "kiosk/app/navigation.h"
#include "kiosk/screens/health/check_in_flow.h"
#include "kiosk/screens/screens.h"
#include "kiosk/ui/solid_fill.h"
#include "kiosk/ui/textures.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/widgets.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>

namespace vk::app {

KioskUi::KioskUi(SDL_Renderer* renderer, KioskServices* services, const services::KioskConfig& config)
    : renderer_(renderer), context_(ImGui::CreateContext()), services_(services), config_(config) {
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout on disk
    io.LogFilename = nullptr;
    io.ConfigWindowsMoveFromTitleBarOnly = true;
    io.KeyMap[ImGuiKey_Backspace] = SDL_SCANCODE_BACKSPACE;
    io.KeyMap[ImGuiKey_Enter] = SDL_SCANCODE_RETURN;
    io.KeyMap[ImGuiKey_Escape] = SDL_SCANCODE_ESCAPE;
    io.KeyMap[ImGuiKey_KeyPadEnter] = SDL_SCANCODE_KP_ENTER;
    ImGui_ImplSDLRenderer_Init(renderer_);
    ui::setTextureRenderer(renderer_);
}

KioskUi::~KioskUi() {
    ImGui::SetCurrentContext(context_);
    ui::releaseTextures();
    ui::setTextureRenderer(nullptr);
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui::DestroyContext(context_);
}

std::optional<std::string> KioskUi::resize(int width, int height) {
    ImGui::SetCurrentContext(context_);
    const bool heightChanged = height != height_;
    width_ = width;
    height_ = height;
    if (!heightChanged) return std::nullopt;
    const float body = ui::bodyPixelsFor(height, config_.textScale);
    ui::Fonts fonts;
    auto problem = ui::loadFonts({config_.fontFile, config_.boldFontFile}, body, fonts);
    ui::setFonts(fonts);
    ui::applyStyle(body);
    ImGui::GetIO().MouseDragThreshold = body * 0.5f;
    // The font texture is made again from the new atlas on the next frame.
    ImGui_ImplSDLRenderer_DestroyDeviceObjects();
    return problem;
}

void KioskUi::setPointer(const PointerState& pointer) {
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(pointer.x, pointer.y);
    io.MouseDown[0] = pointer.down;
}

void KioskUi::noteInput(std::int64_t nowMs) { idle_.noteActivity(nowMs); }

KioskUi::Tick KioskUi::tick(std::int64_t nowMs) {
    constexpr std::int64_t kNothingDue = 24LL * 60 * 60 * 1000;
    Tick result;
    if (!services_) {
        result.nextMs = nowMs + kNothingDue;
        return result;
    }
    if (!isAtRest(state_) && idle_.expired(nowMs, idleTimeoutMs(state_, config_))) {
        returnHome(state_, *services_, "idle");
        result.changedScreen = true;
    }
    result.nextMs = isAtRest(state_) ? nowMs + kNothingDue : idle_.deadlineMs(idleTimeoutMs(state_, config_));
    return result;
}

void KioskUi::onReaderEvent(const hardware::ReaderEvent& event) {
    if (!services_ || event.kind != hardware::ReadKind::CardUid || state_.staff) return;
    // A staff card chooses the account; the PIN is still asked. On the health screens any other card is a
    // patient's, for check-in.
    const auto account = services_->staff.accountForCard(event.value);
    if (!account) {
        if (state_.screen == ScreenId::Health || state_.screen == ScreenId::HealthCheckIn)
            screens::showCheckInResult(state_, *services_, services_->checkIn.byCard(event.value));
        return;
    }
    openScreen(state_, *services_, ScreenId::StaffSignIn);
    state_.signIn.accountId = account->id;
    state_.signIn.accountName = account->displayName;
    state_.signIn.lockedUntil = services_->staff.lockedUntil(account->id);
}

void KioskUi::renderFrame(std::int64_t nowMs) {
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
    // Frames are drawn on demand, minutes apart at rest; ImGui only needs a positive step.
    io.DeltaTime = std::clamp(static_cast<float>(nowMs - lastFrameMs_) / 1000.0f, 0.001f, 1.0f);
    lastFrameMs_ = nowMs;

    ImGui_ImplSDLRenderer_NewFrame();
    ImGui::NewFrame();
    ui::beginDrawnItems();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoScrollWithMouse |
                                   // The renderer clears to the page colour; a window background would paint it again.
                                   ImGuiWindowFlags_NoBackground;
    ImGui::Begin("kiosk", nullptr, flags);
    ImGui::PushFont(ui::fonts().body);
    drawScreen(nowMs);
    ImGui::PopFont();
    ImGui::End();
    ui::endDrawnItems();
    ImGui::Render();

    const ImVec4 background = ImGui::ColorConvertU32ToFloat4(ui::colors::kBackground);
    SDL_SetRenderDrawColor(renderer_, static_cast<Uint8>(background.x * 255), static_cast<Uint8>(background.y * 255),
                           static_cast<Uint8>(background.z * 255), 255);
    SDL_RenderClear(renderer_);
    for (const ui::SolidFill& fill : ui::solidFills()) {
        SDL_SetRenderDrawColor(renderer_, static_cast<Uint8>(fill.color >> IM_COL32_R_SHIFT),
                               static_cast<Uint8>(fill.color >> IM_COL32_G_SHIFT),
                               static_cast<Uint8>(fill.color >> IM_COL32_B_SHIFT), 255);
        const SDL_FRect rect{fill.min.x, fill.min.y, fill.max.x - fill.min.x, fill.max.y - fill.min.y};
        SDL_RenderFillRectF(renderer_, &rect);
    }
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
}

void KioskUi::drawScreen(std::int64_t nowMs) {
    if (!services_ || !state_.outOfOrder.empty()) {
        screens::drawOutOfOrderScreen(state_, nowMs);
        return;
    }
    switch (state_.screen) {
    case ScreenId::Home: screens::drawHomeScreen(state_, *services_); break;
    case ScreenId::Health: screens::drawHealthScreen(state_, *services_); break;
    case ScreenId::HealthCheckIn: screens::drawCheckInScreen(state_, *services_); break;
    case ScreenId::HealthCalling: screens::drawCallingScreen(state_, *services_); break;
    case ScreenId::StaffWaitingRoom: screens::drawWaitingRoomScreen(state_, *services_); break;
    case ScreenId::StaffRota: screens::drawStaffRotaScreen(state_, *services_); break;
    case ScreenId::StaffDevices: screens::drawStaffDevicesScreen(state_, *services_); break;
    case ScreenId::Parcels:
    case ScreenId::Board: screens::drawComingSoonScreen(state_, *services_); break;
    case ScreenId::VillageInfo: screens::drawVillageInfoScreen(state_, *services_); break;
    case ScreenId::StaffSignIn: screens::drawStaffSignInScreen(state_, *services_); break;
    case ScreenId::StaffHome: screens::drawStaffHomeScreen(state_, *services_); break;
    case ScreenId::StaffAccounts: screens::drawStaffAccountsScreen(state_, *services_); break;
    case ScreenId::StaffAudit: screens::drawStaffAuditScreen(state_, *services_); break;
    }
}

}  // namespace vk::app
