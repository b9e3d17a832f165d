#pragma once
// The [timebank] section of kiosk.toml (docs/configuration.md, docs/timebank.md).

#include "kiosk/services/board/board_settings.h"

#include <optional>
#include <string>
#include <vector>

namespace vk::services::timebank {

struct TimeBankSettings {
    // Optional limits on a balance, in minutes. A member who received more than they gave may go down to
    // min_balance_minutes (e.g. -600: ten hours owed); one who gave a lot stops at max_balance_minutes, so that
    // nobody hoards hours the others can never pay back. Unset: no limit. Corrections ignore the limits.
    std::optional<int> minBalanceMinutes;
    std::optional<int> maxBalanceMinutes;
    // The board's categories ([board] categories), and « other » for what fits none of them. Filled by the area.
    std::vector<std::string> categories = withOther(board::defaultCategories());

    static std::vector<std::string> withOther(std::vector<std::string> categories) {
        categories.push_back("other");
        return categories;
    }
};

}  // namespace vk::services::timebank
