#include "kiosk/services/health/ical_zones.h"

#include <algorithm>
#include <string>

namespace vk::services::health {
namespace {

bool isSafeZoneName(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != std::string_view::npos)
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
               c == '_' || c == '-' || c == '+';
    });
}

}  // namespace

std::mutex& libicalMutex() {
    static std::mutex mutex;
    return mutex;
}

icaltimezone* systemZone(std::string_view name) {
    // Evolution and libical itself write their zones as "/freeassociation.sourceforge.net/[Tzfile/]Europe/Paris".
    for (const std::string_view prefix : {"/freeassociation.sourceforge.net/Tzfile/",
                                          "/freeassociation.sourceforge.net/"}) {
        if (name.substr(0, prefix.size()) == prefix) {
            name.remove_prefix(prefix.size());
            break;
        }
    }
    if (name == "UTC" || name == "Etc/UTC" || name == "GMT" || name == "Z") return icaltimezone_get_utc_timezone();
    if (!isSafeZoneName(name)) return nullptr;
    return icaltimezone_get_builtin_timezone(std::string(name).c_str());
}

}  // namespace vk::services::health
