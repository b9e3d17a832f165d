#pragma once
// Everything the screens show that is not in the database: where the kiosk is, who is signed in, what has
// been typed. returnHome() throws the typed part away.

#include "kiosk/services/staff_service.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "storage/audit_log.h"
#include "storage/village_info_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vk::app {

enum class ScreenId { Home, Health, Parcels, Board, VillageInfo, StaffSignIn, StaffHome, StaffAccounts, StaffAudit };

struct StaffSignInForm {
    std::vector<services::StaffAccount> accounts;
    std::optional<std::string> accountId;  // chosen by name or by card; then the PIN pad shows
    std::string accountName;
    std::string pin;
    std::int64_t lockedUntil = 0;  // read once when the account is chosen and after each attempt
    std::string message;           // already translated
    bool messageIsError = false;
};

struct StaffAccountsForm {
    enum class Mode { List, Add, NewPin, ConfirmRemove };
    enum class Field { Name, Pin };
    Mode mode = Mode::List;
    Field field = Field::Name;
    std::vector<services::StaffAccount> accounts;
    std::string accountId;  // the account being changed
    std::string accountName;
    std::string name;
    std::string pin;
    services::StaffRole role = services::StaffRole::CafeManager;
    ui::KeyboardState keyboard;
    std::string message;
    bool messageIsError = false;
};

struct AppState {
    ScreenId screen = ScreenId::Home;
    std::optional<services::StaffSession> staff;
    StaffSignInForm signIn;
    StaffAccountsForm accounts;
    std::vector<storage::VillageInfoEntry> villageInfo;
    std::vector<storage::AuditEntry> audit;
    bool visitorChoseOtherLanguage = false;
    // For the technician: problems found at start-up (configuration, font). Kept until the kiosk restarts.
    std::vector<std::string> notices;
    // Set when the kiosk cannot work at all (no database): every screen gives way to the out-of-order one.
    std::string outOfOrder;
};

}  // namespace vk::app
