#include "kiosk/app/headless_kiosk.h"

#include <SDL.h>
#include <stb_image_write.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

namespace vk::app {

HeadlessKiosk::HeadlessKiosk(KioskServices* services, const services::KioskConfig& config, int width, int height,
                             bool withAudio)
    : width_(width), height_(height), rotation_(config.rotationDegrees),
      turnedFrame_(std::make_unique<TurnedFrame>(rotation_)), glass_{0, 0, width, height}, services_(services) {
    surface_ = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ABGR8888);
    if (!surface_) throw std::runtime_error(std::string("cannot make an off-screen surface: ") + SDL_GetError());
    renderer_ = SDL_CreateSoftwareRenderer(surface_);
    if (!renderer_) throw std::runtime_error(std::string("cannot make a software renderer: ") + SDL_GetError());
    auto audio = std::make_unique<ui::MemoryAudio>(withAudio);
    audio_ = audio.get();
    ui_ = std::make_unique<KioskUi>(renderer_, services, config, std::move(audio));
    const LayoutSize layout = rotation_.layoutSize(width, height);
    ui_->resize(layout.width, layout.height);
    ui_->noteInput(nowMs());
    frame();
}

HeadlessKiosk::~HeadlessKiosk() {
    ui_.reset();
    turnedFrame_.reset();  // its texture belongs to the renderer
    SDL_DestroyRenderer(renderer_);
    SDL_FreeSurface(surface_);
}

std::int64_t HeadlessKiosk::nowMs() const { return services_ ? services_->clock.nowMs() : services::SystemClock().nowMs(); }

void HeadlessKiosk::frame() {
    const std::int64_t now = nowMs();
    ui_->tick(now);
    if (services_) {
        while (auto read = services_->readers.take()) {
            ui_->noteInput(now);
            ui_->onReaderEvent(*read);
        }
    }
    ui_->setPointer(pacer_.takePointerStep(pointer_));
    const bool paint = framesDrawn_++ % paintEvery_ == 0;
    ui_->setPainting(paint);
    if (!paint) {
        ui_->renderFrame(now);
        return;
    }
    const bool wholeWindow = glass_ == services::ScreenArea{0, 0, width_, height_};
    if (auto problem = turnedFrame_->begin(renderer_, glass_, wholeWindow)) throw std::runtime_error(*problem);
    ui_->renderFrame(now);
    turnedFrame_->end(renderer_);
    if (alongside_) alongside_(renderer_);
    SDL_RenderFlush(renderer_);
}

void HeadlessKiosk::spreadOver(const services::ScreenArea& glass, std::function<void(SDL_Renderer*)> alongside) {
    glass_ = glass;
    alongside_ = std::move(alongside);
    const LayoutSize layout = rotation_.layoutSize(glass.width, glass.height);
    ui_->resize(layout.width, layout.height);
    frame();
}

void HeadlessKiosk::frames(int count) {
    for (int i = 0; i < count; ++i) frame();
}

const ui::DrawnItem* HeadlessKiosk::find(const std::string& widgetId) const {
    for (const auto& item : ui::lastFrameItems())
        if (!item.id.empty() && item.id == widgetId) return &item;
    return nullptr;
}

bool HeadlessKiosk::tap(const std::string& widgetId) {
    const ui::DrawnItem* item = find(widgetId);
    if (!item || !item->tappable) return false;
    const ImVec2 at = item->center();
    tapAt(at.x, at.y);
    return true;
}

void HeadlessKiosk::tapAt(float x, float y) {
    ui_->noteInput(nowMs());
    pointer_.press(x, y);
    pointer_.release(x, y, true);
    // Land, press, release, leave: four states, then one more frame to draw what the tap changed.
    frames(5);
    // A PIN is checked on a worker thread: wait for it (bounded), as a person waits for the pad's answer.
    if (services_) {
        const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (services_->staff.pinCheckPending() && std::chrono::steady_clock::now() < giveUp) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            frame();
        }
        frame();
    }
}

void HeadlessKiosk::tapGlassAt(float glassX, float glassY) {
    const LayoutPoint at = rotation_.toLayout(glassX - static_cast<float>(glass_.x),
                                              glassY - static_cast<float>(glass_.y), glass_.width, glass_.height);
    tapAt(at.x, at.y);
}

void HeadlessKiosk::drag(float fromX, float fromY, float toX, float toY, int steps) {
    ui_->noteInput(nowMs());
    pointer_.press(fromX, fromY);
    frames(2);
    for (int i = 1; i <= steps; ++i) {
        const float t = static_cast<float>(i) / static_cast<float>(steps);
        pointer_.moveTo(fromX + (toX - fromX) * t, fromY + (toY - fromY) * t);
        frame();
    }
    pointer_.release(toX, toY, true);
    frames(3);
}

bool HeadlessKiosk::shows(const std::string& words) const {
    for (const auto& item : ui::lastFrameItems())
        if (item.text.find(words) != std::string::npos) return true;
    return false;
}

std::uint32_t HeadlessKiosk::pixel(int x, int y) const {
    const auto* row = static_cast<const std::uint8_t*>(surface_->pixels) + y * surface_->pitch;
    const std::uint8_t* p = row + x * 4;
    // ABGR8888 is R, G, B, A in memory on little-endian machines.
    return (static_cast<std::uint32_t>(p[0]) << 16) | (static_cast<std::uint32_t>(p[1]) << 8) | p[2];
}

bool HeadlessKiosk::savePng(const std::filesystem::path& file) const {
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    if (SDL_MUSTLOCK(surface_)) SDL_LockSurface(surface_);
    const int written = stbi_write_png(file.string().c_str(), width_, height_, 4, surface_->pixels, surface_->pitch);
    if (SDL_MUSTLOCK(surface_)) SDL_UnlockSurface(surface_);
    if (!written) std::fprintf(stderr, "village-kiosk: cannot write %s\n", file.string().c_str());
    return written != 0;
}

}  // namespace vk::app
