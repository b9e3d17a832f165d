#pragma once
// What the areas bring to the interface: screens by id, home tiles, staff tools and what a card or barcode
// means to them. Each area fills it from its registerXxxScreens function (kiosk/app/areas.cpp lists them);
// nothing central lists the screens.

#include "kiosk/app/room_display.h"
#include "kiosk/app/screen.h"

#include <imgui.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vk::app {

struct HomeTile {
    const char* id;           // the widget id, "home.tile.health"
    const char* icon;         // a glyph of the symbol font
    const char* titleKey;     // translation keys
    const char* subtitleKey;
    ImU32 color;
    ScreenId screen;
};

// A button of the staff home, shown to the roles that may use it.
struct StaffTool {
    const char* id;
    const char* labelKey;
    ScreenId screen;
    std::function<bool(services::StaffRole)> allowed;
    bool primary = false;
};

// A card or barcode read outside a screen that takes it: returns true when the area used it. Handlers are
// asked in the order the areas are registered.
using ReadHandler = std::function<bool(ScreenContext&, const hardware::ReaderEvent&)>;

// Run before every frame, on the loop's thread, whichever screen is up: an area takes here what its workers
// finished (a PIN check) and hands it to its screens.
using FrameHook = std::function<void(ScreenContext&)>;

class ScreenRegistry {
public:
    using Factory = std::function<std::unique_ptr<Screen>()>;

    void add(ScreenId id, Factory make);
    template <class S>
    void add(ScreenId id) {
        add(id, [] { return std::make_unique<S>(); });
    }
    void addHomeTile(HomeTile tile) { tiles_.push_back(tile); }
    void addStaffTool(StaffTool tool) { tools_.push_back(std::move(tool)); }
    void addReadHandler(ReadHandler handler) { readHandlers_.push_back(std::move(handler)); }
    void addFrameHook(FrameHook hook) { frameHooks_.push_back(std::move(hook)); }
    // The one area whose public screen may go to a display of its own (the health centre's calling screen).
    void setRoomDisplay(RoomDisplayEntry entry) { roomDisplay_ = std::move(entry); }

    // Null for an id nobody registered.
    Screen* find(ScreenId id);
    const Screen* find(ScreenId id) const;
    bool has(ScreenId id) const { return screens_.count(std::string(id.name)) > 0; }
    // Every screen made anew: what was typed, listed or said is forgotten.
    void resetAll();
    // Throws std::logic_error naming the first home tile or staff tool whose screen is not registered.
    void checkLinks() const;

    std::vector<ScreenId> ids() const;
    const std::vector<HomeTile>& homeTiles() const { return tiles_; }
    const std::vector<StaffTool>& staffTools() const { return tools_; }
    const std::vector<ReadHandler>& readHandlers() const { return readHandlers_; }
    const std::vector<FrameHook>& frameHooks() const { return frameHooks_; }
    // Empty (no `make`) when no area registered one.
    const RoomDisplayEntry& roomDisplay() const { return roomDisplay_; }

private:
    struct Entry {
        ScreenId id;
        Factory make;
        std::unique_ptr<Screen> screen;
    };
    std::map<std::string, Entry, std::less<>> screens_;
    std::vector<HomeTile> tiles_;
    std::vector<StaffTool> tools_;
    std::vector<ReadHandler> readHandlers_;
    std::vector<FrameHook> frameHooks_;
    RoomDisplayEntry roomDisplay_;
};

// One area's screens. kiosk/app/areas.cpp lists them, one line per area, in the order of the home tiles.
struct UiArea {
    const char* id;
    void (*registerScreens)(ScreenRegistry& registry);
};
const std::vector<UiArea>& uiAreas();

}  // namespace vk::app
