#pragma once
#include <span>
#include <string_view>

namespace vk::i18n {

// The translation files of assets/i18n, compiled into the binary so that a kiosk never starts without text.
struct EmbeddedCatalog {
    std::string_view language;
    std::string_view tomlText;
};

std::span<const EmbeddedCatalog> embeddedCatalogs();

}  // namespace vk::i18n
