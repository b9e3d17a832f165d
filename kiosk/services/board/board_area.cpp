#include "kiosk/services/board/board_area.h"

#include "kiosk/services/kiosk_config.h"
#include "hardware/receipt.h"
#include "kiosk/services/staff_service.h"

#include <algorithm>

namespace vk::services::board {
namespace {

void readBoardSettings(SettingsReader& reader, AreaSettings& areas) {
    BoardSettings& settings = areas.get<BoardSettings>();
    reader.textList("categories", settings.categories, 40, 30);
    if (settings.categories.empty()) {
        reader.problem("categories", "must list at least one category; the default ones are used");
        settings.categories = defaultCategories();
    }
    reader.integer("post_days", settings.postDays, 1, 365, "days");
    std::map<std::string, std::vector<std::string>> neighbours;
    reader.textListTable("neighbours", neighbours, 80);
    for (const auto& [village, others] : neighbours)
        for (const std::string& other : others) {
            auto& forward = settings.neighbours[village];
            if (std::find(forward.begin(), forward.end(), other) == forward.end()) forward.push_back(other);
            auto& backward = settings.neighbours[other];
            if (std::find(backward.begin(), backward.end(), village) == backward.end()) backward.push_back(village);
        }
    reader.text("web_address", settings.webAddress, 300);
    if (!settings.webAddress.empty() && !settings.webAddress.starts_with("https://") &&
        !settings.webAddress.starts_with("http://")) {
        reader.problem("web_address", "must be an http:// or https:// address");
        settings.webAddress.clear();
    }
}

std::unique_ptr<AreaServices> makeBoardServices(const AreaContext& context) {
    return std::make_unique<BoardServices>(context);
}

}  // namespace

BoardServices::BoardServices(const AreaContext& context)
    : settings(context.config.areas.get<BoardSettings>()),
      members(context.database, context.clock, context.staff, context.staff.pinHasher(), context.staff.policy()),
      board(context.database, context.clock, context.staff, settings),
      printer_(context.printer) {}

void BoardServices::printSlip(const BoardPost& post) { printer_.submit(board.slip(post)); }

AreaDefinition boardArea() {
    return {"board",
            "board",
            &readBoardSettings,
            {{"removed_members_days", 365}, {"board_posts_days", 90}},
            &makeBoardServices};
}

}  // namespace vk::services::board
