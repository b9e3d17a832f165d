#include "hardware/backlight.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>
#include <vector>

namespace vk::hardware {

Backlight::Backlight(std::filesystem::path classDir) {
    std::error_code ec;
    std::vector<std::filesystem::path> devices;
    for (const auto& entry : std::filesystem::directory_iterator(classDir, ec))
        if (std::filesystem::exists(entry.path() / "bl_power", ec)) devices.push_back(entry.path());
    // Several (a firmware one and the GPU's): the same choice every start, whatever order the kernel listed them.
    std::sort(devices.begin(), devices.end());
    if (!devices.empty()) device_ = devices.front();
}

std::string Backlight::name() const { return device_.filename().string(); }

std::optional<std::string> Backlight::setLit(bool lit) {
    if (!present()) return std::nullopt;
    // Only a change is written: a kiosk that is never dark never needs the file to be writable.
    if (std::ifstream in(powerFile()); in) {
        int current = -1;
        if ((in >> current) && (current == 0) == lit) {
            lastProblem_.clear();
            return std::nullopt;
        }
    }
    std::ofstream out(powerFile());
    if (out) out << (lit ? "0" : "4") << '\n';
    if (out) out.flush();
    if (out) {
        lastProblem_.clear();
        return std::nullopt;
    }
    const int error = errno;
    std::string problem = "cannot " + std::string(lit ? "light" : "switch off") + " the backlight " + name() + " (" +
                          (powerFile()).string() + ": " + std::strerror(error) + ")";
    if (error == EACCES || error == EPERM || error == EROFS)
        problem += "; the udev rule in /lib/udev/rules.d/70-village-kiosk.rules gives it to the video group";
    // Said once: the next dark evening would say the same.
    if (problem == lastProblem_) return std::nullopt;
    lastProblem_ = problem;
    return problem;
}

}  // namespace vk::hardware
