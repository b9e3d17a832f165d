#pragma once
// The [board] section of kiosk.toml (docs/configuration.md).

#include <map>
#include <string>
#include <vector>

namespace vk::services::board {

// The categories a new kiosk offers, from the issue; each has a translation key board.category.<id>. A
// configured category that is not one of these is shown as it is written.
inline const std::vector<std::string>& defaultCategories() {
    static const std::vector<std::string> categories{"home_help", "garden", "transport", "company", "computer",
                                                     "meals"};
    return categories;
}

struct BoardSettings {
    std::vector<std::string> categories = defaultCategories();
    int postDays = 30;  // a post stays on the board this long, renewable
    // Villages whose offers match each other's requests, besides the same village: { "A" = ["B", "C"] }. The
    // relation is made symmetric when read (A lists B: B's requests also see A's offers).
    std::map<std::string, std::vector<std::string>> neighbours;
    std::string webAddress;  // printed as a QR code on a post's slip when set
};

}  // namespace vk::services::board
