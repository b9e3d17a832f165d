#pragma once
// The panel's backlight, through the kernel's backlight class: /sys/class/backlight/<device>/bl_power, 0 lit and
// 4 off (FB_BLANK_UNBLANK, FB_BLANK_POWERDOWN). Outside the screen's hours a black picture alone leaves the lamp
// behind it burning all night; where the panel has such a device (all-in-one touch PCs, laptop-style panels) the
// kiosk switches it off as well. A monitor on HDMI or DisplayPort has none: its picture is only black.
// The file is root's unless udev gives it to the video group (systemd/udev/70-village-kiosk.rules).

#include <filesystem>
#include <optional>
#include <string>

namespace vk::hardware {

class Backlight {
public:
    // The first device, by name, under `classDir`; none there is a backlight that does nothing.
    explicit Backlight(std::filesystem::path classDir = "/sys/class/backlight");

    bool present() const { return !device_.empty(); }
    // "intel_backlight"; empty when there is none.
    std::string name() const;
    // Its switch, bl_power.
    std::filesystem::path powerFile() const { return device_ / "bl_power"; }

    // Lights the lamp or puts it out. Returns what went wrong (no permission, a device gone), once per kind of
    // failure; nothing when it worked or there is no device.
    std::optional<std::string> setLit(bool lit);

private:
    std::filesystem::path device_;
    std::string lastProblem_;
};

}  // namespace vk::hardware
