#pragma once
// The TOML side of SettingsReader, for kiosk_config.cpp and settings_reader.cpp only: areas never see toml++.

#include "kiosk/services/settings_reader.h"

#include <toml++/toml.h>

namespace vk::services {

struct SettingsReader::Table {
    const toml::table& toml;
};

int lineOf(const toml::node& node);

}  // namespace vk::services
