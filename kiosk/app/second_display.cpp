#include "kiosk/app/second_display.h"

#include "kiosk/i18n/translations.h"
#include "kiosk/ui/solid_fill.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cfloat>
#include <iostream>
#include <string_view>

namespace vk::app {
namespace {

// The TV speaks the kiosk's language, whichever one the visitor at the touch screen chose.
class ScopedLanguage {
public:
    explicit ScopedLanguage(const std::string& language) : previous_(i18n::currentLanguage()) {
        if (!i18n::setLanguage(language)) i18n::setLanguage("fr");
    }
    ~ScopedLanguage() { i18n::setLanguage(previous_); }
    ScopedLanguage(const ScopedLanguage&) = delete;
    ScopedLanguage& operator=(const ScopedLanguage&) = delete;

private:
    std::string previous_;
};

// Under Wayland the compositor places windows: cage 0.1.4 stretches each one over all its outputs, whatever
// output a full-screen window asks for, so there the calling screen takes a part of the kiosk's own window
// (showInArea, docs/health.md). X11, KMS/DRM and the dummy driver keep windows where asked.
bool windowsStayPut() {
    const char* driver = SDL_GetCurrentVideoDriver();
    return !driver || std::string_view(driver) != "wayland";
}

std::uint32_t eventWindowId(const SDL_Event& event) {
    switch (event.type) {
    case SDL_WINDOWEVENT: return event.window.windowID;
    case SDL_KEYDOWN:
    case SDL_KEYUP: return event.key.windowID;
    case SDL_TEXTINPUT: return event.text.windowID;
    case SDL_MOUSEMOTION: return event.motion.windowID;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: return event.button.windowID;
    case SDL_MOUSEWHEEL: return event.wheel.windowID;
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION: return event.tfinger.windowID;
    default: return 0;
    }
}

}  // namespace

SecondDisplay::SecondDisplay(const RoomDisplayEntry& entry, KioskServices& services,
                             const services::KioskConfig& config, KioskSound& sound,
                             services::RendererChoice renderer, std::function<int()> kioskDisplay)
    : entry_(entry),
      services_(services),
      config_(config),
      sound_(sound),
      rendererChoice_(renderer),
      kioskDisplay_(std::move(kioskDisplay)),
      choice_(entry.make && entry.choice ? entry.choice(config)
                                         : services::DisplayChoice{services::DisplayChoice::Mode::Off, 0}),
      placement_(choice_, windowsStayPut()) {}

SecondDisplay::~SecondDisplay() { close(); }

std::uint32_t SecondDisplay::windowId() const { return window_ ? SDL_GetWindowID(window_) : 0; }

void SecondDisplay::followDisplays() { applyDisplays(std::max(0, SDL_GetNumVideoDisplays())); }

void SecondDisplay::applyDisplays(int displayCount) {
    if (area_) return;  // the kiosk's window covers every output: the kiosk says where the TV's part is
    if (!windowsStayPut() && displayCount > 1 && !explainedWayland_ &&
        choice_.mode == services::DisplayChoice::Mode::Auto) {
        explainedWayland_ = true;
        std::cerr << "village-kiosk: " << displayCount << " displays under Wayland, the kiosk's window on one: the "
                  << "compositor places windows itself, so the calling screen waits for it to spread that window "
                  << "over every output, as cage does, and then takes the TV's part; it opens a window of its own "
                  << "only when [health] calling_display names a display (docs/health.md)\n";
    }
    const services::RoomDisplayPlacement::Step step = placement_.update(displayCount, kioskDisplay_());
    if (step.close) close();
    if (!step.openOn) return;
    if (open(*step.openOn))
        placement_.opened(*step.openOn);
    else
        placement_.failed(*step.openOn, displayCount);
}

bool SecondDisplay::open(int display) {
    SDL_Rect bounds{};
    if (SDL_GetDisplayBounds(display, &bounds) != 0) {
        std::cerr << "village-kiosk: warning: no calling screen on display " << display << " (" << SDL_GetError()
                  << ")\n";
        return false;
    }
    window_ = SDL_CreateWindow("village-kiosk calling screen", SDL_WINDOWPOS_CENTERED_DISPLAY(display),
                               SDL_WINDOWPOS_CENTERED_DISPLAY(display), bounds.w, bounds.h,
                               SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_FULLSCREEN_DESKTOP);
    if (window_) {
        const Uint32 flags =
            rendererChoice_ == services::RendererChoice::Software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED;
        renderer_ = SDL_CreateRenderer(window_, -1, flags);
        if (!renderer_ && rendererChoice_ == services::RendererChoice::Accelerated)
            renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!window_ || !renderer_) {
        std::cerr << "village-kiosk: warning: no calling screen on display " << display << " (" << SDL_GetError()
                  << "); the kiosk goes on without it\n";
        close();
        return false;
    }
    SDL_GetRendererOutputSize(renderer_, &width_, &height_);
    startUi();
    std::cerr << "village-kiosk: the calling screen is on display " << display << " (" << width_ << "×" << height_
              << ")\n";
    return true;
}

void SecondDisplay::showInArea(SDL_Renderer* renderer, const std::optional<services::ScreenArea>& area, int display) {
    if (area == area_ && (!area || (renderer == renderer_ && display == areaDisplay_))) return;
    close();
    const bool wasInArea = area_.has_value();
    area_.reset();
    // Whatever window it had is gone: the placement starts again from what the displays are now.
    placement_ = services::RoomDisplayPlacement(choice_, windowsStayPut());
    if (!area || !renderer) {
        if (wasInArea) followDisplays();
        return;
    }
    texture_ = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_TARGET, area->width,
                                 area->height);
    if (!texture_) {
        std::cerr << "village-kiosk: warning: no calling screen on display " << display << " (" << SDL_GetError()
                  << "); the kiosk goes on without it\n";
        return;
    }
    area_ = area;
    areaDisplay_ = display;
    renderer_ = renderer;
    width_ = area->width;
    height_ = area->height;
    startUi();
    std::cerr << "village-kiosk: the calling screen is on display " << display << " (" << width_ << "×" << height_
              << "), in its part of the kiosk's window, which the compositor spreads over every output\n";
}

void SecondDisplay::copyIntoArea() const {
    if (!area_ || !texture_) return;
    const SDL_Rect to{area_->x, area_->y, area_->width, area_->height};
    SDL_RenderCopy(renderer_, texture_, nullptr, &to);
}

void SecondDisplay::startUi() {
    ui_ = {};
    ui_.context = ImGui::CreateContext();
    {
        ui::ScopedWindowUi scope(ui_);
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;  // as the main window: no layout on disk
        io.LogFilename = nullptr;
        ImGui_ImplSDLRenderer_Init(renderer_);
    }
    loadFonts();
    content_ = entry_.make();
    loadedMinute_ = -1;
    drawAsked_ = true;
}

void SecondDisplay::close() {
    if (ui_.context) {
        ui::ScopedWindowUi scope(ui_);
        ImGui_ImplSDLRenderer_Shutdown();
        ImGui::DestroyContext(ui_.context);
        ui_.context = nullptr;
    }
    ui_ = {};
    content_.reset();
    if (texture_) SDL_DestroyTexture(texture_);
    texture_ = nullptr;
    if (renderer_ && window_) SDL_DestroyRenderer(renderer_);  // the kiosk's renderer, in its part, is the kiosk's
    if (window_) SDL_DestroyWindow(window_);
    renderer_ = nullptr;
    window_ = nullptr;
    pixels_.clear();
}

void SecondDisplay::loadFonts() {
    ui::ScopedWindowUi scope(ui_);
    // Read from the back of the room: sized for its own height, at the kiosk's text scale, never large text.
    const float body = ui::bodyPixelsFor(height_, config_.textScale);
    ui::Fonts fonts;
    if (auto problem = ui::loadFonts({config_.fontFile, config_.boldFontFile}, body, fonts))
        std::cerr << "village-kiosk: calling screen: " << *problem << "\n";
    ui::setFonts(fonts);
    ui::applyStyle(body);
    ImGui_ImplSDLRenderer_DestroyDeviceObjects();  // the font texture is made again from the new atlas
}

bool SecondDisplay::handleEvent(const SDL_Event& event) {
    if (area_) return false;  // nothing is its own; the kiosk follows the displays and tells it its part
    if (event.type == SDL_DISPLAYEVENT) {
        followDisplays();
        return false;
    }
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED) {
        followDisplays();  // a window moved to another display: the main one must never be covered
        return window_ && event.window.windowID == windowId();
    }
    if (!window_ || eventWindowId(event) != windowId()) return false;
    if (event.type == SDL_WINDOWEVENT) {
        switch (event.window.event) {
        case SDL_WINDOWEVENT_SIZE_CHANGED: {
            const int oldHeight = height_;
            SDL_GetRendererOutputSize(renderer_, &width_, &height_);
            if (height_ != oldHeight) loadFonts();
            drawAsked_ = true;
            break;
        }
        case SDL_WINDOWEVENT_EXPOSED: drawAsked_ = true; break;
        case SDL_WINDOWEVENT_CLOSE: {
            // Closed from outside (a desktop's close button): not reopened until a display comes or goes.
            const std::optional<int> shownOn = placement_.shownOn();
            close();
            if (shownOn) placement_.failed(*shownOn, std::max(0, SDL_GetNumVideoDisplays()));
            break;
        }
        default: break;
        }
    }
    return true;
}

void SecondDisplay::update(std::int64_t nowMs, bool reload) {
    if (!isOpen() || !content_) return;
    const std::int64_t minute = nowMs / 60'000;
    if (reload || minute != loadedMinute_) {
        loadedMinute_ = minute;
        try {
            const RoomDisplay::Refresh refreshed = content_->refresh(services_);
            drawAsked_ = drawAsked_ || refreshed.changed;
            if (refreshed.announce) sound_.callChime(*refreshed.announce);
        } catch (const std::exception& error) {
            // The database busy or failing: the TV keeps what it showed and tries again at the next reload.
            std::cerr << "village-kiosk: warning: the calling screen could not reload (" << error.what() << ")\n";
        }
    }
    if (drawAsked_) draw(nowMs);
}

std::int64_t SecondDisplay::nextDueMs(std::int64_t nowMs) const {
    constexpr std::int64_t kNothingDue = 24LL * 60 * 60 * 1000;
    return isOpen() ? (nowMs / 60'000 + 1) * 60'000 : nowMs + kNothingDue;
}

void SecondDisplay::draw(std::int64_t nowMs) {
    drawAsked_ = false;
    ui::ScopedWindowUi scope(ui_);
    ScopedLanguage language(services_.config.language);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
    io.DeltaTime = std::clamp(static_cast<float>(nowMs - lastFrameMs_) / 1000.0f, 0.001f, 1.0f);
    lastFrameMs_ = nowMs;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // nothing is tapped on the TV
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui::NewFrame();
    ui::beginDrawnItems();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("room", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoBackground);
    ImGui::PushFont(ui::fonts().body);
    content_->draw();
    ImGui::PopFont();
    ImGui::End();
    if (texture_) SDL_SetRenderTarget(renderer_, texture_);
    ui::renderFrameInto(renderer_);
    if (keepPixels_) {
        pixels_.assign(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_), 0);
        if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ARGB8888, pixels_.data(), width_ * 4) != 0) {
            std::cerr << "village-kiosk: cannot read the calling screen back (" << SDL_GetError() << ")\n";
            pixels_.clear();
        }
    }
    if (texture_) {
        SDL_SetRenderTarget(renderer_, nullptr);
        areaRedrawn_ = true;  // shown when the kiosk's window is presented next
    } else {
        SDL_RenderPresent(renderer_);
    }
    ++framesDrawn_;
}

bool SecondDisplay::shows(const std::string& words) const {
    return std::any_of(ui_.items.last.begin(), ui_.items.last.end(),
                       [&](const ui::DrawnItem& item) { return item.text.find(words) != std::string::npos; });
}

std::uint32_t SecondDisplay::pixel(int x, int y) const {
    if (pixels_.empty() || x < 0 || y < 0 || x >= width_ || y >= height_) return 0;
    return pixels_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)] &
           0xFFFFFF;
}

bool SecondDisplay::savePng(const std::string& file) const {
    if (pixels_.empty()) return false;
    std::vector<std::uint8_t> rgba;
    rgba.reserve(pixels_.size() * 4);
    for (const std::uint32_t argb : pixels_) {
        rgba.push_back(static_cast<std::uint8_t>(argb >> 16));
        rgba.push_back(static_cast<std::uint8_t>(argb >> 8));
        rgba.push_back(static_cast<std::uint8_t>(argb));
        rgba.push_back(255);
    }
    const int written = stbi_write_png(file.c_str(), width_, height_, 4, rgba.data(), width_ * 4);
    if (!written) std::cerr << "village-kiosk: cannot write " << file << "\n";
    return written != 0;
}

}  // namespace vk::app
