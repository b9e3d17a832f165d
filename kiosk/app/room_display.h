#pragma once
// What an area shows on a display of its own in a room (the waiting room's TV): the content of its public screen
// without the header, « Écouter » or anything to tap, in the kiosk's configured language, whatever the visitor
// at the touch screen chose. The kiosk draws it in a second window (kiosk/app/second_display.h); the area's public
// screen on the main window draws the same content under its header.

#include "kiosk/app/kiosk_services.h"
#include "kiosk/services/display_placement.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace vk::app {

class RoomDisplay {
public:
    virtual ~RoomDisplay() = default;

    struct Refresh {
        bool changed = false;                 // it shows something else than before: draw it again
        std::optional<std::string> announce;  // a new call to sound, named so that two windows sound it once
    };
    // Loads what it shows from the services (a few queries: called after input and at each minute, never in a
    // loop).
    virtual Refresh refresh(KioskServices& services) = 0;
    // Fills the current ImGui window (the whole display, at the cursor).
    virtual void draw() = 0;

protected:
    RoomDisplay() = default;
    RoomDisplay(const RoomDisplay&) = default;
    RoomDisplay& operator=(const RoomDisplay&) = default;
};

// What the area registers (ScreenRegistry::setRoomDisplay): a display made anew for each window, and the display
// its settings choose for it.
struct RoomDisplayEntry {
    std::function<std::unique_ptr<RoomDisplay>()> make;
    std::function<services::DisplayChoice(const services::KioskConfig& config)> choice;
};

}  // namespace vk::app
