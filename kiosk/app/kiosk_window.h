#pragma once
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/kiosk_runtime.h"

#include <optional>
#include <string>

namespace vk::app {

struct WindowOptions {
    bool fullscreen = true;
    int width = 1280;  // when windowed
    int height = 800;
    services::RendererChoice renderer = services::RendererChoice::Software;
    // For the benchmark: print the time of the first presented frame, and quit after this many ms (0: never).
    bool reportFirstFrame = false;
    int quitAfterMs = 0;
    // For the benchmark: once the first frame is shown, draw this many more back to back and print their total
    // time, present included, as `busy-frames N total-us T`. The kiosk never runs like this otherwise.
    int busyFrames = 0;
};

// Opens the window and runs the kiosk until the window is closed. `runtime` is null when the database could
// not be opened: the kiosk then shows the out-of-order screen with `outOfOrder`. Returns the process exit code.
int runKioskWindow(const WindowOptions& options, services::KioskRuntime* runtime, const services::KioskConfig& config,
                   const std::vector<std::string>& notices, const std::string& outOfOrder);

}  // namespace vk::app
