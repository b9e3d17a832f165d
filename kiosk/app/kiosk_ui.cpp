#include "kiosk/app/kiosk_ui.h"

#include "kiosk/app/navigation.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/shell/shell_screens.h"
#include "kiosk/ui/solid_fill.h"
#include "kiosk/ui/textures.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/widgets.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <imgui_internal.h>

#include <algorithm>
#include <iostream>

namespace vk::app {

KioskUi::KioskUi(SDL_Renderer* renderer, KioskServices* services, const services::KioskConfig& config,
                 std::unique_ptr<ui::AudioOutput> audio)
    : renderer_(renderer),
      context_(ImGui::CreateContext()),
      services_(services),
      config_(config),
      sound_(config.sound, std::move(audio)) {
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
    for (const UiArea& area : uiAreas()) area.registerScreens(registry_);
    registry_.checkLinks();
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
    return loadFontsForHeight(fontsLarge_);
}

std::optional<std::string> KioskUi::loadFontsForHeight(bool large) {
    fontsLarge_ = large;
    const float body = ui::bodyPixelsFor(height_, config_.textScale * (fontsLarge_ ? kLargeTextFactor : 1.0));
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
    if (!state_.fault.empty() && nowMs - state_.faultAtMs >= kFaultRetryMs) {
        // The cause may have gone (space freed, the database unlocked): start again from home.
        state_.fault.clear();
        returnHome("retry after a fault");
        result.changedScreen = true;
    }
    if (isAtRest()) {
        moreTimeAskedAtMs_ = 0;
    } else if (moreTimeAskedAtMs_ != 0) {
        if (nowMs >= moreTimeAskedAtMs_ + moreTimeWarningMs()) {
            returnHome(kIdleReason);
            result.changedScreen = true;
        }
    } else if (idle_.expired(nowMs, idleTimeoutMs(state_, config_) - moreTimeWarningMs())) {
        // Counted from when it was due, so that the kiosk returns home after the idle timeout and no later.
        moreTimeAskedAtMs_ = idle_.deadlineMs(idleTimeoutMs(state_, config_) - moreTimeWarningMs());
        if (nowMs >= moreTimeAskedAtMs_ + moreTimeWarningMs()) returnHome(kIdleReason);
        result.changedScreen = true;
    }
    if (isAtRest()) {
        result.nextMs = nowMs + kNothingDue;
    } else if (moreTimeAskedAtMs_ != 0) {
        // The question counts down once a second.
        result.nextMs = std::min(moreTimeAskedAtMs_ + moreTimeWarningMs(), nowMs + 1000 - nowMs % 1000);
    } else {
        result.nextMs = idle_.deadlineMs(idleTimeoutMs(state_, config_) - moreTimeWarningMs());
    }
    if (const Screen* screen = registry_.find(state_.screen); screen && state_.fault.empty())
        result.nextMs = std::min(result.nextMs, std::max(nowMs, screen->nextRedrawMs(nowMs)));
    if (!state_.fault.empty()) result.nextMs = std::min(result.nextMs, state_.faultAtMs + kFaultRetryMs);
    return result;
}

bool KioskUi::isAtRest() const {
    if (state_.staff || state_.visitorChoseOtherLanguage || state_.largeText) return false;
    if (state_.screen == kHomeScreen) return true;
    const Screen* screen = registry_.find(state_.screen);
    return screen && screen->isPublicDisplay();
}

void KioskUi::onReaderEvent(const hardware::ReaderEvent& event) {
    if (!services_ || !state_.fault.empty() || !state_.outOfOrder.empty()) return;
    ScreenContext context(state_, *services_, *this);
    try {
        Screen* current = registry_.find(state_.screen);
        bool used = current && current->onRead(context, event);
        // In staff mode a read goes to the screen open, nowhere else: a card must not sign anyone out.
        if (!used && !state_.staff)
            for (const ReadHandler& handler : registry_.readHandlers())
                if (handler(context, event)) break;
        applyPending();
    } catch (const std::exception& error) {
        pending_.clear();
        reportFault(error, "reader");
    }
}

void KioskUi::openScreen(ScreenId screen) {
    openNow(screen);
    applyPending();
}

void KioskUi::returnHome(const char* reason) { returnHomeNow(reason); }

void KioskUi::openNow(ScreenId id) {
    if (!services_) return;
    Screen* screen = registry_.find(id);
    if (!screen) throw std::logic_error("no screen is registered as " + std::string(id.name));
    if (!screen->allowed(state_.staff)) {
        returnHomeNow("not allowed");
        return;
    }
    // A screen for the room is public: whoever opened it, the staff session ends here, so that nothing on it
    // leads back to a staff screen without a PIN.
    if (screen->isPublicDisplay() && state_.staff) {
        services_->staff.signOut(*state_.staff, "public display");
        state_.staff.reset();
    }
    state_.screen = id;
    ScreenContext context(state_, *services_, *this);
    screen->open(context);
}

void KioskUi::returnHomeNow(const char* reason) {
    if (state_.staff && services_) services_->staff.signOut(*state_.staff, reason);
    AppState fresh;
    fresh.notices = std::move(state_.notices);
    fresh.outOfOrder = std::move(state_.outOfOrder);
    fresh.fault = std::move(state_.fault);
    fresh.faultAtMs = state_.faultAtMs;
    // The visitor who chose English keeps it from one task to the next (« Terminer » leads home); the idle
    // return, for the next visitor, gives the kiosk's language back.
    const bool nextVisitor = std::string_view(reason) == kIdleReason;
    fresh.visitorChoseOtherLanguage = state_.visitorChoseOtherLanguage && !nextVisitor;
    fresh.largeText = state_.largeText && !nextVisitor;
    sound_.stop();
    state_ = std::move(fresh);
    registry_.resetAll();
    wentHome_ = true;
    moreTimeAskedAtMs_ = 0;
    if (services_ && !state_.visitorChoseOtherLanguage && i18n::currentLanguage() != services_->config.language &&
        !i18n::setLanguage(services_->config.language))
        i18n::setLanguage("fr");
}

void KioskUi::reportFault(const std::exception& error, const char* where) {
    std::cerr << "village-kiosk: error (" << where << "): " << error.what() << "\n";
    state_.fault = error.what();
    state_.faultAtMs = services_ ? services_->clock.nowMs() : 0;
    try {
        // The technician's words: where it happened and what the code said, in English.
        if (services_)
            services_->staff.audit(&services::systemActor(services::SystemActor::Kiosk), "kiosk.fault",
                                   {{"problem", std::string(where) + ": " + error.what()}});
    } catch (const std::exception&) {
        // The log may be what fails (a full disk): stderr has it.
    }
}

void KioskUi::applyPending() {
    if (!services_) return;
    // A change may ask for more (an action, then a screen): they run in order, until none is left.
    wentHome_ = false;
    for (std::size_t i = 0; i < pending_.size() && !wentHome_; ++i) {
        Change change = std::move(pending_[i]);
        ScreenContext context(state_, *services_, *this);
        change(context);
    }
    pending_.clear();
}

void KioskUi::renderFrame(std::int64_t nowMs) {
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
    // Frames are drawn on demand, minutes apart at rest; ImGui only needs a positive step.
    io.DeltaTime = std::clamp(static_cast<float>(nowMs - lastFrameMs_) / 1000.0f, 0.001f, 1.0f);
    lastFrameMs_ = nowMs;

    if (services_ && state_.fault.empty() && state_.outOfOrder.empty()) {
        try {
            ScreenContext context(state_, *services_, *this);
            for (const FrameHook& hook : registry_.frameHooks()) hook(context);
            applyPending();
        } catch (const std::exception& error) {
            pending_.clear();
            reportFault(error, "background result");
        }
    }

    // Large text asked for (or gone with the visitor, or a staff screen opened): the fonts are made again at the
    // other size, between frames.
    if (const bool large = state_.largeText && showsResidentScreen(); large != fontsLarge_ && height_ > 0) {
        if (auto problem = loadFontsForHeight(large)) std::cerr << "village-kiosk: " << *problem << "\n";
    }

    ImGui_ImplSDLRenderer_NewFrame();
    ImGui::NewFrame();
    ui::beginDrawnItems();
    // Any tap silences the reading: the finger that lands is enough.
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        pressStoppedReading_ = sound_.reading();
        if (pressStoppedReading_) sound_.stop();
    }
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoScrollWithMouse |
                                   // The renderer clears to the page colour; a window background would paint it again.
                                   ImGuiWindowFlags_NoBackground;
    ImGui::Begin("kiosk", nullptr, flags);
    ImGuiContext& g = *context_;
    const int fontDepth = g.FontStack.Size;
    const int colorDepth = g.ColorStack.Size;
    const int styleDepth = g.StyleVarStack.Size;
    ImGui::PushFont(ui::fonts().body);
    bool drawn = true;
    try {
        drawScreen(nowMs);
    } catch (const std::exception& error) {
        // Undo what the screen had pushed (fonts, colours, styles: ImGui's own recovery leaves those to us),
        // then let ImGui close its children, groups and the window, so that the frame still ends cleanly.
        while (g.FontStack.Size > fontDepth) ImGui::PopFont();
        if (g.ColorStack.Size > colorDepth) ImGui::PopStyleColor(g.ColorStack.Size - colorDepth);
        if (g.StyleVarStack.Size > styleDepth) ImGui::PopStyleVar(g.StyleVarStack.Size - styleDepth);
        ImGui::ErrorCheckEndFrameRecover(nullptr);
        drawn = false;
        pending_.clear();
        reportFault(error, "screen");
    }
    if (drawn) {
        ImGui::PopFont();
        ImGui::End();
    }
    if (painting_) ui::renderFrameInto(renderer_);
    else ui::endFrameUnpainted();
    try {
        applyPending();
    } catch (const std::exception& error) {
        pending_.clear();
        reportFault(error, "tap");
    }
}

void KioskUi::drawScreen(std::int64_t nowMs) {
    if (!services_ || !state_.outOfOrder.empty()) {
        screens::drawOutOfOrderScreen(state_.outOfOrder, nowMs, nullptr);
        return;
    }
    ScreenContext context(state_, *services_, *this);
    if (!state_.fault.empty()) {
        screens::drawOutOfOrderScreen(state_.fault, nowMs, &context);
        return;
    }
    Screen* screen = registry_.find(state_.screen);
    if (!screen) throw std::logic_error("no screen is registered as " + std::string(state_.screen.name));
    const int secondsLeft = moreTimeSecondsLeft(nowMs);
    if (secondsLeft == 0) {
        const bool readable = sound_.canReadAloud() && !screen->spokenText(context).empty();
        ui::setHeaderBarReserve(readable ? ui::em(kListenButtonEm) : 0.0f);
        // In large text a screen may be taller than the display: it scrolls, by a drag as lists do. No scrollbar:
        // it would sit over « Écouter »; the line cut at the bottom says there is more.
        if (fontsLarge_)
            ImGui::BeginChild("large-text", ImVec2(0, 0), false,
                              ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoScrollbar);
        screen->draw(context);
        if (fontsLarge_) {
            ui::dragToScroll();
            ImGui::EndChild();
        }
        ui::setHeaderBarReserve(0.0f);
        // The screen drew a header bar and kept its right end: « Écouter » goes there.
        if (const ui::HeaderSlot slot = ui::headerSlot(); readable && slot.drawn) {
            ImGui::SetCursorScreenPos(slot.min);
            listenButton(ImVec2(slot.max.x - slot.min.x, slot.max.y - slot.min.y));
        }
        return;
    }
    // The question takes the whole screen: large, alone, and nothing beneath it for a finger to land on. The
    // screen keeps what was typed and comes back as it was.
    drawMoreTimeQuestion(context, secondsLeft);
    // Any touch says « I am still here ». The question stays until the finger lifts.
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) context.later([this](ScreenContext&) { moreTimeAskedAtMs_ = 0; });
}

bool KioskUi::showsResidentScreen() {
    if (!services_ || !state_.fault.empty() || !state_.outOfOrder.empty()) return false;
    // The screens residents meet are those that read aloud: staff screens and the room's calling screen do not.
    return !spokenText().empty();
}

std::string KioskUi::spokenText() {
    Screen* screen = registry_.find(state_.screen);
    if (!services_ || !screen) return {};
    ScreenContext context(state_, *services_, *this);
    return screen->spokenText(context);
}

void KioskUi::listenButton(const ImVec2& size) {
    if (!sound_.canReadAloud()) return;
    const bool reading = sound_.reading();
    const std::string label = std::string(reading ? ui::symbols::kStop : ui::symbols::kPlay) + "  " +
                              i18n::tr(reading ? "common.listen_stop" : "common.listen");
    if (!ui::button("common.listen", label.c_str(), size)) return;
    // The press already cut a reading: this tap was « Arrêter ».
    if (pressStoppedReading_) return;
    defer([this](ScreenContext&) { sound_.readAloud(spokenText(), i18n::currentLanguage()); });
}

std::int64_t KioskUi::moreTimeWarningMs() const {
    // A third of the timeout, but never less than the time to read it: with the shortest timeout (20 s) a result
    // stays 10 s, then the question 10 s.
    return std::min(kMoreTimeWarningMs, std::max(kLeastTimeToReadMs, idleTimeoutMs(state_, config_) / 3));
}

int KioskUi::moreTimeSecondsLeft(std::int64_t nowMs) const {
    if (moreTimeAskedAtMs_ == 0) return 0;
    const std::int64_t left = moreTimeAskedAtMs_ + moreTimeWarningMs() - nowMs;
    return left <= 0 ? 1 : static_cast<int>((left + 999) / 1000);
}

void KioskUi::drawMoreTimeQuestion(ScreenContext& context, int secondsLeft) {
    const ui::Fonts& fonts = ui::fonts();
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float width = area.x;
    const float buttonWidth = std::min((width - ui::em(1.0f)) * 0.5f, ui::em(14.0f));
    const float blockHeight = fonts.title->FontSize * 1.2f + fonts.body->FontSize * 1.2f + ui::em(5.0f);
    ImGui::Dummy(ImVec2(1.0f, std::max(0.0f, (area.y - blockHeight) * 0.4f)));
    ui::textCentered(i18n::tr("shell.more_time.question"), width, fonts.title);
    ui::textCentered(i18n::trf("shell.more_time.countdown", {{"seconds", std::to_string(secondsLeft)}}), width,
                     fonts.body, ui::colors::kTextMuted);
    ImGui::Dummy(ui::em(1.0f, 1.0f));
    const float left = ImGui::GetCursorPosX() + (width - 2.0f * buttonWidth - ui::em(1.0f)) * 0.5f;
    ImGui::SetCursorPosX(left);
    // Any tap closes the question (drawScreen): « Oui » is there to be tapped, not to do more.
    ui::button("shell.more_time.yes", i18n::tr("shell.more_time.yes"), ImVec2(buttonWidth, ui::em(3.2f)),
               ui::ButtonKind::Primary);
    ImGui::SameLine(0.0f, ui::em(1.0f));
    if (ui::button("shell.more_time.no", i18n::tr("shell.more_time.no"), ImVec2(buttonWidth, ui::em(3.2f))))
        context.returnHome("finished, asked for no more time");
}

}  // namespace vk::app
