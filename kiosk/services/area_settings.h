#pragma once
// Each area's own part of the configuration, kept by type: the health area reads and writes a HealthSettings,
// the devices area a DeviceSettings, and nothing central lists them. A type never read from a file gives its
// defaults.

#include <any>
#include <map>
#include <typeindex>

namespace vk::services {

class AreaSettings {
public:
    template <class Settings>
    Settings& get() {
        std::any& slot = values_[std::type_index(typeid(Settings))];
        if (!slot.has_value()) slot = Settings{};
        return std::any_cast<Settings&>(slot);
    }
    template <class Settings>
    const Settings& get() const {
        const auto found = values_.find(std::type_index(typeid(Settings)));
        if (found == values_.end()) {
            static const Settings defaults{};
            return defaults;
        }
        return std::any_cast<const Settings&>(found->second);
    }

private:
    std::map<std::type_index, std::any> values_;
};

}  // namespace vk::services
