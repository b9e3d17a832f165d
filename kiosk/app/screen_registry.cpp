#include "kiosk/app/screen_registry.h"

#include <stdexcept>

namespace vk::app {

void ScreenRegistry::add(ScreenId id, Factory make) {
    const std::string key(id.name);
    if (screens_.count(key)) throw std::logic_error("two screens registered as " + key);
    Entry entry{id, std::move(make), nullptr};
    entry.screen = entry.make();
    screens_.emplace(key, std::move(entry));
}

Screen* ScreenRegistry::find(ScreenId id) {
    const auto found = screens_.find(id.name);
    return found == screens_.end() ? nullptr : found->second.screen.get();
}

const Screen* ScreenRegistry::find(ScreenId id) const {
    const auto found = screens_.find(id.name);
    return found == screens_.end() ? nullptr : found->second.screen.get();
}

void ScreenRegistry::resetAll() {
    for (auto& [key, entry] : screens_) entry.screen = entry.make();
}

void ScreenRegistry::checkLinks() const {
    for (const HomeTile& tile : tiles_)
        if (!has(tile.screen))
            throw std::logic_error(std::string("home tile ") + tile.id + " leads to unregistered screen " +
                                   std::string(tile.screen.name));
    for (const StaffTool& tool : tools_)
        if (!has(tool.screen))
            throw std::logic_error(std::string("staff tool ") + tool.id + " leads to unregistered screen " +
                                   std::string(tool.screen.name));
}

std::vector<ScreenId> ScreenRegistry::ids() const {
    std::vector<ScreenId> ids;
    for (const auto& [key, entry] : screens_) ids.push_back(entry.id);
    return ids;
}

}  // namespace vk::app
